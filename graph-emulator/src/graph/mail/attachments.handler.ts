import { graph } from '../../errors/error-factory.js';
import type { EmulatorContext } from '../../http/emulator-context.js';
import { attachmentJson, attachmentProperty } from '../../mail/attachment-shape.js';
import { messageMime } from '../../mail/message-mime.js';
import { collectionBody, countResult, pageSize } from '../../odata/collection-response.js';
import { parseQuery, type OptionName } from '../../odata/query-options.js';
import { runQuery } from '../../odata/query-engine.js';
import { ATTACHMENT_RESOURCE } from '../../odata/resources/attachment-resource.js';
import { MESSAGE_RESOURCE } from '../../odata/resources/message-resource.js';
import type { UserRecord } from '../../store/emulator-records.js';
import type { AttachmentView, MessageView } from '../../store/mail/mail-store.js';
import type { GraphCall, GraphResult } from '../graph-call.js';
import { mailboxAccess, metadata } from './mail-access.js';

// message-list-attachments documents the OData query parameters; attachments take no $search (400 from the table).
const LIST_OPTIONS: OptionName[] = ['$select', '$filter', '$orderby', '$top', '$skip', '$count', '$search', '$expand'];
const COUNT_OPTIONS: OptionName[] = ['$filter'];

interface MessageTarget {
  user: UserRecord;
  message: MessageView;
  /** The request's path up to the message, as the client wrote it (links keep it). */
  messagePath: string;
}

/**
 * The message a `…[/mailFolders/{folder}]/messages/{id}/…` path names, after the mail checks: Mail.Read covers
 * attachments and MIME content; a message not in the named folder is not found there.
 */
function targetMessage(context: EmulatorContext, call: GraphCall, [userSegment, folderSegment, messageSegment]: string[]): MessageTarget {
  const { user, basePath } = mailboxAccess(context, call, userSegment!);
  const message = context.store.mail.getMessage(user.id, messageSegment!);
  if (!message) throw graph.itemNotFound();
  if (folderSegment) {
    const folder = context.store.mail.getFolder(user.id, folderSegment);
    if (!folder || folder.id !== message.parentFolderId) throw graph.itemNotFound();
  }
  const folderPath = folderSegment ? `/mailFolders/${encodeURIComponent(folderSegment)}` : '';
  return { user, message, messagePath: `${basePath}${folderPath}/messages/${encodeURIComponent(messageSegment!)}` };
}

/** Unknown ids, and ids of another message's attachments, are not found, as Exchange answers (ErrorItemNotFound). */
function targetAttachment(message: MessageView, id: string): AttachmentView {
  const attachment = message.attachments().find((candidate) => candidate.id === id);
  if (!attachment) throw graph.itemNotFound();
  return attachment;
}

function attachmentsContext(call: GraphCall, target: MessageTarget, rest: string): string {
  return metadata(call, target.user, `messages('${target.message.id}')/attachments${rest}`);
}

/** `GET …/messages/{id}/attachments`: the engine's options over the message's attachments, in attached order. */
export function listAttachments(context: EmulatorContext, call: GraphCall, params: string[]): GraphResult {
  const target = targetMessage(context, call, params);
  const query = parseQuery(call.query, ATTACHMENT_RESOURCE, { allowed: LIST_OPTIONS });
  const size = pageSize(call, ATTACHMENT_RESOURCE, query);
  const page = runQuery({ schema: ATTACHMENT_RESOURCE, all: () => target.message.attachments(), read: attachmentProperty }, query, size.size);
  const selectSuffix = query.select ? `(${query.select.join(',')})` : '';
  const body = collectionBody(call, {
    context: attachmentsContext(call, target, selectSuffix),
    linkPath: `${target.messagePath}/attachments`,
    query,
    page,
    values: page.items.map((attachment) => attachmentJson(attachment, query.select)),
    size: size.size,
  });
  return { status: 200, headers: size.applied ? { 'Preference-Applied': size.applied } : {}, body };
}

/** `GET …/messages/{id}/attachments/$count` (with `$filter`), text/plain. */
export function countAttachments(context: EmulatorContext, call: GraphCall, params: string[]): GraphResult {
  const target = targetMessage(context, call, params);
  const query = parseQuery(call.query, ATTACHMENT_RESOURCE, { allowed: COUNT_OPTIONS });
  return countResult(runQuery({ schema: ATTACHMENT_RESOURCE, all: () => target.message.attachments(), read: attachmentProperty }, query, 0).total);
}

/** `GET …/messages/{id}/attachments/{id}` (`$select`; `$expand` of an itemAttachment's item names what it lacks). */
export function getAttachment(context: EmulatorContext, call: GraphCall, params: string[]): GraphResult {
  const target = targetMessage(context, call, params);
  const { select } = parseQuery(call.query, ATTACHMENT_RESOURCE, { allowed: ['$select', '$expand'] });
  const attachment = targetAttachment(target.message, params[3]!);
  return { status: 200, body: { '@odata.context': attachmentsContext(call, target, '/$entity'), ...attachmentJson(attachment, select) } };
}

/** `GET …/attachments/{id}/$value`: a file attachment's raw bytes, with its own content type. */
export function getAttachmentValue(context: EmulatorContext, call: GraphCall, params: string[]): GraphResult {
  const target = targetMessage(context, call, params);
  parseQuery(call.query, ATTACHMENT_RESOURCE, { allowed: [] });
  const attachment = targetAttachment(target.message, params[3]!);
  return { status: 200, headers: { 'Content-Type': attachment.contentType }, body: attachment.bytes };
}

/** `GET …/messages/{id}/$value`: the message's MIME content, as text/plain as Graph sends it. */
export async function getMessageValue(context: EmulatorContext, call: GraphCall, params: string[]): Promise<GraphResult> {
  const target = targetMessage(context, call, params);
  parseQuery(call.query, MESSAGE_RESOURCE, { allowed: [] });
  return { status: 200, headers: { 'Content-Type': 'text/plain' }, body: await messageMime(target.message) };
}
