import type { Request, Response } from 'express';
import { AdminError } from '../errors/error-factory.js';
import type { EmulatorStore } from '../store/emulator-store.js';
import { queryUserId, userOf } from './admin-lookups.js';

type UserParams = { user: string };

/**
 * `GET /_admin/outbound[?user=]`: every message that left its sender's tenant, oldest first: `{id, sentAt, userId,
 * from, internetMessageId, subject, to, cc, bcc (only the recipients outside the tenant), replyTo, body,
 * internetMessageHeaders, attachments: [{id, name, contentType, size, isInline, contentId}], size}`.
 */
export function listOutboundHandler(store: EmulatorStore) {
  return (req: Request, res: Response): void => {
    const user = queryUserId(store, req);
    res.json({ value: store.outbound.listOutbound(user) });
  };
}

function outboundOf(store: EmulatorStore, id: string) {
  const record = store.outbound.getOutbound(id);
  if (!record) throw new AdminError(404, `no outbound message ${id}`);
  return record;
}

/** `GET /_admin/outbound/:id`: one message that left the tenant, its attachments with their bytes (`contentBytes`, base64). */
export function getOutboundHandler(store: EmulatorStore) {
  return (req: Request<{ id: string }>, res: Response): void => {
    const record = outboundOf(store, req.params.id);
    res.json({ ...record, attachments: record.attachments.map(({ bytes, ...rest }) => ({ ...rest, contentBytes: bytes.toString('base64') })) });
  };
}

/** `GET /_admin/outbound/:id/attachments/:attachmentId/content`: the file's bytes, with its content type and name. */
export function getOutboundAttachmentContentHandler(store: EmulatorStore) {
  return (req: Request<{ id: string; attachmentId: string }>, res: Response): void => {
    const file = outboundOf(store, req.params.id).attachments.find((candidate) => candidate.id === req.params.attachmentId);
    if (!file) throw new AdminError(404, `no attachment ${req.params.attachmentId} on outbound message ${req.params.id}`);
    res.setHeader('content-type', file.contentType);
    res.setHeader('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`);
    res.end(file.bytes);
  };
}

/** `DELETE /_admin/outbound` → 204. */
export function clearOutboundHandler(store: EmulatorStore) {
  return (_req: Request, res: Response): void => {
    store.outbound.clearOutbound();
    res.status(204).end();
  };
}

/** `GET /_admin/sending-limits`: messagesPerMinute, recipientsPerDay, maxMessageSizeBytes. */
export function getSendingLimitsHandler(store: EmulatorStore) {
  return (_req: Request, res: Response): void => {
    res.json(store.outbound.getSettings());
  };
}

/** `PUT /_admin/sending-limits` with any of them (positive integers). */
export function updateSendingLimitsHandler(store: EmulatorStore) {
  return (req: Request, res: Response): void => {
    res.json(store.outbound.updateSettings(req.body ?? {}));
  };
}

/** `GET /_admin/mailboxes/:user/automatic-replies`: the user's automaticRepliesSetting. */
export function getAutomaticRepliesHandler(store: EmulatorStore) {
  return (req: Request<UserParams>, res: Response): void => {
    res.json(store.outbound.getAutomaticReplies(userOf(store, req.params.user).id));
  };
}

/**
 * `PATCH /_admin/mailboxes/:user/automatic-replies` with any of `status` (disabled | alwaysEnabled | scheduled),
 * `externalAudience` (none | contactsOnly | all), `internalReplyMessage`, `externalReplyMessage`,
 * `scheduledStartDateTime`, `scheduledEndDateTime` (ISO, UTC).
 */
export function updateAutomaticRepliesHandler(store: EmulatorStore) {
  return (req: Request<UserParams>, res: Response): void => {
    res.json(store.outbound.setAutomaticReplies(userOf(store, req.params.user).id, req.body ?? {}));
  };
}

/** `GET /_admin/upload-sessions`: open attachment upload sessions (without their bytes or secrets). */
export function listUploadSessionsHandler(store: EmulatorStore) {
  return (_req: Request, res: Response): void => {
    res.json({ value: store.outbound.listUploadSessions() });
  };
}

/** `POST /_admin/upload-sessions/:id/expire` → 204: the session's expiry is now (its URL answers 404 from then on). */
export function expireUploadSessionHandler(store: EmulatorStore) {
  return (req: Request<{ id: string }>, res: Response): void => {
    if (!store.outbound.expireUploadSession(req.params.id)) throw new AdminError(404, `no upload session ${req.params.id}`);
    res.status(204).end();
  };
}
