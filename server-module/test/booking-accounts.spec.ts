import { BookingRateLimiter } from '@m365/server-module';
import { DateTime } from 'luxon';
import { connectMicrosoftAccount, eventually, startTestHost, type TestHost, type TestHttpClient } from '../../test-support/index.js';

const PERSONAL = 'demo.user@outlook.com';
const ALEX = 'alex.wilber@contoso.com';
const TEAMS_NEEDS_WORK_ACCOUNT = 'Teams meetings need a work or school account';

const CREATE = `mutation ($i: MicrosoftBookingPageInput!) { createMicrosoftBookingPage(input: $i) {
  id slug teamsAvailable teamsUnavailableReason confirmationsAvailable confirmationsUnavailableReason locationFallback } }`;
const DEFAULTS = `query ($a: ID!) { microsoftBookingPageDefaults(connectedAccountId: $a) { teamsAvailable teamsUnavailableReason busyCalendarIds } }`;

interface Connected {
  client: TestHttpClient;
  connectedAccountId: string;
  defaultCalendarId: string;
}

/** What a booking page does on accounts that cannot do everything: personal ones (no Teams), grants without Mail.Send. */
describe('Booking pages on a personal account and without Mail.Send; daily cap and minimum notice', () => {
  let host: TestHost;
  let personal: Connected;
  let noMail: Connected;
  const store = () => host.emulator!.store;

  const connect = async (member: string, account: string, untick: string[] = []): Promise<Connected> => {
    const client = host.newClient();
    await client.signIn(member, 'demo-password');
    const callback = await connectMicrosoftAccount(client, host.emulator!.caCertPem, { account, untick });
    const connectedAccountId = new URL(callback.headers.get('location')!).searchParams.get('connectedAccountId')!;
    const calendar = async () =>
      (await host.dataSource.query(
        `SELECT c."id" FROM "microsoftCalendar" c JOIN "calendarChannel" ch ON ch."id" = c."calendarChannelId" WHERE ch."connectedAccountId" = $1 AND c."isDefaultCalendar"`,
        [connectedAccountId],
      ))[0]?.id as string | undefined;
    await eventually(async () => (await calendar()) !== undefined, 60_000, `the calendars of ${account}`);
    return { client, connectedAccountId, defaultCalendarId: (await calendar())! };
  };
  const ok = async <T>(client: TestHttpClient, text: string, variables: Record<string, unknown>): Promise<T> => {
    const result = await client.graphql(text, variables);
    if (result.errors?.length) throw new Error(result.errors[0].message);
    return result.data as T;
  };
  const input = (account: Connected, overrides: Record<string, unknown>) => ({
    connectedAccountId: account.connectedAccountId, title: 'Talk', slug: 'x', durationsMinutes: [30], locationKind: 'TEAMS', timeZone: 'UTC',
    workingHours: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map((day) => ({ day, start: '09:00', end: '11:00' })),
    bufferBeforeMinutes: 0, bufferAfterMinutes: 0, minimumNoticeMinutes: 0, horizonDays: 365, dailyCap: null, busyCalendarIds: [account.defaultCalendarId], enabled: true, ...overrides,
  });
  const guest = () => host.newClient();
  const form = (start: string, email: string) => ({ name: 'Pat Guest', email, start, duration: 30, timeZone: 'Asia/Tokyo', submissionKey: `k${start.replace(/\D/g, '')}${email.length}` });

  beforeAll(async () => {
    host = await startTestHost();
    host.app.get(BookingRateLimiter).limits.book = { perClient: 1_000, perPage: 1_000, windowMs: 60_000 };
    personal = await connect(ALEX, PERSONAL);
    noMail = await connect(ALEX, ALEX, ['Mail.Send']);
  });

  afterAll(async () => {
    await host?.close();
  });

  it('a Teams page on a personal account says so in Settings and falls back visibly: the booking has no link and the guest is told', async () => {
    const defaults = await ok<{ microsoftBookingPageDefaults: { teamsAvailable: boolean; teamsUnavailableReason: string } }>(personal.client, DEFAULTS, { a: personal.connectedAccountId });
    expect(defaults.microsoftBookingPageDefaults).toMatchObject({ teamsAvailable: false, teamsUnavailableReason: TEAMS_NEEDS_WORK_ACCOUNT });
    const { createMicrosoftBookingPage: page } = await ok<{ createMicrosoftBookingPage: Record<string, unknown> }>(personal.client, CREATE, { i: input(personal, { slug: 'personal-talk' }) });
    expect(page).toMatchObject({ teamsAvailable: false, teamsUnavailableReason: TEAMS_NEEDS_WORK_ACCOUNT, locationFallback: expect.stringContaining(TEAMS_NEEDS_WORK_ACCOUNT) });
    const html = await guest().request('GET', '/book/personal-talk');
    expect(html.text).toContain('organiser will send how to join');
    const booked = await guest().request('POST', '/book/personal-talk', { body: form('2027-04-05T09:00:00.000Z', 'pat@example.org') });
    expect([booked.status, booked.text.slice(0, 300)]).toEqual([201, expect.any(String)]);
    const answer = booked.json<{ joinUrl: string | null; location: string; when: string }>();
    expect(answer.joinUrl).toBeNull();
    expect(answer.location).toContain(TEAMS_NEEDS_WORK_ACCOUNT);
    expect(answer.when).toBe('Monday 5 April 2027, 18:00–18:30 (Asia/Tokyo)');
    const event = store().calendar.listEvents(store().findUser(PERSONAL)!.id).find((candidate) => candidate.subject === 'Talk: Pat Guest')!;
    expect(event.isOnlineMeeting ?? false).toBe(false);
  });

  it('without Mail.Send the page editor says no confirmations go, and a booking still happens with the page saying so', async () => {
    const { createMicrosoftBookingPage: page } = await ok<{ createMicrosoftBookingPage: Record<string, unknown> }>(noMail.client, CREATE, { i: input(noMail, { slug: 'alex-no-mail' }) });
    expect(page).toMatchObject({ confirmationsAvailable: false, confirmationsUnavailableReason: expect.stringContaining('Mail.Send'), teamsAvailable: true });
    const sentBefore = store().outbound.listOutbound().length;
    const booked = await guest().request('POST', '/book/alex-no-mail', { body: form('2027-04-05T09:00:00.000Z', 'sam@example.org') });
    expect(booked.status).toBe(201);
    const answer = booked.json<{ confirmationSent: boolean; notice: string; joinUrl: string }>();
    expect(answer.confirmationSent).toBe(false);
    expect(answer.notice).toMatch(/No confirmation email was sent/);
    expect(answer.joinUrl).toMatch(/^https:/);
    expect(store().outbound.listOutbound().slice(sentBefore).filter((message) => message.attachments.some((attachment) => attachment.name === 'invite.ics'))).toEqual([]);
  });

  it('a daily cap closes the day once reached, in the page zone', async () => {
    await ok(noMail.client, CREATE, { i: input(noMail, { slug: 'alex-capped', dailyCap: 1, timeZone: 'Asia/Tokyo', workingHours: [{ day: 'tuesday', start: '09:00', end: '12:00' }] }) });
    const slots = async () => (await guest().request('GET', '/book/alex-capped/slots?duration=30&timeZone=Asia/Tokyo&from=2027-04-06')).json<{ days: Array<{ date: string; slots: Array<{ start: string }> }> }>();
    const tuesday = (await slots()).days.find((day) => day.date === '2027-04-06')!;
    expect(tuesday.slots.map((slot) => slot.start)).toEqual(['2027-04-06T00:00:00.000Z', '2027-04-06T00:30:00.000Z', '2027-04-06T01:00:00.000Z', '2027-04-06T01:30:00.000Z', '2027-04-06T02:00:00.000Z', '2027-04-06T02:30:00.000Z']);
    expect((await guest().request('POST', '/book/alex-capped', { body: form('2027-04-06T00:00:00.000Z', 'one@example.org') })).status).toBe(201);
    expect((await slots()).days.find((day) => day.date === '2027-04-06')!.slots).toEqual([]);
    expect((await guest().request('POST', '/book/alex-capped', { body: form('2027-04-06T02:00:00.000Z', 'two@example.org') })).status).toBe(409);
  });

  it('offers nothing sooner than the minimum notice, and refuses a start inside it', async () => {
    await ok(noMail.client, CREATE, { i: input(noMail, { slug: 'alex-notice', minimumNoticeMinutes: 3 * 24 * 60, workingHours: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map((day) => ({ day, start: '00:00', end: '24:00' })) }) });
    const today = DateTime.utc().toISODate()!;
    const week = (await guest().request('GET', `/book/alex-notice/slots?duration=30&timeZone=UTC&from=${today}`)).json<{ days: Array<{ slots: Array<{ start: string }> }> }>();
    const first = week.days.flatMap((day) => day.slots)[0]!;
    const earliest = Date.now() + 3 * 86_400_000;
    expect(Date.parse(first.start)).toBeGreaterThanOrEqual(earliest - 60_000);
    expect(Date.parse(first.start)).toBeLessThan(earliest + 30 * 60_000);
    const tooSoon = DateTime.utc().plus({ days: 1 }).startOf('hour').toISO({ suppressMilliseconds: false })!.replace('+00:00', 'Z');
    const refused = await guest().request('POST', '/book/alex-notice', { body: form(tooSoon, 'soon@example.org') });
    expect([refused.status, refused.json<{ message: string }>().message]).toEqual([400, expect.stringMatching(/notice/)]);
  });

  it("disconnecting the account removes its pages and their bookings; the public page is gone", async () => {
    const rows = async () => (await host.dataSource.query(`SELECT (SELECT count(*)::int FROM "microsoftBookingPage" WHERE "connectedAccountId" = $1) AS "pages", (SELECT count(*)::int FROM "microsoftBooking" WHERE "connectedAccountId" = $1) AS "bookings"`, [noMail.connectedAccountId]))[0];
    expect(await rows()).toEqual({ pages: 3, bookings: 2 });
    await ok(noMail.client, `mutation ($id: ID!) { disconnectMicrosoftAccount(connectedAccountId: $id) }`, { id: noMail.connectedAccountId });
    await eventually(async () => (await rows()).pages === 0, 30_000, 'the booking step of the purge');
    expect(await rows()).toEqual({ pages: 0, bookings: 0 });
    expect((await guest().request('GET', '/book/alex-no-mail')).status).toBe(404);
    expect((await host.dataSource.query(`SELECT count(*)::int AS "n" FROM "microsoftBookingPage" WHERE "connectedAccountId" = $1`, [personal.connectedAccountId]))[0].n).toBe(1);
  });
});
