import { createServer, type Server, type Socket } from 'node:net';
import { Logger } from '@nestjs/common';
import { Redis } from 'ioredis';
import { CapturedLogger, deleteRedisPrefix, eventually, PrivateRedis, testRedisUrl, uniqueQueuePrefix } from '../../test-support/index.js';
import { InProcessBookingRateLimiter, type BookingRateLimiter, type RateLimit } from '../src/booking/public/booking-rate-limiter.js';
import { createBookingRateLimiter } from '../src/booking/public/create-booking-rate-limiter.js';
import { RedisBookingRateLimiter } from '../src/booking/public/redis-booking-rate-limiter.js';

const OUTAGE = 'Redis does not answer';
const BACK = 'Redis answers again';

/** The limiter's keys under a prefix, with their remaining TTL (ms). */
async function limiterKeys(url: string, prefix: string): Promise<Map<string, number>> {
  const redis = new Redis(url);
  try {
    const found = new Map<string, number>();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:booking-rate:*`, 'COUNT', 500);
      cursor = next;
      for (const key of keys) found.set(key, await redis.pttl(key));
    } while (cursor !== '0');
    return found;
  } finally {
    await redis.quit();
  }
}

async function count(limiter: BookingRateLimiter, times: number, kind: 'read' | 'book', client: string, page: string): Promise<number> {
  let allowed = 0;
  for (let index = 0; index < times; index += 1) if (await limiter.allow(kind, client, page)) allowed += 1;
  return allowed;
}

describe('the public booking page limiter shared through Redis', () => {
  const logger = new CapturedLogger();
  const prefixes: string[] = [];
  const opened: BookingRateLimiter[] = [];
  const open = (prefix: string, limits: Partial<Record<'read' | 'book', RateLimit>>, url = testRedisUrl()) => {
    const limiter = new RedisBookingRateLimiter({ url, keyPrefix: prefix });
    Object.assign(limiter.limits, limits);
    opened.push(limiter);
    return limiter;
  };
  const deployment = () => {
    const prefix = uniqueQueuePrefix();
    prefixes.push(prefix);
    return prefix;
  };
  const lines = (mark: number, text: string) => logger.since(mark).filter((line) => line.text.includes(text));

  beforeAll(() => Logger.overrideLogger(logger));

  afterAll(async () => {
    await Promise.all(opened.map((limiter) => limiter.close()));
    await Promise.all(prefixes.map((prefix) => deleteRedisPrefix(prefix)));
  });

  it('is the Redis limiter when the plugin has Redis, and the in-process one otherwise', async () => {
    const shared = createBookingRateLimiter({ redis: { url: testRedisUrl(), keyPrefix: deployment() } });
    opened.push(shared);
    expect(shared).toBeInstanceOf(RedisBookingRateLimiter);
    expect(createBookingRateLimiter({})).toBeInstanceOf(InProcessBookingRateLimiter);
  });

  it("lets two processes of one deployment share one client's allowance and one page's", async () => {
    const prefix = deployment();
    const limits = { book: { perClient: 3, perPage: 5, windowMs: 60_000 } };
    const [a, b] = [open(prefix, limits), open(prefix, limits)];
    const byClient = await Promise.all(Array.from({ length: 8 }, (_, index) => (index % 2 ? a : b).allow('book', '203.0.113.1', 'shared-client')));
    expect(byClient.filter(Boolean)).toHaveLength(3);
    const byPage = await Promise.all(Array.from({ length: 12 }, (_, index) => (index % 2 ? a : b).allow('book', `198.51.100.${index + 1}`, 'shared-page')));
    expect(byPage.filter(Boolean)).toHaveLength(5);
    expect(await a.allow('book', '198.51.100.200', 'another-page')).toBe(true);
  });

  it("keeps another deployment's counts apart", async () => {
    const limits = { read: { perClient: 2, perPage: 100, windowMs: 60_000 } };
    const one = open(deployment(), limits);
    const other = open(deployment(), limits);
    expect(await count(one, 4, 'read', '203.0.113.2', 'page')).toBe(2);
    expect(await count(other, 4, 'read', '203.0.113.2', 'page')).toBe(2);
  });

  it("checks the client before the page: a refused client leaves the page's allowance alone", async () => {
    const prefix = deployment();
    const limits = { book: { perClient: 2, perPage: 3, windowMs: 60_000 } };
    const [a, b] = [open(prefix, limits), open(prefix, limits)];
    expect(await count(a, 6, 'book', '203.0.113.3', 'page')).toBe(2);
    expect(await b.allow('book', '203.0.113.4', 'page')).toBe(true);
    expect(await b.allow('book', '203.0.113.5', 'page')).toBe(false);
    const keys = await limiterKeys(testRedisUrl(), prefix);
    expect([...keys.keys()].filter((key) => key.endsWith(':p:page'))).toHaveLength(1);
  });

  it('ends a window when its keys expire: the allowance comes back and nothing is left behind', async () => {
    const prefix = deployment();
    const limits = { read: { perClient: 1, perPage: 100, windowMs: 400 }, book: { perClient: 1, perPage: 100, windowMs: 400 } };
    const [a, b] = [open(prefix, limits), open(prefix, limits)];
    expect(await a.allow('read', '203.0.113.6', 'page')).toBe(true);
    expect(await b.allow('read', '203.0.113.6', 'page')).toBe(false);
    expect(await a.allow('book', '203.0.113.6', 'page')).toBe(true);
    const keys = await limiterKeys(testRedisUrl(), prefix);
    expect(keys.size).toBe(4);
    for (const ttl of keys.values()) expect(ttl > 0 && ttl <= 400).toBe(true);
    await eventually(async () => (await limiterKeys(testRedisUrl(), prefix)).size === 0, 5_000, 'the window keys expired');
    expect(await b.allow('read', '203.0.113.6', 'page')).toBe(true);
  });

  it("forgets its own deployment's counts on reset, and only those", async () => {
    const prefix = deployment();
    const otherPrefix = deployment();
    const limits = { book: { perClient: 1, perPage: 100, windowMs: 60_000 } };
    const [a, b, other] = [open(prefix, limits), open(prefix, limits), open(otherPrefix, limits)];
    expect(await a.allow('book', '203.0.113.7', 'page')).toBe(true);
    expect(await other.allow('book', '203.0.113.7', 'page')).toBe(true);
    expect(await b.allow('book', '203.0.113.7', 'page')).toBe(false);
    await b.reset();
    expect((await limiterKeys(testRedisUrl(), prefix)).size).toBe(0);
    expect(await a.allow('book', '203.0.113.7', 'page')).toBe(true);
    expect(await other.allow('book', '203.0.113.7', 'page')).toBe(false);
  });

  describe('while Redis does not answer', () => {
    let redis: PrivateRedis;
    let silent: Server;
    const held: Socket[] = [];

    beforeAll(async () => {
      redis = await PrivateRedis.start();
      silent = createServer((socket) => held.push(socket));
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    });

    afterAll(async () => {
      await Promise.all(opened.map((limiter) => limiter.close()));
      for (const socket of held) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
      await redis.down();
    });

    it('refuses bookings, counts reads in the process, warns once per outage, and shares again once Redis is back', async () => {
      const limits = { read: { perClient: 3, perPage: 100, windowMs: 60_000 }, book: { perClient: 100, perPage: 100, windowMs: 60_000 } };
      const [a, b] = [open('outage', limits, redis.url), open('outage', limits, redis.url)];
      expect(await count(a, 2, 'read', '203.0.113.8', 'page')).toBe(2);
      expect(await a.allow('book', '203.0.113.8', 'page')).toBe(true);

      const mark = logger.lines.length;
      await redis.down();
      expect(await count(a, 10, 'book', '203.0.113.9', 'page')).toBe(0);
      // Each process by itself: the reads Redis counted are not known here, and the other process counts its own.
      expect(await count(a, 5, 'read', '203.0.113.8', 'page')).toBe(3);
      expect(await count(b, 5, 'read', '203.0.113.8', 'page')).toBe(3);
      expect(lines(mark, OUTAGE).filter((line) => line.level === 'warn')).toHaveLength(2);

      await redis.up();
      await eventually(() => a.allow('book', '203.0.113.10', 'page'), 15_000, 'bookings allowed again');
      await eventually(() => b.allow('book', '203.0.113.10', 'page'), 15_000, 'bookings allowed again in the other process');
      expect(lines(mark, BACK)).toHaveLength(2);
      // Shared again: the two processes draw on one allowance (the private Redis lost the earlier counts).
      const shared = await Promise.all(Array.from({ length: 8 }, (_, index) => (index % 2 ? a : b).allow('read', '203.0.113.11', 'page')));
      expect(shared.filter(Boolean)).toHaveLength(3);

      await b.close();
      const second = logger.lines.length;
      await redis.down();
      expect(await a.allow('book', '203.0.113.12', 'page')).toBe(false);
      expect(lines(second, OUTAGE)).toHaveLength(1);
      await a.close();
      await redis.up();
    });

    it('applies the same rule when Redis accepts the connection but never answers (the command times out)', async () => {
      const url = `redis://127.0.0.1:${(silent.address() as { port: number }).port}`;
      const limiter = open('silent', { read: { perClient: 2, perPage: 100, windowMs: 60_000 } }, url);
      const mark = logger.lines.length;
      const [bookings, reads] = await Promise.all([
        Promise.all(Array.from({ length: 3 }, () => limiter.allow('book', '203.0.113.13', 'page'))),
        Promise.all(Array.from({ length: 4 }, () => limiter.allow('read', '203.0.113.13', 'page'))),
      ]);
      expect(bookings).toEqual([false, false, false]);
      expect(reads.filter(Boolean)).toHaveLength(2);
      expect(lines(mark, OUTAGE)).toHaveLength(1);
      expect(lines(mark, OUTAGE)[0]!.level).toBe('warn');
    });
  });
});
