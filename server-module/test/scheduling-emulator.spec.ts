import { CalendarSyncService, MicrosoftTokenService } from '@m365/server-module';
import { Agent, fetch } from 'undici';
import { connectMailbox, connectMicrosoftAccount, eventually, startTestHost, TestHttpClient, type ConnectedMailbox, type TestHost } from '../../test-support/index.js';

const MEGAN = 'megan.bowen@contoso.com';
const ALEX = 'alex.wilber@contoso.com';
const LEE = 'lee.gu@fabrikam.com';
const OUTSIDER = 'someone@example.org';
const PERSONAL = 'demo.user@outlook.com';
const TEAMS_NEEDS_WORK_ACCOUNT = 'Teams meetings need a work or school account';

const AVAILABILITY = `query ($a: ID!, $s: DateTime!, $e: DateTime!, $who: [String!]!, $i: Int) {
  microsoftAvailability(connectedAccountId: $a, start: $s, end: $e, attendeeEmails: $who, intervalMinutes: $i) {
    email known busy { start end status } workingHours { daysOfWeek startTime endTime timeZone } } }`;
const FIND = `query ($a: ID!, $d: Int!, $who: [String!]!, $from: DateTime!, $until: DateTime, $n: Int) {
  microsoftFindMeetingTimes(connectedAccountId: $a, durationMinutes: $d, attendeeEmails: $who, from: $from, until: $until, count: $n) { start end } }`;
const SCHEDULE = `mutation ($i: ScheduleMicrosoftMeetingInput!) {
  scheduleMicrosoftMeeting(input: $i) { outlookEventId iCalUid subject start end isOnlineMeeting joinUrl attendeeEmails } }`;
const TEAMS_LINK = `mutation ($a: ID!, $s: String) { createMicrosoftTeamsLink(connectedAccountId: $a, subject: $s) { joinWebUrl joinMeetingId passcode } }`;
const ACCOUNTS = `query { microsoftAccounts { id handle accountType teamsMeetings { available reason } } }`;
const UPDATE_CRM_EVENT = `mutation ($id: ID!, $patch: CalendarEventPatch!) { updateCalendarEvent(id: $id, patch: $patch) { id outboundStatus } }`;
const CREATE_CRM_EVENT = `mutation ($channel: ID!, $input: CalendarEventInput!) { createCalendarEvent(calendarChannelId: $channel, input: $input) { id outboundStatus } }`;

interface Person {
  email: string;
  known: boolean;
  busy: Array<{ start: string; end: string; status: string }>;
  workingHours: { daysOfWeek: string[]; startTime: string; endTime: string; timeZone: string } | null;
}

/** Scheduling against the emulator over HTTPS, with real PostgreSQL and Redis. */
describe('Scheduling: free/busy, find a time, meetings with Teams, standalone Teams links, personal accounts', () => {
  let host: TestHost;
  let admin: TestHttpClient;
  let megan: ConnectedMailbox & { client: TestHttpClient; calendarChannelId: string };
  let personal: { client: TestHttpClient; connectedAccountId: string };
  let dispatcher: Agent;

  const query = (sql: string, params: unknown[] = []) => host.dataSource.query(sql, params);
  const adminCall = async (method: string, path: string, body?: unknown) => {
    const response = await admin.request(method, `/_admin${path}`, { body });
    if (response.status >= 300) throw new Error(`${method} ${path} → ${response.status} ${response.text}`);
    return response.status === 204 ? {} : response.json<Record<string, unknown>>();
  };
  const ok = async <T = Record<string, unknown>>(client: TestHttpClient, text: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const result = await client.graphql(text, variables);
    if (result.errors?.length) throw new Error(result.errors[0].message);
    return result.data as T;
  };
  const refused = async (client: TestHttpClient, text: string, variables: Record<string, unknown>) => {
    const result = await client.graphql(text, variables);
    expect(result.errors?.length).toBeGreaterThan(0);
    return { message: result.errors![0].message as string, code: result.errors![0].extensions?.code as string };
  };
  const eventsOf = (user: string) => host.emulator!.store.calendar.listEvents(host.emulator!.store.findUser(user)!.id);
  const at = (dateTime: string, timeZone = 'UTC') => ({ dateTime, timeZone });
  const setMailboxSettings = (user: string, settings: Record<string, unknown>) => adminCall('PUT', `/mailboxes/${user}/mailbox-settings`, settings);

  beforeAll(async () => {
    host = await startTestHost({ microsoft: { allowInsecureWebhookUrl: false } });
    admin = new TestHttpClient(host.emulator!.baseUrl, host.emulator!.caCertPem);
    dispatcher = new Agent({ connect: { ca: host.emulator!.caCertPem } });
    // Alex: busy Monday 1 March 2027 10:00–11:00 UTC, tentative 13:00–13:30; working 09:00–17:00 in London (UTC in winter).
    await adminCall('POST', `/mailboxes/${ALEX}/events`, { subject: 'Alex: board prep', start: at('2027-03-01T10:00:00'), end: at('2027-03-01T11:00:00') });
    await adminCall('POST', `/mailboxes/${ALEX}/events`, { subject: 'Alex: maybe lunch', showAs: 'tentative', start: at('2027-03-01T13:00:00'), end: at('2027-03-01T13:30:00') });
    await setMailboxSettings(ALEX, {
      timeZone: 'GMT Standard Time',
      workingHours: { daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'], startTime: '09:00:00', endTime: '17:00:00', timeZone: { name: 'GMT Standard Time' } },
    });
    await adminCall('POST', `/mailboxes/${PERSONAL}/events`, { subject: 'Dentist', start: at('2027-03-01T12:00:00'), end: at('2027-03-01T13:00:00') });
    // Megan: busy 09:00–10:00 UTC that Monday; working 08:00–16:00 UTC.
    await adminCall('POST', `/mailboxes/${MEGAN}/events`, { subject: 'Megan: standup', start: at('2027-03-01T09:00:00'), end: at('2027-03-01T10:00:00') });
    await setMailboxSettings(MEGAN, {
      timeZone: 'UTC',
      workingHours: { daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'], startTime: '08:00:00', endTime: '16:00:00', timeZone: { name: 'UTC' } },
    });

    const client = host.newClient();
    const mailbox = await connectMailbox(host, client, MEGAN, MEGAN);
    const [channel] = await query(`SELECT "id" FROM "calendarChannel" WHERE "connectedAccountId" = $1`, [mailbox.connectedAccountId]);
    await eventually(async () => {
      const [row] = await query(`SELECT "syncStatus", "syncStage" FROM "calendarChannel" WHERE "id" = $1`, [channel.id]);
      return row.syncStatus === 'ACTIVE' && row.syncStage === 'CALENDAR_EVENT_LIST_FETCH_PENDING';
    }, 60_000, 'first calendar import of Megan');
    megan = { ...mailbox, client, calendarChannelId: channel.id };

    const personalClient = host.newClient();
    await personalClient.signIn(ALEX, 'demo-password');
    const callback = await connectMicrosoftAccount(personalClient, host.emulator!.caCertPem, { account: PERSONAL });
    personal = { client: personalClient, connectedAccountId: new URL(callback.headers.get('location')!).searchParams.get('connectedAccountId')! };
  });

  afterAll(async () => {
    await dispatcher?.close();
    await admin?.close();
    await host?.close();
  });

  it("gives the organiser's and a tenant colleague's busy times and working hours, and outsiders as unknown", async () => {
    const { microsoftAvailability: people } = await ok<{ microsoftAvailability: Person[] }>(megan.client, AVAILABILITY, {
      a: megan.connectedAccountId, s: '2027-03-01T00:00:00.000Z', e: '2027-03-02T00:00:00.000Z', who: [ALEX, LEE, OUTSIDER], i: 30,
    });
    expect(people.map((person) => [person.email, person.known])).toEqual([[MEGAN, true], [ALEX, true], [LEE, false], [OUTSIDER, false]]);
    const [organiser, alex, , outsider] = people;
    expect(organiser!.busy).toEqual([{ start: '2027-03-01T09:00:00.000Z', end: '2027-03-01T10:00:00.000Z', status: 'BUSY' }]);
    expect(alex!.busy).toEqual([
      { start: '2027-03-01T10:00:00.000Z', end: '2027-03-01T11:00:00.000Z', status: 'BUSY' },
      { start: '2027-03-01T13:00:00.000Z', end: '2027-03-01T13:30:00.000Z', status: 'TENTATIVE' },
    ]);
    expect(alex!.workingHours).toEqual({ daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'], startTime: '09:00', endTime: '17:00', timeZone: 'Europe/London' });
    expect(outsider).toEqual({ email: OUTSIDER, known: false, busy: [], workingHours: null });
  });

  it('refuses a window of 62 days or more, and addresses that are not addresses, before calling Outlook', async () => {
    const long = await refused(megan.client, AVAILABILITY, { a: megan.connectedAccountId, s: '2027-03-01T00:00:00.000Z', e: '2027-05-02T00:00:00.000Z', who: [ALEX] });
    expect(long.code).toBe('INVALID_INPUT');
    const bad = await refused(megan.client, AVAILABILITY, { a: megan.connectedAccountId, s: '2027-03-01T00:00:00.000Z', e: '2027-03-02T00:00:00.000Z', who: ['not an address'] });
    expect(bad.code).toBe('INVALID_INPUT');
  });

  it("finds the next free slots inside both working days, tentative counted busy, outsiders ignored", async () => {
    const { microsoftFindMeetingTimes: slots } = await ok<{ microsoftFindMeetingTimes: Array<{ start: string; end: string }> }>(megan.client, FIND, {
      a: megan.connectedAccountId, d: 60, who: [ALEX, OUTSIDER], from: '2027-03-01T00:00:00.000Z', until: '2027-03-02T00:00:00.000Z', n: 4,
    });
    // Both work from 09:00 (Alex) to 16:00 (Megan); busy 09–10 (Megan), 10–11 (Alex), 13:00–13:30 (Alex, tentative).
    expect(slots).toEqual([
      { start: '2027-03-01T11:00:00.000Z', end: '2027-03-01T12:00:00.000Z' },
      { start: '2027-03-01T12:00:00.000Z', end: '2027-03-01T13:00:00.000Z' },
      { start: '2027-03-01T13:30:00.000Z', end: '2027-03-01T14:30:00.000Z' },
      { start: '2027-03-01T14:30:00.000Z', end: '2027-03-01T15:30:00.000Z' },
    ]);
  });

  it('schedules a Teams meeting: the Outlook event has the join URL and the invitation, the CRM row has it as conference link', async () => {
    const { scheduleMicrosoftMeeting: meeting } = await ok<{ scheduleMicrosoftMeeting: Record<string, unknown> }>(megan.client, SCHEDULE, {
      i: {
        connectedAccountId: megan.connectedAccountId, subject: 'Pricing with Alex and Lee', start: '2027-03-01T11:00:00.000Z', end: '2027-03-01T12:00:00.000Z',
        timeZone: 'Europe/Berlin', attendeeEmails: [ALEX, LEE], teamsMeeting: true, body: 'Agenda: pricing', location: 'Online',
      },
    });
    expect(meeting).toMatchObject({ subject: 'Pricing with Alex and Lee', isOnlineMeeting: true, attendeeEmails: [ALEX, LEE] });
    expect(meeting.joinUrl).toMatch(/^https:\/\/teams\.microsoft\.com\/l\/meetup-join\//);

    const outlook = eventsOf(MEGAN).find((event) => event.id === meeting.outlookEventId)!;
    expect(outlook.onlineMeeting?.joinUrl).toBe(meeting.joinUrl);
    expect(outlook.onlineMeetingProvider).toBe('teamsForBusiness');
    expect(outlook.attendees.map((attendee) => attendee.emailAddress.address.toLowerCase()).sort()).toEqual([ALEX, LEE]);
    // Outlook's invitation lands in Alex's calendar (a tenant colleague in the emulator).
    expect(eventsOf(ALEX).some((event) => event.subject === 'Pricing with Alex and Lee')).toBe(true);

    const [row] = await query(
      `SELECT e."title", e."conferenceSolution", e."conferenceLinkPrimaryLinkUrl" AS url, e."startsAt" FROM "calendarEvent" e
       JOIN "calendarChannelEventAssociation" a ON a."calendarEventId" = e."id" WHERE a."calendarChannelId" = $1 AND a."eventExternalId" = $2`,
      [megan.calendarChannelId, meeting.outlookEventId],
    );
    expect(row).toMatchObject({ title: 'Pricing with Alex and Lee', conferenceSolution: 'teamsForBusiness', url: meeting.joinUrl });
    expect(new Date(row.startsAt).toISOString()).toBe('2027-03-01T11:00:00.000Z');
    const participants = await query(
      `SELECT p."handle" FROM "calendarEventParticipant" p JOIN "calendarChannelEventAssociation" a ON a."calendarEventId" = p."calendarEventId"
       WHERE a."eventExternalId" = $1 ORDER BY p."handle"`,
      [meeting.outlookEventId],
    );
    expect(participants.map((participant: { handle: string }) => participant.handle)).toEqual([ALEX, LEE, MEGAN]);

    // The calendar import then reads the same event: one row, unchanged.
    const [before] = await query(`SELECT "updatedAt" FROM "calendarEvent" WHERE "title" = 'Pricing with Alex and Lee'`);
    for (let attempt = 0; attempt < 100 && (await host.app.get(CalendarSyncService).syncChannel(megan.workspaceId, megan.calendarChannelId)) === 'busy'; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const after = await query(`SELECT "updatedAt" FROM "calendarEvent" WHERE "title" = 'Pricing with Alex and Lee'`);
    expect(after).toEqual([before]);
  });

  it('a repeated request with the same idempotency key gives the same meeting, once in Outlook and in the CRM', async () => {
    const input = {
      connectedAccountId: megan.connectedAccountId, subject: 'Retried call', start: '2027-03-03T11:00:00.000Z', end: '2027-03-03T11:30:00.000Z',
      timeZone: 'UTC', attendeeEmails: [ALEX], teamsMeeting: false, idempotencyKey: 'dialog-1',
    };
    const first = (await ok<{ scheduleMicrosoftMeeting: { outlookEventId: string } }>(megan.client, SCHEDULE, { i: input })).scheduleMicrosoftMeeting;
    const again = (await ok<{ scheduleMicrosoftMeeting: { outlookEventId: string } }>(megan.client, SCHEDULE, { i: input })).scheduleMicrosoftMeeting;
    expect(again.outlookEventId).toBe(first.outlookEventId);
    expect(eventsOf(MEGAN).filter((event) => event.subject === 'Retried call')).toHaveLength(1);
    expect(await query(`SELECT 1 FROM "calendarEvent" WHERE "title" = 'Retried call'`)).toHaveLength(1);
  });

  it('a CRM event created with a Teams conference is written to Outlook as an online meeting, its join URL back in the CRM', async () => {
    const { createCalendarEvent: created } = await ok<{ createCalendarEvent: { id: string } }>(megan.client, CREATE_CRM_EVENT, {
      channel: megan.calendarChannelId,
      input: { title: 'CRM Teams call', startsAt: '2027-03-02T10:00:00.000Z', endsAt: '2027-03-02T10:30:00.000Z', timeZone: 'UTC', attendeeEmails: [ALEX], conferenceSolution: 'teamsForBusiness' },
    });
    let row: { url: string | null; conferenceSolution: string | null } | undefined;
    await eventually(async () => {
      [row] = await query(`SELECT "conferenceSolution", "conferenceLinkPrimaryLinkUrl" AS url FROM "calendarEvent" WHERE "id" = $1`, [created.id]);
      return Boolean(row?.url);
    }, 20_000, 'the join URL back in the CRM');
    const outlook = eventsOf(MEGAN).find((event) => event.subject === 'CRM Teams call')!;
    expect(outlook.isOnlineMeeting).toBe(true);
    expect(row).toEqual({ conferenceSolution: 'teamsForBusiness', url: outlook.onlineMeeting!.joinUrl });
  });

  it('a CRM edit that adds a Teams conference makes the Outlook event online; taking it away again is refused', async () => {
    const { createCalendarEvent: created } = await ok<{ createCalendarEvent: { id: string } }>(megan.client, CREATE_CRM_EVENT, {
      channel: megan.calendarChannelId, input: { title: 'CRM plain call', startsAt: '2027-03-02T12:00:00.000Z', endsAt: '2027-03-02T12:30:00.000Z', timeZone: 'UTC' },
    });
    const outlookOf = () => eventsOf(MEGAN).find((event) => event.subject === 'CRM plain call');
    await eventually(async () => Boolean(outlookOf()), 20_000, 'the plain event in Outlook');
    expect(outlookOf()!.isOnlineMeeting).toBe(false);
    await ok(megan.client, UPDATE_CRM_EVENT, { id: created.id, patch: { conferenceSolution: 'teamsForBusiness' } });
    await eventually(async () => {
      const [row] = await query(`SELECT "conferenceLinkPrimaryLinkUrl" AS url FROM "calendarEvent" WHERE "id" = $1`, [created.id]);
      return Boolean(row?.url) && row.url === outlookOf()!.onlineMeeting?.joinUrl;
    }, 20_000, 'the join URL of the edit back in the CRM');
    expect(outlookOf()!.onlineMeetingProvider).toBe('teamsForBusiness');
    const off = await refused(megan.client, UPDATE_CRM_EVENT, { id: created.id, patch: { conferenceSolution: 'skypeForConsumer' } });
    expect(off.message).toMatch(/conference solution|cannot be changed/);
  });

  it('creates a standalone Teams link', async () => {
    const { createMicrosoftTeamsLink: link } = await ok<{ createMicrosoftTeamsLink: { joinWebUrl: string; joinMeetingId: string | null; passcode: string | null } }>(megan.client, TEAMS_LINK, { a: megan.connectedAccountId, s: 'Quick call' });
    expect(link.joinWebUrl).toMatch(/^https:\/\/teams\.microsoft\.com\//);
    expect(link.joinMeetingId).toBeTruthy();
    expect(link.passcode).toBeTruthy();
    // A standalone meeting: nothing in the calendar.
    expect(eventsOf(MEGAN).some((event) => event.subject === 'Quick call')).toBe(false);
  });

  it('shows Teams available on the work account and not on the personal one, with the reason; Teams on it is refused', async () => {
    const work = (await ok<{ microsoftAccounts: Array<Record<string, unknown>> }>(megan.client, ACCOUNTS)).microsoftAccounts;
    expect(work).toEqual([expect.objectContaining({ handle: MEGAN, teamsMeetings: { available: true, reason: null } })]);
    const home = (await ok<{ microsoftAccounts: Array<Record<string, unknown>> }>(personal.client, ACCOUNTS)).microsoftAccounts;
    expect(home).toEqual([expect.objectContaining({ handle: PERSONAL, accountType: 'PERSONAL', teamsMeetings: { available: false, reason: TEAMS_NEEDS_WORK_ACCOUNT } })]);

    const link = await refused(personal.client, TEAMS_LINK, { a: personal.connectedAccountId });
    expect(link).toEqual({ message: TEAMS_NEEDS_WORK_ACCOUNT, code: 'TEAMS_UNAVAILABLE' });
    const meeting = await refused(personal.client, SCHEDULE, {
      i: { connectedAccountId: personal.connectedAccountId, subject: 'Coffee', start: '2027-03-03T10:00:00.000Z', end: '2027-03-03T10:30:00.000Z', timeZone: 'UTC', attendeeEmails: [], teamsMeeting: true },
    });
    expect(meeting.code).toBe('TEAMS_UNAVAILABLE');
    expect(eventsOf(PERSONAL).some((event) => event.subject === 'Coffee')).toBe(false);
  });

  it("gives a personal account its own busy times from its calendar (getSchedule is work-only) and everyone else as unknown", async () => {
    const { microsoftAvailability: people } = await ok<{ microsoftAvailability: Person[] }>(personal.client, AVAILABILITY, {
      a: personal.connectedAccountId, s: '2027-03-01T00:00:00.000Z', e: '2027-03-02T00:00:00.000Z', who: [ALEX],
    });
    expect(people).toEqual([
      { email: PERSONAL, known: true, busy: [{ start: '2027-03-01T12:00:00.000Z', end: '2027-03-01T13:00:00.000Z', status: 'BUSY' }], workingHours: null },
      { email: ALEX, known: false, busy: [], workingHours: null },
    ]);
  });

  it("finds a personal account's free time within its own working hours from its mailbox settings", async () => {
    // demo.user works 10:00–16:00 London time (UTC in early March); the dentist is 12:00–13:00.
    const { microsoftFindMeetingTimes: slots } = await ok<{ microsoftFindMeetingTimes: Array<{ start: string; end: string }> }>(personal.client, FIND, {
      a: personal.connectedAccountId, d: 60, who: [], from: '2027-03-01T00:00:00.000Z', until: '2027-03-02T00:00:00.000Z', n: 10,
    });
    expect(slots.map((slot) => slot.start)).toEqual(['2027-03-01T10:00:00.000Z', '2027-03-01T11:00:00.000Z', '2027-03-01T13:00:00.000Z', '2027-03-01T14:00:00.000Z', '2027-03-01T15:00:00.000Z']);
  });

  it("keeps one member's account from another: another member's account id is not found", async () => {
    const other = await refused(personal.client, AVAILABILITY, { a: megan.connectedAccountId, s: '2027-03-01T00:00:00.000Z', e: '2027-03-02T00:00:00.000Z', who: [] });
    expect(other.code).toBe('NOT_FOUND');
    const link = await refused(personal.client, TEAMS_LINK, { a: megan.connectedAccountId });
    expect(link.code).toBe('NOT_FOUND');
  });

  it('withdrawn OnlineMeetings.ReadWrite turns Teams off with the reason; withdrawn Calendars.ReadWrite gates free/busy', async () => {
    const withdraw = (scope: string) =>
      fetch(`${host.emulator!.baseUrl}/_admin/consents/withdraw`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: MEGAN, clientId: host.microsoft.clientId, scope }), dispatcher,
      });
    const tokens = host.app.get(MicrosoftTokenService);
    expect((await withdraw('OnlineMeetings.ReadWrite')).status).toBe(200);
    await tokens.getAccessToken(megan.workspaceId, megan.connectedAccountId, { forceRefresh: true });
    const [account] = (await ok<{ microsoftAccounts: Array<{ teamsMeetings: { available: boolean; reason: string } }> }>(megan.client, ACCOUNTS)).microsoftAccounts;
    expect(account!.teamsMeetings.available).toBe(false);
    expect(account!.teamsMeetings.reason).toContain('OnlineMeetings.ReadWrite');
    expect((await refused(megan.client, TEAMS_LINK, { a: megan.connectedAccountId })).code).toBe('TEAMS_UNAVAILABLE');

    expect((await withdraw('Calendars.ReadWrite')).status).toBe(200);
    await tokens.getAccessToken(megan.workspaceId, megan.connectedAccountId, { forceRefresh: true });
    const gated = await refused(megan.client, AVAILABILITY, { a: megan.connectedAccountId, s: '2027-03-01T00:00:00.000Z', e: '2027-03-02T00:00:00.000Z', who: [ALEX] });
    expect(gated.message).toContain('FeatureNotGranted');
    expect(gated.code).toBe('MICROSOFT_INSUFFICIENT_PERMISSIONS');
  });
});
