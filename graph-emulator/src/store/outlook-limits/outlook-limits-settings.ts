import { ROUTE_PERMISSIONS } from '../../graph/route-permissions.js';
import { checkNumber } from '../check-number.js';

const servedDoc = (doc: string) => Object.values(ROUTE_PERMISSIONS).some((permission) => permission.doc === doc);
import type { OutlookLimitsSettings, OutlookLimitsSettingsPatch } from './outlook-limits-records.js';

const FAULT_STATUSES = [429, 500, 502, 503, 504];
/** The calls whose lost answer costs a client most: each sends mail. */
const SENDING_ROUTES = ['message-send', 'user-sendmail', 'message-reply', 'message-replyall', 'message-forward'];

export const DEFAULT_OUTLOOK_LIMITS_SETTINGS: Readonly<OutlookLimitsSettings> = Object.freeze({
  throttling: Object.freeze({
    enabled: true,
    requestsPerWindow: 10_000,
    windowSeconds: 600,
    concurrentRequests: 4,
    concurrencyRetryAfterSeconds: 1,
    batchConcurrency: 4,
  }),
  faults: Object.freeze({
    failureRate: 0, statuses: [429, 500, 502, 503, 504], retryAfterSeconds: 2, latencyMs: 0, seed: null,
    lostAnswerRate: 0, lostAnswerRoutes: [...SENDING_ROUTES], lostAnswerMode: 'reset' as const, lostAnswerHoldMs: 5_000,
  }),
});


/** The settings after `patch`, checked whole: a bad knob throws and changes nothing. */
export function nextOutlookLimitsSettings(current: OutlookLimitsSettings, patch: OutlookLimitsSettingsPatch): OutlookLimitsSettings {
  const next = structuredClone(current);
  const t = patch.throttling ?? {};
  if (t.enabled !== undefined) {
    if (typeof t.enabled !== 'boolean') throw new TypeError('throttling.enabled must be a boolean');
    next.throttling.enabled = t.enabled;
  }
  if (t.requestsPerWindow !== undefined) next.throttling.requestsPerWindow = Math.floor(checkNumber('throttling.requestsPerWindow', t.requestsPerWindow, 1, 10_000_000));
  if (t.windowSeconds !== undefined) next.throttling.windowSeconds = checkNumber('throttling.windowSeconds', t.windowSeconds, 0.001);
  if (t.concurrentRequests !== undefined) next.throttling.concurrentRequests = Math.floor(checkNumber('throttling.concurrentRequests', t.concurrentRequests, 1));
  if (t.concurrencyRetryAfterSeconds !== undefined) next.throttling.concurrencyRetryAfterSeconds = Math.floor(checkNumber('throttling.concurrencyRetryAfterSeconds', t.concurrencyRetryAfterSeconds, 0));
  if (t.batchConcurrency !== undefined) next.throttling.batchConcurrency = Math.floor(checkNumber('throttling.batchConcurrency', t.batchConcurrency, 1, 20));
  const f = patch.faults ?? {};
  if (f.failureRate !== undefined) next.faults.failureRate = checkNumber('faults.failureRate', f.failureRate, 0, 1);
  if (f.statuses !== undefined) {
    if (!Array.isArray(f.statuses) || f.statuses.length === 0 || f.statuses.some((s) => !FAULT_STATUSES.includes(s))) {
      throw new TypeError(`faults.statuses must be a non-empty subset of ${FAULT_STATUSES.join(', ')}`);
    }
    next.faults.statuses = [...f.statuses];
  }
  if (f.retryAfterSeconds !== undefined) next.faults.retryAfterSeconds = Math.floor(checkNumber('faults.retryAfterSeconds', f.retryAfterSeconds, 0));
  if (f.latencyMs !== undefined) next.faults.latencyMs = checkNumber('faults.latencyMs', f.latencyMs, 0, 60_000);
  if (f.lostAnswerRate !== undefined) next.faults.lostAnswerRate = checkNumber('faults.lostAnswerRate', f.lostAnswerRate, 0, 1);
  if (f.lostAnswerRoutes !== undefined) {
    if (!Array.isArray(f.lostAnswerRoutes) || f.lostAnswerRoutes.some((route) => typeof route !== 'string' || !servedDoc(route))) {
      throw new TypeError('faults.lostAnswerRoutes must list API reference pages the emulator serves (route-permissions doc names), e.g. "message-send"');
    }
    next.faults.lostAnswerRoutes = [...f.lostAnswerRoutes];
  }
  if (f.lostAnswerMode !== undefined) {
    if (f.lostAnswerMode !== 'reset' && f.lostAnswerMode !== 'timeout') throw new TypeError('faults.lostAnswerMode must be "reset" or "timeout"');
    next.faults.lostAnswerMode = f.lostAnswerMode;
  }
  if (f.lostAnswerHoldMs !== undefined) next.faults.lostAnswerHoldMs = checkNumber('faults.lostAnswerHoldMs', f.lostAnswerHoldMs, 0, 120_000);
  if (f.seed !== undefined) {
    if (f.seed !== null) checkNumber('faults.seed', f.seed, -(2 ** 31), 2 ** 32);
    next.faults.seed = f.seed;
  }
  return next;
}
