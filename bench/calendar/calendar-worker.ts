// The CRM side of the calendar bench, in a process of its own (forked by calendar-bench.ts, so that its RSS is the
// importer's): a fresh database with 2,000 people, the dev host pointed at the emulator process, the bench user
// connected through the real OAuth flow, then in order — the plugin's first calendar import (timed), the CRM
// driver's pattern on a sample of the calendars (counted), Outlook edits → CRM by push (timed), CRM edits → Outlook
// with Outlook edits beside them (timed), and the CRM compared with Outlook.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { DevHost } from '@m365/dev-host';
import { CalendarEchoFilter, CalendarSyncService, GraphClientFactory, MicrosoftHttpTransport, MicrosoftTokenService } from '@m365/server-module';
import { HostRecordsFactory } from '../../server-module/src/host-adapters/host-records.factory.js';
import { AccountGraphClient } from '../../server-module/src/graph/account-graph-client.js';
import { MicrosoftCalendarRepository } from '../../server-module/src/calendar/microsoft-calendar.repository.js';
import { chooseSyncWindow } from '../../server-module/src/calendar/calendar-view-delta.importer.js';
import { DEFAULT_CALENDAR_PAGE_SIZE, DEFAULT_CALENDAR_WINDOW } from '../../server-module/src/calendar/calendar-sync.constants.js';
import { createTestDatabase, TestHttpClient, type TestDatabase } from '../../test-support/index.js';
import { BENCH_USER, EmulatorAdmin, mailboxCounter } from '../bench-fixtures.js';
import { connectBenchMailbox, startBenchDevHost } from '../shared/bench-dev-host.js';
import { addPeople } from '../shared/crm-people.js';
import { BENCH_MEMBER, BENCH_MEMBER_PASSWORD } from '../shared/crm-mailboxes.js';
import { CapturingLogger } from '../shared/capturing-logger.js';
import { requireIpcChannel } from '../shared/ipc-channel.js';
import { baselineCalendarImport } from './baseline-crm-calendar-import.js';
import { compareWithOutlook } from './calendar-check.js';
import type { CalendarReport, CalendarWorkerMessage, CalendarWorkerTask, LatencyFigures, RequestTally } from './calendar-messages.js';
import { GraphRequestTally } from '../shared/graph-request-tally.js';
import { JobGate } from '../shared/job-gate.js';
import { pushSettled } from '../shared/push-settled.js';
import { PageTimer } from './page-timings.js';
import { CALENDAR_BENCH_JOBS, inboundDelivery, runCalendarPass, type InboundDelivery } from './inbound-delivery.js';
import { measureOutbound } from './outbound-stage.js';

const VISIBLE_WITHIN_MS = 10_000;
/** The baseline walks this many calendars (its requests per occurrence do not depend on how many; see the README). */
const BASELINE_CALENDARS = 1;

const send = (message: CalendarWorkerMessage): Promise<void> =>
  new Promise((resolve, reject) => process.send!(message, (error: Error | null) => (error ? reject(error) : resolve())));
const stage = (line: string) => send({ type: 'stage', line });

async function run(task: CalendarWorkerTask): Promise<void> {
  const { emulator } = task;
  const admin = new EmulatorAdmin(emulator);
  let database: TestDatabase | undefined;
  let host: DevHost | undefined;
  let client: TestHttpClient | undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'm365-bench-calendar-'));
  try {
    database = await createTestDatabase();
    await send({ type: 'database', name: database.name });
    host = await startBenchDevHost(emulator, { databaseUrl: database.url, dataDir });
    // The host's warnings and errors, kept to explain a stage that fails.
    const logger = new CapturingLogger();
    host.app.useLogger(logger);
    await addPeople(host.dataSource);
    // Connecting enqueues the first imports (mail and calendar) as jobs; the bench runs the calendar pass itself, to
    // time it alone, and no job runs meanwhile (no mail import, no cron pass beside the measured ones). Push and
    // outbound jobs are let through after the baseline (inbound-delivery.ts).
    const gate = new JobGate(host, CALENDAR_BENCH_JOBS);

    client = new TestHttpClient(host.url, emulator.caCertPem);
    const { workspaceId } = await client.signIn(BENCH_MEMBER, BENCH_MEMBER_PASSWORD);
    const { connectedAccountId } = await connectBenchMailbox(client, host, emulator, BENCH_USER);
    const [channel] = await host.dataSource.query(`SELECT "id" FROM "calendarChannel" WHERE "connectedAccountId" = $1`, [connectedAccountId]);
    const calendarChannelId: string = channel.id;
    const sync = host.app.get(CalendarSyncService);
    const graph = new AccountGraphClient(host.app.get(GraphClientFactory), host.app.get(MicrosoftTokenService), workspaceId, connectedAccountId);
    const tally = new GraphRequestTally(emulator.graphBaseUrl);
    tally.attach(host.app.get(MicrosoftHttpTransport));
    const timer = new PageTimer(emulator.graphBaseUrl);
    timer.attach(host.app.get(HostRecordsFactory), host.app.get(MicrosoftHttpTransport));
    const requests = async (): Promise<RequestTally> => ({ counted: mailboxCounter(await admin.requestCounters(), emulator.demoApp.clientId).counted, byKind: { ...tally.byKind } });
    const startCounting = async () => {
      await admin.resetRequestCounters();
      tally.reset();
    };
    const countOccurrences = async (): Promise<number> =>
      (await host!.dataSource.query(`SELECT count(*)::int AS "count" FROM "calendarChannelEventAssociation" WHERE "calendarChannelId" = $1 AND "calendarExternalId" IS NOT NULL`, [calendarChannelId]))[0].count;

    // 1. The plugin's first import: every calendar, its calendarView delta over the default window.
    await stage('import: the plugin\'s first calendar pass (CalendarSyncService.syncChannel)');
    await startCounting();
    await send({ type: 'importStarted' });
    const importStarted = performance.now();
    const outcome = await sync.syncChannel(workspaceId, calendarChannelId);
    const importMs = performance.now() - importStarted;
    await send({ type: 'importEnded' });
    const importRequests = await requests();
    const importTimings = timer.snapshot();
    const occurrences = await countOccurrences();
    const calendars = await host.app.get(MicrosoftCalendarRepository).list(calendarChannelId);
    if (outcome !== 'synced') {
      const [progress] = await host.dataSource.query(`SELECT "lastErrorCode", "lastErrorMessage" FROM "microsoftSyncProgress" WHERE "channelId" = $1`, [calendarChannelId]);
      throw new Error(`the first calendar import ended '${outcome}': ${progress?.lastErrorCode ?? '?'} ${String(progress?.lastErrorMessage ?? '').slice(0, 300)}`);
    }
    const window = chooseSyncWindow({ windowStart: null, windowEnd: null }, DEFAULT_CALENDAR_WINDOW);
    const calendarIds = calendars.map((calendar) => calendar.externalId);

    // 2. The CRM driver's pattern, against the same window, on a sample of the calendars (the first listed).
    const baselineCalendarIds = calendarIds.slice(0, BASELINE_CALENDARS);
    await stage(`baseline: ids by calendarView delta, then one GET per occurrence, on ${baselineCalendarIds.length} of ${calendarIds.length} calendars`);
    await startCounting();
    const baselineStarted = performance.now();
    // Debugging knob (not for the figures): BENCH_CALENDAR_BASELINE=off skips it.
    const baselineOccurrences = process.env.BENCH_CALENDAR_BASELINE === 'off' ? 0 : await baselineCalendarImport(graph, baselineCalendarIds, window, DEFAULT_CALENDAR_PAGE_SIZE);
    const baselineMs = performance.now() - baselineStarted;
    const baselineRequests = await requests();

    // 3. Outlook edits → CRM, through the plugin's calendar subscription (made here, by its own job).
    const delivery = await inboundDelivery(host, gate, { workspaceId, connectedAccountId, calendarChannelId });
    const pass = () => runCalendarPass(sync, workspaceId, calendarChannelId);
    const settle = () => (delivery.via === 'push' ? pushSettled(host!, calendarChannelId, VISIBLE_WITHIN_MS) : Promise.resolve());
    await stage(`inbound: ${task.inboundEdits} Outlook edits (PATCH /me/events/{id} as the user), each ${delivery.via === 'pass' ? 'followed by the plugin\'s calendar pass' : 'delivered by push (subscription ACTIVE)'}`);
    const passesBefore = delivery.pushPasses();
    const inbound = await measureInbound(host, graph, calendarChannelId, task.inboundEdits, delivery);
    inbound.pushPasses = delivery.pushPasses() - passesBefore;
    await settle();

    // 4. CRM edits → Outlook, with Outlook-side edits on other events flowing in by push meanwhile.
    const echoFilter = host.app.get(CalendarEchoFilter);
    await stage(`outbound: ${task.outboundEdits} CRM edits (updateCalendarEvent), Outlook edits on other events beside them`);
    const outbound = await measureOutbound({ client, admin, graph, dataSource: host.dataSource, calendarChannelId, user: BENCH_USER, edits: task.outboundEdits, echoesSkipped: () => echoFilter.skipped, settle, pass, recentLogs: () => logger.lines.slice(-8) });
    await stage(outbound.notMeasured ? `outbound: not measured: ${outbound.notMeasured}` : `outbound: ${outbound.samples.length} CRM edits timed until Outlook showed them; ${outbound.outlookEdits} Outlook edits beside them`);

    // 5. One more pass (nothing should change), then the CRM against Outlook.
    await settle();
    await pass();
    await stage('check: the CRM against Outlook\'s calendarView, instance by instance');
    const check = await compareWithOutlook(graph, host.dataSource, calendarChannelId, calendarIds, window);

    const report: CalendarReport = {
      type: 'report',
      import: { outcome, occurrences, wallMs: importMs, requests: importRequests, pageSize: host.microsoft.calendarPageSize ?? DEFAULT_CALENDAR_PAGE_SIZE, calendars: calendars.length, timings: importTimings },
      baseline: { occurrences: baselineOccurrences, wallMs: baselineMs, requests: baselineRequests, sampledCalendars: baselineCalendarIds.length, calendars: calendarIds.length },
      inbound,
      outbound,
      check,
    };
    await send(report);
  } finally {
    await client?.close().catch(() => undefined);
    await host?.close().catch(() => undefined);
    await database?.drop().catch(() => undefined);
    await admin.close().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * Edits spread over the imported rows — single events and occurrences (an occurrence edited becomes an exception) —
 * each timed from just before its PATCH until the CRM's row shows the new title.
 */
async function measureInbound(host: DevHost, graph: AccountGraphClient, calendarChannelId: string, edits: number, delivery: InboundDelivery): Promise<LatencyFigures> {
  const rows: Array<{ externalId: string }> = await host.dataSource.query(
    `SELECT "eventExternalId" AS "externalId" FROM "calendarChannelEventAssociation" WHERE "calendarChannelId" = $1 AND "calendarExternalId" IS NOT NULL ORDER BY md5("eventExternalId") LIMIT $2`,
    [calendarChannelId, edits],
  );
  const samples: number[] = [];
  for (const [index, row] of rows.entries()) {
    const title = `Outlook edit ${index}`;
    const started = performance.now();
    await graph.request((client) => client.api(`/me/events/${encodeURIComponent(row.externalId)}`).patch({ subject: title }));
    await delivery.afterOutlookEdit();
    for (;;) {
      const [seen] = await host.dataSource.query(
        `SELECT 1 FROM "calendarChannelEventAssociation" a JOIN "calendarEvent" e ON e."id" = a."calendarEventId" WHERE a."calendarChannelId" = $1 AND a."eventExternalId" = $2 AND e."title" = $3`,
        [calendarChannelId, row.externalId, title],
      );
      if (seen) break;
      if (performance.now() - started > VISIBLE_WITHIN_MS) throw new Error(`"${title}" (${row.externalId}) not in the CRM after ${VISIBLE_WITHIN_MS / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    samples.push(performance.now() - started);
  }
  return { via: delivery.via, samples, notMeasured: null };
}

requireIpcChannel('calendar-worker.ts', 'calendar-bench.ts');
process.once('message', (task: CalendarWorkerTask) => {
  run(task).then(
    () => process.exit(0),
    async (error: unknown) => {
      await send({ type: 'failed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) }).catch(() => undefined);
      process.exit(1);
    },
  );
});
process.once('disconnect', () => process.exit(3));
void send({ type: 'ready' });
