import { jest } from '@jest/globals';
import { CALENDAR_EVENT_OUTBOUND_PORT, CalendarEventChangeKind, pendingCalendarEventExternalId, type CalendarEventOutboundPort } from '@m365/shared-types';
import { CalendarEchoFilter, CalendarOutboundApplier, CalendarOutboundJobs, CalendarSyncService, GraphClientFactory, MicrosoftTokenService } from '@m365/server-module';
import { connectMailbox, eventually, startTestHost, TestHttpClient, type ConnectedMailbox, type TestHost } from '../../test-support/index.js';
import { AccountGraphClient } from '../src/graph/account-graph-client.js';
import { CalendarOutboxRepository } from '../src/calendar/outbound/calendar-outbox.repository.js';

const MEGAN = 'megan.bowen@contoso.com';
const ALEX = 'alex.wilber@contoso.com';

interface Connected extends ConnectedMailbox {
  calendarChannelId: string;
  client: TestHttpClient;
}

interface OutlookEvent {
  id: string;
  subject: string;
  iCalUId: string;
  type: string;
  seriesMasterId?: string | null;
  transactionId: string | null;
  changeKey: string;
  originalStartTimeZone: string;
  start: { dateTime: string; timeZone: string };
  end: { dateTime: string; timeZone: string };
  isAllDay: boolean;
  location: { displayName: string };
  attendees: Array<{ emailAddress: { address: string } }>;
}

const CREATE = `mutation ($channel: ID!, $calendar: String, $input: CalendarEventInput!) { createCalendarEvent(calendarChannelId: $channel, calendarExternalId: $calendar, input: $input) { id outboundStatus } }`;
const UPDATE = `mutation ($id: ID!, $scope: CalendarEventEditScope, $patch: CalendarEventPatch!) { updateCalendarEvent(id: $id, scope: $scope, patch: $patch) { id outboundStatus } }`;
const DELETE = `mutation ($id: ID!, $scope: CalendarEventEditScope) { deleteCalendarEvent(id: $id, scope: $scope) }`;
const STATES = `query ($ids: [ID!]!) { microsoftCalendarEventWriteStates(calendarEventIds: $ids) { calendarEventId status message readOnlyReason } }`;

describe('Calendar events created, edited and deleted in the CRM are written to Outlook', () => {
  let host: TestHost;
  let admin: TestHttpClient;
  let megan: Connected;
  let alex: Connected;
  const ids: Record<string, string> = {};

  const query = (sql: string, params: unknown[] = []) => host.dataSource.query(sql, params);
  const adminCall = async (method: string, path: string, body?: unknown) => {
    const response = await admin.request(method, `/_admin${path}`, { body });
    if (response.status >= 300) throw new Error(`${method} ${path} → ${response.status} ${response.text}`);
    return response.status === 204 ? {} : response.json<Record<string, unknown>>();
  };
  const graphOf = (channel: Connected) => new AccountGraphClient(host.app.get(GraphClientFactory), host.app.get(MicrosoftTokenService), channel.workspaceId, channel.connectedAccountId);
  /** The event as Outlook has it (times in UTC; originalStartTimeZone is the zone it was written in). */
  const outlookEvent = (channel: Connected, id: string): Promise<OutlookEvent> => graphOf(channel).request((client) => client.api(`/me/events/${encodeURIComponent(id)}`).get());
  const outlookView = async (channel: Connected, start: string, end: string): Promise<OutlookEvent[]> =>
    (await graphOf(channel).request((client) => client.api(`/me/calendarView?startDateTime=${start}&endDateTime=${end}&$top=500`).header('Prefer', 'outlook.timezone="UTC"').get())).value;
  const ok = async <T = Record<string, unknown>>(client: TestHttpClient, text: string, variables: Record<string, unknown>): Promise<T> => {
    const result = await client.graphql(text, variables);
    if (result.errors?.length) throw new Error(result.errors[0].message);
    return result.data as T;
  };
  const refused = async (client: TestHttpClient, text: string, variables: Record<string, unknown>): Promise<string> => {
    const result = await client.graphql(text, variables);
    expect(result.errors?.length).toBeGreaterThan(0);
    return result.errors![0].message as string;
  };
  const settled = async (calendarEventId: string) => {
    await eventually(async () => {
      const [row] = await query(`SELECT "status" FROM "microsoftCalendarOutbox" WHERE "calendarEventId" = $1 ORDER BY "createdAt" DESC LIMIT 1`, [calendarEventId]);
      const [pending] = await query(`SELECT count(*)::int AS n FROM "microsoftCalendarOutbox" WHERE "calendarEventId" = $1 AND "status" = 'PENDING'`, [calendarEventId]);
      return row && pending.n === 0;
    }, 20_000, `outbound writes of ${calendarEventId}`);
    const [state] = (await ok<{ microsoftCalendarEventWriteStates: Array<Record<string, string | null>> }>(megan.client, STATES, { ids: [calendarEventId] })).microsoftCalendarEventWriteStates;
    return state;
  };
  const externalIdOf = async (calendarEventId: string, channel = megan): Promise<string> =>
    (await query(`SELECT "eventExternalId" FROM "calendarChannelEventAssociation" WHERE "calendarEventId" = $1 AND "calendarChannelId" = $2`, [calendarEventId, channel.calendarChannelId]))[0]?.eventExternalId;
  const crmEventByExternalId = async (externalId: string) =>
    (await query(`SELECT e.* FROM "calendarEvent" e JOIN "calendarChannelEventAssociation" a ON a."calendarEventId" = e."id" WHERE a."calendarChannelId" = $1 AND a."eventExternalId" = $2`, [megan.calendarChannelId, externalId]))[0];
  const syncNow = async (channel: Connected) => {
    for (let attempt = 0; attempt < 200; attempt += 1) {
      const outcome = await host.app.get(CalendarSyncService).syncChannel(channel.workspaceId, channel.calendarChannelId);
      if (outcome !== 'busy') return outcome;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('calendar channel stayed busy');
  };
  const connect = async (email: string): Promise<Connected> => {
    const client = host.newClient();
    const mailbox = await connectMailbox(host, client, email, email);
    const [channel] = await query(`SELECT "id" FROM "calendarChannel" WHERE "connectedAccountId" = $1`, [mailbox.connectedAccountId]);
    await eventually(async () => {
      const [row] = await query(`SELECT "syncStatus", "syncStage" FROM "calendarChannel" WHERE "id" = $1`, [channel.id]);
      return row.syncStatus === 'ACTIVE' && row.syncStage === 'CALENDAR_EVENT_LIST_FETCH_PENDING';
    }, 60_000, `first calendar import of ${email}`);
    return { ...mailbox, calendarChannelId: channel.id, client };
  };
  const create = async (input: Record<string, unknown>, calendar: string | null = null) =>
    (await ok<{ createCalendarEvent: { id: string; outboundStatus: string } }>(megan.client, CREATE, { channel: megan.calendarChannelId, calendar, input })).createCalendarEvent;

  beforeAll(async () => {
    // Push off: each test drives the imports whose echoes it counts (calendar-push.spec.ts has CRM writes echoed by push).
    host = await startTestHost({ microsoft: { allowInsecureWebhookUrl: false } });
    admin = new TestHttpClient(host.emulator!.baseUrl, host.emulator!.caCertPem);
    const at = (dateTime: string, timeZone = 'UTC') => ({ dateTime, timeZone });
    ids.series = (await adminCall('POST', `/mailboxes/${MEGAN}/events`, {
      subject: 'Weekly pipeline review',
      start: at('2027-03-01T09:00:00', 'W. Europe Standard Time'),
      end: at('2027-03-01T09:30:00', 'W. Europe Standard Time'),
      recurrence: { pattern: { type: 'weekly', interval: 1, daysOfWeek: ['monday'] }, range: { type: 'numbered', startDate: '2027-03-01', numberOfOccurrences: 4 } },
    })).id as string;
    ids.foreign = (await adminCall('POST', `/mailboxes/${MEGAN}/events`, {
      subject: 'Fabrikam roadmap', organizer: { emailAddress: { name: 'Miriam Graham', address: 'miriam.graham@fabrikam.com' } },
      start: at('2027-02-03T15:00:00'), end: at('2027-02-03T16:00:00'),
      attendees: [{ type: 'required', emailAddress: { name: 'Megan Bowen', address: MEGAN } }],
    })).id as string;
    const shared = await adminCall('POST', `/mailboxes/${MEGAN}/calendars`, { name: 'Sales team', sharedBy: { name: 'Miriam Graham', address: 'miriam.graham@fabrikam.com' }, canEdit: false });
    ids.sharedCalendar = shared.id as string;
    ids.shared = (await adminCall('POST', `/mailboxes/${MEGAN}/events`, { calendarId: ids.sharedCalendar, subject: 'Team offsite', start: at('2027-01-25T15:00:00'), end: at('2027-01-25T16:00:00') })).id as string;
    megan = await connect(MEGAN);
    alex = await connect(ALEX);
    // The shared calendar is imported once chosen, so its read-only event is in the CRM.
    await query(`UPDATE "microsoftCalendar" SET "isSynced" = true WHERE "calendarChannelId" = $1 AND "externalId" = $2`, [megan.calendarChannelId, ids.sharedCalendar]);
    await syncNow(megan);
  });

  afterAll(async () => {
    await admin?.close();
    await host?.close();
  });

  it('creates the event in Outlook in its own zone, with attendees invited, and binds the CRM row to it', async () => {
    const created = await create({
      title: 'Pricing call with Alex', startsAt: '2027-01-12T09:00:00.000Z', endsAt: '2027-01-12T10:00:00.000Z', timeZone: 'Europe/Berlin',
      location: 'Room 4', description: 'Bring the numbers', attendeeEmails: [ALEX],
    });
    expect(created.outboundStatus).toBe('PENDING');
    ids.pricing = created.id;
    expect(await settled(created.id)).toEqual({ calendarEventId: created.id, status: 'APPLIED', message: null, readOnlyReason: null });

    const externalId = await externalIdOf(created.id);
    expect(externalId).not.toBe(pendingCalendarEventExternalId(created.id));
    const event = await outlookEvent(megan, externalId);
    const [outbox] = await query(`SELECT "id" FROM "microsoftCalendarOutbox" WHERE "calendarEventId" = $1`, [created.id]);
    expect(event).toMatchObject({
      subject: 'Pricing call with Alex', transactionId: outbox.id, originalStartTimeZone: 'W. Europe Standard Time',
      start: { dateTime: expect.stringMatching(/^2027-01-12T09:00:00/), timeZone: 'UTC' },
      location: { displayName: 'Room 4' },
      attendees: [expect.objectContaining({ emailAddress: expect.objectContaining({ address: ALEX }) })],
    });
    const [row] = await query(`SELECT "iCalUid", "title", "timeZone" FROM "calendarEvent" WHERE "id" = $1`, [created.id]);
    expect(row).toEqual({ iCalUid: event.iCalUId, title: 'Pricing call with Alex', timeZone: 'Europe/Berlin' });
    // Alex is a user of the same tenant: Outlook put the invitation in his calendar.
    const alexView = await outlookView(alex, '2027-01-12T00:00:00Z', '2027-01-13T00:00:00Z');
    expect(alexView.filter((item) => item.iCalUId === event.iCalUId).map((item) => item.subject)).toEqual(['Pricing call with Alex']);
  });

  it('moves and edits it in Outlook, and the import that follows re-applies none of the echoes', async () => {
    await ok(megan.client, UPDATE, { id: ids.pricing, patch: { startsAt: '2027-01-13T14:30:00.000Z', endsAt: '2027-01-13T15:00:00.000Z', timeZone: 'America/New_York', title: 'Pricing call (moved)', attendeeEmails: [ALEX, 'lee.gu@fabrikam.com'] } });
    expect((await settled(ids.pricing)).status).toBe('APPLIED');
    const externalId = await externalIdOf(ids.pricing);
    const event = await outlookEvent(megan, externalId);
    expect(event.subject).toBe('Pricing call (moved)');
    expect(event.start).toEqual({ dateTime: expect.stringMatching(/^2027-01-13T14:30:00/), timeZone: 'UTC' });
    const local = await graphOf(megan).request((client) => client.api(`/me/events/${externalId}`).header('Prefer', 'outlook.timezone="Eastern Standard Time"').get());
    expect(local.start.dateTime).toMatch(/^2027-01-13T09:30:00/);
    expect(event.attendees.map((attendee) => attendee.emailAddress.address).sort()).toEqual([ALEX, 'lee.gu@fabrikam.com']);

    const [before] = await query(`SELECT "updatedAt" FROM "calendarEvent" WHERE "id" = $1`, [ids.pricing]);
    const echoes = host.app.get(CalendarEchoFilter);
    const skippedBefore = echoes.skipped;
    await syncNow(megan);
    expect(echoes.skipped).toBeGreaterThan(skippedBefore);
    const [after] = await query(`SELECT "updatedAt", "title", "startsAt" FROM "calendarEvent" WHERE "id" = $1`, [ids.pricing]);
    expect(after.updatedAt).toEqual(before.updatedAt);
    expect(after).toMatchObject({ title: 'Pricing call (moved)', startsAt: new Date('2027-01-13T14:30:00.000Z') });
    expect(await query(`SELECT count(*)::int AS n FROM "calendarEvent" WHERE "title" LIKE 'Pricing call%'`)).toEqual([{ n: 1 }]);
  });

  it('a calendar pass reading the echo before its changeKey is recorded waits for the write and skips the echo', async () => {
    const applier = host.app.get(CalendarOutboundApplier) as unknown as { acknowledge: (...args: unknown[]) => Promise<void> };
    const acknowledge = applier.acknowledge;
    const echoes = host.app.get(CalendarEchoFilter);
    const skippedBefore = echoes.skipped;
    const waitingOnLock = async () =>
      (await query(`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`))[0].n > 0;
    let pass: Promise<unknown> | undefined;
    // Outlook has answered the PATCH, its changeKey is not recorded yet: a pass reads the delta now, and the
    // acknowledgement goes on once that pass has written its page or is waiting to.
    const spy = jest.spyOn(applier, 'acknowledge').mockImplementationOnce(async (...args: unknown[]) => {
      let done = false;
      pass = syncNow(megan).finally(() => { done = true; });
      await eventually(async () => done || (await waitingOnLock()), 20_000, 'the calendar pass reading the echo');
      return acknowledge.apply(applier, args);
    });
    try {
      await ok(megan.client, UPDATE, { id: ids.pricing, patch: { title: 'Pricing call (agenda sent)' } });
      expect((await settled(ids.pricing)).status).toBe('APPLIED');
      expect(pass).toBeDefined();
      await pass;
    } finally {
      spy.mockRestore();
    }
    expect(echoes.skipped - skippedBefore).toBe(1);
    const [row] = await query(`SELECT "title" FROM "calendarEvent" WHERE "id" = $1`, [ids.pricing]);
    expect(row.title).toBe('Pricing call (agenda sent)');
  });

  it('a worker killed between the Graph create and its acknowledgement creates no duplicate when the job runs again', async () => {
    const created = await create({ title: 'Board prep', startsAt: '2027-01-20T08:00:00.000Z', endsAt: '2027-01-20T09:00:00.000Z', timeZone: 'UTC' });
    await settled(created.id);
    const firstId = await externalIdOf(created.id);
    // The state such a crash leaves: Outlook has the event, the CRM still has the pending row and the placeholder id.
    await query(`UPDATE "microsoftCalendarOutbox" SET "status" = 'PENDING', "appliedAt" = NULL WHERE "calendarEventId" = $1`, [created.id]);
    await query(`UPDATE "calendarChannelEventAssociation" SET "eventExternalId" = $2 WHERE "calendarEventId" = $1`, [created.id, pendingCalendarEventExternalId(created.id)]);
    await query(`DELETE FROM "microsoftCalendarEventChangeKey" WHERE "calendarChannelId" = $1 AND "eventExternalId" = $2`, [megan.calendarChannelId, firstId]);
    // An import meanwhile (a delta or push pass) brings the event Outlook made; matched by its iCalUId it becomes a
    // second association of the CRM's row, beside the pending one. The bind merges the two.
    await syncNow(megan);
    expect(await query(`SELECT count(*)::int AS n FROM "calendarChannelEventAssociation" WHERE "calendarEventId" = $1`, [created.id])).toEqual([{ n: 2 }]);
    const outbox = host.app.get(CalendarOutboxRepository);
    const [row] = await query(`SELECT * FROM "microsoftCalendarOutbox" WHERE "calendarEventId" = $1`, [created.id]);
    const applier = host.app.get(CalendarOutboundApplier);
    const channel = (await host.app.get(CalendarOutboundApplier)['records'].calendarEventOutbound().findChannel(megan.workspaceId, megan.calendarChannelId))!;
    // Once more the Graph call alone (a second killed attempt), then the job in full.
    await applier.send(applier.graphFor(channel, megan.workspaceId), row, channel);
    await host.app.get(CalendarOutboundJobs).run(created.id);
    expect((await outbox.find(row.id))!.status).toBe('APPLIED');
    expect(await externalIdOf(created.id)).toBe(firstId);
    expect(await query(`SELECT count(*)::int AS n FROM "calendarChannelEventAssociation" WHERE "calendarEventId" = $1`, [created.id])).toEqual([{ n: 1 }]);
    const view = await outlookView(megan, '2027-01-20T00:00:00Z', '2027-01-21T00:00:00Z');
    expect(view.filter((item) => item.subject === 'Board prep')).toHaveLength(1);
    await syncNow(megan);
    expect(await query(`SELECT count(*)::int AS n FROM "calendarEvent" WHERE "title" = 'Board prep'`)).toEqual([{ n: 1 }]);
  });

  it('deletes it in Outlook', async () => {
    const externalId = await externalIdOf(ids.pricing);
    expect(await ok(megan.client, DELETE, { id: ids.pricing })).toEqual({ deleteCalendarEvent: true });
    await settled(ids.pricing).catch(() => undefined);
    await eventually(async () => (await query(`SELECT "status" FROM "microsoftCalendarOutbox" WHERE "calendarEventId" = $1 AND "kind" = 'DELETED'`, [ids.pricing]))[0]?.status === 'APPLIED', 20_000, 'delete applied');
    await expect(outlookEvent(megan, externalId)).rejects.toMatchObject({ kind: 'NOT_FOUND' });
    expect(await query(`SELECT count(*)::int AS n FROM "calendarChannelEventAssociation" WHERE "calendarEventId" = $1 AND "calendarChannelId" = $2`, [ids.pricing, megan.calendarChannelId])).toEqual([{ n: 0 }]);
    expect(await query(`SELECT count(*)::int AS n FROM "calendarEvent" WHERE "id" = $1`, [ids.pricing])).toEqual([{ n: 0 }]);
  });

  it('edits one occurrence of a series ("this event") or the whole series ("all events")', async () => {
    const occurrences = await query(
      `SELECT a."calendarEventId", a."eventExternalId" FROM "calendarChannelEventAssociation" a JOIN "calendarEvent" e ON e."id" = a."calendarEventId"
       WHERE a."calendarChannelId" = $1 AND a."recurringEventExternalId" = $2 ORDER BY e."startsAt"`,
      [megan.calendarChannelId, ids.series],
    );
    expect(occurrences).toHaveLength(4);
    const second = occurrences[1];
    await ok(megan.client, UPDATE, { id: second.calendarEventId, scope: 'THIS_EVENT', patch: { title: 'Pipeline review (Q1 close)' } });
    expect((await settled(second.calendarEventId)).status).toBe('APPLIED');
    const instances = async () => (await graphOf(megan).request((client) => client.api(`/me/events/${ids.series}/instances?startDateTime=2027-02-01T00:00:00Z&endDateTime=2027-05-01T00:00:00Z`).header('Prefer', 'outlook.timezone="UTC"').get())).value as OutlookEvent[];
    expect((await instances()).map((item) => item.subject)).toEqual(['Weekly pipeline review', 'Pipeline review (Q1 close)', 'Weekly pipeline review', 'Weekly pipeline review']);

    const first = occurrences[0];
    await ok(megan.client, UPDATE, { id: first.calendarEventId, scope: 'ALL_EVENTS', patch: { location: 'Teams room', startsAt: '2027-03-01T09:00:00.000Z', endsAt: '2027-03-01T09:30:00.000Z' } });
    expect((await settled(first.calendarEventId)).status).toBe('APPLIED');
    const after = await instances();
    // 9:00 Berlin (08:00Z) moved an hour later for the whole series, in the series' zone across the DST change.
    expect(after.map((item) => [item.start.dateTime.slice(0, 16), item.location.displayName])).toEqual([
      ['2027-03-01T09:00', 'Teams room'], ['2027-03-08T09:00', 'Teams room'], ['2027-03-15T09:00', 'Teams room'], ['2027-03-22T09:00', 'Teams room'],
    ]);
    // The CRM holds the series as Outlook now has it, and the import that follows finds only echoes.
    const crm = await query(
      `SELECT e."startsAt", e."location" FROM "calendarChannelEventAssociation" a JOIN "calendarEvent" e ON e."id" = a."calendarEventId"
       WHERE a."calendarChannelId" = $1 AND a."recurringEventExternalId" = $2 ORDER BY e."startsAt"`,
      [megan.calendarChannelId, ids.series],
    );
    expect(crm.map((row: { startsAt: Date; location: string }) => [row.startsAt.toISOString(), row.location])).toEqual(after.map((item) => [`${item.start.dateTime.slice(0, 19)}.000Z`, 'Teams room']));
    const echoes = host.app.get(CalendarEchoFilter);
    const skippedBefore = echoes.skipped;
    await syncNow(megan);
    expect(echoes.skipped - skippedBefore).toBeGreaterThanOrEqual(3);
  });

  it('deletes one occurrence ("this event") or the whole series ("all events")', async () => {
    const occurrences = await query(
      `SELECT a."calendarEventId", a."eventExternalId" FROM "calendarChannelEventAssociation" a JOIN "calendarEvent" e ON e."id" = a."calendarEventId"
       WHERE a."calendarChannelId" = $1 AND a."recurringEventExternalId" = $2 ORDER BY e."startsAt"`,
      [megan.calendarChannelId, ids.series],
    );
    const instanceIds = async () => ((await graphOf(megan).request((client) => client.api(`/me/events/${ids.series}/instances?startDateTime=2027-02-01T00:00:00Z&endDateTime=2027-05-01T00:00:00Z`).get())).value as OutlookEvent[]).map((item) => item.id);
    const deleted = (id: string) => eventually(async () => (await query(`SELECT "status" FROM "microsoftCalendarOutbox" WHERE "calendarEventId" = $1 AND "kind" = 'DELETED'`, [id]))[0]?.status === 'APPLIED', 20_000, `delete of ${id}`);
    await ok(megan.client, DELETE, { id: occurrences[2].calendarEventId, scope: 'THIS_EVENT' });
    await deleted(occurrences[2].calendarEventId);
    expect(await instanceIds()).toEqual([occurrences[0].eventExternalId, occurrences[1].eventExternalId, occurrences[3].eventExternalId]);

    await ok(megan.client, DELETE, { id: occurrences[0].calendarEventId, scope: 'ALL_EVENTS' });
    await deleted(occurrences[0].calendarEventId);
    await expect(outlookEvent(megan, ids.series)).rejects.toMatchObject({ kind: 'NOT_FOUND' });
    expect(await query(`SELECT count(*)::int AS n FROM "calendarChannelEventAssociation" WHERE "recurringEventExternalId" = $1`, [ids.series])).toEqual([{ n: 0 }]);
    await syncNow(megan);
    expect(await query(`SELECT count(*)::int AS n FROM "calendarChannelEventAssociation" WHERE "recurringEventExternalId" = $1`, [ids.series])).toEqual([{ n: 0 }]);
  });

  it('a change whose job never ran (the process died right after the commit) is picked up by the resume cron', async () => {
    const [board] = await query(`SELECT "id" FROM "calendarEvent" WHERE "title" = 'Board prep'`);
    const port = host.app.get<CalendarEventOutboundPort>(CALENDAR_EVENT_OUTBOUND_PORT);
    const ownerId = (await query(`SELECT "accountOwnerId" FROM "connectedAccount" WHERE "id" = $1`, [megan.connectedAccountId]))[0].accountOwnerId;
    await host.dataSource.transaction(async (manager) => {
      await manager.query(`UPDATE "calendarEvent" SET "description" = 'Agenda: numbers, hiring' WHERE "id" = $1`, [board.id]);
      // No dispatch: the host's process is gone before it could enqueue the job.
      await port.recordChange({
        kind: CalendarEventChangeKind.UPDATED, transaction: manager, workspaceId: megan.workspaceId, workspaceMemberId: ownerId,
        calendarEventId: board.id, calendarChannelId: megan.calendarChannelId, scope: 'THIS_EVENT' as never, editedAt: new Date(),
        fields: { description: 'Agenda: numbers, hiring' }, previous: { description: '' },
      });
    });
    await query(`UPDATE "microsoftCalendarOutbox" SET "createdAt" = now() - interval '1 minute' WHERE "calendarEventId" = $1 AND "status" = 'PENDING'`, [board.id]);
    expect(await host.app.get(CalendarOutboundJobs).resumeStranded()).toBe(1);
    expect((await settled(board.id)).status).toBe('APPLIED');
    const externalId = await externalIdOf(board.id);
    const written = await graphOf(megan).request((client) => client.api(`/me/events/${encodeURIComponent(externalId)}`).header('Prefer', 'outlook.body-content-type="text"').get());
    expect(written.body.content).toBe('Agenda: numbers, hiring');
  });

  it('an event created and deleted in the CRM before its create reached Outlook ends deleted on both sides', async () => {
    const jobs = host.app.get(CalendarOutboundJobs);
    // Both changes committed before any job ran (the jobs are then run by hand, in one go).
    const enqueue = jobs.enqueue;
    jobs.enqueue = async () => undefined;
    let id: string;
    try {
      id = (await create({ title: 'Short-lived', startsAt: '2027-01-22T08:00:00.000Z', endsAt: '2027-01-22T09:00:00.000Z', timeZone: 'UTC' })).id;
      expect(await ok(megan.client, DELETE, { id })).toEqual({ deleteCalendarEvent: true });
    } finally {
      jobs.enqueue = enqueue;
    }
    await jobs.run(id!);
    const rows = await query(`SELECT "kind", "status" FROM "microsoftCalendarOutbox" WHERE "calendarEventId" = $1 ORDER BY "createdAt"`, [id!]);
    expect(rows).toEqual([{ kind: 'CREATED', status: 'APPLIED' }, { kind: 'DELETED', status: 'APPLIED' }]);
    expect((await outlookView(megan, '2027-01-22T00:00:00Z', '2027-01-23T00:00:00Z')).filter((item) => item.subject === 'Short-lived')).toEqual([]);
    expect(await query(`SELECT count(*)::int AS n FROM "calendarEvent" WHERE "title" = 'Short-lived'`)).toEqual([{ n: 0 }]);
  });

  it('a delete not yet in Outlook is not undone by an import that still finds the event there', async () => {
    const created = await create({ title: 'Quarterly close', startsAt: '2027-01-26T08:00:00.000Z', endsAt: '2027-01-26T09:00:00.000Z', timeZone: 'UTC' });
    await settled(created.id);
    const externalId = await externalIdOf(created.id);
    const jobs = host.app.get(CalendarOutboundJobs);
    const enqueue = jobs.enqueue;
    jobs.enqueue = async () => undefined;
    try {
      expect(await ok(megan.client, DELETE, { id: created.id })).toEqual({ deleteCalendarEvent: true });
      // Outlook still has it, edited meanwhile: the next delta page carries it, as a page read before the delete would.
      await adminCall('PATCH', `/mailboxes/${MEGAN}/events/${externalId}`, { subject: 'Quarterly close (Outlook)' });
      await syncNow(megan);
      expect(await query(`SELECT count(*)::int AS n FROM "calendarEvent" WHERE "title" LIKE 'Quarterly close%'`)).toEqual([{ n: 0 }]);
      expect(await query(`SELECT count(*)::int AS n FROM "calendarChannelEventAssociation" WHERE "eventExternalId" = $1`, [externalId])).toEqual([{ n: 0 }]);
    } finally {
      jobs.enqueue = enqueue;
    }
    await jobs.run(created.id);
    await expect(outlookEvent(megan, externalId)).rejects.toMatchObject({ kind: 'NOT_FOUND' });
    await syncNow(megan);
    expect(await query(`SELECT count(*)::int AS n FROM "calendarEvent" WHERE "title" LIKE 'Quarterly close%'`)).toEqual([{ n: 0 }]);
  });

  it('a stale changeKey (412) is resolved per field group: the later edit wins, and what the CRM lost is reported', async () => {
    const created = await create({ title: 'Renewal review', startsAt: '2027-02-10T10:00:00.000Z', endsAt: '2027-02-10T11:00:00.000Z', timeZone: 'UTC', location: 'Room 1' });
    await settled(created.id);
    const externalId = await externalIdOf(created.id);

    // Outlook edits the location first; the CRM's later edit of title and location wins both.
    await adminCall('PATCH', `/mailboxes/${MEGAN}/events/${externalId}`, { location: { displayName: 'Room 2 (Outlook)' } });
    // Outlook's lastModifiedDateTime has whole seconds: the CRM edit is a second later, not a tie.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await ok(megan.client, UPDATE, { id: created.id, patch: { title: 'Renewal review (CRM)', location: 'Room 3 (CRM)' } });
    expect((await settled(created.id)).status).toBe('APPLIED');
    expect(await outlookEvent(megan, externalId)).toMatchObject({ subject: 'Renewal review (CRM)', location: { displayName: 'Room 3 (CRM)' } });

    // The CRM moves the event and edits its location (not yet written), then Outlook edits the location: Outlook's
    // later location wins (the text group), the CRM's move (the time group, which Outlook did not touch) is applied.
    const port = host.app.get<CalendarEventOutboundPort>(CALENDAR_EVENT_OUTBOUND_PORT);
    const editedAt = new Date();
    const ownerId = (await query(`SELECT "accountOwnerId" FROM "connectedAccount" WHERE "id" = $1`, [megan.connectedAccountId]))[0].accountOwnerId;
    await host.dataSource.transaction(async (manager) => {
      await manager.query(`UPDATE "calendarEvent" SET "startsAt" = '2027-02-10T12:00:00Z', "endsAt" = '2027-02-10T13:00:00Z', "location" = 'Room 5 (CRM)' WHERE "id" = $1`, [created.id]);
      await port.recordChange({
        kind: CalendarEventChangeKind.UPDATED, transaction: manager, workspaceId: megan.workspaceId, workspaceMemberId: ownerId,
        calendarEventId: created.id, calendarChannelId: megan.calendarChannelId, scope: 'THIS_EVENT' as never, editedAt,
        fields: { startsAt: new Date('2027-02-10T12:00:00Z'), endsAt: new Date('2027-02-10T13:00:00Z'), location: 'Room 5 (CRM)' },
        previous: { startsAt: new Date('2027-02-10T10:00:00Z'), endsAt: new Date('2027-02-10T11:00:00Z'), location: 'Room 3 (CRM)' },
      });
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    await adminCall('PATCH', `/mailboxes/${MEGAN}/events/${externalId}`, { location: { displayName: 'Room 6 (Outlook, later)' } });
    await host.app.get(CalendarOutboundJobs).run(created.id);
    const state = await settled(created.id);
    expect(state.status).toBe('CONFLICT_LOST');
    expect(state.message).toBe("Outlook has a later edit of location: Outlook's version was kept for that field");
    expect(await outlookEvent(megan, externalId)).toMatchObject({
      subject: 'Renewal review (CRM)', location: { displayName: 'Room 6 (Outlook, later)' }, start: { dateTime: expect.stringMatching(/^2027-02-10T12:00:00/) },
    });
    // The CRM shows what Outlook now has: nothing the member typed is dropped silently (the state says what lost).
    expect(await query(`SELECT "startsAt", "location" FROM "calendarEvent" WHERE "id" = $1`, [created.id])).toEqual([{ startsAt: new Date('2027-02-10T12:00:00Z'), location: 'Room 6 (Outlook, later)' }]);
  });

  it('refuses read-only events with their reason: a shared calendar without edit rights, a meeting organised by someone else', async () => {
    const shared = await crmEventByExternalId(ids.shared);
    const foreign = await crmEventByExternalId(ids.foreign);
    expect(shared && foreign).toBeTruthy();
    expect(await refused(megan.client, UPDATE, { id: shared.id, patch: { title: 'Mine now' } })).toBe('Sales team is shared with you read only');
    expect(await refused(megan.client, DELETE, { id: foreign.id })).toBe('Organised by Miriam Graham: only the organiser can change it');
    expect(await refused(megan.client, CREATE, { channel: megan.calendarChannelId, calendar: ids.sharedCalendar, input: { title: 'x', startsAt: '2027-01-01T10:00:00Z', endsAt: '2027-01-01T11:00:00Z', timeZone: 'UTC' } })).toBe('Sales team is shared with you read only');
    const states = (await ok<{ microsoftCalendarEventWriteStates: Array<{ calendarEventId: string; readOnlyReason: string | null }> }>(megan.client, STATES, { ids: [shared.id, foreign.id] })).microsoftCalendarEventWriteStates;
    expect(Object.fromEntries(states.map((state) => [state.calendarEventId, state.readOnlyReason]))).toEqual({
      [shared.id]: 'Sales team is shared with you read only',
      [foreign.id]: 'Organised by Miriam Graham: only the organiser can change it',
    });
    expect(await outlookEvent(megan, ids.shared)).toMatchObject({ subject: 'Team offsite' });
  });

  it("refuses writes to another member's calendar channel or events, and bad input, changing nothing", async () => {
    const input = { title: 'Sneaky', startsAt: '2027-01-01T10:00:00Z', endsAt: '2027-01-01T11:00:00Z', timeZone: 'UTC' };
    expect(await refused(alex.client, CREATE, { channel: megan.calendarChannelId, input })).toMatch(/not one of yours/);
    const [board] = await query(`SELECT "id" FROM "calendarEvent" WHERE "title" = 'Board prep'`);
    expect(await refused(alex.client, UPDATE, { id: board.id, patch: { title: 'Hijacked' } })).toMatch(/not on one of your calendars/);
    expect(await refused(alex.client, DELETE, { id: board.id })).toMatch(/not on one of your calendars/);
    expect(await refused(megan.client, CREATE, { channel: megan.calendarChannelId, calendar: 'AAMkNoSuchCalendar', input })).toMatch(/not one the account has/);
    expect(await refused(megan.client, CREATE, { channel: megan.calendarChannelId, input: { ...input, timeZone: 'Mars/Olympus' } })).toMatch(/Unknown time zone/);
    expect(await refused(megan.client, CREATE, { channel: megan.calendarChannelId, input: { ...input, endsAt: '2027-01-01T09:00:00Z' } })).toMatch(/end after it starts/);
    expect(await query(`SELECT count(*)::int AS n FROM "calendarEvent" WHERE "title" IN ('Sneaky', 'Hijacked')`)).toEqual([{ n: 0 }]);
  });

  it('retries 5xx with backoff and still creates each event once; an all-day event keeps its dates', async () => {
    const mail = host.emulator!.store.mail;
    const made: string[] = [];
    try {
      mail.updateSettings({ faults: { failureRate: 0.3, statuses: [500, 502] } });
      for (let index = 0; index < 4; index += 1) {
        made.push((await create({ title: `Offsite day ${index}`, startsAt: `2027-04-0${index + 1}T00:00:00.000Z`, endsAt: `2027-04-0${index + 2}T00:00:00.000Z`, isFullDay: true, timeZone: 'Australia/Sydney' })).id);
      }
      for (const id of made) expect((await settled(id)).status).toBe('APPLIED');
    } finally {
      mail.updateSettings({ faults: { failureRate: 0 } });
    }
    const view = await outlookView(megan, '2027-03-30T00:00:00Z', '2027-04-08T00:00:00Z');
    for (let index = 0; index < 4; index += 1) expect(view.filter((item) => item.subject === `Offsite day ${index}`)).toHaveLength(1);
    const first = await graphOf(megan).request((client) => client.api(`/me/events/${encodeURIComponent(view.find((item) => item.subject === 'Offsite day 0')!.id)}`).header('Prefer', 'outlook.timezone="AUS Eastern Standard Time"').get());
    expect(first).toMatchObject({ isAllDay: true, start: { dateTime: expect.stringMatching(/^2027-04-01T00:00:00/) }, end: { dateTime: expect.stringMatching(/^2027-04-02T00:00:00/) } });
    expect(await query(`SELECT "startsAt", "endsAt", "isFullDay" FROM "calendarEvent" WHERE "id" = $1`, [made[0]])).toEqual([{ startsAt: new Date('2027-04-01T00:00:00Z'), endsAt: new Date('2027-04-02T00:00:00Z'), isFullDay: true }]);
  });

  it('a 403 from Outlook (a calendar without edit rights) fails the change with its message, changing nothing', async () => {
    const shared = await crmEventByExternalId(ids.shared);
    // A host that did not ask the plugin whether the event is read-only (or asked before Outlook took the right away).
    const port = host.app.get<CalendarEventOutboundPort>(CALENDAR_EVENT_OUTBOUND_PORT);
    const ownerId = (await query(`SELECT "accountOwnerId" FROM "connectedAccount" WHERE "id" = $1`, [megan.connectedAccountId]))[0].accountOwnerId;
    try {
      const recorded = await host.dataSource.transaction(async (manager) => port.recordChange({
        kind: CalendarEventChangeKind.UPDATED, transaction: manager, workspaceId: megan.workspaceId, workspaceMemberId: ownerId,
        calendarEventId: shared.id, calendarChannelId: megan.calendarChannelId, scope: 'THIS_EVENT' as never, editedAt: new Date(),
        fields: { title: 'Offsite (moved to May)' }, previous: { title: 'Team offsite' },
      }));
      await recorded.dispatch();
      await eventually(async () => (await query(`SELECT "status" FROM "microsoftCalendarOutbox" WHERE "calendarEventId" = $1`, [shared.id]))[0]?.status !== 'PENDING', 20_000, 'the write answered');
      const [state] = await query(`SELECT "status", "message" FROM "microsoftCalendarOutbox" WHERE "calendarEventId" = $1`, [shared.id]);
      expect(state).toMatchObject({ status: 'FAILED', message: expect.stringMatching(/^Not written to Outlook: permission denied/) });
    } finally {
      await query(`DELETE FROM "microsoftCalendarOutbox" WHERE "calendarEventId" = $1`, [shared.id]);
    }
    expect(await outlookEvent(megan, ids.shared)).toMatchObject({ subject: 'Team offsite' });
  });

  it('writes the outbox row in the host transaction: a rolled-back CRM change leaves no outbox row', async () => {
    const port = host.app.get<CalendarEventOutboundPort>(CALENDAR_EVENT_OUTBOUND_PORT);
    const [board] = await query(`SELECT "id" FROM "calendarEvent" WHERE "title" = 'Board prep'`);
    const [before] = await query(`SELECT count(*)::int AS n FROM "microsoftCalendarOutbox" WHERE "calendarEventId" = $1`, [board.id]);
    await expect(host.dataSource.transaction(async (manager) => {
      await manager.query(`UPDATE "calendarEvent" SET "title" = 'Board prep (rolled back)' WHERE "id" = $1`, [board.id]);
      await port.recordChange({
        kind: CalendarEventChangeKind.UPDATED, transaction: manager, workspaceId: megan.workspaceId, workspaceMemberId: board.id,
        calendarEventId: board.id, calendarChannelId: megan.calendarChannelId, scope: 'THIS_EVENT' as never, editedAt: new Date(),
        fields: { title: 'Board prep (rolled back)' }, previous: { title: 'Board prep' },
      });
      expect((await manager.query(`SELECT count(*)::int AS n FROM "microsoftCalendarOutbox" WHERE "calendarEventId" = $1`, [board.id]))[0].n).toBe(before.n + 1);
      throw new Error('the host gives up');
    })).rejects.toThrow('the host gives up');
    expect(await query(`SELECT count(*)::int AS n FROM "microsoftCalendarOutbox" WHERE "calendarEventId" = $1`, [board.id])).toEqual([before]);
    expect(await query(`SELECT "title" FROM "calendarEvent" WHERE "id" = $1`, [board.id])).toEqual([{ title: 'Board prep' }]);
  });
});
