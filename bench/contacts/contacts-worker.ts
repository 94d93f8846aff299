// The CRM side of the contacts bench, in a process of its own (forked by contacts-bench.ts, so that its RSS is the
// importer's): a fresh database with the CRM's people, the dev host pointed at the emulator process, the bench user
// connected through the real OAuth flow, then in order — the plugin's first contacts import (timed, counted), Outlook
// edits → CRM by push (timed), CRM edits → Outlook by the plugin's outbound job (timed), CRM tasks ticked in To Do →
// DONE in the CRM by push (timed), then it serves the orchestrator's OneDrive upload (whose memory the orchestrator
// samples) and stops.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { DataSource } from 'typeorm';
import type { DevHost } from '@m365/dev-host';
import { SESSION_COOKIE } from '@m365/dev-host';
import { ContactsSyncService, MicrosoftHttpTransport, SubscriptionJobs, TodoSyncService } from '@m365/server-module';
import { CONTACT_OUTBOUND_JOB, CONTACTS_PAGE_SIZE } from '../../server-module/src/contacts/contacts-sync.constants.js';
import { SUBSCRIPTION_CREATE_JOB, SUBSCRIPTION_LIFECYCLE_JOB } from '../../server-module/src/subscriptions/subscription.constants.js';
import { CONTACTS_SUBSCRIPTION, TODO_SUBSCRIPTION } from '../../server-module/src/subscriptions/subscription-kinds.js';
import { TODO_OUTBOUND_JOB } from '../../server-module/src/todo/todo-sync.constants.js';
import { createTestDatabase, TestHttpClient, type TestDatabase } from '../../test-support/index.js';
import { BENCH_USER, EmulatorAdmin, mailboxCounter } from '../bench-fixtures.js';
import { connectBenchMailbox, startBenchDevHost } from '../shared/bench-dev-host.js';
import { CapturingLogger } from '../shared/capturing-logger.js';
import { BENCH_MEMBER, BENCH_MEMBER_PASSWORD } from '../shared/crm-mailboxes.js';
import { addPeople } from '../shared/crm-people.js';
import { GraphRequestTally } from '../shared/graph-request-tally.js';
import { requireIpcChannel } from '../shared/ipc-channel.js';
import { JobGate } from '../shared/job-gate.js';
import { pushSettled, subscriptionActive } from '../shared/push-settled.js';
import type { ContactsImportFigures, ContactsReport, ContactsWorkerMessage, ContactsWorkerTask, LatencySamples, OutboundSamples, RequestTally, TodoSamples, UploadDone } from './contacts-messages.js';

const VISIBLE_WITHIN_MS = 10_000;
const SUBSCRIBED_WITHIN_MS = 30_000;
const POLL_MS = 5;
/** After the import: the contacts subscription, its push passes and the outbound writes; no periodic pass, no mail or calendar. */
const CONTACTS_BENCH_JOBS = [SUBSCRIPTION_CREATE_JOB.name, SUBSCRIPTION_LIFECYCLE_JOB.name, CONTACTS_SUBSCRIPTION.pushJob.name, CONTACT_OUTBOUND_JOB.name];
/**
 * The To Do stage adds the list's push passes and the task writes; not the list's sync job (the sync mutation's, and
 * the periodic one's): the bench runs the pass that starts the list's cursor itself, so every completion comes by push.
 */
const TODO_BENCH_JOBS = [TODO_SUBSCRIPTION.pushJob.name, TODO_OUTBOUND_JOB.name];
const UPLOAD_WITHIN_MS = 5 * 60_000;
const CREATE_TASK = `mutation ($input: TaskInput!) { createTask(input: $input) { id } }`;
const SYNC_TASK = `mutation ($task: ID!, $account: ID!) { syncMicrosoftTodoTask(taskId: $task, connectedAccountId: $account, listId: null) { todoTaskId } }`;

const send = (message: ContactsWorkerMessage): Promise<void> =>
  new Promise((resolve, reject) => process.send!(message, (error: Error | null) => (error ? reject(error) : resolve())));
const stage = (line: string) => send({ type: 'stage', line });
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function countPeople(dataSource: DataSource, workspaceId: string): Promise<number> {
  return (await dataSource.query(`SELECT count(*)::int AS "count" FROM "person" WHERE "workspaceId" = $1 AND "deletedAt" IS NULL`, [workspaceId]))[0].count;
}

async function run(task: ContactsWorkerTask): Promise<void> {
  const { emulator } = task;
  const admin = new EmulatorAdmin(emulator);
  let database: TestDatabase | undefined;
  let host: DevHost | undefined;
  let client: TestHttpClient | undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'm365-bench-contacts-'));
  try {
    database = await createTestDatabase();
    await send({ type: 'database', name: database.name });
    host = await startBenchDevHost(emulator, { databaseUrl: database.url, dataDir });
    const logger = new CapturingLogger();
    host.app.useLogger(logger);
    await addPeople(host.dataSource, task.crmPeople);
    // Connecting enqueues the first imports (mail, calendar, contacts) as jobs; none runs: the bench runs the
    // contacts pass itself, to time and count it alone.
    const gate = new JobGate(host, CONTACTS_BENCH_JOBS);
    client = new TestHttpClient(host.url, emulator.caCertPem);
    const { workspaceId } = await client.signIn(BENCH_MEMBER, BENCH_MEMBER_PASSWORD);
    const { connectedAccountId } = await connectBenchMailbox(client, host, emulator, BENCH_USER);
    const [channel] = await host.dataSource.query(`SELECT "id" FROM "microsoftContactChannel" WHERE "connectedAccountId" = $1`, [connectedAccountId]);
    if (!channel) throw new Error('connecting the bench user made no contact channel');
    const contactChannelId: string = channel.id;
    const sync = host.app.get(ContactsSyncService);
    const tally = new GraphRequestTally(emulator.graphBaseUrl);
    tally.attach(host.app.get(MicrosoftHttpTransport));
    const peopleBefore = await countPeople(host.dataSource, workspaceId);

    // 1. The plugin's first contacts import: every folder, its contacts delta from the start.
    await stage('import: the plugin\'s first contacts pass (ContactsSyncService.syncChannel)');
    await admin.resetRequestCounters();
    tally.reset();
    await send({ type: 'importStarted' });
    const importStarted = performance.now();
    const outcome = await sync.syncChannel(workspaceId, contactChannelId);
    const importMs = performance.now() - importStarted;
    await send({ type: 'importEnded' });
    const requests: RequestTally = { counted: mailboxCounter(await admin.requestCounters(), emulator.demoApp.clientId).counted, byKind: { ...tally.byKind } };
    if (outcome !== 'synced') {
      const [row] = await host.dataSource.query(`SELECT "syncStatus", "lastErrorMessage" FROM "microsoftContactChannel" WHERE "id" = $1`, [contactChannelId]);
      throw new Error(`the first contacts import ended '${outcome}': ${row?.syncStatus ?? '?'} ${String(row?.lastErrorMessage ?? '').slice(0, 300)}; ${logger.lines.slice(-5).join(' | ')}`);
    }
    const imported = await importFigures(host.dataSource, workspaceId, contactChannelId, peopleBefore);
    const [{ folders }] = await host.dataSource.query(`SELECT count(*)::int AS "folders" FROM "microsoftContactFolder" WHERE "contactChannelId" = $1`, [contactChannelId]);
    const importReport: ContactsImportFigures = { outcome, wallMs: importMs, requests, pageSize: CONTACTS_PAGE_SIZE, folders, ...imported };

    // 2. Outlook edits → CRM, through the plugin's /me/contacts subscription (made here, by its own job).
    let quick = 0;
    const original = sync.syncChannel.bind(sync);
    sync.syncChannel = (async (ws: string, id: string, options?: { mode?: 'full' | 'quick' }) => {
      if (options?.mode === 'quick') quick += 1;
      return original(ws, id, options as never);
    }) as typeof sync.syncChannel;
    gate.openForPushAndOutbound();
    await host.app.get(SubscriptionJobs).requestSubscription({ workspaceId, connectedAccountId, channelId: contactChannelId, kind: 'contacts' });
    await subscriptionActive(host, contactChannelId, 'contacts', SUBSCRIBED_WITHIN_MS);
    const targets: Array<{ contactExternalId: string; personId: string }> = await host.dataSource.query(
      `SELECT "contactExternalId", "personId" FROM "microsoftContactLink" WHERE "contactChannelId" = $1 AND "personId" IS NOT NULL ORDER BY md5("contactExternalId") LIMIT $2`,
      [contactChannelId, task.inboundEdits + task.outboundEdits],
    );
    await stage(`inbound: ${task.inboundEdits} Outlook edits (a new job title, in the emulator as the user), each delivered by push (subscription ACTIVE)`);
    const inbound = await measureInbound(host.dataSource, admin, targets.slice(0, task.inboundEdits), () => logger.lines.slice(-5));
    await pushSettled(host, contactChannelId, VISIBLE_WITHIN_MS).catch(() => undefined);
    const inboundPasses = quick;

    // 3. CRM edits → Outlook: updatePerson as the signed-in member; the plugin's outbox and outbound job write it.
    await stage(`outbound: ${task.outboundEdits} CRM edits (updatePerson, a new job title), each timed until Outlook shows it`);
    const outbound = await measureOutbound(client, host, admin, contactChannelId, targets.slice(task.inboundEdits), () => logger.lines.slice(-5));
    const outboundPasses = quick - inboundPasses;

    // 4. To Do completion → CRM: CRM tasks synced to To Do (the default list), each ticked in To Do, delivered by push.
    await stage(`todo: ${task.todoTasks} CRM tasks synced to To Do's Tasks list, then each ticked in To Do (the emulator's admin API) and timed until it is DONE in the CRM`);
    gate.allow(TODO_BENCH_JOBS);
    const todo = await measureTodo(client, host, admin, { workspaceId, connectedAccountId }, task.todoTasks, () => logger.lines.slice(-5));
    const report: ContactsReport = { type: 'report', import: importReport, inbound: { ...inbound, pushPasses: inboundPasses }, outbound: { ...outbound, pushPasses: outboundPasses }, todo };
    await send(report);

    // 5. The orchestrator streams a file through this process's upload route into OneDrive and samples its memory.
    await stage(`upload: ${task.uploadBytes.toLocaleString('en')} bytes from the orchestrator through this process's PUT /microsoft/files/accounts/:id/upload into the bench user's OneDrive`);
    const uploaded = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the orchestrator's upload did not end within ${UPLOAD_WITHIN_MS / 1000} s`)), UPLOAD_WITHIN_MS);
      process.on('message', (message: UploadDone) => {
        if (message?.type !== 'uploadDone') return;
        clearTimeout(timer);
        resolve();
      });
    });
    const before = process.memoryUsage();
    const peak = { ...before };
    const sampler = setInterval(() => {
      const now = process.memoryUsage();
      for (const field of Object.keys(peak) as Array<keyof NodeJS.MemoryUsage>) peak[field] = Math.max(peak[field], now[field]);
    }, 10);
    await send({ type: 'uploadReady', uploadUrl: `${host.url}/microsoft/files/accounts/${connectedAccountId}/upload`, cookie: `${SESSION_COOKIE}=${client.cookie(SESSION_COOKIE)}` });
    await uploaded.finally(() => clearInterval(sampler));
    await send({ type: 'uploadMemory', before, peak });
  } finally {
    await client?.close().catch(() => undefined);
    await host?.close().catch(() => undefined);
    await database?.drop().catch(() => undefined);
    await admin.close().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** What the import left: links by how they came, people, and linked people whose name is not the contact's. */
async function importFigures(dataSource: DataSource, workspaceId: string, contactChannelId: string, peopleBefore: number) {
  const [links] = await dataSource.query(
    `SELECT count(*)::int AS "links", count(*) FILTER (WHERE l."createdBySync")::int AS "created", count(*) FILTER (WHERE NOT l."createdBySync")::int AS "matched",
            count(*) FILTER (WHERE NOT l."createdBySync" AND jsonb_array_length(l."syncedFields"->'emails') > 0 AND lower(p."emailsPrimaryEmail") = l."syncedFields"->'emails'->>0)::int AS "matchedByEmail",
            count(*) FILTER (WHERE p."id" IS NULL OR p."nameFirstName" <> l."syncedFields"->>'firstName' OR p."nameLastName" <> l."syncedFields"->>'lastName')::int AS "misnamed"
       FROM "microsoftContactLink" l LEFT JOIN "person" p ON p."id" = l."personId"
      WHERE l."contactChannelId" = $1 AND l."detachedReason" IS NULL`,
    [contactChannelId],
  );
  return { ...(links as { links: number; created: number; matched: number; matchedByEmail: number; misnamed: number }), peopleAfter: await countPeople(dataSource, workspaceId), peopleBefore };
}

/** Each edit timed from just before the emulator's PATCH until the CRM's person has the new job title. */
async function measureInbound(dataSource: DataSource, admin: EmulatorAdmin, targets: Array<{ contactExternalId: string; personId: string }>, recentLogs: () => string[]): Promise<LatencySamples> {
  const samples: number[] = [];
  for (const [index, target] of targets.entries()) {
    const jobTitle = `Outlook edit ${index}`;
    const started = performance.now();
    await admin.call('PATCH', `/mailboxes/${encodeURIComponent(BENCH_USER)}/contacts/${encodeURIComponent(target.contactExternalId)}`, { jobTitle });
    for (;;) {
      const [seen] = await dataSource.query(`SELECT 1 FROM "person" WHERE "id" = $1 AND "jobTitle" = $2`, [target.personId, jobTitle]);
      if (seen) break;
      if (performance.now() - started > VISIBLE_WITHIN_MS) return { samples, notMeasured: `"${jobTitle}" (${target.contactExternalId}) not on the person after ${VISIBLE_WITHIN_MS / 1000} s; ${recentLogs().join(' | ')}` };
      await pause(POLL_MS);
    }
    samples.push(performance.now() - started);
  }
  return { samples, notMeasured: null };
}

/** Each edit timed from just before the mutation until the emulator's admin view of the contact shows the job title. */
async function measureOutbound(client: TestHttpClient, host: DevHost, admin: EmulatorAdmin, contactChannelId: string, targets: Array<{ contactExternalId: string; personId: string }>, recentLogs: () => string[]): Promise<OutboundSamples> {
  const { dataSource } = host;
  const samples: number[] = [];
  const since = new Date();
  let notMeasured: string | null = null;
  for (const [index, target] of targets.entries()) {
    const jobTitle = `CRM edit ${index}`;
    const started = performance.now();
    const result = await client.graphql(`mutation ($id: ID!, $patch: PersonPatch!) { updatePerson(id: $id, patch: $patch) { id } }`, { id: target.personId, patch: { jobTitle } });
    if (result.errors?.length) throw new Error(`updatePerson: ${JSON.stringify(result.errors).slice(0, 300)}`);
    for (;;) {
      const contact = await admin.call<{ jobTitle: string | null }>('GET', `/mailboxes/${encodeURIComponent(BENCH_USER)}/contacts/${encodeURIComponent(target.contactExternalId)}`);
      if (contact.jobTitle === jobTitle) break;
      if (performance.now() - started > VISIBLE_WITHIN_MS) {
        const rows = await dataSource.query(`SELECT "status", "attempts", "message" FROM "microsoftContactOutbox" WHERE "contactExternalId" = $1 ORDER BY "createdAt"`, [target.contactExternalId]);
        notMeasured = `"${jobTitle}" (${target.contactExternalId}) not in Outlook after ${VISIBLE_WITHIN_MS / 1000} s; outbox ${JSON.stringify(rows).slice(0, 300)}; ${recentLogs().join(' | ')}`;
        break;
      }
      await pause(POLL_MS);
    }
    if (notMeasured) break;
    samples.push(performance.now() - started);
  }
  // Every write of the stage applied (the acknowledgement commits just after Outlook answers), its echoes' push passes over.
  await pushSettled(host, contactChannelId, VISIBLE_WITHIN_MS).catch(() => undefined);
  const deadline = Date.now() + VISIBLE_WITHIN_MS;
  for (;;) {
    const [{ notApplied }] = await dataSource.query(`SELECT count(*) FILTER (WHERE "status" <> 'APPLIED')::int AS "notApplied" FROM "microsoftContactOutbox" WHERE "contactChannelId" = $1 AND "createdAt" >= $2`, [contactChannelId, since]);
    if (notApplied === 0 || Date.now() > deadline) return { samples, notMeasured, notApplied };
    await pause(50);
  }
}

/**
 * `count` CRM tasks made and synced to To Do as the member (the plugin writes each To Do task in the mutation); once
 * the list's subscription is ACTIVE and its cursor past those writes, each is ticked in To Do, one at a time, timed
 * from just before the emulator's completion until the CRM task is DONE.
 */
async function measureTodo(client: TestHttpClient, host: DevHost, admin: EmulatorAdmin, { workspaceId, connectedAccountId }: { workspaceId: string; connectedAccountId: string }, count: number, recentLogs: () => string[]): Promise<TodoSamples> {
  const { dataSource } = host;
  const graphql = async <T>(text: string, variables: Record<string, unknown>): Promise<T> => {
    const result = await client.graphql<T>(text, variables);
    if (result.errors?.length) throw new Error(`${text.slice(0, 40)}…: ${JSON.stringify(result.errors).slice(0, 300)}`);
    return result.data as T;
  };
  const tasks: Array<{ taskId: string; todoTaskId: string }> = [];
  for (let index = 0; index < count; index += 1) {
    const { createTask } = await graphql<{ createTask: { id: string } }>(CREATE_TASK, { input: { title: `Bench To Do task ${index}` } });
    const { syncMicrosoftTodoTask } = await graphql<{ syncMicrosoftTodoTask: { todoTaskId: string | null } }>(SYNC_TASK, { task: createTask.id, account: connectedAccountId });
    if (!syncMicrosoftTodoTask.todoTaskId) throw new Error(`task ${createTask.id} synced without a To Do task`);
    tasks.push({ taskId: createTask.id, todoTaskId: syncMicrosoftTodoTask.todoTaskId });
  }
  const lists: Array<{ id: string }> = await dataSource.query(`SELECT "id" FROM "microsoftTodoList" WHERE "connectedAccountId" = $1`, [connectedAccountId]);
  if (lists.length !== 1) throw new Error(`the synced tasks are in ${lists.length} To Do lists, expected the default one`);
  const listId = lists[0]!.id;
  await subscriptionActive(host, listId, 'todo', SUBSCRIBED_WITHIN_MS);
  // The list's cursor past the tasks' own writes (a pass now, waiting out the one the sync mutations queued).
  const todoSync = host.app.get(TodoSyncService);
  while ((await todoSync.syncList(workspaceId, listId)) === 'busy') await pause(50);
  await pushSettled(host, listId, VISIBLE_WITHIN_MS);
  let passes = 0;
  const original = todoSync.syncList.bind(todoSync);
  todoSync.syncList = (async (ws: string, id: string) => {
    passes += 1;
    return original(ws, id);
  }) as typeof todoSync.syncList;

  const samples: number[] = [];
  for (const [index, target] of tasks.entries()) {
    const started = performance.now();
    await admin.call('POST', `/mailboxes/${encodeURIComponent(BENCH_USER)}/todo/tasks/${encodeURIComponent(target.todoTaskId)}/complete`);
    for (;;) {
      const [done] = await dataSource.query(`SELECT 1 FROM "task" WHERE "id" = $1 AND "status" = 'DONE'`, [target.taskId]);
      if (done) break;
      if (performance.now() - started > VISIBLE_WITHIN_MS) return { samples, listPasses: passes, notMeasured: `task ${index} (${target.taskId}) not DONE in the CRM ${VISIBLE_WITHIN_MS / 1000} s after it was ticked in To Do; ${recentLogs().join(' | ')}` };
      await pause(POLL_MS);
    }
    samples.push(performance.now() - started);
  }
  await pushSettled(host, listId, VISIBLE_WITHIN_MS).catch(() => undefined);
  return { samples, listPasses: passes, notMeasured: null };
}

requireIpcChannel('contacts-worker.ts', 'contacts-bench.ts');
process.once('message', (task: ContactsWorkerTask) => {
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
