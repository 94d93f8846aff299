import { CalendarSyncService, GraphClientFactory, MicrosoftTokenService } from '@m365/server-module';
import { connectMailbox, eventually, startTestHost, TestHttpClient, type ConnectedMailbox, type TestHost } from '../../test-support/index.js';
import { AccountGraphClient } from '../src/graph/account-graph-client.js';

const MEGAN = 'megan.bowen@contoso.com';
const UPDATE = `mutation ($id: ID!, $scope: CalendarEventEditScope, $patch: CalendarEventPatch!) { updateCalendarEvent(id: $id, scope: $scope, patch: $patch) { id outboundStatus } }`;
const DELETE = `mutation ($id: ID!, $scope: CalendarEventEditScope) { deleteCalendarEvent(id: $id, scope: $scope) }`;
const STATES = `query ($ids: [ID!]!) { microsoftCalendarEventWriteStates(calendarEventIds: $ids) { calendarEventId status message readOnlyReason } }`;

interface CrmEvent {
  id: string;
  title: string;
  location: string;
  startsAt: Date;
  endsAt: Date;
}

describe('A CRM edit Outlook refuses for good is taken back in the CRM, and the write state says why', () => {
  let host: TestHost;
  let admin: TestHttpClient;
  let megan: ConnectedMailbox & { calendarChannelId: string };
  const ids: Record<string, string> = {};

  const query = (sql: string, params: unknown[] = []) => host.dataSource.query(sql, params);
  const adminCall = async (method: string, path: string, body?: unknown) => {
    const response = await admin.request(method, `/_admin${path}`, { body });
    if (response.status >= 300) throw new Error(`${method} ${path} → ${response.status} ${response.text}`);
    return response.status === 204 ? {} : response.json<Record<string, unknown>>();
  };
  const graph = () => new AccountGraphClient(host.app.get(GraphClientFactory), host.app.get(MicrosoftTokenService), megan.workspaceId, megan.connectedAccountId);
  const outlookEvent = (id: string) => graph().request((client) => client.api(`/me/events/${encodeURIComponent(id)}`).header('Prefer', 'outlook.timezone="UTC"').get());
  const ok = async <T = Record<string, unknown>>(text: string, variables: Record<string, unknown>): Promise<T> => {
    const result = await host.client.graphql(text, variables);
    if (result.errors?.length) throw new Error(result.errors[0].message);
    return result.data as T;
  };
  const crmEvent = async (externalId: string): Promise<CrmEvent | undefined> =>
    (await query(
      `SELECT e."id", e."title", e."location", e."startsAt", e."endsAt" FROM "calendarEvent" e JOIN "calendarChannelEventAssociation" a ON a."calendarEventId" = e."id"
       WHERE a."calendarChannelId" = $1 AND a."eventExternalId" = $2`,
      [megan.calendarChannelId, externalId],
    ))[0];
  /** The member's edit, accepted by the CRM (which does not know yet what Outlook will say), then its outcome. */
  const editAndSettle = async (calendarEventId: string, patch: Record<string, unknown>, scope = 'THIS_EVENT') => {
    const { updateCalendarEvent } = await ok<{ updateCalendarEvent: { outboundStatus: string } }>(UPDATE, { id: calendarEventId, scope, patch });
    expect(updateCalendarEvent.outboundStatus).toBe('PENDING');
    await eventually(async () => (await query(`SELECT count(*)::int AS n FROM "microsoftCalendarOutbox" WHERE "calendarEventId" = $1 AND "status" = 'PENDING'`, [calendarEventId]))[0].n === 0, 20_000, 'the write answered');
    return (await ok<{ microsoftCalendarEventWriteStates: Array<{ status: string; message: string | null }> }>(STATES, { ids: [calendarEventId] })).microsoftCalendarEventWriteStates[0];
  };
  const syncNow = async () => {
    for (let attempt = 0; attempt < 200; attempt += 1) {
      if ((await host.app.get(CalendarSyncService).syncChannel(megan.workspaceId, megan.calendarChannelId)) !== 'busy') return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('calendar channel stayed busy');
  };

  beforeAll(async () => {
    // Push off: the test drives the imports.
    host = await startTestHost({ microsoft: { allowInsecureWebhookUrl: false } });
    admin = new TestHttpClient(host.emulator!.baseUrl, host.emulator!.caCertPem);
    const at = (dateTime: string, timeZone = 'UTC') => ({ dateTime, timeZone });
    ids.boardCalendar = (await adminCall('POST', `/mailboxes/${MEGAN}/calendars`, { name: 'Board', sharedBy: { name: 'Miriam Graham', address: 'miriam.graham@contoso.com' }, canEdit: true })).id as string;
    ids.dinner = (await adminCall('POST', `/mailboxes/${MEGAN}/events`, { calendarId: ids.boardCalendar, subject: 'Board dinner', location: { displayName: 'Fabrikam HQ' }, start: at('2027-02-04T18:00:00'), end: at('2027-02-04T20:00:00') })).id as string;
    ids.boardSeries = (await adminCall('POST', `/mailboxes/${MEGAN}/events`, {
      calendarId: ids.boardCalendar, subject: 'Board sync', start: at('2027-02-02T08:00:00'), end: at('2027-02-02T08:30:00'),
      recurrence: { pattern: { type: 'weekly', interval: 1, daysOfWeek: ['tuesday'] }, range: { type: 'numbered', startDate: '2027-02-02', numberOfOccurrences: 3 } },
    })).id as string;
    ids.standup = (await adminCall('POST', `/mailboxes/${MEGAN}/events`, {
      subject: 'Team stand-up', start: at('2027-03-01T09:00:00', 'W. Europe Standard Time'), end: at('2027-03-01T09:15:00', 'W. Europe Standard Time'),
      recurrence: { pattern: { type: 'weekly', interval: 1, daysOfWeek: ['monday'] }, range: { type: 'numbered', startDate: '2027-03-01', numberOfOccurrences: 3 } },
    })).id as string;
    ids.lunch = (await adminCall('POST', `/mailboxes/${MEGAN}/events`, { subject: 'Lunch with Lee', start: at('2027-02-10T12:00:00'), end: at('2027-02-10T13:00:00') })).id as string;

    const mailbox = await connectMailbox(host, host.client, MEGAN, MEGAN);
    const [channel] = await query(`SELECT "id" FROM "calendarChannel" WHERE "connectedAccountId" = $1`, [mailbox.connectedAccountId]);
    megan = { ...mailbox, calendarChannelId: channel.id };
    await eventually(async () => {
      const [row] = await query(`SELECT "syncStatus", "syncStage" FROM "calendarChannel" WHERE "id" = $1`, [channel.id]);
      return row.syncStatus === 'ACTIVE' && row.syncStage === 'CALENDAR_EVENT_LIST_FETCH_PENDING';
    }, 60_000, 'first calendar import');
    // The shared calendar is imported once chosen.
    await query(`UPDATE "microsoftCalendar" SET "isSynced" = true WHERE "calendarChannelId" = $1 AND "externalId" = $2`, [megan.calendarChannelId, ids.boardCalendar]);
    await syncNow();
  });

  afterAll(async () => {
    await admin?.close();
    await host?.close();
  });

  it('403: Miriam took back the edit right after the last sync; the CRM shows Outlook\'s event again', async () => {
    const before = (await crmEvent(ids.dinner))!;
    expect(before).toMatchObject({ title: 'Board dinner', location: 'Fabrikam HQ' });
    await adminCall('PATCH', `/mailboxes/${MEGAN}/calendars/${ids.boardCalendar}`, { canEdit: false });

    const state = await editAndSettle(before.id, { title: 'Board dinner (moved)', location: 'Contoso HQ', startsAt: '2027-02-05T18:00:00.000Z', endsAt: '2027-02-05T20:00:00.000Z' });
    expect(state).toEqual({
      calendarEventId: before.id, status: 'FAILED', readOnlyReason: null,
      message: expect.stringMatching(/^Not written to Outlook: permission denied \(.+\); the CRM shows Outlook's version of the event again$/),
    });
    expect(await crmEvent(ids.dinner)).toEqual(before);
    expect(await outlookEvent(ids.dinner)).toMatchObject({ subject: 'Board dinner', location: { displayName: 'Fabrikam HQ' }, start: { dateTime: expect.stringMatching(/^2027-02-04T18:00:00/) } });
  });

  it('403 on a whole-series edit: the occurrence the member edited shows the series as Outlook has it', async () => {
    const occurrences: Array<{ calendarEventId: string }> = await query(
      `SELECT a."calendarEventId" FROM "calendarChannelEventAssociation" a JOIN "calendarEvent" e ON e."id" = a."calendarEventId"
       WHERE a."calendarChannelId" = $1 AND a."recurringEventExternalId" = $2 ORDER BY e."startsAt"`,
      [megan.calendarChannelId, ids.boardSeries],
    );
    expect(occurrences).toHaveLength(3);
    const state = await editAndSettle(occurrences[1].calendarEventId, { title: 'Board sync (renamed)' }, 'ALL_EVENTS');
    expect(state.status).toBe('FAILED');
    expect(state.message).toMatch(/permission denied.*Outlook's version of the event again$/);
    const titles = await query(`SELECT "title" FROM "calendarEvent" WHERE "id" = ANY($1::uuid[])`, [occurrences.map((row) => row.calendarEventId)]);
    expect(titles).toEqual([{ title: 'Board sync' }, { title: 'Board sync' }, { title: 'Board sync' }]);
  });

  it('400: an occurrence moved past the next one (ErrorOccurrenceCrossingBoundary) goes back to its place', async () => {
    const [first, second]: Array<{ calendarEventId: string; eventExternalId: string }> = await query(
      `SELECT a."calendarEventId", a."eventExternalId" FROM "calendarChannelEventAssociation" a JOIN "calendarEvent" e ON e."id" = a."calendarEventId"
       WHERE a."calendarChannelId" = $1 AND a."recurringEventExternalId" = $2 ORDER BY e."startsAt"`,
      [megan.calendarChannelId, ids.standup],
    );
    const before = (await crmEvent(first.eventExternalId))!;
    // 9:00 Berlin on 1 March is 08:00Z; moved to the day of the second occurrence, a week later.
    expect(before.startsAt).toEqual(new Date('2027-03-01T08:00:00Z'));
    const state = await editAndSettle(first.calendarEventId, { startsAt: '2027-03-08T10:00:00.000Z', endsAt: '2027-03-08T10:15:00.000Z' });
    expect(state.status).toBe('FAILED');
    expect(state.message).toMatch(/^Not written to Outlook: .*neighbouring occurrence.*; the CRM shows Outlook's version of the event again$/);
    expect(await crmEvent(first.eventExternalId)).toEqual(before);
    expect((await outlookEvent(first.eventExternalId)).start.dateTime).toMatch(/^2027-03-01T08:00:00/);
    expect((await crmEvent(second.eventExternalId))!.startsAt).toEqual(new Date('2027-03-08T08:00:00Z'));
  });

  it('404: the event was deleted in Outlook after the last sync; it leaves the CRM as well', async () => {
    const before = (await crmEvent(ids.lunch))!;
    await adminCall('DELETE', `/mailboxes/${MEGAN}/events/${ids.lunch}`);
    const state = await editAndSettle(before.id, { title: 'Lunch with Lee and Adele' });
    expect(state).toBeUndefined(); // the event is no longer on one of Megan's calendars
    const [row] = await query(`SELECT "status", "message" FROM "microsoftCalendarOutbox" WHERE "calendarEventId" = $1`, [before.id]);
    expect(row).toEqual({ status: 'FAILED', message: 'Not written to Outlook: the event no longer exists there; the event is gone from Outlook, and from the CRM too' });
    expect(await crmEvent(ids.lunch)).toBeUndefined();
    expect(await query(`SELECT count(*)::int AS n FROM "calendarEvent" WHERE "id" = $1`, [before.id])).toEqual([{ n: 0 }]);
    // The sync that follows (Outlook's delete in its delta) finds nothing left to do.
    await syncNow();
    expect(await query(`SELECT count(*)::int AS n FROM "calendarEvent" WHERE "title" LIKE 'Lunch with Lee%'`)).toEqual([{ n: 0 }]);
  });

  it('a refused edit does not come back with the next sync, and a later allowed edit is written', async () => {
    await adminCall('PATCH', `/mailboxes/${MEGAN}/calendars/${ids.boardCalendar}`, { canEdit: true });
    await syncNow();
    expect(await crmEvent(ids.dinner)).toMatchObject({ title: 'Board dinner', location: 'Fabrikam HQ' });
    const dinner = (await crmEvent(ids.dinner))!;
    const state = await editAndSettle(dinner.id, { location: 'Contoso HQ' });
    expect(state.status).toBe('APPLIED');
    expect(await outlookEvent(ids.dinner)).toMatchObject({ subject: 'Board dinner', location: { displayName: 'Contoso HQ' } });
    expect(await crmEvent(ids.dinner)).toMatchObject({ title: 'Board dinner', location: 'Contoso HQ' });
  });

  it('a delete Outlook refuses brings the event back into the CRM, as Outlook still has it', async () => {
    await adminCall('PATCH', `/mailboxes/${MEGAN}/calendars/${ids.boardCalendar}`, { canEdit: false });
    const dinner = (await crmEvent(ids.dinner))!;
    await ok(DELETE, { id: dinner.id });
    expect(await crmEvent(ids.dinner)).toBeUndefined();
    await eventually(async () => (await query(`SELECT "status" FROM "microsoftCalendarOutbox" WHERE "calendarEventId" = $1 AND "kind" = 'DELETED'`, [dinner.id]))[0]?.status === 'FAILED', 20_000, 'the delete refused');
    const [row] = await query(`SELECT "message" FROM "microsoftCalendarOutbox" WHERE "calendarEventId" = $1 AND "kind" = 'DELETED'`, [dinner.id]);
    expect(row.message).toMatch(/^Not written to Outlook: permission denied .*; the CRM shows Outlook's version of the event again$/);
    expect(await crmEvent(ids.dinner)).toMatchObject({ title: 'Board dinner', location: 'Contoso HQ' });
    expect(await outlookEvent(ids.dinner)).toMatchObject({ subject: 'Board dinner' });
    // The next sync keeps it, once.
    await syncNow();
    expect(await query(`SELECT count(*)::int AS n FROM "calendarEvent" WHERE "title" = 'Board dinner'`)).toEqual([{ n: 1 }]);
  });
});
