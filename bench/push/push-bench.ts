// `npm run bench:push` — the real-time push benchmark (issue 5, "Benchmark"). Not a test: it prints its figures, a
// table against the targets, and last one line of JSON. Exit 0 when only a speed target is missed (marked MISSED),
// 1 when mail or notifications were lost or duplicated, 2 when it could not run.
//
// Processes (the machine has 2 cores; nothing is pinned, the kernel schedules them, and the CPU each one used in each
// phase is printed):
//   - this orchestrator: plans the deliveries, polls the CRM database for the messages it is waiting for, verifies;
//   - the Graph emulator (push-emulator.ts): 100 mailboxes, delivers the planned messages, sends the notifications;
//   - the CRM host (push-host.ts): the dev host with the plugin, PostgreSQL (fresh database, dropped after) and Redis
//     (BullMQ under a unique prefix, deleted after), the webhook and the push jobs;
//   - the webhook load generator (push-load.ts), only during the webhook phase.
// Phases:
//   0. 100 emulator users with a few messages each, connected through the OAuth consent walk; first imports done and
//      every subscription ACTIVE;
//   1. latency: 2,000 messages at uniformly random times over 60 s to random mailboxes; each one's latency is from
//      the emulator's `acceptedAt` to the poll that first finds its row in the CRM (message joined to the channel's
//      association in an imported folder), polling every POLL_EVERY_MS for all outstanding ids in one query;
//   2. bursts: 25 mailboxes each receive 20 messages within 200 ms; quick delta runs ÷ notifications received;
//   3. webhook under load: 5,000 notifications/s for 4 s (after 1 s at 1,000/s) straight at the webhook, with the
//      real subscription ids and clientStates; p99 answer time, achieved rate, every accepted one recorded;
//   4. the CRM against the mailboxes: lost and duplicated.
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { DEMO_DIRECTORY } from '@m365/graph-emulator';
import { deleteRedisPrefix, testRedisUrl } from '../../test-support/test-redis.js';
import { compileForBench, type CompiledBench } from '../compile-for-bench.js';
import { ChildProcesses } from '../shared/child-processes.js';
import { dropDatabase } from '../shared/drop-database.js';
import type { EmulatorEndpoints } from '../shared/emulator-endpoints.js';
import { mark, printTable, round } from '../shared/figures-table.js';
import { CpuWindow, pidOf } from '../shared/process-meters.js';
import { runBench } from '../shared/run-bench.js';
import {
  BURST_MAILBOXES,
  BURST_SIZE,
  BURST_STARTS_WITHIN_MS,
  BURST_WINDOW_MS,
  LATENCY_MESSAGES,
  LATENCY_SPREAD_MS,
  LOAD_CONNECTIONS,
  LOAD_ITEMS_PER_POST,
  LOAD_RATE,
  LOAD_SECONDS,
  LOAD_WARMUP_RATE,
  LOAD_WARMUP_SECONDS,
  MAILBOXES,
  POLL_EVERY_MS,
  SEEDED_PER_MAILBOX,
  TARGETS,
  mailboxUpn,
  quantile,
  RpcClient,
  type DeliveredEvent,
  type HostReady,
  type LoadReport,
  type PassRecord,
  type PlannedDelivery,
  type SubscriptionView,
} from './push-fixtures.js';

const BENCH_TIMEOUT_MS = 15 * 60_000;
/** After the last delivery of a phase, how long its messages may take to show up before they count as missing. */
const ARRIVAL_GRACE_MS = 60_000;
/** Prints which SQL statements the host sent in each phase (see push-host.ts). */
const QUERY_LOG = process.env.BENCH_PUSH_QUERY_LOG === '1';
/** Writes a V8 CPU profile of the CRM host per phase into this directory (open it in Chrome DevTools). */
const CPU_PROFILE_DIR = process.env.BENCH_CPU_PROF_DIR;

const children = new ChildProcesses();
const log = (line: string) => console.log(`[bench] ${line}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
const median = (values: number[]) => quantile(sorted(values), 0.5);

let compiled: CompiledBench | undefined;
let databaseName: string | undefined;
let queuePrefix: string | undefined;

/** Forks a child and waits for its `ready` event. */
async function startChild<T = unknown>(file: string, label: string, execArgv: string[] = []): Promise<{ child: ChildProcess; rpc: RpcClient; ready: T }> {
  const child = children.fork(compiled!, file, label, execArgv);
  const rpc = new RpcClient(child, label);
  const ready = await new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${label} did not start within 60 s`)), 60_000);
    const onMessage = (message: { event?: string }) => {
      if (message?.event !== 'ready') return;
      clearTimeout(timer);
      child.off('message', onMessage);
      resolve(message as T);
    };
    child.on('message', onMessage);
    child.once('exit', (code) => reject(new Error(`${label} exited (${code}) before it was ready`)));
  });
  return { child, rpc, ready };
}

/** Deterministic pseudo-random numbers in [0, 1) (xorshift32), so that runs deliver the same plan. */
function randomSource(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 2 ** 32;
  };
}

// ---- the latency watcher -----------------------------------------------------------------------------------------

interface Observed {
  n: number;
  user: string;
  id: string;
  acceptedAt: number;
  observedAt: number;
}

/**
 * Waits for delivered messages to become readable in the CRM: every POLL_EVERY_MS (after the previous query
 * returned) one query asks for all outstanding internet message ids at once. A message's latency is the time the
 * query that first returned it came back, minus the emulator's `acceptedAt` (both on this machine's clock): an
 * upper bound, late by at most one poll interval plus one query.
 */
class ArrivalWatcher {
  readonly outstanding = new Map<string, DeliveredEvent>();
  readonly observed = new Map<string, Observed>();
  readonly queryMs: number[] = [];
  private running = false;
  private loop?: Promise<void>;

  constructor(
    private readonly client: pg.Client,
    private readonly workspaceId: string,
  ) {}

  expect(event: DeliveredEvent): void {
    this.outstanding.set(event.internetMessageId, event);
  }

  start(): void {
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        if (this.outstanding.size > 0) {
          const ids = [...this.outstanding.keys()];
          const asked = performance.now();
          const { rows } = await this.client.query<{ id: string }>(
            `SELECT DISTINCT m."headerMessageId" AS "id" FROM "message" m
             JOIN "messageChannelMessageAssociation" a ON a."messageId" = m."id" AND a."messageFolderId" IS NOT NULL
             WHERE m."workspaceId" = $1 AND m."headerMessageId" = ANY($2::text[])`,
            [this.workspaceId, ids],
          );
          const now = Date.now();
          this.queryMs.push(performance.now() - asked);
          for (const { id } of rows) {
            const event = this.outstanding.get(id);
            if (!event) continue;
            this.outstanding.delete(id);
            this.observed.set(id, { n: event.n, user: event.user, id: event.id, acceptedAt: event.acceptedAt, observedAt: now });
          }
        }
        await sleep(POLL_EVERY_MS);
      }
    })();
  }

  /** Until every expected message arrived or `graceMs` passed. */
  async drain(graceMs: number): Promise<void> {
    const deadline = Date.now() + graceMs;
    while (this.outstanding.size > 0 && Date.now() < deadline) await sleep(50);
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }
}

function printQueries(title: string, counts: Array<[string, number]>, notifications: number): void {
  const total = counts.reduce((sum, [, count]) => sum + count, 0);
  console.log(`  ${title}: ${total} (${round(total / Math.max(1, notifications), 3)} per notification)`);
  for (const [text, count] of counts.slice(0, 12)) console.log(`    ${String(count).padStart(7)}  ${text}`);
}

// ---- figures -----------------------------------------------------------------------------------------------------

interface LatencyFigures {
  delivered: number;
  arrived: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
}

function latencyFigures(events: DeliveredEvent[], watcher: ArrivalWatcher): LatencyFigures {
  const latencies = sorted(events.map((event) => watcher.observed.get(event.internetMessageId)).filter((o): o is Observed => o !== undefined).map((o) => o.observedAt - o.acceptedAt));
  return {
    delivered: events.length,
    arrived: latencies.length,
    p50Ms: quantile(latencies, 0.5),
    p90Ms: quantile(latencies, 0.9),
    p99Ms: quantile(latencies, 0.99),
    maxMs: latencies.at(-1) ?? Number.NaN,
  };
}

/**
 * Where a message's time went: emulator accepted → notification recorded by the webhook (the inbox row's
 * receivedAt) → the quick pass that imported it started → that pass returned → our poll saw the row. The pass is
 * the channel's first one that started after the notification was recorded.
 */
async function latencyBreakdown(client: pg.Client, channelOf: Map<string, string>, events: DeliveredEvent[], watcher: ArrivalWatcher, passes: PassRecord[]): Promise<string> {
  const ids = events.map((event) => event.id);
  const { rows } = await client.query<{ resourceId: string; receivedAt: number }>(
    `SELECT "resourceId", min(extract(epoch FROM "receivedAt") * 1000)::float8 AS "receivedAt" FROM "microsoftNotification" WHERE "resourceId" = ANY($1::text[]) GROUP BY 1`,
    [ids],
  );
  const receivedAt = new Map(rows.map((row) => [row.resourceId, row.receivedAt]));
  const byChannel = new Map<string, PassRecord[]>();
  for (const pass of passes) if (pass.mode === 'quick' && pass.outcome !== 'busy') byChannel.set(pass.channelId, [...(byChannel.get(pass.channelId) ?? []), pass]);
  const toWebhook: number[] = [];
  const toPassStart: number[] = [];
  const passMs: number[] = [];
  const toPoll: number[] = [];
  const waitIdle: number[] = [];
  const waitBehindRun: number[] = [];
  for (const event of events) {
    const observed = watcher.observed.get(event.internetMessageId);
    const received = receivedAt.get(event.id);
    if (!observed || received === undefined) continue;
    toWebhook.push(received - event.acceptedAt);
    const channelPasses = byChannel.get(channelOf.get(event.user)!) ?? [];
    const pass = channelPasses.find((candidate) => candidate.startedAt >= received - 1);
    if (!pass) continue;
    toPassStart.push(pass.startedAt - received);
    // Did the notification find a pass of its channel running (so its own waits for that one to end)?
    const behind = channelPasses.some((candidate) => candidate.startedAt < received - 1 && candidate.endedAt > received);
    (behind ? waitBehindRun : waitIdle).push(pass.startedAt - received);
    passMs.push(pass.endedAt - pass.startedAt);
    toPoll.push(observed.observedAt - pass.endedAt);
  }
  const p = (values: number[]) => (values.length ? `p50 ${round(median(values), 0)} / p99 ${round(quantile(sorted(values), 0.99), 0)} ms` : 'none');
  return [
    `accepted → notification recorded ${p(toWebhook)}; recorded → quick pass starts ${p(toPassStart)}; pass ${p(passMs)}; pass returned → seen by the poll ${p(toPoll)} (${passMs.length} of ${events.length} messages matched to their pass)`,
    `recorded → pass starts, channel idle at notification: ${p(waitIdle)} (${waitIdle.length}); a pass of the channel already running: ${p(waitBehindRun)} (${waitBehindRun.length})`,
  ].join('\n  ');
}

const describeCpu = (cpu: Record<string, number | null>) => {
  const wall = cpu.wallMs ?? 1;
  const share = (name: string) => (cpu[name] === null || cpu[name] === undefined ? null : `${name} ${round(((cpu[name] as number) / wall) * 100, 0)}%`);
  const ours = ['host', 'emulator', 'loadgen', 'orchestrator', 'postgres', 'redis'].reduce((sum, name) => sum + ((cpu[name] as number | null | undefined) ?? 0), 0);
  const others = `others ${round((((cpu.machine ?? 0) - ours) / wall) * 100, 0)}%`;
  return `CPU (% of one core over ${round(wall / 1000, 1)} s): ${['host', 'emulator', 'loadgen', 'orchestrator', 'postgres', 'redis'].map(share).filter(Boolean).join(', ')}, ${others} (not the bench's: other work on the machine, kernel), machine ${round(((cpu.machine ?? 0) / wall) * 100, 0)}% of ${availableParallelism() * 100}%`;
};

function passSummary(passes: PassRecord[], since: number, until: number) {
  const inWindow = passes.filter((pass) => pass.startedAt >= since && pass.startedAt <= until);
  const quick = inWindow.filter((pass) => pass.mode === 'quick');
  const ran = quick.filter((pass) => pass.outcome !== 'busy');
  return {
    quickRan: ran.length,
    quickBusy: quick.length - ran.length,
    quickFailed: quick.filter((pass) => pass.outcome === 'failed').length,
    full: inWindow.filter((pass) => pass.mode === 'full').length,
    quickMsP50: median(ran.map((pass) => pass.endedAt - pass.startedAt)),
    quickMsP99: quantile(sorted(ran.map((pass) => pass.endedAt - pass.startedAt)), 0.99),
    channels: new Set(ran.map((pass) => pass.channelId)).size,
  };
}

async function notificationsSince(client: pg.Client, afterId: string, excludeTag?: string): Promise<number> {
  const { rows } = await client.query<{ count: number }>(
    `SELECT count(*)::int AS "count" FROM "microsoftNotification" WHERE "id" > $1::bigint AND ($2::text IS NULL OR "resourceId" NOT LIKE $2 || '-%')`,
    [afterId, excludeTag ?? null],
  );
  return rows[0]!.count;
}

async function lastNotificationId(client: pg.Client): Promise<string> {
  const { rows } = await client.query<{ id: string }>(`SELECT coalesce(max("id"), 0)::text AS "id" FROM "microsoftNotification"`);
  return rows[0]!.id;
}

/** Until no notification waits for its push job and no pass runs, for a second (at most `timeoutMs`). */
async function quiet(client: pg.Client, host: RpcClient, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  let quietSince = 0;
  while (Date.now() < deadline) {
    const { rows } = await client.query<{ pending: number }>(`SELECT count(*)::int AS "pending" FROM "microsoftNotification" WHERE "processedAt" IS NULL`);
    const { passesInFlight } = await host.call<{ passesInFlight: number }>('activity');
    if (rows[0]!.pending === 0 && passesInFlight === 0) {
      quietSince ||= Date.now();
      if (Date.now() - quietSince >= 1_000) return true;
    } else quietSince = 0;
    await sleep(100);
  }
  return false;
}

interface Verification {
  mailboxMessages: number;
  crmMessages: number;
  lost: number;
  unexpected: number;
  duplicated: number;
  lostExamples: string[];
}

/** The CRM against the mailboxes: every importable message once in its channel, once as a message row. */
async function verify(client: pg.Client, emulator: RpcClient, ready: HostReady): Promise<Verification> {
  const mailboxes = await emulator.call<Record<string, string[]>>('mailboxIds', { users: ready.channels.map((channel) => channel.upn) });
  const { rows } = await client.query<{ channel: string; header: string }>(
    `SELECT a."messageChannelId" AS "channel", m."headerMessageId" AS "header" FROM "messageChannelMessageAssociation" a JOIN "message" m ON m."id" = a."messageId"
     WHERE a."messageChannelId" = ANY($1::uuid[]) AND a."messageFolderId" IS NOT NULL`,
    [ready.channels.map((channel) => channel.messageChannelId)],
  );
  const crm = new Map<string, string[]>();
  for (const row of rows) crm.set(row.channel, [...(crm.get(row.channel) ?? []), row.header]);
  const [counts] = (
    await client.query<{ associations: number; externalIds: number; messages: number; headers: number }>(
      `SELECT (SELECT count(*) FROM "messageChannelMessageAssociation" WHERE "messageChannelId" = ANY($1::uuid[]))::int AS "associations",
              (SELECT count(*) FROM (SELECT DISTINCT "messageChannelId", "messageExternalId" FROM "messageChannelMessageAssociation" WHERE "messageChannelId" = ANY($1::uuid[])) d)::int AS "externalIds",
              (SELECT count(*) FROM "message" WHERE "workspaceId" = $2)::int AS "messages",
              (SELECT count(DISTINCT "headerMessageId") FROM "message" WHERE "workspaceId" = $2)::int AS "headers"`,
      [ready.channels.map((channel) => channel.messageChannelId), ready.workspaceId],
    )
  ).rows;
  let mailboxMessages = 0;
  let crmMessages = 0;
  let lost = 0;
  let unexpected = 0;
  let duplicatedInChannels = 0;
  const lostExamples: string[] = [];
  for (const channel of ready.channels) {
    const inMailbox = new Set(mailboxes[channel.upn] ?? []);
    const inCrmList = crm.get(channel.messageChannelId) ?? [];
    const inCrm = new Set(inCrmList);
    mailboxMessages += inMailbox.size;
    crmMessages += inCrm.size;
    duplicatedInChannels += inCrmList.length - inCrm.size;
    for (const id of inMailbox) {
      if (inCrm.has(id)) continue;
      lost += 1;
      if (lostExamples.length < 5) lostExamples.push(`${channel.upn} ${id}`);
    }
    for (const id of inCrm) if (!inMailbox.has(id)) unexpected += 1;
  }
  return {
    mailboxMessages,
    crmMessages,
    lost,
    unexpected,
    duplicated: duplicatedInChannels + (counts!.associations - counts!.externalIds) + (counts!.messages - counts!.headers),
    lostExamples,
  };
}

// ---- the run -----------------------------------------------------------------------------------------------------

/** e.g. `BENCH_PUSH_PHASES=webhook`: runs just those phases (a debugging aid; skipped figures print as n/a). */
const PHASES = new Set((process.env.BENCH_PUSH_PHASES ?? 'latency,bursts,webhook').split(',').map((phase) => phase.trim()));

interface Bench {
  emulator: RpcClient;
  host: RpcClient;
  ready: HostReady;
  db: pg.Client;
  watcher: ArrivalWatcher;
  delivered: DeliveredEvent[];
  pids: Record<string, number>;
  channelOf: Map<string, string>;
  users: string[];
  foldersPerPass: number;
  planned: (n: number, atMs: number, user: string) => PlannedDelivery;
  random: () => number;
  runTag: string;
}

async function latencyPhase(bench: Bench) {
  const { emulator, host, db, watcher, delivered, random, users } = bench;
  const plan = Array.from({ length: LATENCY_MESSAGES }, (_, n) => bench.planned(n, Math.floor(random() * LATENCY_SPREAD_MS), users[Math.floor(random() * users.length)]!));
  const cpu = new CpuWindow(bench.pids);
  const started = Date.now();
  const notificationsBefore = await lastNotificationId(db);
  if (QUERY_LOG) await host.call('queries');
  cpu.start();
  const delivery = await emulator.call<{ delivered: number; lateP99Ms: number }>('deliver', { plan }, LATENCY_SPREAD_MS + 120_000);
  await watcher.drain(ARRIVAL_GRACE_MS);
  const cpuUsed = cpu.stop();
  await quiet(db, host, 30_000);
  const ended = Date.now();
  const events = delivered.filter((event) => event.n < LATENCY_MESSAGES);
  const passes = await host.call<PassRecord[]>('passes', { since: started });
  const notifications = await notificationsSince(db, notificationsBefore);
  if (QUERY_LOG) printQueries('SQL statements sent by the host during the latency phase', await host.call<Array<[string, number]>>('queries'), notifications);
  const pollQuery = sorted(watcher.queryMs);
  return {
    figures: latencyFigures(events, watcher),
    lateP99Ms: delivery.lateP99Ms,
    notifications,
    passes: passSummary(passes, started, ended),
    breakdown: await latencyBreakdown(db, bench.channelOf, events, watcher, passes),
    pollQueryP50Ms: median(pollQuery),
    pollQueryP99Ms: quantile(pollQuery, 0.99),
    pollQueries: pollQuery.length,
    cpu: cpuUsed,
  };
}

async function burstPhase(bench: Bench) {
  const { emulator, host, db, watcher, delivered, random } = bench;
  const burstUsers = [...bench.users].sort(() => random() - 0.5).slice(0, BURST_MAILBOXES);
  const plan: PlannedDelivery[] = [];
  for (const user of burstUsers) {
    const start = Math.floor(random() * BURST_STARTS_WITHIN_MS);
    for (let i = 0; i < BURST_SIZE; i += 1) plan.push(bench.planned(LATENCY_MESSAGES + plan.length, start + Math.floor(random() * BURST_WINDOW_MS), user));
  }
  const burstChannels = new Set(burstUsers.map((user) => bench.channelOf.get(user)!));
  const requestsBefore = await emulator.call<{ counted: number; throttled: number }>('requests');
  const notificationsBefore = await lastNotificationId(db);
  const started = Date.now();
  const cpu = new CpuWindow(bench.pids);
  cpu.start();
  await emulator.call('deliver', { plan }, 120_000);
  await watcher.drain(ARRIVAL_GRACE_MS);
  const cpuUsed = cpu.stop();
  await quiet(db, host, 30_000);
  const ended = Date.now();
  const requestsAfter = await emulator.call<{ counted: number; throttled: number }>('requests');
  const events = delivered.filter((event) => event.n >= LATENCY_MESSAGES);
  const passes = (await host.call<PassRecord[]>('passes', { since: started })).filter((pass) => pass.startedAt >= started);
  const notifications = await notificationsSince(db, notificationsBefore);
  const summary = passSummary(passes, started, ended);
  return {
    mailboxes: burstUsers.length,
    messages: events.length,
    figures: latencyFigures(events, watcher),
    notifications,
    passes: summary,
    runsOnBurstChannels: passes.filter((pass) => pass.mode === 'quick' && pass.outcome !== 'busy' && burstChannels.has(pass.channelId)).length,
    deltaRunsPerNotification: round(summary.quickRan / Math.max(1, notifications), 3),
    // Cross-check from the emulator's side: Graph requests during the bursts ÷ the requests a quick pass makes (one
    // delta request per synced folder when nothing pages).
    graphRequests: requestsAfter.counted - requestsBefore.counted,
    throttled: requestsAfter.throttled - requestsBefore.throttled,
    cpu: cpuUsed,
  };
}

async function webhookPhase(bench: Bench) {
  const { emulator, host, db, ready } = bench;
  const subscriptions = (await emulator.call<SubscriptionView[]>('subscriptions')).filter((subscription) => subscription.notificationUrl.startsWith(ready.publicUrl));
  log(`3/3 webhook: ${LOAD_RATE.toLocaleString('en')} notifications/s for ${LOAD_SECONDS} s (after ${LOAD_WARMUP_SECONDS} s at ${LOAD_WARMUP_RATE.toLocaleString('en')}/s), ${LOAD_ITEMS_PER_POST} per POST, over ${LOAD_CONNECTIONS} keep-alive connections, for the ${subscriptions.length} subscriptions`);
  const load = await startChild('bench/push/push-load.ts', 'loadgen');
  const tag = `bench-load-${bench.runTag}`;
  const notificationsBefore = await lastNotificationId(db);
  const started = Date.now();
  const cpu = new CpuWindow({ ...bench.pids, loadgen: load.child.pid! });
  if (QUERY_LOG) await host.call('queries');
  if (CPU_PROFILE_DIR) await host.call('profileStart');
  cpu.start();
  const report = await load.rpc.call<LoadReport>(
    'run',
    {
      url: `${ready.hostUrl}/webhooks/microsoft/messaging`,
      subscriptions,
      tag,
      connections: LOAD_CONNECTIONS,
      itemsPerPost: LOAD_ITEMS_PER_POST,
      warmup: { rate: LOAD_WARMUP_RATE, seconds: LOAD_WARMUP_SECONDS },
      measured: { rate: LOAD_RATE, seconds: LOAD_SECONDS },
    },
    5 * 60_000,
  );
  const cpuUsed = cpu.stop();
  if (CPU_PROFILE_DIR) await host.call('profileStop', { file: join(CPU_PROFILE_DIR, `host-webhook-${bench.runTag}.cpuprofile`) });
  load.child.kill('SIGTERM');
  if (QUERY_LOG) printQueries('SQL statements sent by the host during the webhook load', await host.call<Array<[string, number]>>('queries'), report.allAccepted);
  // Every notification answered 202 must be in the inbox table (the webhook answers only after the INSERT).
  const { rows } = await db.query<{ resourceId: string }>(`SELECT "resourceId" FROM "microsoftNotification" WHERE "id" > $1::bigint AND "resourceId" LIKE $2 || '-%'`, [notificationsBefore, tag]);
  const recorded = new Map<string, number>();
  for (const row of rows) recorded.set(row.resourceId, (recorded.get(row.resourceId) ?? 0) + 1);
  const lost = report.acceptedNumbers.filter((n) => !recorded.has(`${tag}-${n}`)).length;
  const duplicated = [...recorded.values()].reduce((sum, copies) => sum + copies - 1, 0);
  const drained = await quiet(db, host, 120_000);
  const ended = Date.now();
  const passes = await host.call<PassRecord[]>('passes', { since: started });
  return { report: { ...report, acceptedNumbers: [] }, lost, duplicated, drained, drainedAfterMs: ended - started, passes: passSummary(passes, started, ended), cpu: cpuUsed };
}

async function main(): Promise<number> {
  const benchStarted = performance.now();
  compiled = compileForBench();
  if (CPU_PROFILE_DIR) mkdirSync(CPU_PROFILE_DIR, { recursive: true });
  log(`compiled the workspace packages, test-support and bench to ${compiled.dir} (the children run plain JavaScript)`);
  const runTag = randomBytes(3).toString('hex');
  const random = randomSource(Number(process.env.BENCH_PUSH_SEED ?? 20_260_505));
  const users = Array.from({ length: MAILBOXES }, (_, index) => mailboxUpn(index));

  const emulator = await startChild<{ info: EmulatorEndpoints }>('bench/push/push-emulator.ts', 'emulator');
  const emulatorInfo = emulator.ready.info;
  const setup = await emulator.rpc.call<{ users: number; foldersPerMailbox: number }>('setup', { users, seeded: SEEDED_PER_MAILBOX });
  log(`emulator (pid ${emulatorInfo.pid}) at ${emulatorInfo.baseUrl}: ${setup.users} users with ${SEEDED_PER_MAILBOX} messages each, ${setup.foldersPerMailbox} imported folders per mailbox; Microsoft's throttling limits on`);

  const host = await startChild('bench/push/push-host.ts', 'host');
  host.child.on('message', (message: { event?: string; name?: string }) => {
    if (message?.event === 'database') databaseName = message.name;
  });
  log(`CRM host (pid ${host.child.pid}): connecting ${MAILBOXES} mailboxes through the OAuth consent walk, then waiting for their first imports and ACTIVE subscriptions`);
  const ready = await host.rpc.call<HostReady>('start', { emulator: emulatorInfo, mailboxes: users }, 10 * 60_000);
  queuePrefix = ready.queuePrefix;
  log(`connected ${ready.channels.length} mailboxes in ${round(ready.connectMs / 1000, 1)} s; first imports done and subscriptions ACTIVE ${round(ready.settleMs / 1000, 1)} s later (database ${ready.databaseName}, BullMQ prefix ${ready.queuePrefix}, webhook ${ready.publicUrl}/webhooks/microsoft/messaging)`);

  const db = new pg.Client({ connectionString: ready.databaseUrl });
  await db.connect();
  const pids: Record<string, number> = { host: host.child.pid!, emulator: emulatorInfo.pid, orchestrator: process.pid };
  const redisPid = pidOf('redis-server', new URL(testRedisUrl()).port || '6379');
  if (redisPid) pids.redis = redisPid;
  try {
    await quiet(db, host.rpc, 60_000);
    const watcher = new ArrivalWatcher(db, ready.workspaceId);
    const delivered: DeliveredEvent[] = [];
    emulator.child.on('message', (message: DeliveredEvent) => {
      if (message?.event !== 'delivered') return;
      delivered.push(message);
      watcher.expect(message);
    });
    watcher.start();
    const senders = [...DEMO_DIRECTORY.people.map((person) => person.email), ...Array.from({ length: 20 }, (_, index) => `sender${index}@push-bench-external.example.org`)];
    const bench: Bench = {
      emulator: emulator.rpc,
      host: host.rpc,
      ready,
      db,
      watcher,
      delivered,
      pids,
      channelOf: new Map(ready.channels.map((channel) => [channel.upn, channel.messageChannelId])),
      users,
      foldersPerPass: setup.foldersPerMailbox,
      random,
      runTag,
      planned: (n, atMs, user) => ({
        n,
        atMs,
        user,
        from: senders[Math.floor(random() * senders.length)]!,
        subject: `Push bench ${runTag} #${n}`,
        internetMessageId: `<push-${runTag}-${n}@push-bench.example.org>`,
      }),
    };

    let latency: Awaited<ReturnType<typeof latencyPhase>> | undefined;
    if (PHASES.has('latency')) {
      log(`1/3 latency: ${LATENCY_MESSAGES.toLocaleString('en')} messages at random times over ${LATENCY_SPREAD_MS / 1000} s to random mailboxes; polling the CRM every ${POLL_EVERY_MS} ms`);
      latency = await latencyPhase(bench);
    }
    let burst: Awaited<ReturnType<typeof burstPhase>> | undefined;
    if (PHASES.has('bursts')) {
      log(`2/3 bursts: ${BURST_MAILBOXES} mailboxes each receive ${BURST_SIZE} messages within ${BURST_WINDOW_MS} ms (bursts start within ${BURST_STARTS_WITHIN_MS / 1000} s)`);
      burst = await burstPhase(bench);
    }
    const webhook = PHASES.has('webhook') ? await webhookPhase(bench) : undefined;

    await watcher.stop();
    let verification = await verify(db, emulator.rpc, ready);
    for (let attempt = 0; attempt < 30 && verification.lost + verification.unexpected > 0; attempt += 1) {
      await sleep(1_000);
      verification = await verify(db, emulator.rpc, ready);
    }
    const deliveries = await emulator.rpc.call<{ totals: Record<string, number>; pending: number; failedAttempts: number }>('deliveries');
    const hostLogs = await host.rpc.call<{ count: number; last: string[] }>('logs');

    // ---- report ----
    const ms = (value: number | undefined) => (value !== undefined && Number.isFinite(value) ? `${round(value, 0)} ms` : 'n/a');
    const passLine = (passes: ReturnType<typeof passSummary>) =>
      `${passes.quickRan} quick passes ran on ${passes.channels} channels (p50 ${ms(passes.quickMsP50)}, p99 ${ms(passes.quickMsP99)}), ${passes.quickBusy} found the channel busy, ${passes.quickFailed} failed; ${passes.full} full passes`;
    console.log('');
    if (latency) {
      const f = latency.figures;
      console.log(`Latency phase: ${f.delivered} delivered (emulator timer late by ${latency.lateP99Ms} ms at p99), ${f.arrived} seen in the CRM; p50 ${ms(f.p50Ms)}, p90 ${ms(f.p90Ms)}, p99 ${ms(f.p99Ms)}, max ${ms(f.maxMs)}`);
      console.log(`  polling: one query for all outstanding ids every ${POLL_EVERY_MS} ms after the previous one returned; query p50 ${round(latency.pollQueryP50Ms, 1)} ms, p99 ${round(latency.pollQueryP99Ms, 1)} ms (${latency.pollQueries} queries) — a latency is late by at most ~${round(POLL_EVERY_MS + latency.pollQueryP99Ms, 0)} ms`);
      console.log(`  where the time goes: ${latency.breakdown}`);
      console.log(`  ${latency.notifications} notifications received; ${passLine(latency.passes)}; ${round(latency.passes.quickRan / Math.max(1, latency.notifications), 2)} runs per notification (steady trickle, no target)`);
      console.log(`  ${describeCpu(latency.cpu)}`);
    }
    if (burst) {
      console.log(`Bursts: ${burst.messages} messages to ${burst.mailboxes} mailboxes, ${burst.figures.arrived} seen (p50 ${ms(burst.figures.p50Ms)}, p99 ${ms(burst.figures.p99Ms)}); ${burst.notifications} notifications received; ${passLine(burst.passes)}; ${burst.runsOnBurstChannels} of the quick passes on the burst mailboxes' channels → ${burst.deltaRunsPerNotification} delta runs per notification`);
      console.log(`  emulator's side: ${burst.graphRequests} Graph requests during the bursts ÷ ${bench.foldersPerPass} folders per quick pass ≈ ${round(burst.graphRequests / bench.foldersPerPass, 0)} passes (${burst.throttled} throttled)`);
      console.log(`  ${describeCpu(burst.cpu)}`);
    }
    if (webhook) {
      const r = webhook.report;
      console.log(`Webhook: ${r.measuredSent.toLocaleString('en')} notifications in ${r.posts.toLocaleString('en')} POSTs at ${LOAD_RATE.toLocaleString('en')}/s: ${r.measuredAccepted.toLocaleString('en')} accepted, ${r.achievedPerSecond.toLocaleString('en')}/s achieved over ${round(r.measuredWallMs / 1000, 2)} s; answer p50 ${r.p50Ms} ms, p90 ${r.p90Ms} ms, p99 ${r.p99Ms} ms, max ${r.maxMs} ms, p99 by second ${r.p99MsBySecond.join(' / ')} ms (from when each POST was due; from when it was written to a connection p99 ${r.serviceP99Ms} ms; generator lag p99 ${r.generatorLagP99Ms} ms)`);
      console.log(`  statuses ${JSON.stringify(r.statuses)}, errors ${JSON.stringify(r.errors)}; ${r.allAccepted.toLocaleString('en')} accepted in all (warm-up included): ${webhook.lost} not recorded in microsoftNotification, ${webhook.duplicated} recorded twice`);
      console.log(`  afterwards: ${passLine(webhook.passes)} for ${r.allAccepted.toLocaleString('en')} notifications (${round(webhook.passes.quickRan / Math.max(1, r.allAccepted), 4)} per notification); ${webhook.drained ? 'inbox drained' : 'inbox NOT drained within 120 s'} ${round(webhook.drainedAfterMs / 1000, 1)} s after the load started`);
      console.log(`  ${describeCpu(webhook.cpu)}`);
    }
    console.log(`CRM vs mailboxes: ${verification.mailboxMessages} importable messages in ${MAILBOXES} mailboxes, ${verification.crmMessages} in the CRM; lost ${verification.lost}, unexpected ${verification.unexpected}, duplicated ${verification.duplicated}${verification.lostExamples.length ? ` (e.g. ${verification.lostExamples.join(', ')})` : ''}`);
    console.log(`  emulator deliveries: ${JSON.stringify(deliveries.totals)}, pending ${deliveries.pending}, failed attempts ${deliveries.failedAttempts}`);
    console.log(`  host log: ${hostLogs.count} warnings/errors${hostLogs.count ? `; last: ${hostLogs.last.slice(-3).map((line) => line.slice(0, 200)).join(' | ')}` : ''}`);

    const figures = {
      bench: 'push',
      mailboxes: ready.channels.length,
      messages: latency?.figures.delivered ?? 0,
      p50Ms: round(latency?.figures.p50Ms ?? Number.NaN, 0),
      p99Ms: round(latency?.figures.p99Ms ?? Number.NaN, 0),
      webhookP99Ms: webhook?.report.p99Ms ?? Number.NaN,
      notificationsPerSecond: webhook?.report.achievedPerSecond ?? Number.NaN,
      lost: verification.lost,
      duplicated: verification.duplicated,
      deltaRunsPerNotification: burst?.deltaRunsPerNotification ?? Number.NaN,
    };
    const notificationsLost = webhook?.lost ?? 0;
    const rows: string[][] = [
      ['figure', 'measured', 'target', ''],
      ['latency p50, accepted → readable in the CRM', ms(figures.p50Ms), `<= ${TARGETS.p50Ms} ms`, mark(figures.p50Ms <= TARGETS.p50Ms)],
      ['latency p99', ms(figures.p99Ms), `<= ${TARGETS.p99Ms.toLocaleString('en')} ms`, mark(figures.p99Ms <= TARGETS.p99Ms)],
      [`webhook p99 answer at ${LOAD_RATE.toLocaleString('en')} notifications/s`, `${figures.webhookP99Ms} ms`, `<= ${TARGETS.webhookP99Ms} ms`, mark(figures.webhookP99Ms <= TARGETS.webhookP99Ms)],
      ['notifications/s accepted', figures.notificationsPerSecond.toLocaleString('en'), `${TARGETS.notificationsPerSecond.toLocaleString('en')} (>= 98%)`, mark(figures.notificationsPerSecond >= TARGETS.notificationsPerSecond * 0.98)],
      ['accepted notifications not recorded', String(notificationsLost), '= 0', notificationsLost === 0 ? 'ok' : 'FAILED'],
      ['delta runs per notification (bursts)', String(figures.deltaRunsPerNotification), `<= ${TARGETS.deltaRunsPerNotification}`, mark(figures.deltaRunsPerNotification <= TARGETS.deltaRunsPerNotification)],
      ['messages lost (CRM vs mailboxes)', String(figures.lost), '= 0', figures.lost === 0 ? 'ok' : 'FAILED'],
      ['messages duplicated', String(figures.duplicated), '= 0', figures.duplicated === 0 ? 'ok' : 'FAILED'],
    ];
    printTable(
      `Real-time push, ${ready.channels.length} mailboxes, ${figures.messages.toLocaleString('en')} + ${burst?.messages ?? 0} messages, PostgreSQL + Redis (BullMQ), ${availableParallelism()} cores, ${round((performance.now() - benchStarted) / 1000, 0)} s in all`,
      rows,
    );
    const failures = [
      ...(figures.lost > 0 ? [`${figures.lost} messages lost`] : []),
      ...(verification.unexpected > 0 ? [`${verification.unexpected} messages in the CRM that no mailbox holds`] : []),
      ...(figures.duplicated > 0 ? [`${figures.duplicated} duplicates`] : []),
      ...(notificationsLost > 0 ? [`${notificationsLost} accepted notifications not recorded`] : []),
      ...((webhook?.duplicated ?? 0) > 0 ? [`${webhook!.duplicated} notifications recorded twice`] : []),
    ];
    if (failures.length > 0) console.log(`\nCORRECTNESS FAILURE: ${failures.join('; ')}`);
    console.log(JSON.stringify(figures));
    return failures.length > 0 ? 1 : 0;
  } finally {
    await db.end().catch(() => undefined);
    await host.rpc.call('stop', null, 60_000).catch(() => undefined);
  }
}

async function dropLeftovers(): Promise<void> {
  if (databaseName) await dropDatabase(databaseName);
  if (queuePrefix) await deleteRedisPrefix(queuePrefix);
}

// The host drops its database and Redis keys on the way out; what it left is dropped here.
runBench({
  main,
  children,
  stopGraceMs: 15_000,
  timeoutMs: BENCH_TIMEOUT_MS,
  cleanUp: async () => {
    await dropLeftovers().catch(() => undefined);
    compiled?.remove();
  },
});
