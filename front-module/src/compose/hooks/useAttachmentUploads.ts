import { useCallback, useState } from 'react';
import { attachmentSizeError } from '../compose-limits';

export interface UploadItem {
  key: string;
  name: string;
  size: number;
  /** 0..1 while uploading */
  progress: number;
  state: 'uploading' | 'done' | 'failed' | 'refused';
  error: string | null;
  attachmentId: string | null;
}

/** The upload route's answer for one file (201 with the attachment, or a refusal naming the limit). */
function uploadFile(draftId: string, file: File, onProgress: (fraction: number) => void): Promise<{ id: string }> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('PUT', `/microsoft/compose/drafts/${encodeURIComponent(draftId)}/attachments?name=${encodeURIComponent(file.name)}&size=${file.size}`);
    request.withCredentials = true;
    request.setRequestHeader('content-type', file.type || 'application/octet-stream');
    request.upload.onprogress = (event) => event.lengthComputable && onProgress(event.loaded / event.total);
    request.onload = () => {
      const body = (() => {
        try {
          return JSON.parse(request.responseText) as { id?: string; message?: string };
        } catch {
          return {};
        }
      })();
      if (request.status === 201 && body.id) resolve({ id: body.id });
      else reject(new Error(body.message ?? `The upload failed (${request.status}).`));
    };
    request.onerror = () => reject(new Error('The upload was interrupted.'));
    request.send(file);
  });
}

/** Attachments with per-file progress; size errors are shown before anything is uploaded. */
export function useAttachmentUploads(ensureDraftId: () => Promise<string | null>, onUploaded: () => void) {
  const [items, setItems] = useState<UploadItem[]>([]);
  const update = (key: string, patch: Partial<UploadItem>) => setItems((current) => current.map((item) => (item.key === key ? { ...item, ...patch } : item)));

  const add = useCallback(
    async (files: File[], alreadyAttachedBytes: number) => {
      let attached = alreadyAttachedBytes;
      const accepted: Array<{ key: string; file: File }> = [];
      const added: UploadItem[] = files.map((file) => {
        const key = `${file.name}-${file.size}-${Math.random().toString(36).slice(2)}`;
        const error = attachmentSizeError(file, attached);
        if (!error) {
          attached += file.size;
          accepted.push({ key, file });
        }
        return { key, name: file.name, size: file.size, progress: 0, state: error ? 'refused' : 'uploading', error, attachmentId: null };
      });
      setItems((current) => [...current, ...added]);
      if (accepted.length === 0) return;
      const draftId = await ensureDraftId();
      if (!draftId) {
        accepted.forEach(({ key }) => update(key, { state: 'failed', error: 'The draft could not be saved to Outlook yet.' }));
        return;
      }
      for (const { key, file } of accepted) {
        try {
          const { id } = await uploadFile(draftId, file, (progress) => update(key, { progress }));
          update(key, { state: 'done', progress: 1, attachmentId: id });
          onUploaded();
        } catch (failure) {
          update(key, { state: 'failed', error: (failure as Error).message });
        }
      }
    },
    [ensureDraftId, onUploaded],
  );

  const remove = useCallback(
    async (key: string, draftId: string | null) => {
      const item = items.find((candidate) => candidate.key === key);
      setItems((current) => current.filter((candidate) => candidate.key !== key));
      if (item?.attachmentId && draftId) {
        await fetch(`/microsoft/compose/drafts/${encodeURIComponent(draftId)}/attachments/${encodeURIComponent(item.attachmentId)}`, { method: 'DELETE', credentials: 'same-origin' });
        onUploaded();
      }
    },
    [items, onUploaded],
  );

  const uploading = items.some((item) => item.state === 'uploading');
  return { items, add, remove, uploading };
}
