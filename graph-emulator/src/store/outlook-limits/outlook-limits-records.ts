/**
 * Outlook's limits count per app and mailbox whatever the resource (mail, calendar, contacts):
 * https://learn.microsoft.com/en-us/graph/throttling-limits#outlook-service-limits
 */

export interface ThrottlingSettings {
  enabled: boolean;
  /** Outlook: 10,000 requests per 10 minutes per app and mailbox. */
  requestsPerWindow: number;
  windowSeconds: number;
  /** Outlook: 4 concurrent requests per app and mailbox. */
  concurrentRequests: number;
  /** Retry-After of a concurrency 429 (seconds). */
  concurrencyRetryAfterSeconds: number;
  /** Items of one `$batch` run at most this many at a time (Outlook: 4). */
  batchConcurrency: number;
}

export interface FaultSettings {
  /** 0..1, like Dev Proxy's failure rate. */
  failureRate: number;
  statuses: number[];
  retryAfterSeconds: number;
  latencyMs: number;
  /** Makes the failure draws reproducible; null draws from Math.random. */
  seed: number | null;
  /**
   * 0..1: the chance that a call to one of `lostAnswerRoutes` is performed (its effect committed) and its answer
   * lost, as when a connection breaks after Exchange accepted a send. Proves a client does not do it twice.
   */
  lostAnswerRate: number;
  /** The API reference pages (route-permissions `doc`) whose answers may be lost. */
  lostAnswerRoutes: string[];
  /** `reset`: the connection is destroyed at once; `timeout`: held silent for `lostAnswerHoldMs`, then destroyed. */
  lostAnswerMode: LostAnswerMode;
  lostAnswerHoldMs: number;
}

export type LostAnswerMode = 'reset' | 'timeout';

export interface OutlookLimitsSettings {
  throttling: ThrottlingSettings;
  faults: FaultSettings;
}

export interface OutlookLimitsSettingsPatch {
  throttling?: Partial<ThrottlingSettings>;
  faults?: Partial<FaultSettings>;
}

/** Requests per (app, mailbox), as Outlook's throttling counts them. */
export interface RequestCounter {
  appId: string;
  mailbox: string;
  /** Top-level requests plus each `$batch` item: what the limits count. */
  counted: number;
  /** `$batch` envelopes (HTTP round trips not counted by the limits). */
  batchEnvelopes: number;
  batchItems: number;
  throttled: number;
  faults: number;
  /** Calls performed whose answer the lost-answer knob dropped. */
  lostAnswers?: number;
  /** The most requests this app had in flight on this mailbox at once (what the concurrency limit bounds). */
  peakInFlight: number;
  byStatus: Record<string, number>;
}

export interface Admission {
  ok: boolean;
  reason?: 'concurrency' | 'rate';
  retryAfterSeconds?: number;
}

export interface CallOutcome {
  status: number;
  kind: 'request' | 'batchItem' | 'batchEnvelope';
  throttled?: boolean;
  fault?: boolean;
  lostAnswer?: boolean;
}
