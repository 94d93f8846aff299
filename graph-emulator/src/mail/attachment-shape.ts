import type { AttachmentView } from '../store/mail/mail-store.js';

export const FILE_ATTACHMENT_TYPE = '#microsoft.graph.fileAttachment';

/** The attachment properties Graph returns for a fileAttachment, in its order (attachment-get's example). */
const FILE_ATTACHMENT_PROPERTIES = ['lastModifiedDateTime', 'name', 'contentType', 'size', 'isInline', 'contentId', 'contentLocation', 'contentBytes'] as const;

const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** One property of the attachment as Graph writes it in JSON (what `$filter` and `$orderby` read). */
export function attachmentProperty(view: AttachmentView, name: string): unknown {
  switch (name) {
    case 'id': return view.id;
    case 'lastModifiedDateTime': return iso(view.lastModifiedDateTime);
    case 'name': return view.name;
    case 'contentType': return view.contentType;
    case 'size': return view.size;
    case 'isInline': return view.isInline;
    case 'contentId': return view.contentId;
    // fileattachment.md: "Don't use this property as it isn't supported."
    case 'contentLocation': return null;
    case 'contentBytes': return view.bytes.toString('base64');
    default: return undefined;
  }
}

/** `@odata.type`, `id`, then every fileAttachment property, or (with `$select`) the selected ones of attachment. */
export function attachmentJson(view: AttachmentView, select?: string[]): Record<string, unknown> {
  const json: Record<string, unknown> = { '@odata.type': FILE_ATTACHMENT_TYPE, id: view.id };
  for (const name of select ?? FILE_ATTACHMENT_PROPERTIES) json[name] = attachmentProperty(view, name);
  return json;
}
