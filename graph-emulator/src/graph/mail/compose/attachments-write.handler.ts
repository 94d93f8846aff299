import { randomBytes, randomUUID } from 'node:crypto';
import { graph } from '../../../errors/error-factory.js';
import type { EmulatorContext } from '../../../http/emulator-context.js';
import { attachmentJson } from '../../../mail/attachment-shape.js';
import type { GraphCall, GraphResult } from '../../graph-call.js';
import { mailboxAccess, metadata } from '../mail-access.js';
import { attachmentErrors, fileAttachmentInput, options, SESSION_LIMIT_BYTES, INLINE_LIMIT_BYTES } from './attachment-input.js';
import { composeErrors } from './compose-errors.js';
import { requireMessage } from './drafts.handler.js';
import { bodyObject, member } from './message-input.js';
import { uploadUrl } from './upload-session.router.js';

/** `POST …/messages/{id}/attachments` → 201 with the fileAttachment (Mail.ReadWrite; message-post-attachments.md). */
export function addAttachment(context: EmulatorContext, call: GraphCall, [userSegment, id]: string[]): GraphResult {
  const { user } = mailboxAccess(context, call, userSegment!, true);
  const message = requireMessage(context, user.id, id!);
  const attachment = context.store.mail.addAttachment(user.id, message.id, fileAttachmentInput(call.body));
  return {
    status: 201,
    body: { '@odata.context': metadata(call, user, `messages('${message.id}')/attachments/$entity`), ...attachmentJson(attachment) },
  };
}

/** `DELETE …/messages/{id}/attachments/{id}` → 204 (Mail.ReadWrite; attachment-delete.md). */
export function deleteAttachment(context: EmulatorContext, call: GraphCall, [userSegment, id, attachmentId]: string[]): GraphResult {
  const { user } = mailboxAccess(context, call, userSegment!, true);
  const message = requireMessage(context, user.id, id!);
  if (!context.store.mail.removeAttachment(user.id, message.id, attachmentId!)) throw graph.itemNotFound();
  return { status: 204 };
}

/**
 * `POST …/messages/{id}/attachments/createUploadSession` `{AttachmentItem: {attachmentType: "file", name, size,
 * contentType?, isInline?, contentId?}}` → 201 `{uploadUrl, expirationDateTime, nextExpectedRanges: ["0-"]}`
 * (attachment-createuploadsession.md). Delegated tokens reach only the signed-in user's own mailbox.
 */
export function createUploadSession(context: EmulatorContext, call: GraphCall, [userSegment, id]: string[]): GraphResult {
  const { user } = mailboxAccess(context, call, userSegment!, true);
  const message = requireMessage(context, user.id, id!);
  const args = bodyObject(call.body);
  for (const key of Object.keys(args)) if (key.toLowerCase() !== 'attachmentitem') throw composeErrors.unknownProperty(key, 'createUploadSession action parameter');
  const item = member(args, 'AttachmentItem');
  if (typeof item !== 'object' || item === null || Array.isArray(item)) throw composeErrors.badValue('AttachmentItem', "the 'AttachmentItem' parameter is required");
  const object = item as Record<string, unknown>;
  for (const key of Object.keys(object)) {
    if (!['attachmenttype', 'name', 'size', 'contenttype', 'isinline', 'contentid'].includes(key.toLowerCase())) throw composeErrors.unknownProperty(key, 'attachmentItem');
  }
  const type = member(object, 'attachmentType');
  if (type !== undefined && type !== 'file') throw composeErrors.badValue('attachmentType', "'file' (the only type an upload session takes)");
  const name = member(object, 'name');
  if (typeof name !== 'string' || name.trim() === '') throw composeErrors.badValue('name', 'the file name');
  const size = member(object, 'size');
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) throw composeErrors.badValue('size', 'the file size in bytes');
  if (size < INLINE_LIMIT_BYTES) throw attachmentErrors.belowSessionMinimum();
  if (size > SESSION_LIMIT_BYTES) throw attachmentErrors.aboveSessionMaximum(size);
  const extra = options(object);
  const lifetime = context.store.outbound.getSettings().uploadSessionLifetimeSeconds;
  const session = {
    id: randomUUID(),
    token: randomBytes(24).toString('base64url'),
    userId: user.id,
    messageId: message.immutableId,
    name,
    size,
    contentType: extra.contentType ?? null,
    isInline: extra.isInline ?? false,
    contentId: extra.contentId ?? null,
    chunks: [],
    received: 0,
    expiresAt: Date.now() + lifetime * 1000,
  };
  context.store.outbound.saveUploadSession(session);
  return {
    status: 201,
    body: {
      '@odata.context': `${call.origin}/v1.0/$metadata#microsoft.graph.uploadSession`,
      uploadUrl: uploadUrl(call.origin, user, message.id, session),
      expirationDateTime: new Date(session.expiresAt).toISOString(),
      nextExpectedRanges: ['0-'],
    },
  };
}
