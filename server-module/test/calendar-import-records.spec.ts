import { CalendarChannelContactAutoCreationPolicy, CalendarEventParticipantResponseStatus as Response, ConnectedAccountProvider, type ImportedCalendarEvent } from '@m365/shared-types';
import { eventually, startTestHost, type TestHost, type TestHttpClient } from '../../test-support/index.js';
import { TwentyConnectedAccountRecordsAdapter } from '../src/host-adapters/twenty/twenty-connected-account-records.adapter.js';
import { TwentyCalendarEventImportAdapter } from '../src/host-adapters/twenty/twenty-calendar-event-import.adapter.js';

const MEGAN = 'megan.bowen@contoso.com';
const ALEX = 'alex.wilber@contoso.com';

interface Channel {
  memberId: string;
  connectedAccountId: string;
  calendarChannelId: string;
}

let sequence = 0;
function event(overrides: Partial<ImportedCalendarEvent> = {}): ImportedCalendarEvent {
  sequence += 1;
  return {
    externalId: `evt-${sequence}`,
    calendarExternalId: 'cal-main',
    recurringEventExternalId: null,
    replacesOccurrenceAt: null,
    iCalUid: `uid-${sequence}`,
    title: `Meeting ${sequence}`,
    description: 'Agenda',
    location: 'Room 1',
    isCanceled: false,
    isFullDay: false,
    startsAt: new Date(Date.UTC(2026, 2, 1, 9) + sequence * 3_600_000),
    endsAt: new Date(Date.UTC(2026, 2, 1, 10) + sequence * 3_600_000),
    timeZone: 'America/New_York',
    externalCreatedAt: null,
    externalUpdatedAt: null,
    conferenceSolution: null,
    conferenceLinkUrl: null,
    conferenceLinkLabel: null,
    isPrivate: false,
    isOwnerOrganizer: true,
    participants: [
      { handle: MEGAN, displayName: 'Megan Bowen', isOrganizer: true, responseStatus: Response.ACCEPTED },
      { handle: 'lee@fabrikam.com', displayName: 'Lee Gu', isOrganizer: false, responseStatus: Response.TENTATIVE },
    ],
    ...overrides,
  };
}

describe('Calendar events in the CRM, through the host port', () => {
  let host: TestHost;
  let workspaceId: string;
  let megan: Channel;
  let alex: Channel;
  let records: TwentyCalendarEventImportAdapter;
  let meganClient: TestHttpClient;
  let alexClient: TestHttpClient;

  const query = (sql: string, params: unknown[] = []) => host.dataSource.query(sql, params);
  const save = (channel: Channel, events: ImportedCalendarEvent[], removedExternalIds: string[] = [], calendarExternalId = 'cal-main') =>
    records.saveEventsPage({ workspaceId, calendarChannelId: channel.calendarChannelId, calendarExternalId, events, removedExternalIds });
  const eventsOf = async (channel: Channel): Promise<Array<{ eventExternalId: string; calendarEventId: string; title: string; startsAt: Date }>> =>
    query(
      `SELECT a."eventExternalId", a."calendarEventId", e."title", e."startsAt" FROM "calendarChannelEventAssociation" a JOIN "calendarEvent" e ON e."id" = a."calendarEventId"
       WHERE a."calendarChannelId" = $1 ORDER BY e."startsAt"`,
      [channel.calendarChannelId],
    );

  const createChannel = async (email: string): Promise<Channel> => {
    const [member] = await query(`SELECT "id" FROM "workspaceMember" WHERE "userEmail" = $1`, [email]);
    const accounts = new TwentyConnectedAccountRecordsAdapter(host.dataSource.manager);
    const { account } = await accounts.upsertConnectedAccount({ workspaceId, accountOwnerId: member.id, provider: ConnectedAccountProvider.MICROSOFT, handle: email, handleAliases: [], scopes: [] });
    const channel = await accounts.ensureCalendarChannel(workspaceId, account.id, email);
    // The periodic sync leaves these alone: no tokens behind them, the test writes through the port itself.
    await query(`UPDATE "calendarChannel" SET "isSyncEnabled" = false, "visibility" = 'SHARE_EVERYTHING' WHERE "id" = $1`, [channel.id]);
    return { memberId: member.id, connectedAccountId: account.id, calendarChannelId: channel.id };
  };

  beforeAll(async () => {
    host = await startTestHost();
    [{ id: workspaceId }] = await query(`SELECT "id" FROM "workspace" LIMIT 1`);
    megan = await createChannel(MEGAN);
    alex = await createChannel(ALEX);
    records = new TwentyCalendarEventImportAdapter(host.dataSource);
    meganClient = host.newClient();
    await meganClient.signIn(MEGAN, 'demo-password');
    alexClient = host.newClient();
    await alexClient.signIn(ALEX, 'demo-password');
  });

  afterAll(async () => {
    await host?.close();
  });

  it('makes the same meeting in two members\' calendars one event with two channel associations, whichever comes first', async () => {
    const meeting = event({ iCalUid: 'uid-shared-standup' });
    const first = await save(megan, [meeting]);
    const second = await save(alex, [{ ...meeting, externalId: 'alex-copy', isOwnerOrganizer: false }]);
    expect([first.created, second.created]).toEqual([1, 1]);
    const rows = await query(`SELECT "calendarChannelId", "calendarEventId" FROM "calendarChannelEventAssociation" WHERE "calendarEventId" IN (SELECT "id" FROM "calendarEvent" WHERE "iCalUid" = 'uid-shared-standup')`);
    expect(rows).toHaveLength(2);
    expect(new Set(rows.map((row: { calendarEventId: string }) => row.calendarEventId)).size).toBe(1);
    expect(await query(`SELECT count(*)::int AS n FROM "calendarEvent" WHERE "iCalUid" = 'uid-shared-standup'`)).toEqual([{ n: 1 }]);
    // Written twice, the participants are still the meeting's two people.
    expect(await query(`SELECT count(*)::int AS n FROM "calendarEventParticipant" WHERE "calendarEventId" = $1`, [rows[0].calendarEventId])).toEqual([{ n: 2 }]);
  });

  it('links participants to people by primary and additional emails and to workspace members, and creates new contacts with their company', async () => {
    const meeting = event({
      participants: [
        { handle: MEGAN, displayName: 'Megan Bowen', isOrganizer: true, responseStatus: Response.ACCEPTED },
        { handle: 'lee@fabrikam.com', displayName: 'Lee Gu', isOrganizer: false, responseStatus: Response.DECLINED },
        { handle: 'zoe.quinn@newvendor.io', displayName: 'Zoe Quinn', isOrganizer: false, responseStatus: Response.NEEDS_ACTION },
      ],
    });
    await save(megan, [meeting]);
    const participants = await query(
      `SELECT p."handle", p."responseStatus", p."isOrganizer", p."workspaceMemberId", x."emailsPrimaryEmail" AS "person", c."domainName" AS "company"
       FROM "calendarEventParticipant" p JOIN "calendarEvent" e ON e."id" = p."calendarEventId" LEFT JOIN "person" x ON x."id" = p."personId" LEFT JOIN "company" c ON c."id" = x."companyId"
       WHERE e."iCalUid" = $1 ORDER BY p."handle"`,
      [meeting.iCalUid],
    );
    expect(participants).toEqual([
      { handle: 'lee@fabrikam.com', responseStatus: 'DECLINED', isOrganizer: false, workspaceMemberId: null, person: 'lee.gu@fabrikam.com', company: 'fabrikam.com' },
      { handle: MEGAN, responseStatus: 'ACCEPTED', isOrganizer: true, workspaceMemberId: megan.memberId, person: MEGAN, company: 'contoso.com' },
      { handle: 'zoe.quinn@newvendor.io', responseStatus: 'NEEDS_ACTION', isOrganizer: false, workspaceMemberId: null, person: 'zoe.quinn@newvendor.io', company: 'newvendor.io' },
    ]);
  });

  it("applies the channel's contact auto-creation policy: AS_ORGANIZER creates no one from meetings others organised", async () => {
    await query(`UPDATE "calendarChannel" SET "contactAutoCreationPolicy" = $2 WHERE "id" = $1`, [alex.calendarChannelId, CalendarChannelContactAutoCreationPolicy.AS_ORGANIZER]);
    const fresh = new TwentyCalendarEventImportAdapter(host.dataSource);
    const invited = event({ isOwnerOrganizer: false, participants: [{ handle: 'guest.one@elsewhere.example', displayName: 'Guest One', isOrganizer: true, responseStatus: Response.ACCEPTED }] });
    const organised = event({ isOwnerOrganizer: true, participants: [{ handle: 'guest.two@elsewhere.example', displayName: 'Guest Two', isOrganizer: false, responseStatus: Response.ACCEPTED }] });
    await fresh.saveEventsPage({ workspaceId, calendarChannelId: alex.calendarChannelId, calendarExternalId: 'cal-main', events: [invited, organised], removedExternalIds: [] });
    const people = await query(`SELECT "emailsPrimaryEmail" AS email FROM "person" WHERE "emailsPrimaryEmail" LIKE '%@elsewhere.example' ORDER BY 1`);
    expect(people).toEqual([{ email: 'guest.two@elsewhere.example' }]);
  });

  it('links occurrences to their series, lets an exception replace its occurrence, and deletes what Outlook removed', async () => {
    const series = 'series-weekly-1on1';
    const week = 7 * 24 * 3_600_000;
    const first = Date.UTC(2026, 3, 6, 13);
    const occurrences = [0, 1, 2, 3].map((n) =>
      event({ externalId: `occ-${n}`, iCalUid: `uid-occ-${n}`, recurringEventExternalId: series, title: '1:1', startsAt: new Date(first + n * week), endsAt: new Date(first + n * week + 1_800_000) }),
    );
    await save(megan, occurrences);
    // Occurrence 1 moved an hour later under an id of its own; occurrence 2 cancelled (Outlook reports it removed).
    const moved = event({ externalId: 'exc-1', iCalUid: 'uid-exc-1', recurringEventExternalId: series, title: '1:1 (moved)', startsAt: new Date(first + week + 3_600_000), endsAt: new Date(first + week + 5_400_000), replacesOccurrenceAt: new Date(first + week) });
    const result = await save(megan, [moved], ['occ-2']);
    expect(result.deleted).toBe(1);
    const rows = await query(
      `SELECT a."eventExternalId", a."recurringEventExternalId", e."title", e."startsAt" FROM "calendarChannelEventAssociation" a JOIN "calendarEvent" e ON e."id" = a."calendarEventId"
       WHERE a."recurringEventExternalId" = $1 ORDER BY e."startsAt"`,
      [series],
    );
    expect(rows.map((row: { eventExternalId: string }) => row.eventExternalId)).toEqual(['occ-0', 'exc-1', 'occ-3']);
    expect(rows[1]).toMatchObject({ title: '1:1 (moved)', startsAt: new Date(first + week + 3_600_000) });
    expect(await query(`SELECT count(*)::int AS n FROM "calendarEvent" WHERE "iCalUid" IN ('uid-occ-1', 'uid-occ-2')`)).toEqual([{ n: 0 }]);
  });

  it('updates an edited event in place, and a page written twice changes nothing', async () => {
    const original = event();
    await save(megan, [original]);
    const [{ calendarEventId }] = await query(`SELECT "calendarEventId" FROM "calendarChannelEventAssociation" WHERE "eventExternalId" = $1`, [original.externalId]);
    const edited = { ...original, title: 'Renamed', participants: [...original.participants, { handle: 'alex.wilber@contoso.com', displayName: 'Alex', isOrganizer: false, responseStatus: Response.NEEDS_ACTION }] };
    expect(await save(megan, [edited])).toEqual({ created: 0, updated: 1, deleted: 0 });
    const before = await query(`SELECT "id", "updatedAt" FROM "calendarEventParticipant" WHERE "calendarEventId" = $1 ORDER BY "id"`, [calendarEventId]);
    const [{ updatedAt }] = await query(`SELECT "title", "updatedAt" FROM "calendarEvent" WHERE "id" = $1`, [calendarEventId]);
    await save(megan, [edited]);
    expect(await query(`SELECT "id", "updatedAt" FROM "calendarEventParticipant" WHERE "calendarEventId" = $1 ORDER BY "id"`, [calendarEventId])).toEqual(before);
    expect(await query(`SELECT "title", "updatedAt" FROM "calendarEvent" WHERE "id" = $1`, [calendarEventId])).toEqual([{ title: 'Renamed', updatedAt }]);
    expect(before).toHaveLength(3);
  });

  it('commits a page with its checkpoint or not at all', async () => {
    const lost = event();
    await expect(
      records.saveEventsPage({ workspaceId, calendarChannelId: megan.calendarChannelId, calendarExternalId: 'cal-main', events: [lost], removedExternalIds: [], checkpoint: async () => { throw new Error('crash at the checkpoint'); } }),
    ).rejects.toThrow('crash at the checkpoint');
    expect(await query(`SELECT count(*)::int AS n FROM "calendarEvent" WHERE "iCalUid" = $1`, [lost.iCalUid])).toEqual([{ n: 0 }]);
  });

  it('a page removing an event waits for a CRM delete of that event already under way (row, then associations) instead of deadlocking with it', async () => {
    const doomed = event();
    await save(megan, [doomed]);
    const [{ calendarEventId }] = await query(`SELECT "calendarEventId" FROM "calendarChannelEventAssociation" WHERE "eventExternalId" = $1`, [doomed.externalId]);
    const crmDelete = host.dataSource.createQueryRunner();
    await crmDelete.connect();
    await crmDelete.startTransaction();
    try {
      // The host's delete: the event row first (as its calendar writes do), its associations after.
      await crmDelete.query(`SELECT "id" FROM "calendarEvent" WHERE "id" = $1 FOR UPDATE`, [calendarEventId]);
      const page = save(megan, [], [doomed.externalId]).then(() => 'saved', (error: Error) => error.message);
      await eventually(async () => {
        const [row] = await query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE "wait_event_type" = 'Lock' AND "query" LIKE '%calendarEvent%'`);
        return row.n > 0;
      }, 10_000, 'the page waiting on the event row');
      await crmDelete.query(`DELETE FROM "calendarChannelEventAssociation" WHERE "calendarEventId" = $1`, [calendarEventId]);
      await crmDelete.query(`DELETE FROM "calendarEvent" WHERE "id" = $1`, [calendarEventId]);
      await crmDelete.commitTransaction();
      expect(await page).toBe('saved');
    } finally {
      if (crmDelete.isTransactionActive) await crmDelete.rollbackTransaction();
      await crmDelete.release();
    }
    expect(await query(`SELECT count(*)::int AS n FROM "calendarEvent" WHERE "id" = $1`, [calendarEventId])).toEqual([{ n: 0 }]);
  });

  it('restarts one calendar alone: its events still there are re-attached, the others swept, other calendars untouched', async () => {
    const kept = event({ calendarExternalId: 'cal-team' });
    const gone = event({ calendarExternalId: 'cal-team' });
    const other = event({ calendarExternalId: 'cal-side' });
    await save(megan, [kept, gone], [], 'cal-team');
    await save(megan, [other], [], 'cal-side');
    const total = await records.countChannelEvents(workspaceId, megan.calendarChannelId);
    await records.restartCalendar(workspaceId, megan.calendarChannelId, 'cal-team');
    expect(await records.countChannelEvents(workspaceId, megan.calendarChannelId)).toBe(total - 2);
    await save(megan, [kept], [], 'cal-team');
    expect(await records.deleteDetachedEvents(workspaceId, megan.calendarChannelId)).toBe(1);
    const left = (await eventsOf(megan)).map((row) => row.eventExternalId);
    expect(left).toEqual(expect.arrayContaining([kept.externalId, other.externalId]));
    expect(left).not.toContain(gone.externalId);
  });

  it("shows a meeting on the Calendar tab of its attendees' company", async () => {
    const [fabrikam] = await query(`SELECT "id" FROM "company" WHERE "domainName" = 'fabrikam.com'`);
    const result = await meganClient.graphql(
      `query ($id: ID!) { getTimelineCalendarEventsFromCompanyId(companyId: $id, page: 1, pageSize: 50) { totalNumberOfCalendarEvents timelineCalendarEvents { title } } }`,
      { id: fabrikam.id },
    );
    expect(result.errors).toBeUndefined();
    const [{ n }] = await query(
      `SELECT count(DISTINCT p."calendarEventId")::int AS n FROM "calendarEventParticipant" p JOIN "person" x ON x."id" = p."personId" WHERE x."companyId" = $1`,
      [fabrikam.id],
    );
    expect(n).toBeGreaterThan(0);
    expect(result.data.getTimelineCalendarEventsFromCompanyId.totalNumberOfCalendarEvents).toBe(n);
  });

  it("keeps meetings with someone on the owner's blocklist out of the CRM, and takes one out when its attendee gets blocked", async () => {
    await query(`INSERT INTO "blocklist" ("workspaceId", "handle", "workspaceMemberId") VALUES ($1, '@spam.example', $2)`, [workspaceId, alex.memberId]);
    const fresh = new TwentyCalendarEventImportAdapter(host.dataSource);
    const pitch = event({ participants: [{ handle: 'seller@spam.example', displayName: 'Seller', isOrganizer: true, responseStatus: Response.ACCEPTED }] });
    const standup = event({ participants: [{ handle: 'nestor.wilke@fabrikam.com', displayName: 'Nestor', isOrganizer: true, responseStatus: Response.ACCEPTED }] });
    await fresh.saveEventsPage({ workspaceId, calendarChannelId: alex.calendarChannelId, calendarExternalId: 'cal-main', events: [pitch, standup], removedExternalIds: [] });
    const ids = async () => (await eventsOf(alex)).map((row) => row.eventExternalId);
    expect(await ids()).toContain(standup.externalId);
    expect(await ids()).not.toContain(pitch.externalId);
    await query(`INSERT INTO "blocklist" ("workspaceId", "handle", "workspaceMemberId") VALUES ($1, 'nestor.wilke@fabrikam.com', $2)`, [workspaceId, alex.memberId]);
    await new TwentyCalendarEventImportAdapter(host.dataSource).saveEventsPage({ workspaceId, calendarChannelId: alex.calendarChannelId, calendarExternalId: 'cal-main', events: [standup], removedExternalIds: [] });
    expect(await ids()).not.toContain(standup.externalId);
  });

  it('shows teammates only "Busy" and the time of an event its owner marked private; the owner sees it whole', async () => {
    const secret = event({ title: 'Interview with a competitor', isPrivate: true, participants: [
      { handle: MEGAN, displayName: 'Megan Bowen', isOrganizer: true, responseStatus: Response.ACCEPTED },
      { handle: 'miriam.graham@fabrikam.com', displayName: 'Miriam Graham', isOrganizer: false, responseStatus: Response.ACCEPTED },
    ] });
    await save(megan, [secret]);
    const [miriam] = await query(`SELECT "id" FROM "person" WHERE "emailsPrimaryEmail" = 'miriam.graham@fabrikam.com'`);
    const tab = `query ($id: ID!) { getTimelineCalendarEventsFromPersonId(personId: $id, page: 1, pageSize: 20) { timelineCalendarEvents { title startsAt endsAt location visibility participants { handle } } } }`;
    const seenBy = async (client: TestHttpClient) => {
      const result = await client.graphql(tab, { id: miriam.id });
      expect(result.errors).toBeUndefined();
      return result.data.getTimelineCalendarEventsFromPersonId.timelineCalendarEvents[0];
    };
    expect(await seenBy(alexClient)).toEqual({ title: 'Busy', startsAt: secret.startsAt.toISOString(), endsAt: secret.endsAt.toISOString(), location: null, visibility: 'METADATA', participants: [] });
    expect(await seenBy(meganClient)).toMatchObject({ title: 'Interview with a competitor', location: 'Room 1', visibility: 'SHARE_EVERYTHING', participants: [{ handle: MEGAN }, { handle: 'miriam.graham@fabrikam.com' }] });
  });

  it('disconnecting an account deletes every calendar row it brought and keeps what a colleague\'s calendar still holds', async () => {
    const [{ shared }] = await query(`SELECT "id" AS shared FROM "calendarEvent" WHERE "iCalUid" = 'uid-shared-standup'`);
    await query(`INSERT INTO "microsoftCalendar" ("workspaceId", "calendarChannelId", "externalId", "name", "isSynced") VALUES ($1, $2, 'cal-main', 'Calendar', true)`, [workspaceId, megan.calendarChannelId]);
    const result = await meganClient.graphql(`mutation ($id: ID!) { disconnectMicrosoftAccount(connectedAccountId: $id) }`, { id: megan.connectedAccountId });
    expect(result.errors).toBeUndefined();
    expect(await query(`SELECT count(*)::int AS n FROM "calendarChannelEventAssociation" WHERE "calendarChannelId" = $1`, [megan.calendarChannelId])).toEqual([{ n: 0 }]);
    expect(await query(`SELECT count(*)::int AS n FROM "microsoftCalendar" WHERE "calendarChannelId" = $1`, [megan.calendarChannelId])).toEqual([{ n: 0 }]);
    const left = await query(`SELECT e."id" FROM "calendarEvent" e`);
    expect(left.map((row: { id: string }) => row.id).sort()).toEqual((await eventsOf(alex)).map((row) => row.calendarEventId).sort());
    expect(left.map((row: { id: string }) => row.id)).toContain(shared);
    expect(await query(`SELECT count(*)::int AS n FROM "calendarEventParticipant" p WHERE NOT EXISTS (SELECT 1 FROM "calendarEvent" e WHERE e."id" = p."calendarEventId")`)).toEqual([{ n: 0 }]);
  });
});
