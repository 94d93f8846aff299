import { isIPv4, isIPv6 } from 'node:net';
import { Injectable } from '@nestjs/common';

export interface RateLimit {
  perClient: number;
  perPage: number;
  windowMs: number;
}

/** Requests a minute that the public page allows: reading slots, and booking (far fewer). */
export const DEFAULT_LIMITS: Record<'read' | 'book', RateLimit> = {
  read: { perClient: 120, perPage: 1_200, windowMs: 60_000 },
  book: { perClient: 6, perPage: 60, windowMs: 60_000 },
};
const MAX_KEYS = 50_000;
/** A full table is swept for lapsed windows at most this often, so a flood of new keys cannot make each request a scan. */
const SWEEP_EVERY_MS = 1_000;

/**
 * The client a request counts against: an IPv4 address, or an IPv6 address's /64 (one subscriber's network, whose
 * addresses a client may rotate through freely); IPv4 seen through IPv6 (`::ffff:a.b.c.d`) is its IPv4 address.
 */
export function clientKeyOf(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped && isIPv4(mapped[1]!)) return mapped[1]!;
  if (!isIPv6(address)) return address;
  const [head = '', tail = ''] = address.toLowerCase().split('%')[0]!.split('::');
  const left = head ? head.split(':') : [];
  const right = address.includes('::') ? (tail ? tail.split(':') : []) : [];
  const groups = address.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups.slice(0, 4).map((group) => group.padStart(4, '0')).join(':')}::/64`;
}

/**
 * Fixed-window counters per client address and per page, in this process. A host with several web processes puts a
 * shared limiter in front; this one still bounds what one process lets through.
 */
@Injectable()
export class BookingRateLimiter {
  limits: Record<'read' | 'book', RateLimit> = { read: { ...DEFAULT_LIMITS.read }, book: { ...DEFAULT_LIMITS.book } };
  private readonly windows = new Map<string, { startedAt: number; count: number }>();
  private lastSweepAt = 0;

  /** Counts the request; false when the client or the page is over its limit. */
  allow(kind: 'read' | 'book', client: string, pageKey: string, now = Date.now()): boolean {
    const limit = this.limits[kind];
    if (!this.take(`${kind}|c|${client}`, limit.perClient, limit.windowMs, now)) return false;
    return this.take(`${kind}|p|${pageKey}`, limit.perPage, limit.windowMs, now);
  }

  reset(): void {
    this.windows.clear();
    this.lastSweepAt = 0;
  }

  private take(key: string, max: number, windowMs: number, now: number): boolean {
    let window = this.windows.get(key);
    if (!window || now - window.startedAt >= windowMs) {
      if (!window && this.windows.size >= MAX_KEYS) {
        if (now - this.lastSweepAt >= SWEEP_EVERY_MS) this.sweep(now, windowMs);
        // Still full: refused, never cleared, since clearing would hand every client and page a fresh allowance.
        if (this.windows.size >= MAX_KEYS) return false;
      }
      window = { startedAt: now, count: 0 };
      this.windows.set(key, window);
    }
    if (window.count >= max) return false;
    window.count += 1;
    return true;
  }

  private sweep(now: number, windowMs: number): void {
    this.lastSweepAt = now;
    for (const [key, window] of this.windows) if (now - window.startedAt >= windowMs) this.windows.delete(key);
  }
}
