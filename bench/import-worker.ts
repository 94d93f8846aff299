// One import, in a process of its own (forked by import-bench.ts): a fresh CRM database with 2,000 people, the dev
// host pointed at the emulator process, the mailbox connected through the real OAuth flow, then ONE pass —
// the plugin's (`MailSyncService.syncChannel`) or the baseline's — measured, then checked against the mailbox.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { DataSource } from 'typeorm';
import type { DevHost } from '@m365/dev-host';
import { GraphClientFactory, MailSyncJobs, MailSyncService, MicrosoftHttpTransport, MicrosoftTokenService } from '@m365/server-module';
import { HostRecordsFactory } from '../server-module/src/host-adapters/host-records.factory.js';
import { AccountGraphClient } from '../server-module/src/graph/account-graph-client.js';
import { createTestDatabase, TestHttpClient, type TestDatabase } from '../test-support/index.js';
import { baselineImport } from './baseline-crm-driver-import.js';
import { GraphExchangeMeter, PageWriteMeter } from './pass-instruments.js';
import { connectBenchMailbox, startBenchDevHost } from './shared/bench-dev-host.js';
import { CapturingLogger } from './shared/capturing-logger.js';
import { addPeople } from './shared/crm-people.js';
import { BENCH_MEMBER, BENCH_MEMBER_PASSWORD } from './shared/crm-mailboxes.js';
import { requireIpcChannel } from './shared/ipc-channel.js';
import {
  BENCH_USER,
  EmulatorAdmin,
  MAIL_PAGE_SIZE,
  mailboxCounter,
  type ImportedReport,
  type PassRecord,
  type VerifiedReport,
  type WorkerMessage,
  type WorkerTask,
} from './bench-fixtures.js';

/** Passes run at most (the plugin's MAX_CONSECUTIVE_FAILURES: after that the channel shows "Sync failed"). */
const MAX_PASSES = 5;
const MAIL_SYNC_JOB_NAME = 'MicrosoftMailSyncJob';

const firstLine = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).split('\n')[0]!.slice(0, 300);

/** Resolves once `busy()` has stayed 0 for 1.5 s (at most 60 s). */
async function quiet(busy: () => number): Promise<void> {
  const deadline = Date.now() + 60_000;
  let idleSince = busy() === 0 ? Date.now() : 0;
  while (Date.now() < deadline) {
    if (busy() > 0) idleSince = 0;
    else if (!idleSince) idleSince = Date.now();
    else if (Date.now() - idleSince >= 1_500) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const send = (message: WorkerMessage): Promise<void> =>
  new Promise((resolve, reject) => process.send!(message, (error: Error | null) => (error ? reject(error) : resolve())));

async function countWritten(dataSource: DataSource, messageChannelId: string): Promise<number> {
  const [{ count }] = await dataSource.query(
    `SELECT count(*)::int AS "count" FROM "messageChannelMessageAssociation" WHERE "messageChannelId" = $1 AND "messageFolderId" IS NOT NULL`,
    [messageChannelId],
  );
  return count;
}

async function verify(dataSource: DataSource, admin: EmulatorAdmin, messageChannelId: string): Promise<VerifiedReport> {
  const mailbox = await admin.importableMessages();
  const rows: Array<{ header: string }> = await dataSource.query(
    `SELECT m."headerMessageId" AS "header" FROM "messageChannelMessageAssociation" a JOIN "message" m ON m."id" = a."messageId"
     WHERE a."messageChannelId" = $1 AND a."messageFolderId" IS NOT NULL`,
    [messageChannelId],
  );
  const crm = new Set(rows.map((row) => row.header));
  const inMailbox = new Set(mailbox.map((message) => message.internetMessageId));
  const [counts] = await dataSource.query(
    `SELECT (SELECT count(*) FROM "messageChannelMessageAssociation" WHERE "messageChannelId" = $1)::int AS "associations",
            (SELECT count(DISTINCT "messageExternalId") FROM "messageChannelMessageAssociation" WHERE "messageChannelId" = $1)::int AS "externalIds",
            (SELECT count(*) FROM "message")::int AS "messages",
            (SELECT count(DISTINCT "headerMessageId") FROM "message")::int AS "headers",
            (SELECT count(DISTINCT m."messageThreadId") FROM "message" m)::int AS "threads",
            (SELECT count(*) FROM "messageParticipant")::int AS "participants",
            (SELECT count(*) FROM "messageParticipant" WHERE "personId" IS NOT NULL OR "workspaceMemberId" IS NOT NULL)::int AS "matched"`,
    [messageChannelId],
  );
  return {
    type: 'verified',
    mailboxMessages: inMailbox.size,
    crmMessages: crm.size,
    lost: [...inMailbox].filter((id) => !crm.has(id)).length,
    unexpected: [...crm].filter((id) => !inMailbox.has(id)).length,
    // Every association one email, every email one message row, every mailbox email once in the channel.
    duplicates: (counts.associations - counts.externalIds) + (counts.messages - counts.headers) + (rows.length - crm.size),
    threads: counts.threads,
    conversations: new Set(mailbox.map((message) => message.conversationId)).size,
    participants: counts.participants,
    matchedParticipants: counts.matched,
  };
}

async function run(task: WorkerTask): Promise<void> {
  const { emulator } = task;
  const admin = new EmulatorAdmin(emulator);
  let database: TestDatabase | undefined;
  let host: DevHost | undefined;
  let client: TestHttpClient | undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'm365-bench-worker-'));
  try {
    database = await createTestDatabase();
    await send({ type: 'database', name: database.name });
    // Nest's warnings and errors that mention throttling are part of the `unwaited429` verdict.
    const logger = new CapturingLogger();
    host = await startBenchDevHost(emulator, { databaseUrl: database.url, dataDir, microsoft: { mailPageSize: MAIL_PAGE_SIZE } });
    host.app.useLogger(logger);
    await addPeople(host.dataSource);

    // Connecting enqueues the first import as a job; the bench runs that pass itself, to time it alone. It also
    // stands in for the job system's retries of a failed pass (noted, not scheduled).
    const jobs = host.app.get(MailSyncJobs);
    jobs.enqueue = async () => undefined;
    const productRetryDelaysMs: number[] = [];
    const addJob = host.jobs.add.bind(host.jobs);
    host.jobs.add = (async (queue: string, name: string, data: unknown, options?: { delayMs?: number }) => {
      if (name === MAIL_SYNC_JOB_NAME) {
        productRetryDelaysMs.push(options?.delayMs ?? 0);
        return;
      }
      return addJob(queue, name, data as never, options as never);
    }) as typeof host.jobs.add;

    client = new TestHttpClient(host.url, emulator.caCertPem);
    const { workspaceId } = await client.signIn(BENCH_MEMBER, BENCH_MEMBER_PASSWORD);
    const { connectedAccountId, messageChannelId } = await connectBenchMailbox(client, host, emulator, BENCH_USER);
    // Experiment knob (not part of the figures): BENCH_CONTACT_AUTO_CREATION=off turns the channel's contact
    // auto-creation off, which takes the contact-creation race of the report out of the import.
    if (process.env.BENCH_CONTACT_AUTO_CREATION === 'off') {
      await host.dataSource.query(`UPDATE "messageChannel" SET "isContactAutoCreationEnabled" = false WHERE "id" = $1`, [messageChannelId]);
    }

    const graphMeter = new GraphExchangeMeter(emulator.graphBaseUrl, task.throttled);
    graphMeter.attach(host.app.get(MicrosoftHttpTransport));
    const writeMeter = new PageWriteMeter();
    writeMeter.attach(host.app.get(HostRecordsFactory));
    await admin.resetRequestCounters();

    const rssAtPassStartBytes = process.memoryUsage.rss();
    let sampledPeak = rssAtPassStartBytes;
    const sampler = setInterval(() => {
      sampledPeak = Math.max(sampledPeak, process.memoryUsage.rss());
    }, 100);
    await send({ type: 'passStarted' });
    const cpu = process.cpuUsage();
    const elu = performance.eventLoopUtilization();
    const started = performance.now();
    const passes: PassRecord[] = [];
    const onePass = async (): Promise<PassRecord> => {
      const passStarted = performance.now();
      if (task.mode === 'baseline') {
        try {
          const graph = new AccountGraphClient(host!.app.get(GraphClientFactory), host!.app.get(MicrosoftTokenService), workspaceId, connectedAccountId);
          await baselineImport({ graph, records: host!.app.get(HostRecordsFactory).messageImport(), workspaceId, messageChannelId, ownHandles: new Set([BENCH_USER]), writePageSize: MAIL_PAGE_SIZE });
          return { outcome: 'synced', ms: performance.now() - passStarted, error: null };
        } catch (error) {
          return { outcome: 'failed', ms: performance.now() - passStarted, error: firstLine(error) };
        }
      }
      const outcome = await host!.app.get(MailSyncService).syncChannel(workspaceId, messageChannelId);
      const [progress] = await host!.dataSource.query(`SELECT "lastErrorCode", "lastErrorMessage" FROM "microsoftSyncProgress" WHERE "channelId" = $1`, [messageChannelId]);
      const error = outcome === 'synced' ? null : `${progress?.lastErrorCode ?? '?'}: ${String(progress?.lastErrorMessage ?? '').split('\n')[0]!.slice(0, 300)}`;
      return { outcome, ms: performance.now() - passStarted, error };
    };
    // A failed pass is retried the way the job system would retry it (from the folders' checkpoints), but at once
    // rather than after the plugin's backoff; a throttling failure is not retried: that is an unwaited 429.
    for (let pass = 1; pass <= MAX_PASSES; pass += 1) {
      const record = await onePass();
      writeMeter.passReturned();
      passes.push(record);
      if (record.outcome === 'synced' || /throttl|TooManyRequests|ApplicationThrottled|429/i.test(record.error ?? '')) break;
    }
    const outcome = passes.at(-1)!.outcome;
    const wallMs = performance.now() - started;
    const cpuUsed = process.cpuUsage(cpu);
    const busy = performance.eventLoopUtilization(elu);
    clearInterval(sampler);
    sampledPeak = Math.max(sampledPeak, process.memoryUsage.rss());
    const maxRssKb = process.resourceUsage().maxRSS;
    await send({ type: 'passEnded' });

    // Folder walks of a failed pass may still be running (see the report): let them finish before counting.
    await quiet(() => graphMeter.inFlight + writeMeter.inFlight);
    passes.forEach((pass, index) => Object.assign(pass, { writes: writeMeter.passes[index]?.writes, writesAfterReturn: writeMeter.passes[index]?.writesAfterReturn }));
    const counter = mailboxCounter(await admin.requestCounters(), emulator.demoApp.clientId);
    const lastErrorCode = passes.findLast((pass) => pass.error)?.error ?? null;
    const throttlingLogLines = logger.lines.filter((line) => /429|throttl|TooManyRequests|ApplicationThrottled/i.test(line));
    const passFailedForThrottling = passes.some((pass) => pass.outcome !== 'synced' && /throttl|TooManyRequests|ApplicationThrottled|429/i.test(pass.error ?? ''));
    const report: ImportedReport = {
      type: 'imported',
      mode: task.mode,
      outcome,
      passes,
      productRetryDelaysMs,
      messagesWritten: await countWritten(host.dataSource, messageChannelId),
      timings: {
        wallMs,
        writeMs: writeMeter.writeMs,
        writes: writeMeter.writes,
        graphMs: graphMeter.headersMs,
        graphExchanges: graphMeter.exchanges,
        cpuUserMs: cpuUsed.user / 1000,
        cpuSystemMs: cpuUsed.system / 1000,
        eventLoopUtilization: busy.utilization,
      },
      counter,
      maxRssKb,
      rssAtPassStartBytes,
      sampledPeakRssBytes: sampledPeak,
      throttling: {
        seen429: graphMeter.seen429,
        // A pass that failed on throttling surfaced at least one 429, whether or not the meter saw it last.
        unwaited429: Math.max(graphMeter.unwaited429, passFailedForThrottling ? 1 : 0),
        throttlingLogLines: throttlingLogLines.slice(0, 20),
        passFailedForThrottling,
        lastErrorCode,
      },
    };
    await send(report);
    await send(await verify(host.dataSource, admin, messageChannelId));
  } finally {
    await client?.close().catch(() => undefined);
    await host?.close().catch(() => undefined);
    await database?.drop().catch(() => undefined);
    await admin.close().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

requireIpcChannel('import-worker.ts', 'import-bench.ts');
process.once('message', (task: WorkerTask) => {
  run(task).then(
    () => process.exit(0),
    async (error: unknown) => {
      await send({ type: 'failed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) }).catch(() => undefined);
      process.exit(1);
    },
  );
});
// The orchestrator went away: stop. (It drops the database it was told about when a worker does not finish.)
process.once('disconnect', () => process.exit(3));
void send({ type: 'ready' });
