import { randomUUID } from 'node:crypto';
import { CalendarSyncService, GraphClientFactory, MicrosoftTokenService } from '@m365/server-module';
import { connectMailbox, eventually, startTestHost, TestHttpClient, type ConnectedMailbox, type TestHost } from '../../test-support/index.js';
import { AccountGraphClient } from '../src/graph/account-graph-client.js';
import { MicrosoftCalendarRepository } from '../src/calendar/microsoft-calendar.repository.js';
import { chooseSyncWindow, importCalendarDelta } from '../src/calendar/calendar-view-delta.importer.js';
import { TwentyCalendarEventImportAdapter } from '../src/host-adapters/twenty/twenty-calendar-event-import.adapter.js';
import { DEFAULT_CALENDAR_WINDOW } from '../src/calendar/calendar-sync.constants.js';

const MEGAN = 'megan.bowen@contoso.com';
const ALEX = 'alex.wilber@contoso.com';

interface Connected extends ConnectedMailbox {
  calendarChannelId: string;
  client: TestHttpClient;
}

interface ViewItem {
  id: string;
  subject: string | null;
  type: string;
  seriesMasterId: string | null;
  start: { dateTime: string };
  end: { dateTime: string };
  isAllDay: boolean;
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

describe('Calendar import from Outlook into the CRM', () => {
  let host: TestHost;
  let admin: TestHttpClient;
  let megan: Connected;
  let alex: Connected;
  let sync: CalendarSyncService;
  const ids: Record<string, string> = {};

  const query = (sql: string, params: unknown[] = []) => host.dataSource.query(sql, params);
  const adminCall = async (method: string, path: string, body?: unknown) => {
    const response = await admin.request(method, `/_admin${path}`, { body });
    if (response.status >= 300) throw new Error(`${method} ${path} → ${response.status} ${response.text}`);
    return response.status === 204 ? {} : response.json<Record<string, unknown>>();
  };
  const seedEvent = async (user: string, body: Record<string, unknown>) => (await adminCall('POST', `/mailboxes/${user}/events`, body)).id as string;
  const syncNow = async (channel: Connected) => {
    for (let attempt = 0; attempt < 200; attempt += 1) {
      const outcome = await sync.syncChannel(channel.workspaceId, channel.calendarChannelId);
      if (outcome !== 'busy') return outcome;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('calendar channel stayed busy');
  };
  const calendarsOf = (channel: Connected) => host.app.get(MicrosoftCalendarRepository).list(channel.calendarChannelId);
  /** What Outlook's calendarView shows for a calendar over the channel's window, in UTC. */
  const outlookView = async (channel: Connected, calendarExternalId: string): Promise<ViewItem[]> => {
    const graph = new AccountGraphClient(host.app.get(GraphClientFactory), host.app.get(MicrosoftTokenService), channel.workspaceId, channel.connectedAccountId);
    const window = chooseSyncWindow({ windowStart: null, windowEnd: null }, DEFAULT_CALENDAR_WINDOW);
    const items: ViewItem[] = [];
    let link: string | undefined = `/me/calendars/${encodeURIComponent(calendarExternalId)}/calendarView?startDateTime=${window.start.toISOString()}&endDateTime=${window.end.toISOString()}&$top=1000`;
    while (link) {
      const current: string = link;
      const page: { value: ViewItem[]; '@odata.nextLink'?: string } = await graph.request((client) => client.api(current).header('Prefer', 'outlook.timezone="UTC"').get());
      items.push(...page.value);
      link = page['@odata.nextLink'];
    }
    return items;
  };
  const crmRows = async (channel: Connected, calendarExternalId?: string): Promise<Array<{ id: string; title: string; recurring: string | null; startsAt: string; endsAt: string; calendarEventId: string }>> =>
    (await query(
      `SELECT a."eventExternalId" AS id, e."title", a."recurringEventExternalId" AS recurring, e."startsAt", e."endsAt", a."calendarEventId" FROM "calendarChannelEventAssociation" a
       JOIN "calendarEvent" e ON e."id" = a."calendarEventId" WHERE a."calendarChannelId" = $1 AND ($2::text IS NULL OR a."calendarExternalId" = $2) ORDER BY a."eventExternalId"`,
      [channel.calendarChannelId, calendarExternalId ?? null],
    )).map((row: { startsAt: Date; endsAt: Date }) => ({ ...row, startsAt: row.startsAt.toISOString(), endsAt: row.endsAt.toISOString() }));
  /** The CRM equals calendarView: the same ids and titles, each at the same instants (all-day events on the same dates). */
  const expectSameAsOutlook = async (channel: Connected, calendarExternalId: string) => {
    const view = await outlookView(channel, calendarExternalId);
    const expected = view
      .map((item) => ({
        id: item.id,
        title: item.subject ?? '',
        recurring: item.type === 'occurrence' || item.type === 'exception' ? item.seriesMasterId : null,
        startsAt: new Date(`${item.start.dateTime.slice(0, 23)}Z`).toISOString(),
        endsAt: new Date(`${item.end.dateTime.slice(0, 23)}Z`).toISOString(),
      }))
      .sort(byId);
    const actual = (await crmRows(channel, calendarExternalId)).map(({ id, title, recurring, startsAt, endsAt }) => ({ id, title, recurring, startsAt, endsAt })).sort(byId);
    expect(actual).toEqual(expected);
    return view;
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

  beforeAll(async () => {
    // These tests run the passes themselves; push passes (calendar-push.spec.ts) would race them.
    host = await startTestHost({ microsoft: { calendarPageSize: 4, allowInsecureWebhookUrl: false } });
    sync = host.app.get(CalendarSyncService);
    admin = new TestHttpClient(host.emulator!.baseUrl, host.emulator!.caCertPem);
    ids.review = await seedEvent(MEGAN, {
      subject: 'Pricing review with Fabrikam',
      start: { dateTime: '2027-01-12T10:00:00', timeZone: 'Eastern Standard Time' },
      end: { dateTime: '2027-01-12T11:00:00', timeZone: 'Eastern Standard Time' },
      location: { displayName: 'Fabrikam HQ' },
      attendees: [
        { type: 'required', emailAddress: { name: 'Lee Gu', address: 'lee.gu@fabrikam.com' } },
        { type: 'required', emailAddress: { name: 'Alex Wilber', address: ALEX } },
      ],
    });
    ids.series = await seedEvent(MEGAN, {
      subject: 'Weekly sync with Northwind',
      start: { dateTime: '2027-03-01T09:00:00', timeZone: 'W. Europe Standard Time' },
      end: { dateTime: '2027-03-01T09:30:00', timeZone: 'W. Europe Standard Time' },
      recurrence: { pattern: { type: 'weekly', interval: 1, daysOfWeek: ['monday'] }, range: { type: 'numbered', startDate: '2027-03-01', numberOfOccurrences: 6 } },
      attendees: [{ type: 'required', emailAddress: { name: 'Patti Fernandez', address: 'patti.fernandez@northwindtraders.com' } }],
    });
    ids.holiday = await seedEvent(MEGAN, {
      subject: 'Golden Week trip',
      isAllDay: true,
      start: { dateTime: '2027-05-01T00:00:00', timeZone: 'Tokyo Standard Time' },
      end: { dateTime: '2027-05-03T00:00:00', timeZone: 'Tokyo Standard Time' },
    });
    ids.private = await seedEvent(MEGAN, {
      subject: 'Doctor',
      sensitivity: 'private',
      start: { dateTime: '2027-02-02T08:00:00', timeZone: 'UTC' },
      end: { dateTime: '2027-02-02T09:00:00', timeZone: 'UTC' },
    });
    const projects = await adminCall('POST', `/mailboxes/${MEGAN}/calendars`, { name: 'Projects' });
    ids.projectsCalendar = projects.id as string;
    ids.kickoff = await seedEvent(MEGAN, { calendarId: ids.projectsCalendar, subject: 'Kickoff', start: { dateTime: '2027-01-20T15:00:00', timeZone: 'UTC' }, end: { dateTime: '2027-01-20T16:00:00', timeZone: 'UTC' } });
    const shared = await adminCall('POST', `/mailboxes/${MEGAN}/calendars`, { name: 'Sales team', sharedBy: { name: 'Miriam Graham', address: 'miriam.graham@fabrikam.com' }, canEdit: false });
    ids.sharedCalendar = shared.id as string;
    ids.teamEvent = await seedEvent(MEGAN, { calendarId: ids.sharedCalendar, subject: 'Team offsite', start: { dateTime: '2027-01-25T15:00:00', timeZone: 'UTC' }, end: { dateTime: '2027-01-25T16:00:00', timeZone: 'UTC' } });
    megan = await connect(MEGAN);
  });

  afterAll(async () => {
    await admin?.close();
    await host?.close();
  });

  it("imports each of the account's own calendars as calendarView shows it, occurrences of series included; shared calendars wait to be chosen", async () => {
    const calendars = await calendarsOf(megan);
    expect(calendars.map((calendar) => [calendar.name, calendar.isOwn, calendar.isSynced])).toEqual([
      ['Calendar', true, true],
      ['Projects', true, true],
      ['Sales team', false, false],
    ]);
    const main = calendars[0]!;
    const view = await expectSameAsOutlook(megan, main.externalId);
    expect(view.filter((item) => item.seriesMasterId === ids.series)).toHaveLength(6);
    await expectSameAsOutlook(megan, ids.projectsCalendar!);
    expect(await crmRows(megan, ids.sharedCalendar)).toEqual([]);
    expect(calendars.every((calendar) => !calendar.isSynced || calendar.syncCursor?.includes('$deltatoken='))).toBe(true);
    // Settings' progress of the first import: its estimate, one $count per calendar in a $batch, was right.
    const [progress] = await query(`SELECT "importedCount", "estimatedTotal" FROM "microsoftSyncProgress" WHERE "channelId" = $1`, [megan.calendarChannelId]);
    expect(progress).toEqual({ importedCount: (await crmRows(megan)).length, estimatedTotal: (await crmRows(megan)).length });
  });

  it("keeps a Berlin 9:00 meeting at 9:00 in Berlin across the DST change, the event's zone, and an all-day event's dates", async () => {
    const series = await query(
      `SELECT e."startsAt", e."timeZone" FROM "calendarEvent" e JOIN "calendarChannelEventAssociation" a ON a."calendarEventId" = e."id" WHERE a."recurringEventExternalId" = $1 ORDER BY e."startsAt"`,
      [ids.series],
    );
    expect(series.map((row: { startsAt: Date }) => row.startsAt.toISOString())).toEqual([
      '2027-03-01T08:00:00.000Z', '2027-03-08T08:00:00.000Z', '2027-03-15T08:00:00.000Z', '2027-03-22T08:00:00.000Z',
      // Berlin moves to summer time on 28 March 2027.
      '2027-03-29T07:00:00.000Z', '2027-04-05T07:00:00.000Z',
    ]);
    expect(new Set(series.map((row: { timeZone: string }) => row.timeZone))).toEqual(new Set(['Europe/Berlin']));
    const [holiday] = await query(`SELECT e."isFullDay", e."startsAt", e."endsAt" FROM "calendarEvent" e WHERE e."title" = 'Golden Week trip'`);
    expect(holiday).toEqual({ isFullDay: true, startsAt: new Date('2027-05-01T00:00:00Z'), endsAt: new Date('2027-05-03T00:00:00Z') });
    const [review] = await query(`SELECT e."startsAt", e."timeZone" FROM "calendarEvent" e WHERE e."title" = 'Pricing review with Fabrikam'`);
    expect(review).toEqual({ startsAt: new Date('2027-01-12T15:00:00Z'), timeZone: 'America/New_York' });
  });

  it('links attendees and organizer to people and members, marks private events, and makes one event of a meeting in two members\' calendars', async () => {
    const participants = await query(
      `SELECT p."handle", p."isOrganizer", p."personId" IS NOT NULL AS "person", p."workspaceMemberId" IS NOT NULL AS "member" FROM "calendarEventParticipant" p
       JOIN "calendarEvent" e ON e."id" = p."calendarEventId" WHERE e."title" = 'Pricing review with Fabrikam' ORDER BY p."handle"`,
    );
    expect(participants).toEqual([
      { handle: ALEX, isOrganizer: false, person: true, member: true },
      { handle: 'lee.gu@fabrikam.com', isOrganizer: false, person: true, member: false },
      { handle: MEGAN, isOrganizer: true, person: true, member: true },
    ]);
    expect(await query(`SELECT "isPrivate" FROM "calendarChannelEventAssociation" WHERE "eventExternalId" = $1`, [ids.private])).toEqual([{ isPrivate: true }]);

    alex = await connect(ALEX);
    const copies = await query(
      `SELECT a."calendarChannelId", a."calendarEventId" FROM "calendarChannelEventAssociation" a JOIN "calendarEvent" e ON e."id" = a."calendarEventId" WHERE e."title" = 'Pricing review with Fabrikam'`,
    );
    expect(new Set(copies.map((row: { calendarChannelId: string }) => row.calendarChannelId))).toEqual(new Set([megan.calendarChannelId, alex.calendarChannelId]));
    expect(new Set(copies.map((row: { calendarEventId: string }) => row.calendarEventId)).size).toBe(1);
    expect(await query(`SELECT count(*)::int AS n FROM "calendarEvent" WHERE "title" = 'Pricing review with Fabrikam'`)).toEqual([{ n: 1 }]);
  });

  it('follows Outlook: an edited occurrence replaces its slot, a cancelled one disappears, a deleted event goes, an edit is applied', async () => {
    const occurrences = (await outlookView(megan, (await calendarsOf(megan))[0]!.externalId)).filter((item) => item.seriesMasterId === ids.series);
    await adminCall('PATCH', `/mailboxes/${MEGAN}/events/${occurrences[1]!.id}`, {
      start: { dateTime: '2027-03-08T11:00:00', timeZone: 'W. Europe Standard Time' },
      end: { dateTime: '2027-03-08T11:30:00', timeZone: 'W. Europe Standard Time' },
    });
    await adminCall('DELETE', `/mailboxes/${MEGAN}/events/${occurrences[2]!.id}`);
    await adminCall('DELETE', `/mailboxes/${MEGAN}/events/${ids.kickoff}`);
    await adminCall('PATCH', `/mailboxes/${MEGAN}/events/${ids.holiday}`, { subject: 'Golden Week (Kyoto)' });
    expect(await syncNow(megan)).toBe('synced');
    await expectSameAsOutlook(megan, (await calendarsOf(megan))[0]!.externalId);
    // Renaming the series renames its occurrences.
    await adminCall('PATCH', `/mailboxes/${MEGAN}/events/${ids.series}`, { subject: 'Weekly sync with Northwind Traders' });
    expect(await syncNow(megan)).toBe('synced');

    const view = await expectSameAsOutlook(megan, (await calendarsOf(megan))[0]!.externalId);
    expect(view.filter((item) => item.seriesMasterId === ids.series)).toHaveLength(5);
    expect(new Set(view.filter((item) => item.seriesMasterId === ids.series && item.type === 'occurrence').map((item) => item.subject))).toEqual(new Set(['Weekly sync with Northwind Traders']));
    const series = await query(
      `SELECT e."startsAt" FROM "calendarEvent" e JOIN "calendarChannelEventAssociation" a ON a."calendarEventId" = e."id" WHERE a."recurringEventExternalId" = $1 ORDER BY e."startsAt"`,
      [ids.series],
    );
    expect(series.map((row: { startsAt: Date }) => row.startsAt.toISOString())).toEqual([
      '2027-03-01T08:00:00.000Z', '2027-03-08T10:00:00.000Z', '2027-03-22T08:00:00.000Z', '2027-03-29T07:00:00.000Z', '2027-04-05T07:00:00.000Z',
    ]);
    expect(await crmRows(megan, ids.projectsCalendar)).toEqual([]);
    expect(await query(`SELECT count(*)::int AS n FROM "calendarEvent" WHERE "title" = 'Kickoff'`)).toEqual([{ n: 0 }]);
    expect(await query(`SELECT "title" FROM "calendarEvent" WHERE "title" LIKE 'Golden Week%'`)).toEqual([{ title: 'Golden Week (Kyoto)' }]);
  });

  it("marks a meeting its organizer cancelled as cancelled for the attendee, and drops the organizer's copy", async () => {
    const meetingId = await seedEvent(MEGAN, {
      subject: 'Contract signing',
      start: { dateTime: '2027-02-15T14:00:00', timeZone: 'UTC' },
      end: { dateTime: '2027-02-15T15:00:00', timeZone: 'UTC' },
      attendees: [{ type: 'required', emailAddress: { name: 'Alex Wilber', address: ALEX } }],
    });
    expect(await syncNow(megan)).toBe('synced');
    expect(await syncNow(alex)).toBe('synced');
    const [before] = await query(`SELECT e."id", count(a."id")::int AS copies FROM "calendarEvent" e JOIN "calendarChannelEventAssociation" a ON a."calendarEventId" = e."id" WHERE e."title" = 'Contract signing' GROUP BY e."id"`);
    expect(before.copies).toBe(2);
    const graph = new AccountGraphClient(host.app.get(GraphClientFactory), host.app.get(MicrosoftTokenService), megan.workspaceId, megan.connectedAccountId);
    await graph.request((client) => client.api(`/me/events/${meetingId}/cancel`).post({ comment: 'Postponed' }));
    expect(await syncNow(megan)).toBe('synced');
    expect(await syncNow(alex)).toBe('synced');
    const after = await query(
      `SELECT e."id", e."isCanceled", e."title", a."calendarChannelId" FROM "calendarEvent" e JOIN "calendarChannelEventAssociation" a ON a."calendarEventId" = e."id" WHERE e."id" = $1`,
      [before.id],
    );
    expect(after).toEqual([{ id: before.id, isCanceled: true, title: 'Canceled: Contract signing', calendarChannelId: alex.calendarChannelId }]);
  });

  it('imports a shared calendar the member chooses in Settings, and removes it again when they deselect it', async () => {
    const shared = (await calendarsOf(megan)).find((calendar) => calendar.externalId === ids.sharedCalendar)!;
    const choose = (isSynced: boolean) =>
      megan.client.graphql(`mutation ($c: ID!, $id: ID!, $on: Boolean!) { setMicrosoftCalendarSynced(calendarChannelId: $c, calendarId: $id, isSynced: $on) { name isSynced } }`, {
        c: megan.calendarChannelId,
        id: shared.id,
        on: isSynced,
      });
    expect((await choose(true)).data.setMicrosoftCalendarSynced).toEqual({ name: 'Sales team', isSynced: true });
    expect(await syncNow(megan)).toBe('synced');
    await expectSameAsOutlook(megan, ids.sharedCalendar!);
    expect(await crmRows(megan, ids.sharedCalendar)).toHaveLength(1);
    await choose(false);
    expect(await syncNow(megan)).toBe('synced');
    expect(await crmRows(megan, ids.sharedCalendar)).toEqual([]);
    expect(await query(`SELECT count(*)::int AS n FROM "calendarEvent" WHERE "title" = 'Team offsite'`)).toEqual([{ n: 0 }]);
  });

  it('restarts only the calendar whose delta state Outlook lost (410 syncStateNotFound), without duplicates', async () => {
    const calendars = await calendarsOf(megan);
    const main = calendars.find((calendar) => calendar.isDefaultCalendar)!;
    const projects = calendars.find((calendar) => calendar.externalId === ids.projectsCalendar)!;
    await seedEvent(MEGAN, { calendarId: ids.projectsCalendar, subject: 'Retro', start: { dateTime: '2027-02-10T15:00:00', timeZone: 'UTC' }, end: { dateTime: '2027-02-10T16:00:00', timeZone: 'UTC' } });
    expect(await syncNow(megan)).toBe('synced');
    const before = await crmRows(megan);
    await adminCall('POST', '/calendar/delta/invalidate', { user: MEGAN, calendar: main.externalId });
    expect(await syncNow(megan)).toBe('synced');
    const [run] = await query(
      `SELECT "foldersRestarted" FROM "microsoftSyncRun" WHERE "channelId" = $1 ORDER BY "startedAt" DESC LIMIT 1`,
      [megan.calendarChannelId],
    );
    expect(run.foldersRestarted).toEqual([main.name]);
    expect(await crmRows(megan)).toEqual(before);
    await expectSameAsOutlook(megan, main.externalId);
    await expectSameAsOutlook(megan, projects.externalId);
  });

  it('resumes a walk a crash cut short from its last checkpointed page', async () => {
    for (let n = 0; n < 10; n += 1) {
      await seedEvent(MEGAN, { calendarId: ids.projectsCalendar, subject: `Design review ${n}`, start: { dateTime: `2027-06-${String(n + 1).padStart(2, '0')}T15:00:00`, timeZone: 'UTC' }, end: { dateTime: `2027-06-${String(n + 1).padStart(2, '0')}T16:00:00`, timeZone: 'UTC' } });
    }
    const calendars = host.app.get(MicrosoftCalendarRepository);
    const projects = (await calendars.list(megan.calendarChannelId)).find((calendar) => calendar.externalId === ids.projectsCalendar)!;
    await calendars.saveCursor(projects.id, null, null);
    const graph = new AccountGraphClient(host.app.get(GraphClientFactory), host.app.get(MicrosoftTokenService), megan.workspaceId, megan.connectedAccountId);
    // The process dies right after its second page committed.
    let pages = 0;
    await expect(
      importCalendarDelta(
        {
          graph,
          records: new TwentyCalendarEventImportAdapter(host.dataSource),
          calendars,
          workspaceId: megan.workspaceId,
          calendarChannelId: megan.calendarChannelId,
          ownHandles: new Set([MEGAN]),
          pageSize: 4,
          windowFor: (calendar) => chooseSyncWindow(calendar, DEFAULT_CALENDAR_WINDOW),
          onPage: async () => {
            pages += 1;
            if (pages === 2) throw new Error('killed');
          },
          onRestart: () => undefined,
        },
        { ...projects, syncCursor: null, windowStart: null, windowEnd: null },
      ),
    ).rejects.toThrow('killed');
    const cut = (await calendars.list(megan.calendarChannelId)).find((calendar) => calendar.id === projects.id)!;
    expect(cut.syncCursor).toContain('$skiptoken=');
    // Its lease belongs to a process that stopped heartbeating: the recovery every process runs takes it over.
    await query(`UPDATE "calendarChannel" SET "syncStage" = 'CALENDAR_EVENT_LIST_FETCH_ONGOING', "syncStageStartedAt" = now() WHERE "id" = $1`, [megan.calendarChannelId]);
    // A push pass of this process may hold the channel a moment: the dead process's lease is put in once it let go.
    await eventually(async () => (await query(`SELECT 1 FROM "microsoftSyncLease" WHERE "channelId" = $1`, [megan.calendarChannelId])).length === 0, 20_000, 'a live pass let go');
    await query(`INSERT INTO "microsoftSyncLease" ("channelId", "workspaceId", "kind", "ownerProcessId", "leaseId") VALUES ($1, $2, 'calendar', $3, $4) ON CONFLICT ("channelId") DO NOTHING`, [
      megan.calendarChannelId, megan.workspaceId, randomUUID(), randomUUID(),
    ]);
    // Finished and idle: no lease, and the stage back to pending (a push pass may start and end meanwhile).
    await eventually(async () => {
      if ((await query(`SELECT 1 FROM "microsoftSyncLease" WHERE "channelId" = $1`, [megan.calendarChannelId])).length > 0) return false;
      const [row] = await query(`SELECT "syncStatus", "syncStage" FROM "calendarChannel" WHERE "id" = $1`, [megan.calendarChannelId]);
      return row.syncStatus === 'ACTIVE' && row.syncStage === 'CALENDAR_EVENT_LIST_FETCH_PENDING';
    }, 30_000, 'the interrupted calendar sync resumed and finished');
    await expectSameAsOutlook(megan, ids.projectsCalendar!);
    expect(await query(`SELECT count(*)::int AS n FROM "calendarEvent" WHERE "title" LIKE 'Design review %'`)).toEqual([{ n: 10 }]);
  });

  it('lets a calendar deleted in Outlook since the pass listed it (404) take its events, and the walk of the others go on', async () => {
    const records = new TwentyCalendarEventImportAdapter(host.dataSource);
    const ghost = { externalId: 'AAMkAGhostCalendar', isDefaultCalendar: false, id: randomUUID(), calendarChannelId: megan.calendarChannelId, name: 'Old project', color: null, hexColor: null, ownerAddress: MEGAN, canEdit: true, isOwn: true, isSynced: true, syncCursor: null, windowStart: null, windowEnd: null };
    // One of its events, also in the default calendar (the same meeting): the meeting stays, its ghost copy goes.
    await query(
      `INSERT INTO "calendarChannelEventAssociation" ("workspaceId", "calendarChannelId", "eventExternalId", "calendarExternalId", "calendarEventId")
       SELECT $1, $2, 'ghost-event', $3, "calendarEventId" FROM "calendarChannelEventAssociation" WHERE "calendarChannelId" = $2 LIMIT 1`,
      [megan.workspaceId, megan.calendarChannelId, ghost.externalId],
    );
    const reasons: string[] = [];
    const graph = new AccountGraphClient(host.app.get(GraphClientFactory), host.app.get(MicrosoftTokenService), megan.workspaceId, megan.connectedAccountId);
    await importCalendarDelta(
      {
        graph,
        records,
        calendars: host.app.get(MicrosoftCalendarRepository),
        workspaceId: megan.workspaceId,
        calendarChannelId: megan.calendarChannelId,
        ownHandles: new Set([MEGAN]),
        pageSize: 4,
        windowFor: (calendar) => chooseSyncWindow(calendar, DEFAULT_CALENDAR_WINDOW),
        onPage: async () => undefined,
        onRestart: (reason) => void reasons.push(reason),
      },
      ghost,
    );
    expect(reasons).toEqual(['calendar-gone']);
    const before = (await crmRows(megan)).length;
    expect(await records.deleteDetachedEvents(megan.workspaceId, megan.calendarChannelId)).toBe(1);
    expect((await crmRows(megan)).length).toBe(before - 1);
    expect((await crmRows(megan)).map((row) => row.id)).not.toContain('ghost-event');
  });

  it('shows the calendar channel in Settings: synced, when, how many events, which calendars', async () => {
    // A pass (its own, waiting out one a notification started) sets the count Settings shows from what the CRM holds.
    await syncNow(megan);
    const result = await megan.client.graphql(`{ microsoftAccounts { calendarChannel { syncStatus syncedAt importProgress { importedCount lastErrorCode } calendars { name isOwn isSynced } } } }`);
    expect(result.errors).toBeUndefined();
    const channel = result.data.microsoftAccounts[0].calendarChannel;
    expect(channel.syncStatus).toBe('ACTIVE');
    expect(channel.syncedAt).toBeTruthy();
    expect(channel.importProgress).toEqual({ importedCount: (await crmRows(megan)).length, lastErrorCode: null });
    expect(channel.calendars.map((calendar: { name: string }) => calendar.name)).toEqual(['Calendar', 'Projects', 'Sales team']);
  });

  it("disconnecting deletes every calendar row the account brought; a colleague's copy of a shared meeting stays", async () => {
    const result = await megan.client.graphql(`mutation ($id: ID!) { disconnectMicrosoftAccount(connectedAccountId: $id) }`, { id: megan.connectedAccountId });
    expect(result.errors).toBeUndefined();
    expect(await query(`SELECT count(*)::int AS n FROM "calendarChannelEventAssociation" WHERE "calendarChannelId" = $1`, [megan.calendarChannelId])).toEqual([{ n: 0 }]);
    expect(await query(`SELECT count(*)::int AS n FROM "microsoftCalendar" WHERE "calendarChannelId" = $1`, [megan.calendarChannelId])).toEqual([{ n: 0 }]);
    expect(await query(`SELECT count(*)::int AS n FROM "calendarEvent" e WHERE NOT EXISTS (SELECT 1 FROM "calendarChannelEventAssociation" a WHERE a."calendarEventId" = e."id")`)).toEqual([{ n: 0 }]);
    expect(await query(`SELECT count(*)::int AS n FROM "calendarEvent" WHERE "title" = 'Pricing review with Fabrikam'`)).toEqual([{ n: 1 }]);
  });
});
