// The CRM host of the push benchmark, in a process of its own (forked by push-bench.ts): the dev host on a fresh
// PostgreSQL database and real Redis (BullMQ under a unique prefix), configured through MICROSOFT_* to talk to the
// emulator process like a deployment talks to Microsoft. It connects the bench mailboxes through the real OAuth
// consent walk, waits for their first imports and ACTIVE subscriptions, then serves the webhook and runs the push
// jobs. The only thing clipped on is a counter around `MailSyncService.syncChannel` (from the outside, as
// push.spec.ts does): it changes no behaviour.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { DevHost } from '@m365/dev-host';
import { MailSyncService } from '@m365/server-module';
import { createTestDatabase, deleteRedisPrefix, TestHttpClient, testRedisUrl, uniqueQueuePrefix, type TestDatabase } from '../../test-support/index.js';
import { connectBenchMailbox, startBenchDevHost } from '../shared/bench-dev-host.js';
import { CapturingLogger } from '../shared/capturing-logger.js';
import { BENCH_MEMBER, BENCH_MEMBER_PASSWORD } from '../shared/crm-mailboxes.js';
import type { EmulatorEndpoints } from '../shared/emulator-endpoints.js';
import { requireIpcChannel } from '../shared/ipc-channel.js';
import { serveRpc, type ConnectedChannel, type HostReady, type PassRecord } from './push-fixtures.js';

requireIpcChannel('push-host.ts', 'push-bench.ts');

/** Concurrent consent walks while connecting (each with its own browser-like client: the OAuth nonce is a cookie). */
const CONNECT_LANES = 4;
const SETTLE_TIMEOUT_MS = 5 * 60_000;

/**
 * Debugging aid (`BENCH_PUSH_QUERY_LOG=1`): counts the SQL statements the host sends, by their first words, so that a
 * phase can say which queries it cost. Wraps pg's Client.query from the outside; nothing else changes.
 */
const queryCounts = new Map<string, number>();
if (process.env.BENCH_PUSH_QUERY_LOG === '1') {
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const text = typeof args[0] === 'string' ? args[0] : ((args[0] as { text?: string } | undefined)?.text ?? '?');
    const key = text.replace(/\s+/g, ' ').trim().slice(0, 90);
    queryCounts.set(key, (queryCounts.get(key) ?? 0) + 1);
    return (query as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof query;
}

let host: DevHost | undefined;
let database: TestDatabase | undefined;
let queuePrefix: string | undefined;
const dataDir = mkdtempSync(join(tmpdir(), 'm365-push-bench-host-'));
const logger = new CapturingLogger();
const passes: PassRecord[] = [];
let passesInFlight = 0;

async function connectAll(emulator: EmulatorEndpoints, mailboxes: string[]): Promise<ConnectedChannel[]> {
  const queue = [...mailboxes];
  const connected: ConnectedChannel[] = [];
  const lane = async () => {
    const client = new TestHttpClient(host!.url, emulator.caCertPem);
    try {
      await client.signIn(BENCH_MEMBER, BENCH_MEMBER_PASSWORD);
      for (let upn = queue.shift(); upn; upn = queue.shift()) {
        connected.push({ upn, ...(await connectBenchMailbox(client, host!, emulator, upn)) });
      }
    } finally {
      await client.close();
    }
  };
  await Promise.all(Array.from({ length: CONNECT_LANES }, lane));
  return connected;
}

/** Until every channel's first import is over and its subscription is ACTIVE. */
async function settle(channels: ConnectedChannel[]): Promise<void> {
  const ids = channels.map((channel) => channel.messageChannelId);
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  for (;;) {
    const [row] = await host!.dataSource.query(
      `SELECT count(*) FILTER (WHERE c."syncStatus" = 'ACTIVE' AND c."syncStage" <> 'MESSAGE_LIST_FETCH_ONGOING')::int AS "synced",
              count(*) FILTER (WHERE c."syncStatus" LIKE 'FAILED%')::int AS "failed",
              (SELECT count(*) FROM "microsoftSubscription" s WHERE s."channelId" = ANY($1::uuid[]) AND s."status" = 'ACTIVE')::int AS "subscribed"
       FROM "messageChannel" c WHERE c."id" = ANY($1::uuid[])`,
      [ids],
    );
    if (row.failed > 0) throw new Error(`${row.failed} channels failed their first import: ${logger.lines.slice(-5).join(' | ')}`);
    if (row.synced === ids.length && row.subscribed === ids.length) return;
    if (Date.now() > deadline) throw new Error(`after ${SETTLE_TIMEOUT_MS / 1000} s: ${row.synced}/${ids.length} channels synced, ${row.subscribed} subscriptions ACTIVE`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function start({ emulator, mailboxes }: { emulator: EmulatorEndpoints; mailboxes: string[] }): Promise<HostReady> {
  database = await createTestDatabase();
  process.send!({ event: 'database', name: database.name });
  queuePrefix = uniqueQueuePrefix();
  host = await startBenchDevHost(emulator, { databaseUrl: database.url, redisUrl: testRedisUrl(), queuePrefix, dataDir });
  host.app.useLogger(logger);

  const sync = host.app.get(MailSyncService);
  const original = sync.syncChannel.bind(sync);
  sync.syncChannel = async (workspaceId, messageChannelId, options = {}) => {
    const startedAt = Date.now();
    passesInFlight += 1;
    try {
      const outcome = await original(workspaceId, messageChannelId, options);
      passes.push({ channelId: messageChannelId, mode: options.mode ?? 'full', startedAt, endedAt: Date.now(), outcome });
      return outcome;
    } finally {
      passesInFlight -= 1;
    }
  };

  const [{ id: workspaceId }] = await host.dataSource.query(`SELECT "id" FROM "workspace" ORDER BY "createdAt" LIMIT 1`);
  const connectStarted = performance.now();
  const channels = await connectAll(emulator, mailboxes);
  const connectMs = performance.now() - connectStarted;
  const settleStarted = performance.now();
  await settle(channels);
  return {
    workspaceId,
    databaseUrl: database.url,
    databaseName: database.name,
    hostUrl: host.url,
    publicUrl: host.publicUrl,
    queuePrefix,
    channels,
    connectMs,
    settleMs: performance.now() - settleStarted,
  };
}

let stopped: Promise<void> | undefined;
function stop(): Promise<void> {
  return (stopped ??= (async () => {
    await host?.close().catch(() => undefined);
    await database?.drop().catch(() => undefined);
    if (queuePrefix) await deleteRedisPrefix(queuePrefix).catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  })());
}

/** Debugging aid (`BENCH_CPU_PROF_DIR`): a V8 CPU profile of one phase, written where the orchestrator says. */
let profiler: Session | undefined;
async function profileStart(): Promise<void> {
  profiler = new Session();
  profiler.connect();
  await profiler.post('Profiler.enable');
  await profiler.post('Profiler.start');
}
async function profileStop({ file }: { file: string }): Promise<void> {
  if (!profiler) return;
  const { profile } = await profiler.post('Profiler.stop');
  writeFileSync(file, JSON.stringify(profile));
  profiler.disconnect();
  profiler = undefined;
}

serveRpc({
  start,
  profileStart,
  profileStop,
  /** The host's syncChannel calls that ended at or after `since` (epoch ms). */
  passes: ({ since }: { since: number }) => passes.filter((pass) => pass.endedAt >= since),
  /** SQL statements counted since the last call (only with BENCH_PUSH_QUERY_LOG=1), most frequent first. */
  queries: () => {
    const counts = [...queryCounts].sort((a, b) => b[1] - a[1]);
    queryCounts.clear();
    return counts;
  },
  /** syncChannel calls running now. */
  activity: () => ({ passesInFlight, passes: passes.length }),
  /** Warnings and errors Nest logged (most recent last). */
  logs: () => ({ count: logger.lines.length, last: logger.lines.slice(-20) }),
  stop: async () => {
    await stop();
    setImmediate(() => process.exit(0));
  },
});
// The orchestrator went away: clean up what we made and leave.
process.once('disconnect', () => void stop().finally(() => process.exit(3)));
process.once('SIGTERM', () => void stop().finally(() => process.exit(0)));
process.send!({ event: 'ready' });
