import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { compileForBench } from '../../bench/compile-for-bench.js';
import { Redis } from 'ioredis';
import { deleteRedisPrefix, eventually, testRedisUrl, uniqueQueuePrefix } from '../../test-support/index.js';
import { InProcessMailboxGate } from '../src/graph/mailbox-gate/in-process-mailbox.gate.js';
import type { MailboxGate, MailboxKey, MailboxSlots } from '../src/graph/mailbox-gate/mailbox-gate.js';
import { RedisMailboxGate } from '../src/graph/mailbox-gate/redis-mailbox.gate.js';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const mailbox = (): MailboxKey => ({ tenantId: randomUUID(), mailboxId: randomUUID() });

/** A promise's outcome so far, without waiting for it. */
function tracked<T>(promise: Promise<T>): { settled: () => boolean; promise: Promise<T> } {
  let settled = false;
  void promise.then(() => (settled = true), () => (settled = true));
  return { settled: () => settled, promise };
}

/** Two gates as two worker processes see it: two Redis gates on one prefix, or (without Redis) one process's gate. */
interface Processes {
  a: MailboxGate;
  b: MailboxGate;
  /** Resolves once `count` processes stand in the mailbox's line (at once for one process's own queue). */
  inLine(key: MailboxKey, count: number): Promise<void>;
}

/** How many processes wait in a mailbox's line in Redis. */
async function redisLine(prefix: string, key: MailboxKey): Promise<number> {
  const redis = new Redis(testRedisUrl());
  try {
    return await redis.zcard(`${prefix}:mailbox-gate:{${key.tenantId}:${key.mailboxId}}:line`);
  } finally {
    await redis.quit();
  }
}

const implementations: Array<[string, (prefix: string, options?: { leaseTtlMs?: number }) => Processes]> = [
  [
    'Redis, two processes',
    (prefix, options) => ({
      a: new RedisMailboxGate({ url: testRedisUrl(), keyPrefix: prefix, ...options }),
      b: new RedisMailboxGate({ url: testRedisUrl(), keyPrefix: prefix, ...options }),
      inLine: (key, count) => eventually(async () => (await redisLine(prefix, key)) >= count, 5_000, `${count} processes in line`).then(() => undefined),
    }),
  ],
  [
    'in-process',
    () => {
      const gate = new InProcessMailboxGate();
      return { a: gate, b: gate, inLine: async () => undefined };
    },
  ],
];

describe.each(implementations)('the per-mailbox Graph gate (%s)', (_name, start) => {
  const prefix = uniqueQueuePrefix();
  const opened: MailboxGate[] = [];
  const open = (options?: { leaseTtlMs?: number }): Processes => {
    const processes = start(prefix, options);
    opened.push(processes.a, processes.b);
    return processes;
  };

  afterAll(async () => {
    await Promise.all(opened.map((gate) => gate.close()));
    await deleteRedisPrefix(prefix);
  });

  it('never has more than 4 requests of one mailbox in flight across the processes, and lets 4 run', async () => {
    const { a, b } = open();
    const key = mailbox();
    let running = 0;
    let peak = 0;
    const request = async (gate: MailboxGate) => {
      const slots = await gate.acquire(key);
      running += 1;
      peak = Math.max(peak, running);
      await pause(20);
      running -= 1;
      await slots.release();
    };
    await Promise.all(Array.from({ length: 40 }, (_, index) => request(index % 2 === 0 ? a : b)));
    expect(peak).toBe(4);
    expect(await a.inFlight(key)).toBe(0);
  });

  it('gives a $batch as many slots as Outlook runs of it at once, and keeps later requests behind it', async () => {
    const { a, b } = open();
    const key = mailbox();
    const first = await a.acquire(key);
    const batch = tracked(b.acquire(key, 20));
    const after = tracked(b.acquire(key));
    expect(await b.inFlight(key)).toBe(1);
    expect(batch.settled()).toBe(false);
    expect(after.settled()).toBe(false);

    await first.release();
    const batchSlots = await batch.promise;
    expect(await a.inFlight(key)).toBe(4);
    expect(after.settled()).toBe(false);
    await batchSlots.release();
    await (await after.promise).release();
    expect(await a.inFlight(key)).toBe(0);
  });

  it('lets a $batch waiting in one process in before single requests another process asks for later', async () => {
    const { a, b, inLine } = open();
    const key = mailbox();
    const first = await a.acquire(key);
    const batch = tracked(b.acquire(key, 4));
    await inLine(key, 1);
    const later = tracked(a.acquire(key));
    await inLine(key, 2);
    expect(later.settled()).toBe(false);
    await first.release();
    const batchSlots = await batch.promise;
    expect(later.settled()).toBe(false);
    await batchSlots.release();
    await (await later.promise).release();
    expect(await b.inFlight(key)).toBe(0);
  });

  it('does not let one mailbox hold up another', async () => {
    const { a, b } = open();
    const busy = mailbox();
    const held = await Promise.all(Array.from({ length: 4 }, () => a.acquire(busy)));
    const waiting = tracked(b.acquire(busy));
    const other = await b.acquire(mailbox());
    expect(waiting.settled()).toBe(false);
    await other.release();
    await Promise.all(held.map((slots) => slots.release()));
    await (await waiting.promise).release();
  });

  it("holds the mailbox for every process until Microsoft's Retry-After has passed; a shorter one does not cut it", async () => {
    const { a, b } = open();
    const key = mailbox();
    await a.pauseFor(key, 400);
    await a.pauseFor(key, 10);
    // Read before asking Redis: the pause ends no earlier than `read + left`, however late the answer comes back.
    const read = Date.now();
    const left = await b.pausedFor(key);
    expect(left).toBeGreaterThan(300);
    expect(left).toBeLessThanOrEqual(400);
    const slots = await b.acquire(key);
    expect(Date.now() - read).toBeGreaterThanOrEqual(left - 5);
    expect(await b.pausedFor(key)).toBe(0);
    await slots.release();
  });
});

describe('the Redis gate when a process dies or Redis is away', () => {
  const prefix = uniqueQueuePrefix();
  const opened: MailboxGate[] = [];
  const gate = (options: { url?: string; leaseTtlMs?: number } = {}) => {
    const created = new RedisMailboxGate({ url: options.url ?? testRedisUrl(), keyPrefix: prefix, ...(options.leaseTtlMs ? { leaseTtlMs: options.leaseTtlMs } : {}) });
    opened.push(created);
    return created;
  };
  const gateKeys = async () => {
    const redis = new Redis(testRedisUrl());
    try {
      return await redis.keys(`${prefix}:*`);
    } finally {
      await redis.quit();
    }
  };

  afterAll(async () => {
    await Promise.all(opened.map((each) => each.close()));
    await deleteRedisPrefix(prefix);
  });

  it('frees the slots of a worker process killed (SIGKILL) while it held them, once their lease TTL passes', async () => {
    const compiled = compileForBench();
    const key = mailbox();
    const child = spawn(process.execPath, [compiled.file('test-support/mailbox-gate-holder.process.ts')], {
      env: { PATH: process.env.PATH, REDIS_URL: testRedisUrl(), GATE_PREFIX: prefix, GATE_TENANT: key.tenantId, GATE_MAILBOX: key.mailboxId, GATE_SLOTS: '4', GATE_LEASE_TTL_MS: '1500' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('held') && resolve());
        child.once('exit', (code) => reject(new Error(`the holder exited (${code}) before it held its slots`)));
      });
      const survivor = gate();
      await pause(2_000); // past one lease TTL: the live holder renews its slots
      expect(await survivor.inFlight(key)).toBe(4);
      child.kill('SIGKILL');
      await exited;
      const taken = await Promise.all(Array.from({ length: 4 }, () => survivor.acquire(key)));
      expect(await survivor.inFlight(key)).toBe(4);
      await Promise.all(taken.map((slots) => slots.release()));
      expect(await gateKeys()).toEqual([]);
    } finally {
      child.kill('SIGKILL');
      compiled.remove();
    }
  });

  it('frees the slots of a process that stopped without releasing them once their lease TTL passes', async () => {
    const dying = gate({ leaseTtlMs: 500 });
    const survivor = gate();
    const key = mailbox();
    await Promise.all(Array.from({ length: 4 }, () => dying.acquire(key)));
    await dying.close(); // its connection goes, its slots are neither released nor renewed again
    expect(await survivor.inFlight(key)).toBe(4);
    const taken = await Promise.all(Array.from({ length: 4 }, () => survivor.acquire(key)));
    expect(await survivor.inFlight(key)).toBe(4);
    await Promise.all(taken.map((slots) => slots.release()));
    expect(await survivor.inFlight(key)).toBe(0);
    expect(await gateKeys()).toEqual([]);
  });

  it('takes a process that died while waiting out of the line, so the others are not held up for ever', async () => {
    const holder = gate();
    const dying = gate();
    const key = mailbox();
    const held = await Promise.all(Array.from({ length: 4 }, () => holder.acquire(key)));
    const waiting = dying.acquire(key).catch((error: Error) => error.message);
    await eventually(async () => (await redisLine(prefix, key)) === 1, 5_000, 'the waiter in line');
    await dying.close();
    expect(await waiting).toBe('The mailbox gate is closed');
    await Promise.all(held.map((slots) => slots.release()));
    const next = await holder.acquire(key);
    expect(await redisLine(prefix, key)).toBe(0);
    await next.release();
  });

  it('renews the lease of a request that runs longer than its TTL', async () => {
    const holder = gate({ leaseTtlMs: 300 });
    const other = gate();
    const key = mailbox();
    const held = await Promise.all(Array.from({ length: 4 }, () => holder.acquire(key)));
    await pause(1_000);
    expect(await other.inFlight(key)).toBe(4);
    const waiting = tracked(other.acquire(key));
    await pause(400);
    expect(waiting.settled()).toBe(false);
    await held[0]!.release();
    await (await waiting.promise).release();
    await Promise.all(held.slice(1).map((slots) => slots.release()));
  });

  it('keeps the limit within the process while Redis does not answer', async () => {
    const cutOff = gate({ url: 'redis://127.0.0.1:1' });
    const key = mailbox();
    const held = await Promise.all(Array.from({ length: 4 }, () => cutOff.acquire(key)));
    const fifth = tracked(cutOff.acquire(key));
    await cutOff.pauseFor(key, 1);
    expect(fifth.settled()).toBe(false);
    await held[0]!.release();
    await (await fifth.promise).release();
    await Promise.all(held.slice(1).map((slots: MailboxSlots) => slots.release()));
  });
});
