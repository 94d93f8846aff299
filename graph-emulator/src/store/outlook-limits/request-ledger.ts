import type { Admission, ThrottlingSettings } from './outlook-limits-records.js';

/** One (app, mailbox)'s sliding window of request stamps and its requests in flight. */
export class RequestLedger {
  private ring: Float64Array;
  private head = 0;
  inFlight = 0;

  constructor(size: number) {
    this.ring = new Float64Array(size).fill(-Infinity);
  }

  /** Keeps the newest stamps when `requestsPerWindow` changes. */
  resize(size: number): void {
    if (this.ring.length === size) return;
    const ordered = [...this.ring.subarray(this.head), ...this.ring.subarray(0, this.head)].slice(-size);
    this.ring = new Float64Array(size).fill(-Infinity);
    this.ring.set(ordered, size - ordered.length);
    this.head = 0;
  }

  admit(limits: ThrottlingSettings, now: number): Admission {
    // Sliding window over the last `requestsPerWindow` stamps; every request is stamped, rejected ones too.
    const oldest = this.ring[this.head]!;
    this.ring[this.head] = now;
    this.head = (this.head + 1) % this.ring.length;
    const windowMs = limits.windowSeconds * 1000;
    if (limits.enabled && now - oldest < windowMs) {
      return { ok: false, reason: 'rate', retryAfterSeconds: Math.max(1, Math.ceil((oldest + windowMs - now) / 1000)) };
    }
    if (limits.enabled && this.inFlight >= limits.concurrentRequests) {
      return { ok: false, reason: 'concurrency', retryAfterSeconds: limits.concurrencyRetryAfterSeconds };
    }
    this.inFlight += 1;
    return { ok: true };
  }

  release(): void {
    if (this.inFlight > 0) this.inFlight -= 1;
  }
}
