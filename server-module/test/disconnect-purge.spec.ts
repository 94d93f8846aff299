import { jest } from '@jest/globals';
import { MicrosoftFeature } from '@m365/shared-types';
import { connectMailbox, eventually, startTestHost, TestHttpClient, type ConnectedMailbox, type Json, type TestHost } from '../../test-support/index.js';
import { FeatureGate } from '../src/accounts/feature-gate.js';
import { MailSyncService } from '../src/mail/mail-sync.service.js';
import { CalendarSyncService } from '../src/calendar/calendar-sync.service.js';
import { AccountPurgeService } from '../src/disconnect/account-purge.service.js';
import { ComposePurgeStep } from '../src/disconnect/steps/compose.purge-step.js';
import { StopSyncsPurgeStep } from '../src/disconnect/steps/stop-syncs.purge-step.js';
import { MicrosoftHttpTransport } from '../src/http/microsoft-http-transport.js';
import { SubscriptionRepository } from '../src/subscriptions/subscription.repository.js';
import { SubscriptionService } from '../src/subscriptions/subscription.service.js';
import { diffSnapshots, snapshotDatabase, type DatabaseSnapshot, type TableDifference } from '../../test-support/database-snapshot.js';

const MEGAN = 'megan.bowen@contoso.com';
const ALEX = 'alex.wilber@contoso.com';
const LEE = 'lee.gu@fabrikam.com';
const GUEST = 'guest.booker@example.org';
const DISCONNECT = `mutation ($id: ID!) { disconnectMicrosoftAccount(connectedAccountId: $id) }`;
const ACCOUNTS = `{ microsoftAccounts { id handle disconnecting messageChannel { id } calendarChannel { id } } }`;
/** Rows that are the running process, not anyone's data: its heartbeat moves every second. */
const PROCESS_TABLE = 'public.microsoftWorkerProcess';

interface Connected extends ConnectedMailbox {
  calendarChannelId: string;
  client: TestHttpClient;
}

/**
 * Disconnect leaves nothing behind: against the emulator over HTTPS, real PostgreSQL and Redis. The account uses every
 * feature before it goes; the whole database (every table, the host's and the plugin's) is compared with a
 * snapshot taken before it was connected.
 */
describe('Disconnect: one purge, every feature, nothing left behind; interrupted purges complete', () => {
  let host: TestHost;
  let admin: TestHttpClient;

  const query = (sql: string, params: unknown[] = []) => host.dataSource.query(sql, params);
  const count = async (sql: string, params: unknown[] = []) => Number((await query(sql, params))[0].n);
  const ok = async <T = Json>(client: TestHttpClient, text: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const result = await client.graphql(text, variables);
    if (result.errors?.length) throw new Error(result.errors[0].message);
    return result.data as T;
  };
  const adminCall = async (method: string, path: string, body?: unknown) => {
    const response = await admin.request(method, `/_admin${path}`, { body });
    if (response.status >= 300) throw new Error(`${method} ${path} → ${response.status} ${response.text}`);
    return response.status === 204 ? {} : response.json<Record<string, unknown>>();
  };
  const emulatorSubscriptions = (user: string) => host.emulator!.store.subscriptions.forMailbox(host.emulator!.store.findUser(user)!.id).map((subscription) => subscription.id).sort();
  /** What Microsoft holds for the user: every message, event, contact folder and contact, To Do list and task, and drive item. */
  const mailboxAndCalendar = (user: string) => {
    const store = host.emulator!.store;
    const userId = store.findUser(user)!.id;
    const messages = store.mail.listMessages(user).map((message) => JSON.stringify(message)).sort();
    const events = store.calendar.listEvents(userId).map((event) => JSON.stringify(event)).sort();
    const todo = store.todo.listLists(userId).flatMap((list) => [JSON.stringify(list), ...store.todo.listTasks(userId, list.id).map((task) => JSON.stringify(task))]).sort();
    const contacts = [...store.contacts.listFolders(userId), ...store.contacts.listContacts(userId)].map((item) => JSON.stringify(item)).sort();
    const drive = store.files.userDrive(userId);
    const files = store.files.descendants(drive.id, drive.rootId).map((item) => JSON.stringify(item)).sort();
    return { messages, events, todo, contacts, files };
  };
  /**
   * Graph unreachable for the subscription deletes: the connection refused, as undici reports it. (The emulator's
   * fault knobs act on Outlook's routes only; /subscriptions is not one.)
   */
  const graphUnreachable = () => {
    const send = MicrosoftHttpTransport.prototype.fetch;
    return jest.spyOn(MicrosoftHttpTransport.prototype, 'fetch').mockImplementation(function (this: MicrosoftHttpTransport, input, init) {
      if (String(init?.method).toUpperCase() === 'DELETE' && /\/subscriptions\//.test(String(input))) {
        return Promise.reject(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } }));
      }
      return send.call(this, input, init);
    });
  };
  const purgeRow = async (connectedAccountId: string) => (await query(`SELECT * FROM "microsoftAccountPurge" WHERE "connectedAccountId" = $1`, [connectedAccountId]))[0];
  const activeSubscriptions = (connectedAccountId: string) => count(`SELECT count(*)::int AS n FROM "microsoftSubscription" WHERE "connectedAccountId" = $1 AND "status" = 'ACTIVE'`, [connectedAccountId]);
  /** Rows anywhere in the plugin's and host's tables that still name the account or its channels. */
  const rowsNaming = async (account: Connected) => {
    const ids = [account.connectedAccountId, account.messageChannelId, account.calendarChannelId];
    const left: string[] = [];
    for (const [table, rows] of await snapshotDatabase(host.dataSource)) {
      for (const row of rows) if (ids.some((id) => row.includes(id))) left.push(`${table}: ${row.slice(0, 200)}`);
    }
    return left;
  };

  const connect = async (member: string, client = host.newClient()): Promise<Connected> => {
    const mailbox = await connectMailbox(host, client, member, member);
    const [channel] = await query(`SELECT "id" FROM "calendarChannel" WHERE "connectedAccountId" = $1`, [mailbox.connectedAccountId]);
    await eventually(async () => {
      const [row] = await query(`SELECT "syncStatus", "syncStage" FROM "calendarChannel" WHERE "id" = $1`, [channel.id]);
      return row.syncStatus === 'ACTIVE' && row.syncStage === 'CALENDAR_EVENT_LIST_FETCH_PENDING';
    }, 60_000, `first calendar import of ${member}`);
    await eventually(async () => (await activeSubscriptions(mailbox.connectedAccountId)) === 3, 30_000, `mail, calendar and contacts subscriptions of ${member}`);
    return { ...mailbox, calendarChannelId: channel.id, client };
  };
  /** No pass running: a pass started by a notification writes its sync log row as it ends. */
  const idle = () => eventually(async () => (await count(`SELECT count(*)::int AS n FROM "microsoftSyncLease"`)) === 0, 20_000, 'passes in flight let go');

  beforeAll(async () => {
    host = await startTestHost({ microsoft: { disconnectRetry: { attempts: 3, baseDelayMs: 300, maxDelayMs: 1_000 } } });
    admin = new TestHttpClient(host.emulator!.baseUrl, host.emulator!.caCertPem);
  });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  afterAll(async () => {
    await host?.close();
  });

  it('after using every feature, the whole database equals its snapshot from before the connect, but for what users made in the CRM', async () => {
    const mail = host.emulator!.store.mail;
    mail.deliverMessage(MEGAN, { from: LEE, to: [MEGAN], subject: 'Budget', body: 'Numbers attached.' });
    mail.deliverMessage(MEGAN, { from: 'diego.siciliani@northwind.example', to: [MEGAN], cc: [LEE], subject: 'Kick-off', body: 'See you Monday.' });
    await adminCall('POST', `/mailboxes/${MEGAN}/events`, { subject: 'Pricing review', start: { dateTime: '2027-01-12T10:00:00', timeZone: 'UTC' }, end: { dateTime: '2027-01-12T11:00:00', timeZone: 'UTC' }, attendees: [{ emailAddress: { address: LEE, name: 'Lee Gu' }, type: 'required' }] });
    const client = host.newClient();
    const { workspaceId } = await client.signIn(MEGAN, 'demo-password');
    const before: DatabaseSnapshot = await snapshotDatabase(host.dataSource);

    const megan = await connect(MEGAN, client);
    expect(await count(`SELECT count(*)::int AS n FROM "message" WHERE "workspaceId" = $1`, [workspaceId])).toBeGreaterThanOrEqual(2);
    // What a user makes in the CRM meanwhile stays: a person, and a note on a person the seed made.
    const [made] = await query(`INSERT INTO "person" ("workspaceId", "nameFirstName", "nameLastName", "emailsPrimaryEmail") VALUES ($1, 'Leena', 'Park', 'leena.park@northwind.example') RETURNING "id"`, [workspaceId]);

    // Compose: a draft kept, a message sent.
    const draftInput = (subject: string) => ({ a: megan.connectedAccountId, i: { subject, bodyHtml: `<p>${subject}</p>`, to: [{ address: LEE }] } });
    const CREATE_DRAFT = `mutation ($a: ID!, $i: MicrosoftDraftInput!) { createMicrosoftDraft(connectedAccountId: $a, input: $i) { id } }`;
    await ok(client, CREATE_DRAFT, draftInput('Kept as a draft'));
    const sent = (await ok(client, CREATE_DRAFT, draftInput('Sent from the CRM'))).createMicrosoftDraft.id as string;
    await ok(client, `mutation ($id: ID!) { sendMicrosoftDraft(id: $id) { id } }`, { id: sent });
    await eventually(async () => (await query(`SELECT "status" FROM "microsoftOutgoingMessage" WHERE "id" = $1`, [sent]))[0].status === 'SENT', 20_000, 'the message sent');
    // Mail tips (out-of-office, cached in a table) and People suggestions.
    host.emulator!.store.outbound.setAutomaticReplies(host.emulator!.store.findUser(LEE)!.id, { status: 'alwaysEnabled', externalAudience: 'all', externalReplyMessage: 'Away.' });
    expect((await ok(client, `query ($a: [String!]!) { microsoftOutOfOffice(addresses: $a) { notices { address } } }`, { a: [LEE] })).microsoftOutOfOffice.notices).toEqual([{ address: LEE }]);
    expect((await ok(client, `query { microsoftRecipientSuggestions(search: "lee") { usedMicrosoftPeople } }`)).microsoftRecipientSuggestions.usedMicrosoftPeople).toBe(true);
    expect(await count(`SELECT count(*)::int AS n FROM "microsoftMailTip" WHERE "connectedAccountId" = $1`, [megan.connectedAccountId])).toBeGreaterThan(0);
    // A calendar event made in the CRM, written to Outlook.
    const created = (await ok(client, `mutation ($c: ID!, $i: CalendarEventInput!) { createCalendarEvent(calendarChannelId: $c, input: $i) { id } }`, {
      c: megan.calendarChannelId,
      i: { title: 'Board prep', startsAt: '2027-01-20T08:00:00.000Z', endsAt: '2027-01-20T09:00:00.000Z', timeZone: 'UTC', attendeeEmails: [LEE] },
    })).createCalendarEvent.id as string;
    await eventually(async () => (await count(`SELECT count(*)::int AS n FROM "microsoftCalendarOutbox" WHERE "calendarEventId" = $1 AND "status" = 'PENDING'`, [created])) === 0
      && (await count(`SELECT count(*)::int AS n FROM "microsoftCalendarOutbox" WHERE "calendarEventId" = $1`, [created])) > 0, 20_000, 'the CRM event written to Outlook');
    await eventually(async () => host.emulator!.store.calendar.listEvents(host.emulator!.store.findUser(MEGAN)!.id).some((event) => event.subject === 'Board prep'), 10_000, 'the event in Outlook');
    // Files: a OneDrive file linked to a company; the link goes with the account, the file stays in OneDrive.
    const files = host.emulator!.store.files;
    const meganUser = host.emulator!.store.findUser(MEGAN)!;
    const drive = files.userDrive(meganUser.id);
    const { item: file } = files.putFile(drive.id, drive.rootId, 'Stays in OneDrive.txt', Buffer.from('stays'), 'fail', { id: meganUser.id, displayName: meganUser.displayName, email: MEGAN });
    const [company] = await query(`SELECT "id" FROM "company" WHERE "workspaceId" = $1 AND "deletedAt" IS NULL LIMIT 1`, [workspaceId]);
    await ok(client, `mutation ($a: ID!, $r: ID!, $d: String!, $i: String!) { attachMicrosoftFile(connectedAccountId: $a, objectName: COMPANY, recordId: $r, driveId: $d, itemId: $i) { id } }`, { a: megan.connectedAccountId, r: company.id, d: drive.id, i: file.id });
    // To Do: a task the member made in the CRM, synced to Microsoft To Do (its list gets a subscription of its own).
    const task = (await ok(client, `mutation { createTask(input: { title: "Send the signed contract" }) { id } }`)).createTask.id as string;
    await ok(client, `mutation ($t: ID!, $a: ID!) { syncMicrosoftTodoTask(taskId: $t, connectedAccountId: $a) { todoTaskId } }`, { t: task, a: megan.connectedAccountId });
    await eventually(async () => (await activeSubscriptions(megan.connectedAccountId)) === 4, 30_000, 'the To Do list subscription');
    // A booking page and a guest's booking on it: an Outlook event, a CRM person for the guest, a confirmation sent.
    const [defaultCalendar] = await query(`SELECT "id" FROM "microsoftCalendar" WHERE "calendarChannelId" = $1 AND "isDefaultCalendar"`, [megan.calendarChannelId]);
    await ok(client, `mutation ($i: MicrosoftBookingPageInput!) { createMicrosoftBookingPage(input: $i) { id } }`, {
      i: {
        connectedAccountId: megan.connectedAccountId, title: 'Intro call', slug: 'megan-disconnect', durationsMinutes: [30], locationKind: 'TEAMS', timeZone: 'UTC',
        workingHours: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map((day) => ({ day, start: '09:00', end: '17:00' })),
        bufferBeforeMinutes: 0, bufferAfterMinutes: 0, minimumNoticeMinutes: 0, horizonDays: 30, busyCalendarIds: [defaultCalendar.id], enabled: true,
      },
    });
    const guest = host.newClient();
    const slots = (await guest.request('GET', '/book/megan-disconnect/slots?duration=30&timeZone=UTC')).json<{ days: Array<{ slots: Array<{ start: string }> }> }>();
    const start = slots.days.flatMap((day) => day.slots)[0]!.start;
    const booked = await guest.request('POST', '/book/megan-disconnect', { body: { name: 'Guest Booker', email: GUEST, start, duration: 30, timeZone: 'UTC', submissionKey: 'disconnect-booking' } });
    expect([booked.status, booked.text.slice(0, 300)]).toEqual([201, expect.any(String)]);
    await idle();
    const subscriptionsBefore = emulatorSubscriptions(MEGAN);
    expect(subscriptionsBefore).toHaveLength(4);
    const microsoftBefore = mailboxAndCalendar(MEGAN);
    // The comparison sees what every feature brought (so an empty difference after the disconnect means something).
    const brought = diffSnapshots(before, await snapshotDatabase(host.dataSource)).filter((difference) => difference.added.length > 0).map((difference) => difference.table);
    expect(brought).toEqual(expect.arrayContaining([
      'public.connectedAccount', 'public.messageChannel', 'public.calendarChannel', 'public.message', 'public.messageThread', 'public.messageParticipant',
      'public.messageChannelMessageAssociation', 'public.messageFolder', 'public.calendarEvent', 'public.calendarEventParticipant', 'public.calendarChannelEventAssociation',
      'public.microsoftSecret', 'public.microsoftIdentity', 'public.microsoftSubscription', 'public.microsoftSyncProgress', 'public.microsoftSyncRun',
      'public.microsoftCalendar', 'public.microsoftCalendarOutbox', 'public.microsoftOutgoingMessage', 'public.microsoftMailTip', 'public.microsoftFileLink',
      'public.microsoftTodoList', 'public.microsoftTodoLink', 'public.microsoftBookingPage', 'public.microsoftBooking', 'public.task',
    ]));

    expect((await ok(client, DISCONNECT, { id: megan.connectedAccountId })).disconnectMicrosoftAccount).toBe(true);
    expect(await purgeRow(megan.connectedAccountId)).toBeUndefined();
    await idle();

    const differences = diffSnapshots(before, await snapshotDatabase(host.dataSource));
    const explained = new Map<string, (difference: TableDifference) => void>([
      // The person the user made stays.
      ['public.person', (difference) => {
        expect(difference.removed).toEqual([]);
        const added = difference.added.map((row) => String(row.emailsPrimaryEmail).toLowerCase());
        expect(added).toContain('leena.park@northwind.example');
        expect(difference.added.find((row) => row.id === made.id)).toBeDefined();
        // Contact auto-creation (on by default, as in Twenty) made people of correspondents: CRM records now, kept
        // as Twenty keeps them (a user may have added notes or deals to them since). Only correspondents' addresses.
        // The booking's guest is a person of the CRM too, as a correspondent is.
        expect(added.filter((address) => address !== 'leena.park@northwind.example').every((address) => ['diego.siciliani@northwind.example', GUEST].includes(address))).toBe(true);
      }],
      // The member's task stays in the CRM (and in To Do): only the link between them goes.
      ['public.task', (difference) => {
        expect(difference.removed).toEqual([]);
        expect(difference.added.map((row) => row.id)).toEqual([task]);
      }],
      ['public.company', (difference) => {
        expect(difference.removed).toEqual([]);
        expect(difference.added.map((row) => row.domainName)).toEqual(expect.arrayContaining([]));
        for (const row of difference.added) expect(['northwind.example']).toContain(String(row.domainName).toLowerCase());
      }],
      // The sign-in attempt of the member (not of the account: it names no account), consumed, kept until its
      // expiry so a replayed state is refused as replayed; the hourly cleanup drops it a day after.
      ['public.microsoftOAuthState', (difference) => {
        expect(difference.removed).toEqual([]);
        for (const row of difference.added) expect(row).toMatchObject({ workspaceId, consumedAt: expect.any(String), purpose: 'connect' });
      }],
      [PROCESS_TABLE, (difference) => {
        for (const row of [...difference.added, ...difference.removed]) expect(Object.keys(row).sort()).toEqual(['heartbeatAt', 'hostname', 'id', 'pid', 'startedAt']);
      }],
    ]);
    for (const difference of differences) {
      const explain = explained.get(difference.table);
      if (!explain) throw new Error(`${difference.table} differs from before the connect: ${JSON.stringify(difference).slice(0, 1500)}`);
      explain(difference);
    }
    expect((await query(`SELECT "id" FROM "person" WHERE "id" = $1`, [made.id]))).toHaveLength(1);

    // Microsoft keeps its data: the mailbox and calendar as they were, only the subscriptions gone.
    expect(mailboxAndCalendar(MEGAN)).toEqual(microsoftBefore);
    expect(emulatorSubscriptions(MEGAN)).toEqual([]);
    expect(files.getItem(drive.id, file.id)?.name).toBe('Stays in OneDrive.txt');
  });

  it('with Graph unreachable, the account is disconnecting (no sync, no compose, resolvers refuse) and the purge completes once Graph answers', async () => {
    const alex = await connect(ALEX);
    await idle();
    const subscriptions = emulatorSubscriptions(ALEX);
    expect(subscriptions).toHaveLength(3);
    const unreachable = graphUnreachable();

    expect((await ok(alex.client, DISCONNECT, { id: alex.connectedAccountId })).disconnectMicrosoftAccount).toBe(true);
    const pending = await purgeRow(alex.connectedAccountId);
    expect(pending).toMatchObject({ completedSteps: ['stop-syncs'], attempts: 1, lastError: expect.stringMatching(/^push-subscriptions: Graph did not delete subscription/) });
    expect(emulatorSubscriptions(ALEX)).toEqual(subscriptions);

    // Meanwhile: listed as disconnecting, nothing of it usable.
    expect((await ok(alex.client, ACCOUNTS)).microsoftAccounts).toEqual([{ id: alex.connectedAccountId, handle: ALEX, disconnecting: true, messageChannel: null, calendarChannel: null }]);
    const draft = await alex.client.graphql(`mutation ($a: ID!) { createMicrosoftDraft(connectedAccountId: $a, input: { subject: "x", to: [{ address: "${LEE}" }] }) { id } }`, { a: alex.connectedAccountId });
    expect(draft.errors?.[0].message).toMatch(/No such Microsoft account/);
    const settings = await alex.client.graphql(`mutation ($c: ID!) { updateMicrosoftMessageChannelSettings(messageChannelId: $c, input: { isSyncEnabled: false }) { id } }`, { c: alex.messageChannelId });
    expect(settings.errors?.[0].message).toMatch(/No such Microsoft account/);
    const calendarWrite = await alex.client.graphql(`mutation ($c: ID!) { createCalendarEvent(calendarChannelId: $c, input: { title: "Too late", startsAt: "2027-01-21T08:00:00.000Z", endsAt: "2027-01-21T09:00:00.000Z", timeZone: "UTC" }) { id } }`, { c: alex.calendarChannelId });
    expect(calendarWrite.errors?.[0].message).toMatch(/being disconnected/);
    // The renewal cron leaves its subscriptions alone: extended, they would outlive a Graph that stays unreachable.
    const expiries = () => host.emulator!.store.subscriptions.forMailbox(host.emulator!.store.findUser(ALEX)!.id).map((subscription) => subscription.expirationDateTime);
    const expiriesBefore = expiries();
    for (const record of await host.app.get(SubscriptionRepository).findByAccount(alex.workspaceId, alex.connectedAccountId)) await host.app.get(SubscriptionService).renew(record);
    expect(expiries()).toEqual(expiriesBefore);
    expect(await host.app.get(FeatureGate).isGranted(alex.workspaceId, alex.connectedAccountId, MicrosoftFeature.MAIL_IMPORT)).toBe(false);
    expect(await host.app.get(MailSyncService).syncChannel(alex.workspaceId, alex.messageChannelId)).toBe('unavailable');
    expect(await host.app.get(CalendarSyncService).syncChannel(alex.workspaceId, alex.calendarChannelId)).toBe('unavailable');
    expect((await ok(alex.client, `query { microsoftRecipientSuggestions(search: "lee") { usedMicrosoftPeople crmOnlyReason } }`)).microsoftRecipientSuggestions).toEqual({ usedMicrosoftPeople: false, crmOnlyReason: 'No Microsoft account is connected.' });

    unreachable.mockRestore();
    await eventually(async () => (await purgeRow(alex.connectedAccountId)) === undefined, 20_000, 'the purge resumed and completed');
    expect(emulatorSubscriptions(ALEX)).toEqual([]);
    expect(await count(`SELECT count(*)::int AS n FROM "microsoftExpiringSubscription"`)).toBe(0);
    expect(await rowsNaming(alex)).toEqual([]);
    expect((await ok(alex.client, ACCOUNTS)).microsoftAccounts).toEqual([]);
  });

  it('with Graph unreachable through every retry, the subscriptions are left to expire at Microsoft, recorded, and the rest is purged', async () => {
    const alex = await connect(ALEX);
    await idle();
    const subscriptions = emulatorSubscriptions(ALEX);
    graphUnreachable();

    await ok(alex.client, DISCONNECT, { id: alex.connectedAccountId });
    await eventually(async () => (await purgeRow(alex.connectedAccountId)) === undefined, 20_000, 'the purge gave up on Graph and completed');
    const expiring = await query(`SELECT "graphSubscriptionId", "resource", "expiresAt", "reason" FROM "microsoftExpiringSubscription" WHERE "workspaceId" = $1 ORDER BY "resource"`, [alex.workspaceId]);
    expect(expiring.map((row: { graphSubscriptionId: string }) => row.graphSubscriptionId).sort()).toEqual(subscriptions);
    expect(expiring.map((row: { resource: string }) => row.resource)).toEqual(['/me/contacts', '/me/events', '/me/messages']);
    for (const row of expiring) {
      expect(row.reason).toMatch(/Graph unreachable through 3 attempts/);
      expect(new Date(row.expiresAt).getTime()).toBeGreaterThan(Date.now());
    }
    // Still at Microsoft (they stop on their own), and a notification for them finds nothing here.
    expect(emulatorSubscriptions(ALEX)).toEqual(subscriptions);
    expect(await rowsNaming(alex)).toEqual([]);
    for (const id of subscriptions) host.emulator!.store.subscriptions.remove(id);
    await query(`DELETE FROM "microsoftExpiringSubscription"`);
  });

  it('a purge stopped after a step (the process gone) resumes at the next step, and the steps done are not run again', async () => {
    const alex = await connect(ALEX);
    await idle();
    const stopSyncs = jest.spyOn(StopSyncsPurgeStep.prototype, 'run');
    const compose = jest.spyOn(ComposePurgeStep.prototype, 'run').mockRejectedValueOnce(new Error('the worker was killed'));

    await ok(alex.client, DISCONNECT, { id: alex.connectedAccountId });
    const stopped = await purgeRow(alex.connectedAccountId);
    expect(stopped).toMatchObject({ completedSteps: ['stop-syncs', 'push-subscriptions', 'memory-caches'], attempts: 1 });
    expect(emulatorSubscriptions(ALEX)).toEqual([]);
    expect((await ok(alex.client, ACCOUNTS)).microsoftAccounts).toEqual([{ id: alex.connectedAccountId, handle: ALEX, disconnecting: true, messageChannel: null, calendarChannel: null }]);

    await eventually(async () => (await purgeRow(alex.connectedAccountId)) === undefined, 20_000, 'the purge resumed and completed');
    expect(stopSyncs).toHaveBeenCalledTimes(1);
    expect(compose).toHaveBeenCalledTimes(2);
    expect(await rowsNaming(alex)).toEqual([]);
    expect(host.app.get(AccountPurgeService).stepNames()).toEqual(['stop-syncs', 'push-subscriptions', 'memory-caches', 'compose', 'calendar', 'contacts', 'booking', 'todo', 'files', 'sync-state', 'host-records', 'credentials']);
  });
});
