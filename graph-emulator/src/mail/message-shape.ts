import type { MessageView } from '../store/mail/mail-store.js';
import { attachmentJson } from './attachment-shape.js';

/** The message properties Graph v1.0 returns by default, in its order; `internetMessageHeaders` only when selected. */
export const DEFAULT_MESSAGE_PROPERTIES = [
  'createdDateTime', 'lastModifiedDateTime', 'changeKey', 'categories', 'receivedDateTime', 'sentDateTime',
  'hasAttachments', 'internetMessageId', 'subject', 'bodyPreview', 'importance', 'parentFolderId', 'conversationId',
  'conversationIndex', 'isDeliveryReceiptRequested', 'isReadReceiptRequested', 'isRead', 'isDraft', 'webLink',
  'inferenceClassification', 'body', 'sender', 'from', 'toRecipients', 'ccRecipients', 'bccRecipients', 'replyTo', 'flag',
] as const;

export interface MessageShapeOptions {
  immutableIds: boolean;
  bodyContentType: 'html' | 'text';
  /** Lower-cased → canonical names, already validated; undefined = default set. */
  select?: string[];
  /** Relationships to expand, already validated (`attachments`). */
  expand?: string[];
}

const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const recipient = (address: { name: string; address: string }) => ({ emailAddress: { name: address.name, address: address.address } });

/** One property of the message as Graph writes it in JSON (what `$filter` and `$orderby` read). */
export function messageProperty(view: MessageView, name: string, options: MessageShapeOptions): unknown {
  if (name === 'id') return options.immutableIds ? view.immutableId : view.id;
  switch (name) {
    case 'createdDateTime': return iso(view.createdDateTime);
    case 'lastModifiedDateTime': return iso(view.lastModifiedDateTime);
    case 'changeKey': return view.changeKey;
    case 'categories': return [];
    case 'receivedDateTime': return iso(view.receivedDateTime);
    case 'sentDateTime': return iso(view.sentDateTime);
    case 'hasAttachments': return view.hasAttachments;
    case 'internetMessageId': return view.internetMessageId;
    case 'subject': return view.subject;
    case 'bodyPreview': return view.bodyPreview();
    case 'importance': return view.importance;
    case 'parentFolderId': return view.parentFolderId;
    case 'conversationId': return view.conversationId;
    case 'conversationIndex': return view.conversationIndex;
    case 'isDeliveryReceiptRequested': return false;
    case 'isReadReceiptRequested': return false;
    case 'isRead': return view.isRead;
    case 'isDraft': return view.isDraft;
    case 'webLink':
      return `https://outlook.office365.com/owa/?ItemID=${encodeURIComponent(options.immutableIds ? view.immutableId : view.id)}&exvsurl=1&viewmodel=ReadMessageItem`;
    case 'inferenceClassification': return 'focused';
    case 'body': return view.body(options.bodyContentType);
    case 'uniqueBody': return view.body(options.bodyContentType);
    case 'sender': return recipient(view.sender);
    case 'from': return recipient(view.from);
    case 'toRecipients': return view.toRecipients.map(recipient);
    case 'ccRecipients': return view.ccRecipients.map(recipient);
    case 'bccRecipients': return view.bccRecipients.map(recipient);
    case 'replyTo': return view.replyTo.map(recipient);
    case 'flag': return { flagStatus: 'notFlagged' };
    case 'internetMessageHeaders': return view.internetMessageHeaders();
    default: return undefined;
  }
}

/** The message as Graph writes it: `@odata.etag`, `id`, then the default or selected properties. */
export function messageJson(view: MessageView, options: MessageShapeOptions): Record<string, unknown> {
  const json: Record<string, unknown> = {
    '@odata.etag': `W/"${view.changeKey}"`,
    id: options.immutableIds ? view.immutableId : view.id,
  };
  for (const name of options.select ?? DEFAULT_MESSAGE_PROPERTIES) json[name] = messageProperty(view, name, options);
  if (options.expand?.includes('attachments')) json.attachments = view.attachments().map((attachment) => attachmentJson(attachment));
  return json;
}
