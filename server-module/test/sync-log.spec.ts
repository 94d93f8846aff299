import { MailSyncService, MicrosoftTokenService } from '@m365/server-module';
import { SyncRunTrigger } from '@m365/shared-types';
import { connectMailbox, connectMicrosoftAccount, eventually, startTestHost, type ConnectedMailbox, type TestHost } from '../../test-support/index.js';
import { SyncRunPruneCronJob } from '../src/sync-log/sync-run-prune.cron.job.js';
import { SYNC_RUNS_KEPT_PER_CHANNEL } from '../src/sync-log/sync-run.constants.js';

const USER = 'megan.bowen@contoso.com';
const RUN_FIELDS = `id trigger outcome startedAt finishedAt passes durationMs created updated deleted foldersSynced foldersRestarted errorCode errorMessage action retryAt`;
const DAY_MS = 24 * 60 * 60 * 1000;

interface Run {
  id: string;
  trigger: string;
  outcome: string;
  startedAt: string;
  finishedAt: string | null;
  passes: number;
  durationMs: number;
  created: number;
  updated: number;
  deleted: number;
  foldersSynced: number;
  foldersRestarted: string[];
  errorCode: string | null;
  errorMessage: string | null;
  action: string | null;
  retryAt: string | null;
}

describe('The sync log: what each sync run of a channel did, in words the member can act on', () => {
  let host: TestHost;
  let mailbox: ConnectedMailbox;
  let sync: MailSyncService;
  const mail = () => host.emulator!.store.mail;

  const runsOf = async (client = host.client, channelId = mailbox.messageChannelId, limit = 50) =>
    client.graphql<{ microsoftSyncRuns: Run[] }>(`query ($id: ID!, $limit: Int) { microsoftSyncRuns(channelKind: MESSAGE, channelId: $id, limit: $limit) { ${RUN_FIELDS} } }`, {
      id: channelId,
      limit,
    });
  const runs = async () => {
    const result = await runsOf();
    expect(result.errors).toBeUndefined();
    return result.data!.microsoftSyncRuns;
  };
  const newest = async () => (await runs())[0]!;
  const syncNow = async (options: Parameters<MailSyncService['syncChannel']>[2] = {}) => {
    for (let attempt = 0; attempt < 100; attempt += 1) {
      const outcome = await sync.syncChannel(mailbox.workspaceId, mailbox.messageChannelId, options);
      if (outcome !== 'busy') return outcome;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('channel stayed busy');
  };
  const deliver = (count: number, subject: string) => {
    for (let index = 0; index < count; index += 1) mail().deliverMessage(USER, { from: 'lee.gu@fabrikam.com', to: [USER], subject: `${subject} ${index}` });
  };
  const storedRuns = async () => Number((await host.dataSource.query(`SELECT count(*)::int AS c FROM "microsoftSyncRun" WHERE "channelId" = $1`, [mailbox.messageChannelId]))[0].c);
  const backToPending = () =>
    host.dataSource.query(`UPDATE "messageChannel" SET "syncStage" = 'MESSAGE_LIST_FETCH_PENDING', "syncStatus" = 'ACTIVE', "throttleFailureCount" = 0 WHERE "id" = $1`, [
      mailbox.messageChannelId,
    ]);

  beforeAll(async () => {
    host = await startTestHost({ microsoft: { mailPageSize: 25 } });
    sync = host.app.get(MailSyncService);
    // The suite triggers every pass itself, push ones included (mode 'quick'): a real notification's pass racing its
    // own would take the changes it means to see recorded.
    host.emulator!.store.subscriptions.updateSettings({ dropRate: 1 });
    mail().seedMailbox({ user: USER, messages: 120, folders: 2, nestedFolders: 1, seed: 5 });
    mailbox = await connectMailbox(host, host.client, USER, USER);
  });

  afterAll(async () => {
    mail().updateSettings({ faults: { failureRate: 0 } });
    await host?.close();
  });

  it('records the first import with what it brought in', async () => {
    const [{ imported }] = await host.dataSource.query(
      `SELECT count(DISTINCT "messageId")::int AS imported FROM "messageChannelMessageAssociation" WHERE "messageChannelId" = $1`,
      [mailbox.messageChannelId],
    );
    const all = await runs();
    expect(all).toHaveLength(1);
    const [first] = all;
    expect(first).toMatchObject({ trigger: 'FIRST_IMPORT', outcome: 'SUCCEEDED', passes: 1, created: imported, deleted: 0, errorCode: null, action: null });
    expect(imported).toBeGreaterThan(60);
    expect(first!.foldersSynced).toBeGreaterThanOrEqual(5);
    expect(new Date(first!.finishedAt!).getTime()).toBeGreaterThanOrEqual(new Date(first!.startedAt).getTime());
    expect(first!.durationMs).toBe(new Date(first!.finishedAt!).getTime() - new Date(first!.startedAt).getTime());
  });

  it('leaves quiet routine passes out, lists the ones that changed something, and folds those of the same hour together', async () => {
    expect(await syncNow()).toBe('synced');
    expect(await syncNow({ mode: 'quick' })).toBe('synced');
    expect(await runs()).toHaveLength(1);

    const [doomed] = mail().listMessageSummaries(USER, { folder: 'inbox', top: 1 });
    deliver(3, 'Periodic');
    mail().deleteMessage(USER, doomed!.id, { permanent: true });
    expect(await syncNow()).toBe('synced');
    expect(await newest()).toMatchObject({ trigger: 'PERIODIC', outcome: 'SUCCEEDED', passes: 1, created: 3, deleted: 1 });

    deliver(2, 'Periodic again');
    expect(await syncNow()).toBe('synced');
    const all = await runs();
    expect(all).toHaveLength(2);
    expect(all[0]).toMatchObject({ trigger: 'PERIODIC', passes: 2, created: 5, deleted: 1 });

    deliver(1, 'Pushed');
    expect(await syncNow({ mode: 'quick' })).toBe('synced');
    expect(await newest()).toMatchObject({ trigger: 'PUSH', outcome: 'SUCCEEDED', passes: 1, created: 1 });
  });

  it('names the folders Microsoft made it read again from the start (a 410 on their delta tokens)', async () => {
    mail().invalidateDeltaTokens({ user: USER });
    expect(await syncNow()).toBe('synced');
    const restarted = await newest();
    expect(restarted).toMatchObject({ trigger: 'PERIODIC', outcome: 'SUCCEEDED', created: 0, deleted: 0 });
    expect(restarted.foldersRestarted).toEqual(expect.arrayContaining(['Inbox', 'Sent Items']));
    expect(restarted.updated).toBeGreaterThan(0);
  });

  it.each([
    { status: 429, code: 'TooManyRequests', action: 'WAIT_FOR_THROTTLING', words: /Microsoft asked us to slow down; the import resumes by itself/ },
    { status: 503, code: 'ServiceUnavailable', action: 'WAIT_FOR_RETRY', words: /Microsoft had a temporary problem; the import retries by itself/ },
  ])('a $status says what happened and when it resumes by itself, then logs the automatic retry', async ({ status, code, action, words }) => {
    mail().updateSettings({ faults: { failureRate: 1, statuses: [status], retryAfterSeconds: 1, seed: 1 } });
    const before = Date.now();
    try {
      expect(await syncNow()).toBe('failed');
    } finally {
      mail().updateSettings({ faults: { failureRate: 0 } });
    }
    const failed = await newest();
    expect(failed).toMatchObject({ trigger: 'PERIODIC', outcome: 'FAILED', errorCode: code, action });
    expect(failed.errorMessage).toMatch(words);
    expect(new Date(failed.retryAt!).getTime()).toBeGreaterThan(before);
    expect(new Date(failed.retryAt!).getTime()).toBeLessThan(Date.now() + 5_000);

    // The exception handler queued a retry for when Microsoft said; it runs by itself and is logged as such.
    await eventually(async () => (await newest()).trigger === 'RETRY' && (await newest()).outcome === 'SUCCEEDED', 30_000, 'the automatic retry succeeded');
    expect((await runs())[1]!.id).toBe(failed.id);
  });

  it('after too many failures in a row, asks the member to press Retry', async () => {
    await host.dataSource.query(`UPDATE "messageChannel" SET "throttleFailureCount" = 4 WHERE "id" = $1`, [mailbox.messageChannelId]);
    mail().updateSettings({ faults: { failureRate: 1, statuses: [500], seed: 1 } });
    try {
      expect(await syncNow({ trigger: SyncRunTrigger.MANUAL })).toBe('failed');
    } finally {
      mail().updateSettings({ faults: { failureRate: 0 } });
    }
    expect(await newest()).toMatchObject({ trigger: 'MANUAL', outcome: 'FAILED', errorCode: 'InternalServerError', action: 'PRESS_RETRY', retryAt: null });
  });

  it('asks for a reconnect once Microsoft refuses the grant (invalid_grant), and logs the pass after reconnecting', async () => {
    await backToPending();
    // An access token inside its renewal window, so the pass has to redeem the refresh token the revocation killed.
    const emulator = host.emulator!.store;
    emulator.updateConfig({ accessTokenLifetimeSeconds: 60 });
    await host.app.get(MicrosoftTokenService).getAccessToken(mailbox.workspaceId, mailbox.connectedAccountId, { forceRefresh: true });
    emulator.updateConfig({ accessTokenLifetimeSeconds: 3600 });
    emulator.revokeSessions(USER);
    expect(await syncNow({ trigger: SyncRunTrigger.MANUAL })).toBe('failed');
    const refused = await newest();
    expect(refused).toMatchObject({ trigger: 'MANUAL', outcome: 'FAILED', errorCode: 'NeedsReconnect', action: 'RECONNECT', retryAt: null });
    expect(refused.errorMessage).toMatch(/Reconnect it/);

    await connectMicrosoftAccount(host.client, host.emulator!.caCertPem, { account: USER });
    // A quiet routine pass is listed when it follows a failure: it says the channel recovered.
    await eventually(async () => (await newest()).outcome === 'SUCCEEDED', 30_000, 'the pass after reconnecting succeeded');
    const recovered = await newest();
    // Reconnecting queues a pass; Microsoft's lifecycle event for the revoked subscription may ask for one first.
    expect(['PERIODIC', 'RESYNC']).toContain(recovered.trigger);
    expect(recovered).toMatchObject({ created: 0, action: null, errorMessage: null });
  });

  it('marks a run left open by a dead process as interrupted when the next run starts, and one stopped on shutdown at once', async () => {
    const [{ id: orphan }] = await host.dataSource.query(
      `INSERT INTO "microsoftSyncRun" ("workspaceId", "channelId", "channelKind", "trigger", "startedAt", "lastSeenAt", "created")
       VALUES ($1, $2, 'MESSAGE', 'PERIODIC', now() - interval '10 minutes', now() - interval '8 minutes', 40) RETURNING "id"`,
      [mailbox.workspaceId, mailbox.messageChannelId],
    );
    await backToPending();
    expect(await syncNow()).toBe('synced');
    const interrupted = (await runs()).find((run) => run.id === orphan)!;
    expect(interrupted).toMatchObject({ outcome: 'INTERRUPTED', created: 40, durationMs: 120_000 });
    expect(interrupted.errorMessage).toMatch(/stopped during this run/);

    // A push pass writes its entry only once it is over, and closes what a dead process left open then.
    const [{ id: pushOrphan }] = await host.dataSource.query(
      `INSERT INTO "microsoftSyncRun" ("workspaceId", "channelId", "channelKind", "trigger", "startedAt", "lastSeenAt") VALUES ($1, $2, 'MESSAGE', 'PERIODIC', now(), now()) RETURNING "id"`,
      [mailbox.workspaceId, mailbox.messageChannelId],
    );
    deliver(1, 'Pushed after a crash');
    expect(await syncNow({ mode: 'quick' })).toBe('synced');
    const afterPush = await runs();
    expect(afterPush.find((run) => run.id === pushOrphan)?.outcome).toBe('INTERRUPTED');
    expect(afterPush[0]).toMatchObject({ trigger: 'PUSH', outcome: 'SUCCEEDED', created: 1 });

    deliver(60, 'Shutdown');
    mail().updateSettings({ faults: { latencyMs: 150 } });
    const stop = new AbortController();
    const pass = syncNow({ signal: stop.signal });
    await eventually(async () => (await newest()).outcome === 'RUNNING', 10_000, 'the pass is running');
    stop.abort();
    expect(await pass).toBe('failed');
    mail().updateSettings({ faults: { latencyMs: 0 } });
    expect(await newest()).toMatchObject({ outcome: 'INTERRUPTED', errorCode: 'Interrupted', action: null });
    // A stopping process keeps its lease until it is gone; play its exit so the next tests can sync the channel.
    await host.dataSource.query(`DELETE FROM "microsoftSyncLease" WHERE "channelId" = $1`, [mailbox.messageChannelId]);
  });

  it('keeps at most the newest runs of the last 14 days; the hourly pass ages out channels that stopped syncing', async () => {
    await host.dataSource.query(
      `INSERT INTO "microsoftSyncRun" ("workspaceId", "channelId", "channelKind", "trigger", "outcome", "startedAt", "lastSeenAt")
       SELECT $1::uuid, $2::uuid, 'MESSAGE', 'RETRY', 'FAILED', now() - make_interval(mins => 30 + n), now() FROM generate_series(1, $3::int) AS n
       UNION ALL SELECT $1::uuid, $2::uuid, 'MESSAGE', 'RETRY', 'FAILED', now() - interval '20 days', now() FROM generate_series(1, 3)`,
      [mailbox.workspaceId, mailbox.messageChannelId, SYNC_RUNS_KEPT_PER_CHANNEL + 5],
    );
    const kept = await runs();
    expect(kept.every((run) => Date.now() - new Date(run.startedAt).getTime() < 14 * DAY_MS)).toBe(true);

    await host.dataSource.query(`UPDATE "messageChannel" SET "syncStatus" = 'ACTIVE', "syncStage" = 'MESSAGE_LIST_FETCH_PENDING' WHERE "id" = $1`, [mailbox.messageChannelId]);
    deliver(1, 'Pruning');
    expect(await syncNow({ trigger: SyncRunTrigger.MANUAL })).toBe('synced');
    expect(await storedRuns()).toBe(SYNC_RUNS_KEPT_PER_CHANNEL);
    const manual = await newest();
    expect(manual.trigger).toBe('MANUAL');
    expect(manual.created).toBeGreaterThan(0);
    const [{ oldest }] = await host.dataSource.query(`SELECT min("startedAt") AS oldest FROM "microsoftSyncRun" WHERE "channelId" = $1`, [mailbox.messageChannelId]);
    expect(Date.now() - new Date(oldest).getTime()).toBeLessThan(14 * DAY_MS);

    const idle = '00000000-0000-4000-8000-000000000001';
    await host.dataSource.query(
      `INSERT INTO "microsoftSyncRun" ("workspaceId", "channelId", "channelKind", "trigger", "outcome", "startedAt")
       VALUES ($1, $2, 'MESSAGE', 'PERIODIC', 'SUCCEEDED', now() - interval '15 days'), ($1, $2, 'MESSAGE', 'PERIODIC', 'SUCCEEDED', now() - interval '13 days')`,
      [mailbox.workspaceId, idle],
    );
    expect(await host.app.get(SyncRunPruneCronJob).prune()).toBe(1);
    expect((await host.dataSource.query(`SELECT count(*)::int AS c FROM "microsoftSyncRun" WHERE "channelId" = $1`, [idle]))[0].c).toBe(1);
    await host.dataSource.query(`DELETE FROM "microsoftSyncRun" WHERE "channelId" = $1`, [idle]);
  });

  it("answers only the member's own channels, and refuses a limit out of range", async () => {
    const alex = host.newClient();
    await alex.signIn('alex.wilber@contoso.com', 'demo-password');
    const foreign = await runsOf(alex);
    expect(foreign.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(foreign.data?.microsoftSyncRuns ?? null).toBeNull();
    const asCalendar = await host.client.graphql(`query ($id: ID!) { microsoftSyncRuns(channelKind: CALENDAR, channelId: $id) { id } }`, { id: mailbox.messageChannelId });
    expect(asCalendar.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const tooMany = await runsOf(host.client, mailbox.messageChannelId, 1000);
    expect(tooMany.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await runsOf(host.client, mailbox.messageChannelId, 3)).toMatchObject({ data: { microsoftSyncRuns: [expect.anything(), expect.anything(), expect.anything()] } });
  });

  it('disconnect deletes the channel’s sync log with the rest', async () => {
    expect(await storedRuns()).toBeGreaterThan(0);
    const result = await host.client.graphql(`mutation ($id: ID!) { disconnectMicrosoftAccount(connectedAccountId: $id) }`, { id: mailbox.connectedAccountId });
    expect(result.errors).toBeUndefined();
    expect(await storedRuns()).toBe(0);
  });
});
