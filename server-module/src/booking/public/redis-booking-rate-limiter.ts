import { Redis } from 'ioredis';
import { PluginLogger } from '../../logging/plugin-logger.js';
import { BookingRateLimiter, ProcessWindows } from './booking-rate-limiter.js';

export interface RedisBookingRateLimiterOptions {
  url: string;
  /** Prefix of the limiter's keys, shared by every process of one deployment (BullMQ's queue prefix). */
  keyPrefix: string;
}

// A request waits at most this long for Redis before the outage rule applies.
const COMMAND_TIMEOUT_MS = 1_000;
const UNREACHABLE = new Set(['reconnecting', 'close', 'end']);

/**
 * KEYS[1] the client's counter, KEYS[2] the page's; ARGV: client limit, page limit, window (ms). Returns 1 when the
 * request is counted, 0 when the client or the page is at its limit. A counter is created with its window as TTL, so
 * the window ends when the key expires and nothing outlives it; a refused client leaves the page's counter alone.
 */
const ALLOW_LUA = `local function take(key, max)
  local count = tonumber(redis.call('GET', key) or '0')
  if count >= max then return false end
  if redis.call('INCR', key) == 1 then redis.call('PEXPIRE', key, ARGV[3]) end
  return true
end
if not take(KEYS[1], tonumber(ARGV[1])) then return 0 end
if not take(KEYS[2], tonumber(ARGV[2])) then return 0 end
return 1`;

interface LimiterCommands {
  bookingRateAllow(clientKey: string, pageKey: string, perClient: number, perPage: number, windowMs: number): Promise<number>;
}

/**
 * The public page's limits counted in Redis, so they hold across every web process of the deployment. While Redis
 * does not answer, booking is refused (a flood must not reach Graph and the guests' mailboxes N processes over) and
 * reading falls back to this process's own counters (the page stays up, each process bounding what it lets through).
 */
export class RedisBookingRateLimiter extends BookingRateLimiter {
  private readonly logger = new PluginLogger('BookingRateLimiter');
  private readonly redis: Redis & LimiterCommands;
  private readonly local = new ProcessWindows();
  private readonly prefix: string;
  private unreachable = false;
  private closed = false;

  constructor(options: RedisBookingRateLimiterOptions) {
    super();
    this.prefix = `${options.keyPrefix}:booking-rate`;
    const redis = new Redis(options.url, { maxRetriesPerRequest: 1, commandTimeout: COMMAND_TIMEOUT_MS });
    redis.defineCommand('bookingRateAllow', { numberOfKeys: 2, lua: ALLOW_LUA });
    this.redis = redis as Redis & LimiterCommands;
    this.redis.on('error', (error: Error) => this.markUnreachable(error));
  }

  async allow(kind: 'read' | 'book', client: string, pageKey: string, now = Date.now()): Promise<boolean> {
    const limit = this.limits[kind];
    if (UNREACHABLE.has(this.redis.status)) {
      this.markUnreachable(new Error(`connection ${this.redis.status}`));
    } else {
      // One hash tag per kind: a script's two keys stay in one slot of a Redis Cluster.
      const base = `${this.prefix}:{${kind}}`;
      try {
        const allowed = await this.redis.bookingRateAllow(`${base}:c:${client}`, `${base}:p:${pageKey}`, limit.perClient, limit.perPage, limit.windowMs);
        this.markReachable();
        return allowed === 1;
      } catch (error) {
        this.markUnreachable(error as Error);
      }
    }
    return kind === 'read' && this.local.allow(limit, kind, client, pageKey, now);
  }

  async reset(): Promise<void> {
    this.local.clear();
    let cursor = '0';
    do {
      const [next, keys] = await this.redis.scan(cursor, 'MATCH', `${this.prefix.replace(/[*?[\]\\]/g, '\\$&')}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length) await this.redis.del(...keys);
    } while (cursor !== '0');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // quit() would wait for a Redis that does not answer to come back.
    await (this.redis.status === 'ready' ? this.redis.quit() : Promise.resolve(this.redis.disconnect())).catch(() => undefined);
  }

  private markUnreachable(error: Error): void {
    if (this.unreachable || this.closed) return;
    this.unreachable = true;
    this.logger.warn(`Redis does not answer (${error.message}): until it does, the public booking pages refuse bookings and count page reads in this process only`);
  }

  private markReachable(): void {
    if (!this.unreachable) return;
    this.unreachable = false;
    this.logger.log('Redis answers again: the public booking pages count requests across processes again');
  }
}
