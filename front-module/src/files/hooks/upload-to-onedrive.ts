/** Where an upload goes: a folder of the member's OneDrive (its root without parentItemId), and a record to link it to. */
export interface UploadTarget {
  connectedAccountId: string;
  parentItemId?: string | null;
  record?: { objectName: 'person' | 'company'; recordId: string };
}

/** PUTs the file to the plugin's upload route with progress (0..1); resolves with the new item, or rejects with the refusal's words. */
export function uploadToOneDrive(target: UploadTarget, file: File, onProgress: (fraction: number) => void): Promise<{ itemId: string; name: string; linkId: string | null }> {
  const query = new URLSearchParams({ name: file.name, size: String(file.size) });
  if (target.parentItemId) query.set('parentItemId', target.parentItemId);
  if (target.record) {
    query.set('objectName', target.record.objectName);
    query.set('recordId', target.record.recordId);
  }
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('PUT', `/microsoft/files/accounts/${encodeURIComponent(target.connectedAccountId)}/upload?${query}`);
    request.withCredentials = true;
    request.setRequestHeader('content-type', file.type || 'application/octet-stream');
    request.upload.onprogress = (event) => event.lengthComputable && onProgress(event.loaded / event.total);
    request.onload = () => {
      let body: { itemId?: string; name?: string; linkId?: string | null; message?: string } = {};
      try {
        body = JSON.parse(request.responseText) as typeof body;
      } catch {
        // not JSON: the status says it
      }
      if (request.status === 201 && body.itemId) resolve({ itemId: body.itemId, name: body.name ?? file.name, linkId: body.linkId ?? null });
      else reject(new Error(body.message ?? `The upload failed (${request.status}).`));
    };
    request.onerror = () => reject(new Error('The upload was interrupted.'));
    request.send(file);
  });
}
