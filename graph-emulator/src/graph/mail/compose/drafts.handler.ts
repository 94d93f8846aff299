import { graph } from '../../../errors/error-factory.js';
import type { EmulatorContext } from '../../../http/emulator-context.js';
import { messageJson } from '../../../mail/message-shape.js';
import type { UserRecord } from '../../../store/emulator-records.js';
import type { AttachedFile, DraftPatch } from '../../../store/mail/mail-records.js';
import { fileAttachmentInput } from './attachment-input.js';
import type { MessageView } from '../../../store/mail/mail-store.js';
import type { GraphCall, GraphResult } from '../../graph-call.js';
import { appliedHeader, mailboxAccess, metadata, shapePreferences } from '../mail-access.js';
import { composeErrors } from './compose-errors.js';
import { bodyObject, parseMessageInput, readOnlyProperty, type MessageInput } from './message-input.js';

export function requireMessage(context: EmulatorContext, userId: string, id: string): MessageView {
  const message = context.store.mail.getMessage(userId, id);
  if (!message) throw graph.itemNotFound();
  return message;
}

/** The message as a compose request answers it: `@odata.context`, then the message with the caller's `Prefer`. */
export function messageResult(call: GraphCall, user: UserRecord, view: MessageView, status: number): GraphResult {
  const { options, applied } = shapePreferences(call);
  return {
    status,
    headers: appliedHeader(applied),
    body: { '@odata.context': metadata(call, user, 'messages/$entity'), ...messageJson(view, options) },
  };
}

/** A new draft in `folder` (Drafts by default) from a request's message; the user is its sender unless `from` says otherwise. */
export function createDraft(
  context: EmulatorContext, user: UserRecord, input: MessageInput, folder = 'drafts', inReplyTo?: string, copied: AttachedFile[] = [],
): MessageView {
  const attachments = [...copied, ...(input.attachments ?? []).map((attachment) => fileAttachmentInput(attachment))];
  const delivered = context.store.mail.deliverMessage(user.id, {
    folder,
    isDraft: true,
    isRead: input.isRead ?? true,
    ...(input.from ? { from: input.from } : {}),
    to: input.toRecipients ?? [],
    cc: input.ccRecipients ?? [],
    bcc: input.bccRecipients ?? [],
    replyTo: input.replyTo ?? [],
    subject: input.subject ?? '',
    body: input.body?.content ?? '',
    bodyContentType: input.body?.contentType ?? 'text',
    importance: input.importance ?? 'normal',
    ...(input.internetMessageId ? { internetMessageId: input.internetMessageId } : {}),
    ...(input.internetMessageHeaders ? { internetMessageHeaders: input.internetMessageHeaders } : {}),
    ...(inReplyTo ? { inReplyTo } : {}),
    ...(attachments.length > 0 ? { copiedAttachments: attachments } : {}),
  });
  return requireMessage(context, user.id, delivered.id);
}

/** `POST /me/messages` and `POST /me/mailFolders/{id}/messages` → 201 with the draft (Mail.ReadWrite). */
export function createMessage(context: EmulatorContext, call: GraphCall, [userSegment, folder]: string[]): GraphResult {
  const { user } = mailboxAccess(context, call, userSegment!);
  const input = parseMessageInput(bodyObject(call.body, true));
  const target = folder ? context.store.mail.getFolder(user.id, folder) : undefined;
  if (folder && (!target || target.wellKnownName === 'msgfolderroot')) throw graph.itemNotFound();
  return messageResult(call, user, createDraft(context, user, input, target?.id ?? 'drafts'), 201);
}

function draftPatch(input: MessageInput): DraftPatch | undefined {
  const patch: DraftPatch = {
    ...(input.subject !== undefined ? { subject: input.subject } : {}),
    ...(input.body !== undefined ? { body: input.body } : {}),
    ...(input.toRecipients !== undefined ? { to: input.toRecipients } : {}),
    ...(input.ccRecipients !== undefined ? { cc: input.ccRecipients } : {}),
    ...(input.bccRecipients !== undefined ? { bcc: input.bccRecipients } : {}),
    ...(input.replyTo !== undefined ? { replyTo: input.replyTo } : {}),
    ...(input.from !== undefined ? { from: input.from } : {}),
    ...(input.importance !== undefined ? { importance: input.importance } : {}),
  };
  return Object.keys(patch).length > 0 ? patch : undefined;
}

/**
 * `PATCH /me/messages/{id}` → 200 with the message (Mail.ReadWrite). `isRead` on any message; subject, body and
 * recipients only while it is a draft (message-update.md): on a sent or received message Graph answers 200 and
 * leaves them as they are (field reports), and so does the emulator. `If-Match` with an older `@odata.etag` is 412.
 */
export function patchMessage(context: EmulatorContext, call: GraphCall, [userSegment, id]: string[]): GraphResult {
  const { user } = mailboxAccess(context, call, userSegment!);
  if (typeof call.body !== 'object' || call.body === null || Array.isArray(call.body)) throw graph.invalidRequest('The request body must be a JSON object.');
  const readOnly = readOnlyProperty(call.body as Record<string, unknown>);
  if (readOnly) throw graph.invalidProperty(`The property '${readOnly}' cannot be updated on a message.`);
  const input = parseMessageInput(call.body);
  for (const createOnly of ['internetMessageId', 'internetMessageHeaders', 'attachments'] as const) {
    if (input[createOnly] !== undefined) throw composeErrors.badValue(createOnly, 'it can be set only when the message is created');
  }
  let message = requireMessage(context, user.id, id!);
  const ifMatch = call.headers['if-match'];
  if (ifMatch !== undefined && ifMatch.trim() !== '*' && ifMatch.trim() !== `W/"${message.changeKey}"` && ifMatch.trim() !== message.changeKey) {
    throw composeErrors.changeKeyMismatch();
  }
  const patch = draftPatch(input);
  if (patch && message.isDraft) message = context.store.mail.updateDraft(user.id, message.id, patch);
  if (input.isRead !== undefined) message = context.store.mail.setRead(user.id, message.id, input.isRead);
  return messageResult(call, user, message, 200);
}
