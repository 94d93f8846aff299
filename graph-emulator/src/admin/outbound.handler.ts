import type { Request, Response } from 'express';
import { AdminError } from '../errors/error-factory.js';
import type { EmulatorStore } from '../store/emulator-store.js';

type UserParams = { user: string };

function userOf(store: EmulatorStore, value: string) {
  const user = store.findUser(value);
  if (!user) throw new AdminError(404, `no user ${value}`);
  return user;
}

/** `GET /_admin/outbound[?user=]`: every message that left its sender's tenant, with the recipients outside it. */
export function listOutboundHandler(store: EmulatorStore) {
  return (req: Request, res: Response): void => {
    const user = typeof req.query.user === 'string' ? userOf(store, req.query.user).id : undefined;
    res.json({ value: store.outbound.listOutbound(user) });
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
