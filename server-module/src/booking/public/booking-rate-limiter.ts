import { isIPv4, isIPv6 } from 'node:net';
import type { OnModuleDestroy } from '@nestjs/common';

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
 * Fixed-window counters per client address and per page for the public booking pages. With the plugin's Redis the
 * counts are shared by every process of the deployment (RedisBookingRateLimiter); without it they are this process's
 * own (InProcessBookingRateLimiter), all there is to count when the deployment has one web process.
 */
export abstract class BookingRateLimiter implements OnModuleDestroy {
  limits: Record<'read' | 'book', RateLimit> = { read: { ...DEFAULT_LIMITS.read }, book: { ...DEFAULT_LIMITS.book } };

  /** Counts the request; false when the client or the page is over its limit (a refused client costs the page nothing). */
  abstract allow(kind: 'read' | 'book', client: string, pageKey: string, now?: number): Promise<boolean>;

  /** Forgets every count (for tests). */
  abstract reset(): Promise<void>;

  abstract close(): Promise<void>;

  onModuleDestroy(): Promise<void> {
    return this.close();
  }
}

/** Fixed-window counters per client address and per page in one process's memory, bounded in size. */
export class ProcessWindows {
  private readonly windows = new Map<string, { startedAt: number; count: number }>();
  private lastSweepAt = 0;

  allow(limit: RateLimit, kind: 'read' | 'book', client: string, pageKey: string, now: number): boolean {
    if (!this.take(`${kind}|c|${client}`, limit.perClient, limit.windowMs, now)) return false;
    return this.take(`${kind}|p|${pageKey}`, limit.perPage, limit.windowMs, now);
  }

  clear(): void {
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

/** The limiter of a deployment without Redis (one web process): the counters live in this process. */
export class InProcessBookingRateLimiter extends BookingRateLimiter {
  private readonly windows = new ProcessWindows();

  allow(kind: 'read' | 'book', client: string, pageKey: string, now = Date.now()): Promise<boolean> {
    return Promise.resolve(this.windows.allow(this.limits[kind], kind, client, pageKey, now));
  }

  reset(): Promise<void> {
    this.windows.clear();
    return Promise.resolve();
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
