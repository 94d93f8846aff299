import { jest } from '@jest/globals';
import { CalendarEchoFilter, CalendarOutboundApplier, CalendarSyncService, GraphClientFactory, MicrosoftTokenService } from '@m365/server-module';
import { connectMailbox, eventually, startTestHost, TestHttpClient, type ConnectedMailbox, type TestHost } from '../../test-support/index.js';
import { AccountGraphClient } from '../src/graph/account-graph-client.js';

const MEGAN = 'megan.bowen@contoso.com';
const UPDATE = `mutation ($id: ID!, $scope: CalendarEventEditScope, $patch: CalendarEventPatch!) { updateCalendarEvent(id: $id, scope: $scope, patch: $patch) { id outboundStatus } }`;

interface Occurrence {
  calendarEventId: string;
  eventExternalId: string;
  title: string;
  location: string;
  startsAt: Date;
  updatedAt: Date;
}

/**
 * A whole-series edit comes back from Outlook as changes of the master and of every occurrence (push notifications,
 * then the calendar's delta). The write holds the import's lock on the series from the PATCH until the changeKeys
 * of the occurrences are recorded: whatever pass reads them meanwhile waits, then knows each for an echo.
 */
describe('Whole-series CRM edits: their echoes through push and delta re-apply nothing; a page a write overtook puts nothing back', () => {
  let host: TestHost;
  let admin: TestHttpClient;
  let megan: ConnectedMailbox & { calendarChannelId: string };
  let seriesId: string;

  const query = (sql: string, params: unknown[] = []) => host.dataSource.query(sql, params);
  const adminCall = async (method: string, path: string, body?: unknown) => {
    const response = await admin.request(method, `/_admin${path}`, { body });
    if (response.status >= 300) throw new Error(`${method} ${path} → ${response.status} ${response.text}`);
    return response.status === 204 ? {} : response.json<Record<string, unknown>>();
  };
  const ok = async (text: string, variables: Record<string, unknown>) => {
    const result = await host.client.graphql(text, variables);
    if (result.errors?.length) throw new Error(result.errors[0].message);
    return result.data;
  };
  const occurrences = async (): Promise<Occurrence[]> => query(
    `SELECT a."calendarEventId", a."eventExternalId", e."title", e."location", e."startsAt", e."updatedAt" FROM "calendarChannelEventAssociation" a
     JOIN "calendarEvent" e ON e."id" = a."calendarEventId" WHERE a."calendarChannelId" = $1 AND a."recurringEventExternalId" = $2 ORDER BY e."startsAt"`,
    [megan.calendarChannelId, seriesId],
  );
  const instances = async () => (await new AccountGraphClient(host.app.get(GraphClientFactory), host.app.get(MicrosoftTokenService), megan.workspaceId, megan.connectedAccountId)
    .request((client) => client.api(`/me/events/${seriesId}/instances?startDateTime=2027-01-01T00:00:00Z&endDateTime=2027-03-01T00:00:00Z`).header('Prefer', 'outlook.timezone="UTC"').get()))
    .value as Array<{ id: string; subject: string; location: { displayName: string }; start: { dateTime: string } }>;
  const applied = (calendarEventId: string) => eventually(async () => {
    const [row] = await query(`SELECT count(*)::int AS n, count(*) FILTER (WHERE "status" = 'APPLIED')::int AS done FROM "microsoftCalendarOutbox" WHERE "calendarEventId" = $1`, [calendarEventId]);
    return row.n > 0 && row.n === row.done;
  }, 20_000, `the CRM writes of ${calendarEventId} in Outlook`);
  const pendingNotifications = async () => Number((await query(`SELECT count(*)::int AS n FROM "microsoftNotification" WHERE "channelId" = $1 AND "processedAt" IS NULL`, [megan.calendarChannelId]))[0].n);
  const waitingOnLock = async () =>
    (await query(`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`))[0].n > 0;
  const syncNow = async () => {
    for (let attempt = 0; attempt < 400; attempt += 1) {
      if ((await host.app.get(CalendarSyncService).syncChannel(megan.workspaceId, megan.calendarChannelId)) !== 'busy') return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('calendar channel stayed busy');
  };
  /** The CRM's occurrences equal Outlook's instances, one row each. */
  const expectCrmEqualsOutlook = async () => {
    const crm = await occurrences();
    const outlook = await instances();
    expect(crm.map((row) => [row.eventExternalId, row.title, row.location, row.startsAt.toISOString()]))
      .toEqual(outlook.map((item) => [item.id, item.subject, item.location.displayName, `${item.start.dateTime.slice(0, 19)}.000Z`]));
  };

  beforeAll(async () => {
    host = await startTestHost();
    admin = new TestHttpClient(host.emulator!.baseUrl, host.emulator!.caCertPem);
    seriesId = (await adminCall('POST', `/mailboxes/${MEGAN}/events`, {
      subject: 'Weekly forecast', location: { displayName: 'Room 1' },
      start: { dateTime: '2027-01-05T09:00:00', timeZone: 'Eastern Standard Time' }, end: { dateTime: '2027-01-05T09:30:00', timeZone: 'Eastern Standard Time' },
      recurrence: { pattern: { type: 'weekly', interval: 1, daysOfWeek: ['tuesday'] }, range: { type: 'numbered', startDate: '2027-01-05', numberOfOccurrences: 5 } },
    })).id as string;
    const mailbox = await connectMailbox(host, host.client, MEGAN, MEGAN);
    const [channel] = await query(`SELECT "id" FROM "calendarChannel" WHERE "connectedAccountId" = $1`, [mailbox.connectedAccountId]);
    megan = { ...mailbox, calendarChannelId: channel.id };
    await eventually(async () => (await occurrences()).length === 5, 60_000, 'the series in the CRM');
    await eventually(async () => (await query(`SELECT "status" FROM "microsoftSubscription" WHERE "channelId" = $1 AND "kind" = 'calendar'`, [channel.id]))[0]?.status === 'ACTIVE', 15_000, 'an active calendar subscription');
  });

  afterAll(async () => {
    await admin?.close();
    await host?.close();
  });

  it('a pass reading the occurrences between Outlook\'s answer and the acknowledgement waits for it, then skips every echo', async () => {
    const applier = host.app.get(CalendarOutboundApplier) as unknown as { acknowledge: (...args: unknown[]) => Promise<void> };
    const acknowledge = applier.acknowledge;
    const echoes = host.app.get(CalendarEchoFilter);
    const skippedBefore = echoes.skipped;
    const [first] = await occurrences();
    let pass: Promise<unknown> | undefined;
    let seenMeanwhile: string[] = [];
    // Outlook has the series edit and the CRM has not recorded its changeKeys: a pass reads the delta now (the
    // occurrences as edited), and the acknowledgement goes on once that pass has written its page or waits to.
    const spy = jest.spyOn(applier, 'acknowledge').mockImplementationOnce(async (...args: unknown[]) => {
      let done = false;
      pass = syncNow().finally(() => { done = true; });
      await eventually(async () => done || (await waitingOnLock()), 20_000, 'the calendar pass reading the echoes');
      seenMeanwhile = (await occurrences()).map((row) => row.title);
      return acknowledge.apply(applier, args);
    });
    try {
      await ok(UPDATE, { id: first.calendarEventId, scope: 'ALL_EVENTS', patch: { title: 'Weekly forecast (Q1)' } });
      await applied(first.calendarEventId);
      expect(pass).toBeDefined();
      await pass;
    } finally {
      spy.mockRestore();
    }
    // The pass held back: nothing of the edit reached the CRM through it before the write's own acknowledgement.
    expect(seenMeanwhile).toEqual(['Weekly forecast (Q1)', 'Weekly forecast', 'Weekly forecast', 'Weekly forecast', 'Weekly forecast']);
    await eventually(async () => (await pendingNotifications()) === 0, 10_000, 'every notification handled');
    await syncNow();
    expect(echoes.skipped - skippedBefore).toBe(5);
    await expectCrmEqualsOutlook();
    expect((await occurrences()).map((row) => row.title)).toEqual(Array(5).fill('Weekly forecast (Q1)'));
  });

  it('a series move and location edit echoed by push (master and occurrences) changes no CRM row after the acknowledgement', async () => {
    const echoes = host.app.get(CalendarEchoFilter);
    const skippedBefore = echoes.skipped;
    const [, second] = await occurrences();
    // 9:00 New York (14:00Z in January) an hour later, for the whole series.
    await ok(UPDATE, { id: second.calendarEventId, scope: 'ALL_EVENTS', patch: { location: 'Room 2', startsAt: '2027-01-12T15:00:00.000Z', endsAt: '2027-01-12T15:30:00.000Z' } });
    await applied(second.calendarEventId);
    const acknowledged = await occurrences();
    expect(acknowledged.map((row) => [row.startsAt.toISOString(), row.location])).toEqual(
      ['05', '12', '19', '26'].map((day) => [`2027-01-${day}T15:00:00.000Z`, 'Room 2']).concat([['2027-02-02T15:00:00.000Z', 'Room 2']]),
    );
    // Push delivers Outlook's notifications of the edit; the passes they start find only echoes.
    await eventually(async () => echoes.skipped - skippedBefore >= 5, 20_000, 'the push passes bringing the echoes');
    await eventually(async () => (await pendingNotifications()) === 0, 10_000, 'every notification handled');
    await syncNow();
    expect(await occurrences()).toEqual(acknowledged);
    await expectCrmEqualsOutlook();
    expect(await query(`SELECT count(*)::int AS n FROM "calendarEvent" WHERE "title" = 'Weekly forecast (Q1)'`)).toEqual([{ n: 5 }]);
  });

  it('an Outlook edit of the series after a CRM one is applied (the lock holds back echoes, not Outlook\'s own changes)', async () => {
    const master = await adminCall('GET', `/mailboxes/${MEGAN}/events/${seriesId}`);
    expect(master.subject).toBe('Weekly forecast (Q1)');
    await adminCall('PATCH', `/mailboxes/${MEGAN}/events/${seriesId}`, { subject: 'Forecast (Outlook)' });
    await eventually(async () => (await occurrences()).every((row) => row.title === 'Forecast (Outlook)'), 20_000, 'the Outlook edit in the CRM by push');
    await expectCrmEqualsOutlook();
  });

  it('a pass that read an event before a CRM write of it, and waited on the write\'s lock, does not put back the older version', async () => {
    const lunchId = (await adminCall('POST', `/mailboxes/${MEGAN}/events`, { subject: 'Lunch with Lee', location: { displayName: 'Canteen' }, start: { dateTime: '2027-02-10T12:00:00', timeZone: 'UTC' }, end: { dateTime: '2027-02-10T13:00:00', timeZone: 'UTC' } })).id as string;
    const crmLunch = async () => (await query(
      `SELECT e."id", e."title", e."location" FROM "calendarEvent" e JOIN "calendarChannelEventAssociation" a ON a."calendarEventId" = e."id" WHERE a."calendarChannelId" = $1 AND a."eventExternalId" = $2`,
      [megan.calendarChannelId, lunchId],
    ))[0] as { id: string; title: string; location: string } | undefined;
    await eventually(async () => (await crmLunch()) !== undefined, 20_000, 'the event in the CRM');
    await eventually(async () => (await pendingNotifications()) === 0, 10_000, 'every notification handled');
    await syncNow();
    // Push quiet for this test: the pass below is the one that reads the change.
    host.emulator!.store.subscriptions.updateSettings({ dropRate: 1, missedOnDrop: false });
    // Outlook changes the place: the next delta page carries the event, with the CRM's old title.
    await adminCall('PATCH', `/mailboxes/${MEGAN}/events/${lunchId}`, { location: { displayName: 'Fabrikam HQ' } });

    const applier = host.app.get(CalendarOutboundApplier) as unknown as { send: (...args: unknown[]) => Promise<unknown> };
    const send = applier.send;
    let pass: Promise<unknown> | undefined;
    // The write holds the event's lock and has not called Outlook yet: a pass reads the delta now (the version from
    // before the write) and waits on the lock to write its page; then the write goes on.
    const spy = jest.spyOn(applier, 'send').mockImplementationOnce(async (...args: unknown[]) => {
      let done = false;
      pass = syncNow().finally(() => { done = true; });
      await eventually(async () => done || (await waitingOnLock()), 20_000, 'the calendar pass reading the event');
      return send.apply(applier, args);
    });
    try {
      await ok(UPDATE, { id: (await crmLunch())!.id, patch: { title: 'Lunch with Lee and Adele' } });
      await applied((await crmLunch())!.id);
      expect(pass).toBeDefined();
      await pass;
    } finally {
      spy.mockRestore();
      host.emulator!.store.subscriptions.updateSettings({ dropRate: 0 });
    }
    expect(await crmLunch()).toMatchObject({ title: 'Lunch with Lee and Adele', location: 'Fabrikam HQ' });
    await syncNow();
    expect(await crmLunch()).toMatchObject({ title: 'Lunch with Lee and Adele', location: 'Fabrikam HQ' });
  });
});
