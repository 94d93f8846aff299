import { BullMqJobSystem, InProcessJobSystem, type ClosableJobSystem } from '@m365/dev-host';
import { deleteRedisPrefix, testRedisUrl, uniqueQueuePrefix } from '../../test-support/index.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('Timed out waiting');
    await sleep(20);
  }
}

function openResources(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo()) counts[kind] = (counts[kind] ?? 0) + 1;
  return counts;
}

const drivers: Array<[string, (prefix: string) => ClosableJobSystem]> = [
  ['in-process', () => new InProcessJobSystem({ backoffDelayMs: 50, concurrency: 4 })],
  ['BullMQ', (prefix) => new BullMqJobSystem({ redisUrl: testRedisUrl(), prefix, backoffDelayMs: 50, concurrency: 4 })],
];

describe.each(drivers)('%s job system', (_name, create) => {
  let jobs: ClosableJobSystem;
  let prefix: string;

  beforeEach(() => {
    prefix = uniqueQueuePrefix();
    jobs = create(prefix);
  });

  afterEach(async () => {
    await jobs.close();
    await deleteRedisPrefix(prefix);
  });

  it('runs a named processor with its data and context', async () => {
    const seen: unknown[] = [];
    jobs.registerProcessor<{ n: number }>('messaging', 'import', async (data, context) => {
      seen.push({ data, attempt: context.attempt, hasId: context.jobId.length > 0 });
    });
    await jobs.add('messaging', 'import', { n: 1 });
    await waitFor(() => seen.length === 1);
    expect(seen).toEqual([{ data: { n: 1 }, attempt: 1, hasId: true }]);
    expect(jobs.registrations().processors).toEqual([{ queue: 'messaging', name: 'import' }]);
  });

  it('runs jobs added before their processor was registered', async () => {
    const seen: number[] = [];
    await jobs.add('calendar', 'late', { n: 7 });
    await sleep(100);
    jobs.registerProcessor<{ n: number }>('calendar', 'late', async ({ n }) => {
      seen.push(n);
    });
    await waitFor(() => seen.length === 1);
    expect(seen).toEqual([7]);
  });

  it('enqueues a jobId once while it waits, and once more if added while it runs', async () => {
    const runs: Array<{ v: number; jobId: string }> = [];
    let release!: () => void;
    const blocked = new Promise<void>((resolve) => (release = resolve));
    for (const v of [1, 2, 3]) await jobs.add('messaging', 'sync', { v }, { jobId: 'channel-1' });
    jobs.registerProcessor<{ v: number }>('messaging', 'sync', async ({ v }, { jobId }) => {
      runs.push({ v, jobId });
      if (runs.length === 1) await blocked;
    });
    await waitFor(() => runs.length === 1);
    expect(runs[0]).toEqual({ v: 1, jobId: 'channel-1' });
    await jobs.add('messaging', 'sync', { v: 4 }, { jobId: 'channel-1' });
    await jobs.add('messaging', 'sync', { v: 5 }, { jobId: 'channel-1' });
    await sleep(150);
    expect(runs).toHaveLength(1);
    release();
    await waitFor(() => runs.length === 2);
    await sleep(200);
    expect(runs.map((run) => run.v)).toEqual([1, 5]);
  });

  it('retries a failing job with backoff up to its attempts', async () => {
    const attempts: Array<{ attempt: number; at: number }> = [];
    jobs.registerProcessor('messaging', 'flaky', async (_data, { attempt }) => {
      attempts.push({ attempt, at: Date.now() });
      if (attempt < 3) throw new Error(`fail ${attempt}`);
    });
    await jobs.add('messaging', 'flaky', {}, { attempts: 3 });
    await waitFor(() => attempts.length === 3);
    expect(attempts.map((entry) => entry.attempt)).toEqual([1, 2, 3]);
    // Exponential backoff from 50 ms: the second retry waits at least twice the first delay (never earlier).
    expect(attempts[1].at - attempts[0].at).toBeGreaterThanOrEqual(50 - 5);
    expect(attempts[2].at - attempts[1].at).toBeGreaterThanOrEqual(100 - 5);
    await sleep(300);
    expect(attempts).toHaveLength(3);
  });

  it('gives up after the last attempt', async () => {
    let calls = 0;
    jobs.registerProcessor('messaging', 'broken', async () => {
      calls += 1;
      throw new Error('always');
    });
    await jobs.add('messaging', 'broken', {}, { attempts: 2 });
    await waitFor(() => calls === 2);
    await sleep(300);
    expect(calls).toBe(2);
  });

  it('delays a job', async () => {
    let ranAt = 0;
    jobs.registerProcessor('cron', 'later', async () => {
      ranAt = Date.now();
    });
    const addedAt = Date.now();
    await jobs.add('cron', 'later', {}, { delayMs: 400 });
    await waitFor(() => ranAt > 0);
    expect(ranAt - addedAt).toBeGreaterThanOrEqual(380);
  });

  it('fires a registered cron', async () => {
    let fired = 0;
    jobs.registerCron({ queue: 'cron', name: 'every-second', pattern: '* * * * * *', handler: async () => void (fired += 1) });
    expect(jobs.registrations().crons).toEqual([{ queue: 'cron', name: 'every-second', pattern: '* * * * * *' }]);
    await waitFor(() => fired >= 1, 4000);
  });

  it('closes without leaving sockets or timers behind', async () => {
    const before = openResources();
    const other = create(`${prefix}-close`);
    other.registerProcessor('messaging', 'noop', async () => undefined);
    other.registerCron({ queue: 'cron', name: 'tick', pattern: '*/5 * * * *', handler: async () => undefined });
    await other.add('messaging', 'noop', {}, { delayMs: 60_000 });
    await other.add('messaging', 'noop', {});
    await sleep(200);
    await other.close();
    await deleteRedisPrefix(`${prefix}-close`);
    await sleep(50);
    const after = openResources();
    expect(after.TCPSocketWrap ?? 0).toBeLessThanOrEqual(before.TCPSocketWrap ?? 0);
    expect(after.Timeout ?? 0).toBeLessThanOrEqual(before.Timeout ?? 0);
    await expect(other.add('messaging', 'noop', {})).rejects.toThrow(/closed/);
  });
});
