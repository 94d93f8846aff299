import { DEMO_PASSWORD } from '@m365/dev-host';
import type { DataSource } from 'typeorm';
import { startTestHost, type TestHost, type TestHttpClient } from '../../test-support/index.js';
import { MessagingFixtures } from './fixtures/messaging-fixtures.js';
import { createOtherWorkspace, demoWorkspace } from './fixtures/workspace-fixtures.js';

const FIELDS = `id title startsAt endsAt isFullDay timeZone location description isCanceled recurringEventExternalId conferenceLinkUrl
  calendarChannelId calendarExternalId isPrivate isOrganizer organizerName
  participants { handle displayName responseStatus isOrganizer personId workspaceMemberId }`;
const QUERY = `query ($from: DateTime!, $to: DateTime!) { calendarSectionEvents(from: $from, to: $to) { ${FIELDS} } }`;

interface EventSpec {
  title: string;
  startsAt: string;
  endsAt: string;
  isCanceled?: boolean;
  isFullDay?: boolean;
  timeZone?: string;
  calendarExternalId?: string;
  recurringEventExternalId?: string;
  isPrivate?: boolean;
  conferenceUrl?: string;
}

/** An event in one calendar channel, with the columns the Calendar section reads (the shared fixture sets fewer). */
async function sectionEvent(dataSource: DataSource, workspaceId: string, calendarChannelId: string, spec: EventSpec, participants: Array<{ handle: string; displayName?: string; personId?: string; isOrganizer?: boolean; responseStatus?: string }> = []): Promise<string> {
  const [{ id }] = await dataSource.query(
    `INSERT INTO "calendarEvent" ("workspaceId", "title", "startsAt", "endsAt", "isCanceled", "isFullDay", "timeZone", "location", "description", "conferenceSolution", "conferenceLinkPrimaryLinkUrl")
     VALUES ($1, $2, $3, $4, $5, $6, $7, 'Room 2', 'Agenda', $8, $9) RETURNING "id"`,
    [workspaceId, spec.title, spec.startsAt, spec.endsAt, spec.isCanceled ?? false, spec.isFullDay ?? false, spec.timeZone ?? 'UTC', spec.conferenceUrl ? 'TEAMS' : null, spec.conferenceUrl ?? null],
  );
  await dataSource.query(
    `INSERT INTO "calendarChannelEventAssociation" ("workspaceId", "calendarChannelId", "calendarEventId", "eventExternalId", "recurringEventExternalId", "calendarExternalId", "isPrivate")
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [workspaceId, calendarChannelId, id, `evt-${id}`, spec.recurringEventExternalId ?? null, spec.calendarExternalId ?? 'cal-default', spec.isPrivate ?? false],
  );
  for (const participant of participants) {
    await dataSource.query(
      `INSERT INTO "calendarEventParticipant" ("workspaceId", "calendarEventId", "handle", "displayName", "personId", "isOrganizer", "responseStatus") VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [workspaceId, id, participant.handle, participant.displayName ?? null, participant.personId ?? null, participant.isOrganizer ?? false, participant.responseStatus ?? 'NEEDS_ACTION'],
    );
  }
  return id;
}

describe('calendarSectionEvents', () => {
  let host: TestHost;
  let alex: TestHttpClient;
  let megan: TestHttpClient;
  let eve: TestHttpClient;
  const ids: Record<string, string> = {};
  const window = { from: '2031-03-09T00:00:00Z', to: '2031-03-16T00:00:00Z' };

  beforeAll(async () => {
    host = await startTestHost();
    const demo = await demoWorkspace(host.dataSource);
    const [person] = await host.dataSource.query(`SELECT "id", "emailsPrimaryEmail" AS "email" FROM "person" WHERE "workspaceId" = $1 ORDER BY "id" LIMIT 1`, [demo.workspaceId]);
    ids.personId = person.id;
    const fixtures = new MessagingFixtures(host.dataSource, demo.workspaceId);
    const alexAccount = await fixtures.connectedAccount(demo.alexId, 'alex.wilber@contoso.com');
    // Alex's channel is METADATA for teammates: it must not matter in his own Calendar section.
    ids.alexChannel = await fixtures.calendarChannel(alexAccount, 'METADATA');
    const meganChannel = await fixtures.calendarChannel(await fixtures.connectedAccount(demo.meganId, 'megan.bowen@contoso.com'), 'SHARE_EVERYTHING');
    const event = (channel: string, spec: EventSpec, participants?: Parameters<typeof sectionEvent>[4]) => sectionEvent(host.dataSource, demo.workspaceId, channel, spec, participants);

    ids.standup = await event(
      ids.alexChannel,
      { title: 'Stand-up', startsAt: '2031-03-10T13:00:00Z', endsAt: '2031-03-10T13:30:00Z', timeZone: 'America/New_York', recurringEventExternalId: 'series-1', calendarExternalId: 'cal-work', conferenceUrl: 'https://teams.example/standup' },
      [
        { handle: 'Alex.Wilber@contoso.com', displayName: 'Alex W', isOrganizer: true, responseStatus: 'ACCEPTED' },
        { handle: person.email, personId: person.id, responseStatus: 'TENTATIVE' },
      ],
    );
    ids.privateLunch = await event(ids.alexChannel, { title: 'Doctor', startsAt: '2031-03-12T11:00:00Z', endsAt: '2031-03-12T12:00:00Z', isPrivate: true });
    ids.customerCall = await event(ids.alexChannel, { title: 'Customer call', startsAt: '2031-03-11T15:00:00Z', endsAt: '2031-03-11T16:00:00Z', calendarExternalId: 'cal-shared' }, [
      { handle: 'boss@fabrikam.test', displayName: 'Fabrikam Boss', isOrganizer: true, responseStatus: 'ACCEPTED' },
      { handle: 'alex.wilber@contoso.com', responseStatus: 'ACCEPTED' },
    ]);
    // Overlaps the window's start: it ends inside it.
    ids.overnight = await event(ids.alexChannel, { title: 'Overnight deploy', startsAt: '2031-03-08T22:00:00Z', endsAt: '2031-03-09T02:00:00Z' });
    ids.holiday = await event(ids.alexChannel, { title: 'Holiday', startsAt: '2031-03-14T00:00:00Z', endsAt: '2031-03-15T00:00:00Z', isFullDay: true });
    ids.canceled = await event(ids.alexChannel, { title: 'Cancelled sync', startsAt: '2031-03-13T09:00:00Z', endsAt: '2031-03-13T10:00:00Z', isCanceled: true });
    ids.before = await event(ids.alexChannel, { title: 'Last week', startsAt: '2031-03-08T09:00:00Z', endsAt: '2031-03-08T10:00:00Z' });
    ids.endsAtStart = await event(ids.alexChannel, { title: 'Ends as the window opens', startsAt: '2031-03-08T23:00:00Z', endsAt: '2031-03-09T00:00:00Z' });
    ids.startsAtEnd = await event(ids.alexChannel, { title: 'Starts as the window closes', startsAt: '2031-03-16T00:00:00Z', endsAt: '2031-03-16T01:00:00Z' });
    ids.megansOwn = await event(meganChannel, { title: "Megan's 1:1", startsAt: '2031-03-10T10:00:00Z', endsAt: '2031-03-10T11:00:00Z' });
    // Deleted and disconnected rows stay out.
    const gone = await event(ids.alexChannel, { title: 'Deleted', startsAt: '2031-03-10T10:00:00Z', endsAt: '2031-03-10T11:00:00Z' });
    await host.dataSource.query(`UPDATE "calendarEvent" SET "deletedAt" = now() WHERE "id" = $1`, [gone]);

    alex = host.newClient();
    await alex.signIn('alex.wilber@contoso.com', DEMO_PASSWORD);
    megan = host.newClient();
    await megan.signIn('megan.bowen@contoso.com', DEMO_PASSWORD);
    const other = await createOtherWorkspace(host.dataSource);
    eve = host.newClient();
    await eve.signIn(other.email, other.password);
  });

  afterAll(async () => {
    await host?.close();
  });

  const eventsOf = async (client: TestHttpClient, from = window.from, to = window.to) => {
    const result = await client.graphql(QUERY, { from, to });
    expect(result.errors).toBeUndefined();
    return result.data.calendarSectionEvents as Array<Record<string, unknown> & { id: string }>;
  };

  it('returns the member\'s events overlapping the window, in start order, without cancelled or deleted ones', async () => {
    const events = await eventsOf(alex);
    expect(events.map((event) => event.id)).toEqual([ids.overnight, ids.standup, ids.customerCall, ids.privateLunch, ids.holiday]);
  });

  it('gives every field the section draws, the owner seeing all of a METADATA channel and a private event', async () => {
    const events = await eventsOf(alex);
    const standup = events.find((event) => event.id === ids.standup)!;
    expect(standup).toEqual({
      id: ids.standup,
      title: 'Stand-up',
      startsAt: '2031-03-10T13:00:00.000Z',
      endsAt: '2031-03-10T13:30:00.000Z',
      isFullDay: false,
      timeZone: 'America/New_York',
      location: 'Room 2',
      description: 'Agenda',
      isCanceled: false,
      recurringEventExternalId: 'series-1',
      conferenceLinkUrl: 'https://teams.example/standup',
      calendarChannelId: ids.alexChannel,
      calendarExternalId: 'cal-work',
      isPrivate: false,
      isOrganizer: true,
      organizerName: 'Alex W',
      participants: [
        { handle: 'Alex.Wilber@contoso.com', displayName: 'Alex W', responseStatus: 'ACCEPTED', isOrganizer: true, personId: null, workspaceMemberId: null },
        expect.objectContaining({ handle: expect.any(String), responseStatus: 'TENTATIVE', isOrganizer: false, personId: ids.personId }),
      ],
    });
    const customerCall = events.find((event) => event.id === ids.customerCall)!;
    expect(customerCall).toMatchObject({ isOrganizer: false, organizerName: 'Fabrikam Boss', calendarExternalId: 'cal-shared', recurringEventExternalId: null, conferenceLinkUrl: null });
    expect(events.find((event) => event.id === ids.privateLunch)).toMatchObject({ title: 'Doctor', isPrivate: true, location: 'Room 2' });
    expect(events.find((event) => event.id === ids.holiday)).toMatchObject({ isFullDay: true, startsAt: '2031-03-14T00:00:00.000Z' });
  });

  it('never returns another member\'s events, even ones shared with the workspace', async () => {
    expect((await eventsOf(megan)).map((event) => event.id)).toEqual([ids.megansOwn]);
    expect(await eventsOf(eve)).toEqual([]);
  });

  it('narrows to the window asked for', async () => {
    const events = await eventsOf(alex, '2031-03-11T00:00:00Z', '2031-03-12T00:00:00Z');
    expect(events.map((event) => event.id)).toEqual([ids.customerCall]);
  });

  it('refuses a reversed or oversized window with a clear error, and an anonymous caller', async () => {
    const reversed = await alex.graphql(QUERY, { from: window.to, to: window.from });
    expect(reversed.errors?.[0]).toMatchObject({ message: '"from" must be before "to".', extensions: { code: 'BAD_USER_INPUT' } });
    const huge = await alex.graphql(QUERY, { from: '2030-01-01T00:00:00Z', to: '2032-01-01T00:00:00Z' });
    expect(huge.errors?.[0].message).toMatch(/at most 366 days/);
    const anonymous = await host.newClient().graphql(QUERY, window);
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});
