import { MailSyncService } from '@m365/server-module';
import { SyncLeaseRepository } from '../src/sync-leases/sync-lease.repository.js';
import { connectMailbox, eventually, startTestHost, waitForMailSync, type ConnectedMailbox, type TestHost } from '../../test-support/index.js';

const USER = 'megan.bowen@contoso.com';
// Outlook folders the import leaves out, by display name (CRM rows) and well-known name (emulator summaries).
const NOT_IMPORTED = new Set(['Deleted Items', 'Junk Email', 'Drafts', 'Outbox', 'Conversation History', 'deleteditems', 'junkemail', 'drafts', 'outbox', 'conversationhistory']);

describe('Mail import from Outlook into the CRM', () => {
  let host: TestHost;
  let mailbox: ConnectedMailbox;
  let sync: MailSyncService;

  const mail = () => host.emulator!.store.mail;
  const mailboxIds = () =>
    mail()
      .listMessageSummaries(USER, { top: 1_000_000 })
      .filter((message) => !NOT_IMPORTED.has(message.folder))
      .map((message) => message.internetMessageId)
      .sort();
  const crmIds = async () => {
    const rows: Array<{ headerMessageId: string }> = await host.dataSource.query(
      `SELECT m."headerMessageId" FROM "messageChannelMessageAssociation" a JOIN "message" m ON m."id" = a."messageId"
       WHERE a."messageChannelId" = $1 AND a."messageFolderId" IS NOT NULL`,
      [mailbox.messageChannelId],
    );
    return rows.map((row) => row.headerMessageId).sort();
  };
  const countRows = async (table: string) => Number((await host.dataSource.query(`SELECT count(*)::int AS c FROM "${table}"`))[0].c);
  /** Runs a pass now; a cron-started pass may hold the channel for a moment. */
  const syncNow = async () => {
    for (let attempt = 0; attempt < 100; attempt += 1) {
      const outcome = await sync.syncChannel(mailbox.workspaceId, mailbox.messageChannelId);
      if (outcome !== 'busy') return outcome;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('channel stayed busy');
  };

  beforeAll(async () => {
    host = await startTestHost({ microsoft: { mailPageSize: 25 } });
    sync = host.app.get(MailSyncService);
    mail().seedMailbox({ user: USER, messages: 400, folders: 2, nestedFolders: 1, seed: 7 });
    mailbox = await connectMailbox(host, host.client, 'megan.bowen@contoso.com', USER);
  });

  afterAll(async () => {
    await host?.close();
  });

  it('imports every folder, nested ones and sent mail included, each message once', async () => {
    const crm = await crmIds();
    expect(crm).toEqual(mailboxIds());
    expect(new Set(crm).size).toBe(crm.length);
    const folders = await host.dataSource.query(`SELECT "name", "externalId", "parentFolderId", "isSentFolder", "syncCursor" FROM "messageFolder" WHERE "messageChannelId" = $1`, [mailbox.messageChannelId]);
    const important = folders.find((folder: { name: string }) => folder.name === 'Important');
    expect(important?.parentFolderId).toBe(folders.find((folder: { name: string }) => folder.name === 'Projects')?.externalId);
    expect(folders.filter((folder: { isSentFolder: boolean }) => folder.isSentFolder).map((folder: { name: string }) => folder.name)).toEqual(['Sent Items']);
    expect(folders.every((folder: { syncCursor: string | null; name: string }) => folder.syncCursor !== null || NOT_IMPORTED.has(folder.name))).toBe(true);
  });

  it('threads by conversation, marks sent mail outgoing, matches participants to people and members', async () => {
    const [{ threads }] = await host.dataSource.query(
      `SELECT count(DISTINCT m."messageThreadId")::int AS threads FROM "message" m JOIN "messageChannelMessageAssociation" a ON a."messageId" = m."id" WHERE a."messageChannelId" = $1`,
      [mailbox.messageChannelId],
    );
    const conversations = new Set(mail().listMessageSummaries(USER, { top: 1_000_000 }).filter((m) => !NOT_IMPORTED.has(m.folder)).map((m) => m.conversationId));
    expect(threads).toBe(conversations.size);

    const sent = mail().listMessageSummaries(USER, { folder: 'sentitems', top: 1_000_000 }).map((m) => m.internetMessageId);
    const directions: Array<{ direction: string; header: string }> = await host.dataSource.query(
      `SELECT a."direction", m."headerMessageId" AS header FROM "messageChannelMessageAssociation" a JOIN "message" m ON m."id" = a."messageId" WHERE a."messageChannelId" = $1`,
      [mailbox.messageChannelId],
    );
    for (const row of directions) expect(row.direction).toBe(sent.includes(row.header) ? 'OUTGOING' : 'INCOMING');

    const [{ unmatched }] = await host.dataSource.query(
      `SELECT count(*)::int AS unmatched FROM "messageParticipant" p
       WHERE p."personId" IS NULL AND p."workspaceMemberId" IS NULL
         AND EXISTS (SELECT 1 FROM "person" x WHERE lower(x."emailsPrimaryEmail") = p."handle" OR p."handle" = ANY(x."emailsAdditionalEmails"))`,
    );
    expect(unmatched).toBe(0);
    const [{ members }] = await host.dataSource.query(`SELECT count(*)::int AS members FROM "messageParticipant" WHERE "handle" = $1 AND "workspaceMemberId" IS NOT NULL`, [USER]);
    expect(members).toBeGreaterThan(0);
  });

  it("shows the threads on a person's Emails tab", async () => {
    const [person] = await host.dataSource.query(
      `SELECT p."id" FROM "person" p JOIN "messageParticipant" mp ON mp."personId" = p."id" GROUP BY p."id" ORDER BY count(*) DESC LIMIT 1`,
    );
    const result = await host.client.graphql(
      `query ($id: ID!) { getTimelineThreadsFromPersonId(personId: $id, page: 1, pageSize: 10) { totalNumberOfThreads timelineThreads { subject numberOfMessagesInThread lastMessageBody } } }`,
      { id: person.id },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data.getTimelineThreadsFromPersonId.totalNumberOfThreads).toBeGreaterThan(0);
    expect(result.data.getTimelineThreadsFromPersonId.timelineThreads[0].subject).toBeTruthy();
  });

  it('keeps up with new, read, moved and deleted mail', async () => {
    const [toRead, toMove, toDelete, toPurge] = mail().listMessageSummaries(USER, { folder: 'inbox', top: 10 });
    const delivered = mail().deliverMessage(USER, { from: 'lee.gu@fabrikam.com', to: [USER], subject: 'Fresh from Fabrikam', body: 'New quote attached.' });
    mail().setRead(USER, toRead!.id, true);
    mail().moveMessage(USER, toMove!.id, 'archive');
    mail().deleteMessage(USER, toDelete!.id);
    mail().deleteMessage(USER, toPurge!.id, { permanent: true });
    const [moved] = await host.dataSource.query(`SELECT "messageThreadId" FROM "message" WHERE "headerMessageId" = $1`, [toMove!.internetMessageId]);

    expect(await syncNow()).toBe('synced');
    const crm = await crmIds();
    expect(crm).toEqual(mailboxIds());
    expect(crm).toContain(delivered.message.internetMessageId);
    expect(crm).not.toContain(toDelete!.internetMessageId);
    expect(crm).not.toContain(toPurge!.internetMessageId);
    const [afterMove] = await host.dataSource.query(
      `SELECT m."messageThreadId", f."name" AS folder FROM "message" m JOIN "messageChannelMessageAssociation" a ON a."messageId" = m."id"
       JOIN "messageFolder" f ON f."id" = a."messageFolderId" WHERE m."headerMessageId" = $1`,
      [toMove!.internetMessageId],
    );
    expect(afterMove).toEqual({ messageThreadId: moved.messageThreadId, folder: 'Archive' });
    expect(await countRows('message')).toBe(crm.length);
  });

  it("tells Settings which folders are never imported, by Outlook's well-known folders rather than their names, and refuses to switch them on", async () => {
    const query = `{ microsoftAccounts { messageChannel { messageFolders { id name externalId isNeverImported } } } }`;
    const folders: Array<{ id: string; name: string; externalId: string; isNeverImported: boolean }> = (await host.client.graphql(query)).data.microsoftAccounts[0].messageChannel.messageFolders;
    const wellKnown = (name: string) => mail().getFolder(USER, name)?.id;
    const never = new Set([...NOT_IMPORTED].map(wellKnown).filter(Boolean));
    expect(folders.length).toBeGreaterThan(never.size);
    for (const folder of folders) expect([folder.name, folder.isNeverImported]).toEqual([folder.name, never.has(folder.externalId)]);

    const drafts = folders.find((folder) => folder.externalId === wellKnown('drafts'))!;
    const refused = await host.client.graphql(
      `mutation ($channel: ID!, $folder: ID!) { setMicrosoftMessageFolderSynced(messageChannelId: $channel, messageFolderId: $folder, isSynced: true) { id } }`,
      { channel: mailbox.messageChannelId, folder: drafts.id },
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it("knows the Inbox by Outlook's well-known folder when the mailbox names it in another language", async () => {
    const query = `{ microsoftAccounts { messageChannel { messageFolders { name externalId isInbox isSentFolder isNeverImported } } } }`;
    const folders = async (): Promise<Array<{ name: string; externalId: string; isInbox: boolean; isSentFolder: boolean; isNeverImported: boolean }>> =>
      (await host.client.graphql(query)).data.microsoftAccounts[0].messageChannel.messageFolders;
    const english = { inbox: 'Inbox', sentitems: 'Sent Items', drafts: 'Drafts' } as const;
    mail().localizeDefaultFolders(USER, { inbox: 'Boîte de réception', sentitems: 'Éléments envoyés', drafts: 'Brouillons' });
    try {
      expect(await syncNow()).toBe('synced');
      const french = await folders();
      expect(french.filter((folder) => folder.isInbox)).toEqual([expect.objectContaining({ name: 'Boîte de réception', externalId: mail().getFolder(USER, 'inbox')!.id })]);
      expect(french.find((folder) => folder.isSentFolder)?.name).toBe('Éléments envoyés');
      expect(french.find((folder) => folder.name === 'Brouillons')?.isNeverImported).toBe(true);
    } finally {
      mail().localizeDefaultFolders(USER, english);
    }
    expect(await syncNow()).toBe('synced');
    expect((await folders()).filter((folder) => folder.isInbox).map((folder) => folder.name)).toEqual(['Inbox']);
  });

  it('honours the selected-folders policy', async () => {
    await host.dataSource.query(`UPDATE "messageChannel" SET "messageFolderImportPolicy" = 'SELECTED_FOLDERS' WHERE "id" = $1`, [mailbox.messageChannelId]);
    await host.dataSource.query(`UPDATE "messageFolder" SET "isSynced" = ("name" <> 'Archive') WHERE "messageChannelId" = $1`, [mailbox.messageChannelId]);
    expect(await syncNow()).toBe('synced');
    const archived = mail().listMessageSummaries(USER, { folder: 'archive', top: 1_000_000 }).map((m) => m.internetMessageId);
    expect(archived.length).toBeGreaterThan(0);
    const crm = await crmIds();
    expect(crm.filter((id) => archived.includes(id))).toEqual([]);

    await host.dataSource.query(`UPDATE "messageFolder" SET "isSynced" = true, "syncCursor" = NULL WHERE "messageChannelId" = $1 AND "name" = 'Archive'`, [mailbox.messageChannelId]);
    expect(await syncNow()).toBe('synced');
    expect(await crmIds()).toEqual(mailboxIds());
    await host.dataSource.query(`UPDATE "messageChannel" SET "messageFolderImportPolicy" = 'ALL_FOLDERS' WHERE "id" = $1`, [mailbox.messageChannelId]);
  });

  it('replayed and duplicate delta items import once', async () => {
    mail().updateSettings({ delta: { replayRate: 0.5 } });
    for (let index = 0; index < 30; index += 1) mail().deliverMessage(USER, { from: 'ada.lovelace@northwindtraders.com', to: [USER], subject: `Replay ${index}` });
    expect(await syncNow()).toBe('synced');
    mail().updateSettings({ delta: { replayRate: 0 } });
    const crm = await crmIds();
    expect(crm).toEqual(mailboxIds());
    expect(new Set(crm).size).toBe(crm.length);
  });

  it('a 410 on a delta token restarts the folder without duplicates, dropping what vanished meanwhile', async () => {
    const [victim] = mail().listMessageSummaries(USER, { folder: 'inbox', top: 1 });
    mail().invalidateDeltaTokens({ user: USER });
    mail().deleteMessage(USER, victim!.id, { permanent: true });
    expect(await syncNow()).toBe('synced');
    const crm = await crmIds();
    expect(crm).toEqual(mailboxIds());
    expect(crm).not.toContain(victim!.internetMessageId);
  });

  it('throttling and faults (429 inside $batch too) are waited out, nothing lost', async () => {
    mail().resetRequestCounters();
    mail().updateSettings({ faults: { failureRate: 0.25, statuses: [429, 503], retryAfterSeconds: 0, seed: 42 } });
    for (let index = 0; index < 40; index += 1) mail().deliverMessage(USER, { from: 'lee.gu@fabrikam.com', to: [USER], subject: `Under pressure ${index}` });
    mail().invalidateDeltaTokens({ user: USER });
    let outcome = await syncNow();
    for (let pass = 0; outcome !== 'synced' && pass < 5; pass += 1) {
      await host.dataSource.query(`UPDATE "messageChannel" SET "syncStage" = 'MESSAGE_LIST_FETCH_PENDING' WHERE "id" = $1`, [mailbox.messageChannelId]);
      outcome = await syncNow();
    }
    mail().updateSettings({ faults: { failureRate: 0 } });
    expect(outcome).toBe('synced');
    const [counter] = mail().getRequestCounters();
    expect(counter!.faults).toBeGreaterThan(0);
    expect(counter!.batchItems).toBeGreaterThan(0);
    expect(await crmIds()).toEqual(mailboxIds());
  });

  it('never has more than 4 requests in flight for the mailbox', async () => {
    mail().resetRequestCounters();
    mail().updateSettings({ faults: { latencyMs: 40 } });
    mail().invalidateDeltaTokens({ user: USER });
    expect(await syncNow()).toBe('synced');
    mail().updateSettings({ faults: { latencyMs: 0 } });
    const [counter] = mail().getRequestCounters();
    expect(counter!.byStatus['429'] ?? 0).toBe(0);
  });

  it('a worker stopped between pages resumes from its last checkpoint: no loss, no duplicates', async () => {
    for (let index = 0; index < 120; index += 1) mail().deliverMessage(USER, { from: 'lee.gu@fabrikam.com', to: [USER], subject: `Batch ${index}` });
    const controller = new AbortController();
    let pages = 0;
    const original = sync['progress'].addImported.bind(sync['progress']);
    sync['progress'].addImported = async (channelId: string, count: number) => {
      await original(channelId, count);
      pages += 1;
      if (pages === 2) controller.abort();
    };
    expect(await sync.syncChannel(mailbox.workspaceId, mailbox.messageChannelId, { signal: controller.signal })).toBe('failed');
    sync['progress'].addImported = original;
    const partial = await crmIds();
    expect(partial.length).toBeLessThan(mailboxIds().length);

    // The stopped pass's lease belongs to a live process (this one), so nobody takes it; once that process is gone
    // (a crash leaves its lease to a process that no longer heartbeats), a new worker takes over at once.
    expect(await sync.syncChannel(mailbox.workspaceId, mailbox.messageChannelId)).toBe('busy');
    await host.dataSource.query(`UPDATE "microsoftSyncLease" SET "ownerProcessId" = gen_random_uuid() WHERE "channelId" = $1`, [mailbox.messageChannelId]);
    mail().resetRequestCounters();
    expect(await syncNow()).toBe('synced');
    const crm = await crmIds();
    expect(crm).toEqual(mailboxIds());
    expect(new Set(crm).size).toBe(crm.length);
    // Resumed, not restarted: the remaining ~70 messages at 25 a page, not the whole mailbox again.
    expect(mail().getRequestCounters()[0]!.counted).toBeLessThan(30);
  });

  it('a pass whose lease another process took over (this one stalled) stops at its next check and leaves the channel alone', async () => {
    for (let index = 0; index < 80; index += 1) mail().deliverMessage(USER, { from: 'lee.gu@fabrikam.com', to: [USER], subject: `Stalled ${index}` });
    mail().invalidateDeltaTokens({ user: USER });
    mail().updateSettings({ faults: { latencyMs: 150 } });
    let firstPage!: () => void;
    const pageWritten = new Promise<void>((resolve) => (firstPage = resolve));
    const original = sync['progress'].addImported.bind(sync['progress']);
    sync['progress'].addImported = async (channelId: string, count: number) => {
      await original(channelId, count);
      firstPage();
    };
    const pass = sync.syncChannel(mailbox.workspaceId, mailbox.messageChannelId);
    await pageWritten;
    sync['progress'].addImported = original;
    // The other process is alive (its heartbeat is ahead of the clock), so this process's recovery leaves its lease be.
    const [other] = await host.dataSource.query(
      `INSERT INTO "microsoftWorkerProcess" ("id", "hostname", "pid", "heartbeatAt") VALUES (gen_random_uuid(), 'another-host', 1, now() + interval '1 hour') RETURNING "id"`,
    );
    await host.dataSource.query(`UPDATE "microsoftSyncLease" SET "ownerProcessId" = $2, "leaseId" = gen_random_uuid() WHERE "channelId" = $1`, [mailbox.messageChannelId, other.id]);
    const startedWaiting = Date.now();
    expect(await pass).toBe('busy');
    expect(Date.now() - startedWaiting).toBeLessThan(10_000);
    mail().updateSettings({ faults: { latencyMs: 0 } });
    // The stopped pass neither finished the channel nor released the new owner's lease.
    const [channel] = await host.dataSource.query(`SELECT "syncStage" FROM "messageChannel" WHERE "id" = $1`, [mailbox.messageChannelId]);
    expect(channel.syncStage).toBe('MESSAGE_LIST_FETCH_ONGOING');
    expect(await host.dataSource.query(`SELECT 1 FROM "microsoftSyncLease" WHERE "channelId" = $1`, [mailbox.messageChannelId])).toHaveLength(1);

    // That other process is gone in turn: the next pass takes over and finishes the import.
    await host.dataSource.query(`DELETE FROM "microsoftWorkerProcess" WHERE "id" = $1`, [other.id]);
    expect(await syncNow()).toBe('synced');
    const crm = await crmIds();
    expect(crm).toEqual(mailboxIds());
    expect(new Set(crm).size).toBe(crm.length);
  });

  it('an access token expiring mid-import is refreshed and the page retried', async () => {
    host.emulator!.store.updateConfig({ accessTokenLifetimeSeconds: 1 });
    await host.app.get((await import('@m365/server-module')).MicrosoftTokenService).getAccessToken(mailbox.workspaceId, mailbox.connectedAccountId, { forceRefresh: true });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    for (let index = 0; index < 60; index += 1) mail().deliverMessage(USER, { from: 'lee.gu@fabrikam.com', to: [USER], subject: `Late ${index}` });
    // Slow pages: the pass outlives its one-second tokens, so Graph answers 401 midway and the token is renewed.
    mail().updateSettings({ faults: { latencyMs: 400 } });
    const refreshes = () => host.emulator!.store.listIssuedTokens().filter((entry) => entry.kind === 'access_token' && entry.grantType === 'refresh_token').length;
    const before = refreshes();
    expect(await syncNow()).toBe('synced');
    mail().updateSettings({ faults: { latencyMs: 0 } });
    host.emulator!.store.updateConfig({ accessTokenLifetimeSeconds: 3600 });
    expect(refreshes() - before).toBeGreaterThanOrEqual(2);
    expect(await crmIds()).toEqual(mailboxIds());
  });

  it('a permanent mailbox error fails the channel with the reason; the user retries once it is fixed', async () => {
    mail().setMailboxStatus(USER, 'MailboxNotEnabledForRESTAPI');
    expect(await syncNow()).toBe('failed');
    const query = `{ microsoftAccounts { messageChannel { id syncStatus syncStage importProgress { importedCount estimatedTotal lastErrorCode lastErrorMessage } } } }`;
    const failed = (await host.client.graphql(query)).data.microsoftAccounts[0].messageChannel;
    expect(failed).toMatchObject({ syncStatus: 'FAILED_UNKNOWN', syncStage: 'FAILED', importProgress: { lastErrorCode: 'MailboxNotEnabledForRESTAPI' } });
    expect(failed.importProgress.lastErrorMessage).toMatch(/Outlook cannot serve this mailbox/);
    // A push pass started by the previous test's mail may hold the lease for a moment ('busy'); once it lets go, a
    // failed channel is not claimable by any pass.
    let outcome = await sync.syncChannel(mailbox.workspaceId, mailbox.messageChannelId);
    for (let tries = 0; outcome === 'busy' && tries < 50; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      outcome = await sync.syncChannel(mailbox.workspaceId, mailbox.messageChannelId);
    }
    expect(outcome).toBe('unavailable');

    mail().setMailboxStatus(USER, 'enabled');
    // A push pass holds the channel when the member presses Retry: the retry waits for it instead of being dropped.
    const leases = host.app.get(SyncLeaseRepository);
    const pushPass = await leases.acquire(mailbox.workspaceId, mailbox.messageChannelId, 'mail');
    expect(pushPass).not.toBeNull();
    const retry = await host.client.graphql(`mutation ($id: ID!) { retryMicrosoftMessageSync(messageChannelId: $id) }`, { id: mailbox.messageChannelId });
    expect(retry.data.retryMicrosoftMessageSync).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const [waiting] = await host.dataSource.query(`SELECT "syncStatus" FROM "messageChannel" WHERE "id" = $1`, [mailbox.messageChannelId]);
    expect(waiting.syncStatus).not.toBe('ACTIVE');
    await leases.release(pushPass!);
    expect(await waitForMailSync(host.dataSource, mailbox.messageChannelId)).toMatchObject({ syncStatus: 'ACTIVE' });
    const healthy = (await host.client.graphql(query)).data.microsoftAccounts[0].messageChannel;
    expect(healthy.importProgress).toMatchObject({ lastErrorCode: null, importedCount: (await crmIds()).length });
  });

  it('disconnect deletes every message, thread, participant and association the account brought', async () => {
    expect(await countRows('message')).toBeGreaterThan(0);
    const people = await countRows('person');
    await host.client.graphql(`mutation ($id: ID!) { disconnectMicrosoftAccount(connectedAccountId: $id) }`, { id: mailbox.connectedAccountId });
    // A job taken off the queue just before the disconnect (the calendar's push or first pass) may still hold a lease
    // for a moment: it finds its channel gone and lets go.
    await eventually(async () => (await countRows('microsoftSyncLease')) === 0, 10_000, 'in-flight passes let go of their leases');
    for (const table of ['message', 'messageThread', 'messageParticipant', 'messageChannelMessageAssociation', 'messageFolder', 'messageChannel', 'microsoftSyncProgress', 'microsoftSyncLease', 'microsoftSubscription', 'microsoftNotification', 'microsoftSecret']) {
      expect([table, await countRows(table)]).toEqual([table, 0]);
    }
    expect(await countRows('person')).toBe(people);
  });
});
