import type { Request, Response } from 'express';
import { AdminError } from '../errors/error-factory.js';
import { subscriptionJson } from '../graph/subscriptions/subscriptions.handler.js';
import type { NotificationService } from '../notifications/notification-service.js';
import type { EmulatorStore } from '../store/emulator-store.js';
import type { LifecycleEvent, NotificationSettingsPatch, SubscriptionRecord } from '../store/subscription-records.js';
import { queryUserId } from './admin-lookups.js';

type IdParams = { id: string };

const isoOrNull = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** Graph's view of the subscription plus what the emulator tracks about it. */
export function adminSubscriptionJson(store: EmulatorStore, record: SubscriptionRecord): Record<string, unknown> {
  const subscriptions = store.subscriptions;
  const now = subscriptions.now();
  const paused = subscriptions.getSettings().pauseUnansweredReauthorization && record.pauseAt !== null && now >= record.pauseAt;
  return {
    ...subscriptionJson(record),
    state: paused ? 'paused' : record.reauthorizationRequestedAt !== null ? 'reauthorizationRequired' : 'active',
    kind: record.kind,
    userId: record.userId,
    tenantId: record.tenantId,
    folderId: record.folderId,
    createdAt: new Date(record.createdAt).toISOString(),
    tokenExpiresAt: new Date(record.tokenExpiresAt).toISOString(),
    reauthorizationRequestedAt: isoOrNull(record.reauthorizationRequestedAt),
    pauseAt: isoOrNull(record.pauseAt),
  };
}

function subscriptionOf(store: EmulatorStore, id: string): SubscriptionRecord {
  const record = store.subscriptions.get(id);
  if (!record) throw new AdminError(404, `no subscription ${id}`);
  return record;
}

function clockJson(store: EmulatorStore): { offsetMs: number; now: string } {
  return { offsetMs: store.subscriptions.getClockOffset(), now: new Date(store.subscriptions.now()).toISOString() };
}

/** `GET /_admin/notifications/settings` */
export function getNotificationSettingsHandler(store: EmulatorStore) {
  return (_req: Request, res: Response): void => {
    res.json(store.subscriptions.getSettings());
  };
}

/** `PUT /_admin/notifications/settings` (partial): delay, drop/duplicate rates, batching, timeouts, retries, … */
export function updateNotificationSettingsHandler(store: EmulatorStore) {
  return (req: Request, res: Response): void => {
    res.json(store.subscriptions.updateSettings((req.body ?? {}) as NotificationSettingsPatch));
  };
}

/** `GET /_admin/notifications/subscriptions?user=`: every subscription, all apps. */
export function listAllSubscriptionsHandler(store: EmulatorStore) {
  return (req: Request, res: Response): void => {
    const userId = queryUserId(store, req);
    const value = store.subscriptions.list(userId ? { userId } : {}).map((record) => adminSubscriptionJson(store, record));
    res.json({ value, clock: clockJson(store) });
  };
}

/** `GET /_admin/notifications/subscriptions/:id` */
export function getAnySubscriptionHandler(store: EmulatorStore) {
  return (req: Request<IdParams>, res: Response): void => {
    res.json(adminSubscriptionJson(store, subscriptionOf(store, req.params.id)));
  };
}

/** `POST /_admin/notifications/subscriptions/:id/lifecycle` `{event, pauseAfterMs?}` → 202 `{subscription, sent}` */
export function triggerLifecycleHandler(store: EmulatorStore, notifications: NotificationService) {
  return (req: Request<IdParams>, res: Response): void => {
    subscriptionOf(store, req.params.id);
    const body = (req.body ?? {}) as { event?: LifecycleEvent; pauseAfterMs?: number };
    const result = notifications.triggerLifecycle(req.params.id, body.event as LifecycleEvent, body.pauseAfterMs !== undefined ? { pauseAfterMs: body.pauseAfterMs } : {});
    res.status(202).json({ subscription: adminSubscriptionJson(store, result.subscription), sent: result.sent });
  };
}

/** `POST /_admin/notifications/subscriptions/:id/expire`: expires it now (it stops delivering and leaves Graph's view). */
export function expireSubscriptionHandler(store: EmulatorStore, notifications: NotificationService) {
  return (req: Request<IdParams>, res: Response): void => {
    subscriptionOf(store, req.params.id);
    res.json({ subscription: adminSubscriptionJson(store, notifications.expireNow(req.params.id)) });
  };
}

/** `GET /_admin/notifications/deliveries?subscriptionId=&limit=`: attempts (oldest first), totals and what is pending. */
export function listDeliveriesHandler(store: EmulatorStore, notifications: NotificationService) {
  return (req: Request, res: Response): void => {
    const limit = typeof req.query.limit === 'string' ? Number(req.query.limit) : undefined;
    if (limit !== undefined && !(Number.isInteger(limit) && limit > 0)) throw new AdminError(400, 'limit must be a positive integer');
    const value = store.subscriptions.listAttempts({
      ...(typeof req.query.subscriptionId === 'string' ? { subscriptionId: req.query.subscriptionId } : {}),
      ...(limit !== undefined ? { limit } : {}),
    });
    res.json({ value, totals: store.subscriptions.getTotals(), pending: notifications.pendingCount() });
  };
}

/** `DELETE /_admin/notifications/deliveries`: clears the attempt log and the totals. */
export function resetDeliveriesHandler(store: EmulatorStore) {
  return (_req: Request, res: Response): void => {
    store.subscriptions.resetDeliveryLog();
    res.status(204).end();
  };
}

/** `GET /_admin/notifications/clock` */
export function getClockHandler(store: EmulatorStore) {
  return (_req: Request, res: Response): void => {
    res.json(clockJson(store));
  };
}

/** `POST /_admin/notifications/clock` `{advanceMs}`: moves the emulator clock forward and runs expiry/reauthorization checks. */
export function advanceClockHandler(notifications: NotificationService) {
  return (req: Request, res: Response): void => {
    const advanceMs = (req.body as { advanceMs?: unknown } | undefined)?.advanceMs;
    if (typeof advanceMs !== 'number') throw new AdminError(400, 'advanceMs (a number of milliseconds ≥ 0) is required');
    res.json(notifications.advanceClock(advanceMs));
  };
}

/** `POST /_admin/notifications/idle` `{timeoutMs?}`: waits until nothing is queued, in flight or waiting for a retry. */
export function waitIdleHandler(notifications: NotificationService) {
  return async (req: Request, res: Response): Promise<void> => {
    const timeoutMs = (req.body as { timeoutMs?: unknown } | undefined)?.timeoutMs ?? 30_000;
    if (typeof timeoutMs !== 'number' || !(timeoutMs >= 0 && timeoutMs <= 600_000)) throw new AdminError(400, 'timeoutMs must be between 0 and 600000');
    const idle = await notifications.idle(timeoutMs);
    res.json({ idle, pending: notifications.pendingCount() });
  };
}
