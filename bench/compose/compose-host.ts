// A CRM process of the compose benchmark (forked by compose-bench.ts), in one of two roles:
//   - web: the dev host on a fresh PostgreSQL database and Redis (BullMQ under a unique prefix), running no job
//     workers; it connects the sender's mailbox through the real OAuth consent walk and serves GraphQL, the upload
//     route and the webhook;
//   - worker: the dev host on the same database and prefix, running the job workers (sends, imports, push passes).
// The orchestrator kills one worker with SIGKILL in the fault phase.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DevHost } from '@m365/dev-host';
import { MailSyncService, SubscriptionJobs } from '@m365/server-module';
import { createTestDatabase, deleteRedisPrefix, TestHttpClient, testRedisUrl, uniqueQueuePrefix, type TestDatabase } from '../../test-support/index.js';
import { connectBenchMailbox, startBenchDevHost } from '../shared/bench-dev-host.js';
import { CapturingLogger } from '../shared/capturing-logger.js';
import { BENCH_MEMBER, BENCH_MEMBER_PASSWORD } from '../shared/crm-mailboxes.js';
import type { EmulatorEndpoints } from '../shared/emulator-endpoints.js';
import { requireIpcChannel } from '../shared/ipc-channel.js';
import { SENDER, serveRpc, type WebReady } from './compose-fixtures.js';

requireIpcChannel('compose-host.ts', 'compose-bench.ts');

const SETTLE_TIMEOUT_MS = 3 * 60_000;
const MAX_MESSAGE_BYTES = 150 * 1024 * 1024;

let host: DevHost | undefined;
let database: TestDatabase | undefined;
let ownsQueue: string | undefined;
// The web process's directory holds the generated app secret and token encryption key: workers read the same ones.
let dataDir = mkdtempSync(join(tmpdir(), 'm365-compose-bench-host-'));
let ownsDataDir = true;
const logger = new CapturingLogger();

async function settle(messageChannelId: string): Promise<void> {
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  for (;;) {
    const [row] = await host!.dataSource.query(
      `SELECT c."syncStatus" AS status, c."syncStage" AS stage,
              (SELECT count(*) FROM "microsoftSubscription" s WHERE s."channelId" = c."id" AND s."status" = 'ACTIVE')::int AS subscribed
       FROM "messageChannel" c WHERE c."id" = $1`,
      [messageChannelId],
    );
    if (String(row.status).startsWith('FAILED')) throw new Error(`the first import failed: ${logger.lines.slice(-5).join(' | ')}`);
    if (row.status === 'ACTIVE' && row.stage !== 'MESSAGE_LIST_FETCH_ONGOING' && row.subscribed > 0) return;
    if (Date.now() > deadline) throw new Error(`not settled after ${SETTLE_TIMEOUT_MS / 1000} s: ${JSON.stringify(row)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function startWeb({ emulator }: { emulator: EmulatorEndpoints }): Promise<WebReady> {
  database = await createTestDatabase();
  process.send!({ event: 'database', name: database.name });
  ownsQueue = uniqueQueuePrefix();
  host = await startBenchDevHost(emulator, { databaseUrl: database.url, redisUrl: testRedisUrl(), queuePrefix: ownsQueue, dataDir, jobWorkers: false, microsoft: { maxMessageSizeBytes: MAX_MESSAGE_BYTES } });
  host.app.useLogger(logger);
  const client = new TestHttpClient(host.url, emulator.caCertPem);
  await client.signIn(BENCH_MEMBER, BENCH_MEMBER_PASSWORD);
  const { connectedAccountId, messageChannelId } = await connectBenchMailbox(client, host, emulator, SENDER);
  await client.close();
  const [{ id: workspaceId }] = await host.dataSource.query(`SELECT "id" FROM "workspace" ORDER BY "createdAt" LIMIT 1`);
  return { workspaceId, databaseUrl: database.url, databaseName: database.name, queuePrefix: ownsQueue, hostUrl: host.url, pid: process.pid, connectedAccountId, messageChannelId, dataDir };
}

async function startWorker({ emulator, databaseUrl, queuePrefix, webDataDir }: { emulator: EmulatorEndpoints; databaseUrl: string; queuePrefix: string; webDataDir: string }): Promise<{ pid: number }> {
  rmSync(dataDir, { recursive: true, force: true });
  dataDir = webDataDir;
  ownsDataDir = false;
  host = await startBenchDevHost(emulator, { databaseUrl, redisUrl: testRedisUrl(), queuePrefix, dataDir, jobWorkers: true, seed: false, frontDir: dataDir, microsoft: { maxMessageSizeBytes: MAX_MESSAGE_BYTES } });
  host.app.useLogger(logger);
  recordPasses(host);
  return { pid: process.pid };
}

// Each mail pass and push job this worker runs (wall clock ms), for the orchestrator's stage breakdown of phase 1.
interface PassRecord { kind: 'pass' | 'push job'; mode: string; startedMs: number; endedMs: number; outcome: string }
const passes: PassRecord[] = [];

function recordPasses(running: DevHost): void {
  const sync = running.app.get(MailSyncService);
  const syncChannel = sync.syncChannel.bind(sync);
  sync.syncChannel = async (workspaceId, channelId, options = {}) => {
    const startedMs = Date.now();
    let outcome = 'threw';
    try {
      outcome = await syncChannel(workspaceId, channelId, options);
      return outcome as Awaited<ReturnType<typeof syncChannel>>;
    } finally {
      passes.push({ kind: 'pass', mode: options.mode ?? 'full', startedMs, endedMs: Date.now(), outcome });
    }
  };
  const jobs = running.app.get(SubscriptionJobs);
  const onPush = jobs.onPush.bind(jobs);
  jobs.onPush = async (kind, workspaceId, channelId) => {
    const startedMs = Date.now();
    try {
      await onPush(kind, workspaceId, channelId);
    } finally {
      passes.push({ kind: 'push job', mode: kind.name, startedMs, endedMs: Date.now(), outcome: '' });
    }
  };
}

// The upload phase's breakdown of the web process's memory (process.memoryUsage(), sampled every 10 ms from inside):
// where the resident growth sits — V8's heap, or Buffers and ArrayBuffers outside it.
type MemoryUsage = ReturnType<typeof process.memoryUsage>;
let memoryWatch: { timer: NodeJS.Timeout; baseline: MemoryUsage; peak: MemoryUsage; peakArrayBuffers: number } | undefined;

function watchMemory(): MemoryUsage {
  const baseline = process.memoryUsage();
  const watch = { baseline, peak: baseline, peakArrayBuffers: baseline.arrayBuffers, timer: setInterval(() => {
    const now = process.memoryUsage();
    if (now.rss > watch.peak.rss) watch.peak = now;
    if (now.arrayBuffers > watch.peakArrayBuffers) watch.peakArrayBuffers = now.arrayBuffers;
  }, 10) };
  memoryWatch = watch;
  return baseline;
}

function memoryPeak(): { baseline: MemoryUsage; peak: MemoryUsage; peakArrayBuffers: number } | null {
  if (!memoryWatch) return null;
  clearInterval(memoryWatch.timer);
  const { baseline, peak, peakArrayBuffers } = memoryWatch;
  memoryWatch = undefined;
  return { baseline, peak, peakArrayBuffers };
}

let stopped: Promise<void> | undefined;
function stop(): Promise<void> {
  return (stopped ??= (async () => {
    await host?.close().catch(() => undefined);
    await database?.drop().catch(() => undefined);
    if (ownsQueue) await deleteRedisPrefix(ownsQueue).catch(() => undefined);
    if (ownsDataDir) rmSync(dataDir, { recursive: true, force: true });
  })());
}

serveRpc({
  startWeb,
  startWorker,
  settle: ({ messageChannelId }: { messageChannelId: string }) => settle(messageChannelId),
  watchMemory,
  passes: ({ sinceMs }: { sinceMs: number }) => passes.filter((pass) => pass.endedMs >= sinceMs),
  memoryPeak,
  logs: () => ({ count: logger.lines.length, last: logger.lines.slice(-20) }),
  stop: async () => {
    await stop();
    setImmediate(() => process.exit(0));
  },
});
process.once('disconnect', () => void stop().finally(() => process.exit(3)));
process.once('SIGTERM', () => void stop().finally(() => process.exit(0)));
process.send!({ event: 'ready' });
