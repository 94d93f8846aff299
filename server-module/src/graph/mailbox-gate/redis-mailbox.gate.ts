import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Redis } from 'ioredis';
import { PluginLogger } from '../../logging/plugin-logger.js';
import { InProcessMailboxGate } from './in-process-mailbox.gate.js';
import { clampWeight, MAILBOX_CONCURRENCY, MAX_PAUSE_MS, mailboxKeyString, type MailboxGate, type MailboxKey, type MailboxSlots } from './mailbox-gate.js';
import { ACQUIRE_LUA, PAUSE_LUA, RELEASE_LUA, RENEW_LUA, STATUS_LUA } from './mailbox-gate.scripts.js';

export interface RedisMailboxGateOptions {
  url: string;
  /** Prefix of the gate's keys, shared by every process of one deployment (BullMQ's queue prefix). */
  keyPrefix: string;
  limit?: number;
  /** A lease not renewed for this long (its process died) frees its slots. Renewed every third of it. */
  leaseTtlMs?: number;
}

export const DEFAULT_LEASE_TTL_MS = 30_000;
// A waiter looks again at least this often without a wake-up (one published while its subscription reconnected),
// which also keeps its place in line: one silent for STALE_MS (its process died) loses it.
const RECHECK_MS = 1_000;
const STALE_MS = 3 * RECHECK_MS;
const COMMAND_TIMEOUT_MS = 2_000;
const UNREACHABLE = new Set(['reconnecting', 'close', 'end']);

interface GateCommands {
  mailboxGateAcquire(holders: string, paused: string, line: string, seen: string, lease: string, weight: number, limit: number, ttlMs: number, staleMs: number, channel: string): Promise<[number, number]>;
  mailboxGateRenew(holders: string, paused: string, lease: string, weight: number, ttlMs: number): Promise<number>;
  mailboxGateRelease(holders: string, paused: string, lease: string, weight: number, channel: string): Promise<number>;
  mailboxGatePause(holders: string, paused: string, ms: number): Promise<number>;
  mailboxGateStatus(holders: string, paused: string): Promise<[number, number]>;
}

interface MailboxKeys {
  holders: string;
  paused: string;
  line: string;
  seen: string;
  channel: string;
}

interface Waiter {
  /** Its lease id, also its name in the line. */
  lease: string;
  weight: number;
  resolve(slots: MailboxSlots): void;
  reject(error: Error): void;
}

/** This process's waiters for one mailbox, in arrival order; only the first asks Redis, so waiting costs Redis little. */
interface MailboxQueue {
  key: MailboxKey;
  keys: MailboxKeys;
  waiters: Waiter[];
  subscribed: boolean;
  /** A release was published since the last attempt began (it may arrive before that attempt's own answer). */
  released: boolean;
  wake?: () => void;
}

type Attempt = { slots: MailboxSlots } | { waitMs: number };

/**
 * The mailbox gate shared through Redis by every process of the deployment. Each request's slots are a lease in the
 * mailbox's sorted set, renewed while the request runs, so a process killed mid-request frees its slots within the
 * lease TTL. Each process's first waiter stands in the mailbox's line in Redis and sleeps until a release is
 * published on the mailbox's channel (or the soonest lease ends, at most RECHECK_MS); the line lets them in in
 * arrival order. While Redis is unreachable the process falls back to its own in-process gate rather than stop
 * calling Graph.
 */
export class RedisMailboxGate implements MailboxGate {
  private readonly logger = new PluginLogger('MailboxGate');
  private readonly redis: Redis & GateCommands;
  private readonly subscriber: Redis;
  private readonly fallback: InProcessMailboxGate;
  private readonly queues = new Map<string, MailboxQueue>();
  private readonly renewals = new Set<NodeJS.Timeout>();
  private readonly processId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly limit: number;
  private readonly leaseTtlMs: number;
  private readonly prefix: string;
  private leaseCount = 0;
  private unreachable = false;
  private closed = false;

  constructor(options: RedisMailboxGateOptions) {
    this.limit = options.limit ?? MAILBOX_CONCURRENCY;
    this.leaseTtlMs = options.leaseTtlMs ?? DEFAULT_LEASE_TTL_MS;
    this.prefix = `${options.keyPrefix}:mailbox-gate`;
    this.fallback = new InProcessMailboxGate(this.limit);
    const redis = new Redis(options.url, { maxRetriesPerRequest: 1, commandTimeout: COMMAND_TIMEOUT_MS });
    redis.defineCommand('mailboxGateAcquire', { numberOfKeys: 4, lua: ACQUIRE_LUA });
    redis.defineCommand('mailboxGateRenew', { numberOfKeys: 2, lua: RENEW_LUA });
    redis.defineCommand('mailboxGateRelease', { numberOfKeys: 2, lua: RELEASE_LUA });
    redis.defineCommand('mailboxGatePause', { numberOfKeys: 2, lua: PAUSE_LUA });
    redis.defineCommand('mailboxGateStatus', { numberOfKeys: 2, lua: STATUS_LUA });
    this.redis = redis as Redis & GateCommands;
    this.redis.on('error', (error: Error) => this.markUnreachable(error));
    this.redis.on('ready', () => this.markReachable());
    this.subscriber = redis.duplicate();
    this.subscriber.on('error', () => undefined); // reported by the command connection
    this.subscriber.on('message', (channel: string) => {
      const queue = this.queues.get(channel);
      if (!queue) return;
      queue.released = true;
      queue.wake?.();
    });
  }

  acquire(key: MailboxKey, weight = 1): Promise<MailboxSlots> {
    if (this.closed) return Promise.reject(new Error('The mailbox gate is closed'));
    if (UNREACHABLE.has(this.redis.status)) return this.fallback.acquire(key, weight);
    const keys = this.keysOf(key);
    let queue = this.queues.get(keys.channel);
    if (!queue) {
      queue = { key, keys, waiters: [], subscribed: false, released: false };
      this.queues.set(keys.channel, queue);
    }
    const target = queue;
    return new Promise((resolve, reject) => {
      target.waiters.push({ lease: `${this.processId}:${(this.leaseCount += 1)}`, weight: clampWeight(weight, this.limit), resolve, reject });
      if (target.waiters.length === 1) void this.pump(target);
    });
  }

  async pauseFor(key: MailboxKey, ms: number): Promise<void> {
    const pause = Math.round(Math.min(Math.max(0, ms), MAX_PAUSE_MS));
    if (pause === 0) return;
    const { holders, paused } = this.keysOf(key);
    try {
      await this.redis.mailboxGatePause(holders, paused, pause);
    } catch (error) {
      this.markUnreachable(error as Error);
      await this.fallback.pauseFor(key, pause);
    }
  }

  async inFlight(key: MailboxKey): Promise<number> {
    const { holders, paused } = this.keysOf(key);
    return (await this.redis.mailboxGateStatus(holders, paused))[0];
  }

  async pausedFor(key: MailboxKey): Promise<number> {
    const { holders, paused } = this.keysOf(key);
    return (await this.redis.mailboxGateStatus(holders, paused))[1];
  }

  /** Waiters still queued get an error; leases still held are no longer renewed and expire with their TTL. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const renewal of this.renewals) clearInterval(renewal);
    this.renewals.clear();
    for (const queue of this.queues.values()) {
      for (const waiter of queue.waiters.splice(0)) waiter.reject(new Error('The mailbox gate is closed'));
      queue.wake?.();
    }
    await this.fallback.close();
    // quit() would wait for a Redis that does not answer to come back.
    await Promise.allSettled([this.redis, this.subscriber].map((connection) => (connection.status === 'ready' ? connection.quit() : connection.disconnect())));
  }

  private keysOf(key: MailboxKey): MailboxKeys {
    // One hash tag per mailbox: its keys stay in one slot of a Redis Cluster, as a script's keys must.
    const base = `${this.prefix}:{${mailboxKeyString(key)}}`;
    return { holders: `${base}:holders`, paused: `${base}:paused`, line: `${base}:line`, seen: `${base}:seen`, channel: `${base}:released` };
  }

  private async pump(queue: MailboxQueue): Promise<void> {
    while (queue.waiters.length > 0 && !this.closed) {
      const head = queue.waiters[0]!;
      let attempt: Attempt;
      queue.released = false;
      try {
        attempt = await this.attempt(queue, head);
        if ('waitMs' in attempt && !queue.subscribed) {
          await this.subscriber.subscribe(queue.keys.channel);
          queue.subscribed = true;
          continue; // subscribed now, so no release can go unseen: look once more before sleeping
        }
      } catch (error) {
        this.markUnreachable(error as Error);
        for (const waiter of queue.waiters.splice(0)) this.fallback.acquire(queue.key, waiter.weight).then(waiter.resolve, waiter.reject);
        break;
      }
      if ('slots' in attempt) {
        queue.waiters.shift();
        head.resolve(attempt.slots);
      } else {
        await this.sleep(queue, attempt.waitMs);
      }
    }
    this.queues.delete(queue.keys.channel);
    if (queue.subscribed && !this.closed) await this.subscriber.unsubscribe(queue.keys.channel).catch(() => undefined);
  }

  private async attempt(queue: MailboxQueue, { lease, weight }: Waiter): Promise<Attempt> {
    const { holders, paused, line, seen, channel } = queue.keys;
    const [status, ms] = await this.redis.mailboxGateAcquire(holders, paused, line, seen, lease, weight, this.limit, this.leaseTtlMs, STALE_MS, channel);
    if (status !== 1) return { waitMs: Math.min(status === 2 ? ms + 1 : ms, RECHECK_MS) };
    const renewal = setInterval(() => {
      this.redis.mailboxGateRenew(holders, paused, lease, weight, this.leaseTtlMs).then(
        (held) => {
          if (held < weight) this.logger.warn(`A Graph request held its mailbox slot past the ${this.leaseTtlMs} ms lease; another request may have taken it`);
        },
        () => undefined, // Redis is away: the lease expires by itself
      );
    }, Math.max(1, Math.floor(this.leaseTtlMs / 3))).unref();
    this.renewals.add(renewal);
    let released = false;
    return {
      slots: {
        release: async () => {
          if (released) return;
          released = true;
          clearInterval(renewal);
          this.renewals.delete(renewal);
          await this.redis.mailboxGateRelease(holders, paused, lease, weight, channel).catch(() => undefined);
        },
      },
    };
  }

  private sleep(queue: MailboxQueue, ms: number): Promise<void> {
    if (queue.released) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        queue.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      queue.wake = done;
    });
  }

  private markUnreachable(error: Error): void {
    if (this.unreachable || this.closed) return;
    this.unreachable = true;
    this.logger.warn(`Redis does not answer (${error.message}): until it does, this process keeps Graph's per-mailbox limit on its own requests only`);
  }

  private markReachable(): void {
    if (!this.unreachable) return;
    this.unreachable = false;
    this.logger.log('Redis answers again: the per-mailbox Graph limit holds across processes again');
  }
}
