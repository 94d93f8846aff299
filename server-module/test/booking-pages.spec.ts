import ICAL from 'ical.js';
import { BookingRateLimiter, FreeBusyCache } from '@m365/server-module';
import { connectMailbox, eventually, startTestHost, TestHttpClient, type ConnectedMailbox, type TestHost } from '../../test-support/index.js';

const MEGAN = 'megan.bowen@contoso.com';
const GUEST = 'guest.one@example.org';

const PAGE_FIELDS = 'id slug publicUrl timeZone workingHours { day start end } busyCalendarIds teamsAvailable confirmationsAvailable locationFallback durationsMinutes';
const CREATE = `mutation ($i: MicrosoftBookingPageInput!) { createMicrosoftBookingPage(input: $i) { ${PAGE_FIELDS} } }`;
const UPDATE = `mutation ($id: ID!, $i: MicrosoftBookingPageInput!) { updateMicrosoftBookingPage(id: $id, input: $i) { ${PAGE_FIELDS} } }`;
const DEFAULTS = `query ($a: ID!) { microsoftBookingPageDefaults(connectedAccountId: $a) { timeZone workingHours { day start end } busyCalendarIds teamsAvailable } }`;
const BOOKINGS = `query ($p: ID!) { microsoftBookings(pageId: $p) { id guestEmail start end status joinUrl } }`;

const EVERY_DAY = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map((day) => ({ day, start: '09:00', end: '12:00' }));

/** Booking pages against the emulator over HTTPS, real PostgreSQL: Settings' GraphQL, the slot rules, the public routes, a booking. */
describe('Booking pages: Settings, slots from live Outlook free/busy, the public page, bookings', () => {
  let host: TestHost;
  let admin: TestHttpClient;
  let megan: ConnectedMailbox & { client: TestHttpClient };
  let defaultCalendarId: string;
  let guest: TestHttpClient;
  let firstBooking: { id: string; cancelUrl: string; rescheduleUrl: string };

  const at = (dateTime: string, timeZone = 'UTC') => ({ dateTime, timeZone });
  const adminCall = async (method: string, path: string, body?: unknown) => {
    const response = await admin.request(method, `/_admin${path}`, { body });
    if (response.status >= 300) throw new Error(`${method} ${path} → ${response.status} ${response.text}`);
    return response.status === 204 ? {} : response.json<Record<string, unknown>>();
  };
  const ok = async <T = Record<string, unknown>>(text: string, variables: Record<string, unknown>, client = megan.client): Promise<T> => {
    const result = await client.graphql(text, variables);
    if (result.errors?.length) throw new Error(result.errors[0].message);
    return result.data as T;
  };
  const refused = async (text: string, variables: Record<string, unknown>, client = megan.client) => {
    const result = await client.graphql(text, variables);
    expect(result.errors?.length).toBeGreaterThan(0);
    return { message: result.errors![0].message as string, code: result.errors![0].extensions?.code as string };
  };
  const pageInput = (overrides: Record<string, unknown> = {}) => ({
    connectedAccountId: megan.connectedAccountId, title: 'Intro call', slug: 'megan-intro', description: 'Thirty minutes to meet.', durationsMinutes: [60],
    locationKind: 'TEAMS', locationDetail: null, timeZone: 'Europe/Paris', workingHours: EVERY_DAY, bufferBeforeMinutes: 0, bufferAfterMinutes: 15,
    minimumNoticeMinutes: 0, horizonDays: 365, dailyCap: null, busyCalendarIds: [defaultCalendarId], enabled: true, ...overrides,
  });
  const slotsOf = async (slug: string, from: string, timeZone = 'UTC', duration = 60) => {
    const response = await guest.request('GET', `/book/${slug}/slots?duration=${duration}&timeZone=${encodeURIComponent(timeZone)}&from=${from}`);
    expect([response.status, response.text.slice(0, 200)]).toEqual([200, expect.any(String)]);
    return response.json<{ timeZone: string; days: Array<{ date: string; slots: Array<{ start: string; label: string }> }> }>();
  };
  const startsOn = (answer: Awaited<ReturnType<typeof slotsOf>>, date: string) => answer.days.find((day) => day.date === date)!.slots.map((slot) => slot.start.slice(11, 16));
  const book = (slug: string, body: Record<string, unknown>) => guest.request('POST', `/book/${slug}`, { body });
  const form = (start: string, overrides: Record<string, unknown> = {}) => ({ name: 'Guest One', email: GUEST, note: 'Looking forward', start, duration: 60, timeZone: 'America/New_York', submissionKey: `key-${start.replace(/\D/g, '')}-${Math.random().toString(36).slice(2)}`, ...overrides });

  beforeAll(async () => {
    host = await startTestHost();
    admin = new TestHttpClient(host.emulator!.baseUrl, host.emulator!.caCertPem);
    await adminCall('PUT', `/mailboxes/${MEGAN}/mailbox-settings`, {
      timeZone: 'Romance Standard Time',
      workingHours: { daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'], startTime: '08:30:00', endTime: '17:30:00', timeZone: { name: 'Romance Standard Time' } },
    });
    // The week of 22 March 2027 (Paris changes to summer time on Sunday 28th): a busy hour, a tentative one, an all-day
    // event, a weekly recurring meeting, and a free one that does not count.
    await adminCall('POST', `/mailboxes/${MEGAN}/events`, { subject: 'Private: board', start: at('2027-03-23T09:00:00'), end: at('2027-03-23T10:00:00') });
    await adminCall('POST', `/mailboxes/${MEGAN}/events`, { subject: 'Private: maybe', showAs: 'tentative', start: at('2027-03-24T08:00:00'), end: at('2027-03-24T09:00:00') });
    await adminCall('POST', `/mailboxes/${MEGAN}/events`, { subject: 'Private: offsite', isAllDay: true, start: at('2027-03-25T00:00:00', 'Romance Standard Time'), end: at('2027-03-26T00:00:00', 'Romance Standard Time') });
    await adminCall('POST', `/mailboxes/${MEGAN}/events`, {
      subject: 'Private: weekly', start: at('2027-03-05T08:00:00'), end: at('2027-03-05T11:00:00'),
      recurrence: { pattern: { type: 'weekly', interval: 1, daysOfWeek: ['friday'] }, range: { type: 'noEnd', startDate: '2027-03-05' } },
    });
    await adminCall('POST', `/mailboxes/${MEGAN}/events`, { subject: 'Private: free', showAs: 'free', start: at('2027-03-27T08:00:00'), end: at('2027-03-27T09:00:00') });
    const client = host.newClient();
    const mailbox = await connectMailbox(host, client, MEGAN, MEGAN);
    megan = { ...mailbox, client };
    await eventually(async () => (await host.dataSource.query(`SELECT 1 FROM "microsoftCalendar" c JOIN "calendarChannel" ch ON ch."id" = c."calendarChannelId" WHERE ch."connectedAccountId" = $1`, [mailbox.connectedAccountId])).length > 0, 60_000, "Megan's calendars");
    [{ id: defaultCalendarId }] = await host.dataSource.query(
      `SELECT c."id" FROM "microsoftCalendar" c JOIN "calendarChannel" ch ON ch."id" = c."calendarChannelId" WHERE ch."connectedAccountId" = $1 AND c."isDefaultCalendar"`,
      [mailbox.connectedAccountId],
    );
    guest = host.newClient();
    // Every request here comes from one address: the limits have a test of their own below.
    host.app.get(BookingRateLimiter).limits.book = { perClient: 1_000, perPage: 1_000, windowMs: 60_000 };
  });

  afterAll(async () => {
    await admin?.close();
    await host?.close();
  });

  it("gives a new page's defaults from Outlook: the mailbox's zone and working week, the default calendar as busy", async () => {
    const { microsoftBookingPageDefaults: defaults } = await ok<{ microsoftBookingPageDefaults: Record<string, unknown> }>(DEFAULTS, { a: megan.connectedAccountId });
    expect(defaults).toEqual({
      timeZone: 'Europe/Paris',
      workingHours: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'].map((day) => ({ day, start: '08:30', end: '17:30' })),
      busyCalendarIds: [defaultCalendarId],
      teamsAvailable: true,
    });
  });

  it('refuses bad input with BAD_USER_INPUT naming the field, and pages of others as NOT_FOUND', async () => {
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ slug: 'Bad Slug!' }, /^Slug:/],
      [{ durationsMinutes: [] }, /^Durations:/],
      [{ workingHours: [{ day: 'monday', start: '12:00', end: '09:00' }] }, /end must be after the start/],
      [{ timeZone: 'Mars/Olympus' }, /^Time zone:/],
      [{ busyCalendarIds: ['00000000-0000-4000-8000-000000000000'] }, /not one of this account's/],
      [{ locationKind: 'PHONE', locationDetail: null }, /phone number/],
    ];
    for (const [overrides, message] of cases) {
      const answer = await refused(CREATE, { i: pageInput({ slug: 'refused-page', ...overrides }) });
      expect([overrides, answer.code, answer.message]).toEqual([overrides, 'BAD_USER_INPUT', expect.stringMatching(message)]);
    }
    await ok(CREATE, { i: pageInput({ slug: 'taken-slug' }) });
    expect(await refused(CREATE, { i: pageInput({ slug: 'taken-slug' }) })).toEqual({ code: 'BAD_USER_INPUT', message: 'That address is taken: pick another slug.' });
    const other = host.newClient();
    await other.signIn('alex.wilber@contoso.com', 'demo-password');
    const [{ id }] = await host.dataSource.query(`SELECT "id" FROM "microsoftBookingPage" WHERE "slug" = 'taken-slug'`);
    expect((await refused(UPDATE, { id, i: pageInput({ slug: 'stolen-slug' }) }, other)).code).toBe('NOT_FOUND');
    expect((await refused(BOOKINGS, { p: id }, other)).code).toBe('NOT_FOUND');
  });

  it('offers slots in working hours in the page zone, clear of busy, tentative, all-day and recurring events with buffers, across the DST change', async () => {
    const { createMicrosoftBookingPage: page } = await ok<{ createMicrosoftBookingPage: { slug: string; publicUrl: string } }>(CREATE, { i: pageInput({ slug: 'megan-rules' }) });
    expect(page.publicUrl).toMatch(/\/book\/megan-rules$/);
    const week = await slotsOf('megan-rules', '2027-03-22');
    // 09:00–12:00 in Paris is 08:00–11:00 UTC in winter: 60-minute slots every 30 minutes.
    expect(startsOn(week, '2027-03-22')).toEqual(['08:00', '08:30', '09:00', '09:30', '10:00']);
    // Busy 09:00–10:00 UTC with 15 minutes after each slot: only 10:00 remains.
    expect(startsOn(week, '2027-03-23')).toEqual(['10:00']);
    // Tentative 08:00–09:00 counts as busy.
    expect(startsOn(week, '2027-03-24')).toEqual(['09:00', '09:30', '10:00']);
    // The all-day event fills the whole Paris day; the weekly Friday meeting (08:00–11:00) fills Friday.
    expect(startsOn(week, '2027-03-25')).toEqual([]);
    expect(startsOn(week, '2027-03-26')).toEqual([]);
    // showAs free does not count.
    expect(startsOn(week, '2027-03-27')).toEqual(['08:00', '08:30', '09:00', '09:30', '10:00']);
    // Summer time from Sunday 28 March: 09:00 in Paris is 07:00 UTC.
    expect(startsOn(week, '2027-03-28')).toEqual(['07:00', '07:30', '08:00', '08:30', '09:00']);
    // In the guest's zone, labels are their wall times.
    const newYork = await slotsOf('megan-rules', '2027-03-22', 'America/New_York');
    expect(newYork.days.find((day) => day.date === '2027-03-22')!.slots.map((slot) => slot.label)).toEqual(['04:00', '04:30', '05:00', '05:30', '06:00']);
  });

  it('keeps to the horizon and refuses bad queries', async () => {
    await ok(CREATE, { i: pageInput({ slug: 'megan-short', horizonDays: 1 }) });
    const far = await guest.request('GET', '/book/megan-short/slots?duration=60&timeZone=UTC&from=2027-03-22');
    expect(far.status).toBe(400);
    expect((await guest.request('GET', '/book/megan-rules/slots?duration=45&timeZone=UTC')).status).toBe(400);
    expect((await guest.request('GET', '/book/megan-rules/slots?duration=60&timeZone=Nowhere%2FLand')).status).toBe(400);
    expect((await guest.request('GET', '/book/no-such-page/slots?duration=60')).status).toBe(404);
  });

  it('serves the public page with security headers, its script as a file, and no member address', async () => {
    const page = await guest.request('GET', '/book/megan-rules', { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    expect(page.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.text).toContain('<script src="/book/static/booking-page.js" defer></script>');
    expect(page.text).not.toMatch(/<script>/);
    expect(page.text).not.toContain(MEGAN);
    expect((await guest.request('GET', '/book/static/booking-page.js')).headers.get('content-type')).toMatch(/javascript/);
    const slots = await guest.request('GET', '/book/megan-rules/slots?duration=60&timeZone=UTC&from=2027-03-22');
    expect(slots.text).not.toMatch(/Private|megan/i);
  });

  it('books: the Outlook event with the guest and a Teams link, the guest as a person, a confirmation with an .ics; a repeat gives the same booking', async () => {
    const submission = form('2027-03-22T08:00:00.000Z');
    const first = await book('megan-rules', submission);
    expect([first.status, first.text.slice(0, 300)]).toEqual([201, expect.any(String)]);
    const answer = first.json<{ id: string; joinUrl: string; when: string; confirmationSent: boolean; cancelUrl: string; rescheduleUrl: string }>();
    firstBooking = answer;
    expect(answer.when).toBe('Monday 22 March 2027, 04:00–05:00 (America/New_York)');
    expect(answer.confirmationSent).toBe(true);
    const again = await book('megan-rules', submission);
    expect(again.json<{ id: string }>().id).toBe(answer.id);
    const store = host.emulator!.store;
    const events = store.calendar.listEvents(store.findUser(MEGAN)!.id).filter((event) => event.subject === 'Intro call: Guest One');
    expect(events).toHaveLength(1);
    const event = events[0]!;
    expect(event.attendees?.map((attendee) => attendee.emailAddress.address)).toEqual([GUEST]);
    expect(answer.joinUrl).toBeTruthy();
    expect((event as { onlineMeeting?: { joinUrl?: string } }).onlineMeeting?.joinUrl).toBe(answer.joinUrl);
    const people = await host.dataSource.query(`SELECT "id" FROM "person" WHERE lower("emailsPrimaryEmail") = $1`, [GUEST]);
    expect(people).toHaveLength(1);
    // The CRM has the event, on the guest's Calendar tab (its participant is the person).
    const participants = await host.dataSource.query(
      `SELECT p."personId", e."conferenceLinkPrimaryLinkUrl" AS "link" FROM "calendarEventParticipant" p JOIN "calendarEvent" e ON e."id" = p."calendarEventId" WHERE lower(p."handle") = $1`,
      [GUEST],
    );
    expect(participants).toEqual([{ personId: people[0].id, link: answer.joinUrl }]);
    const mails = store.outbound.listOutbound().filter((message) => message.to.some((recipient) => recipient.address === GUEST) && message.attachments.some((attachment) => attachment.name === 'invite.ics'));
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.from.address).toBe(MEGAN);
    expect(mail.body.content).toContain(answer.joinUrl);
    expect(mail.body.content).toContain('Monday 22 March 2027, 04:00–05:00 (America/New_York)');
    const file = store.outbound.getOutbound(mail.id)!.attachments.find((attachment) => attachment.name === 'invite.ics')!;
    const calendar = new ICAL.Component(ICAL.parse(file.bytes.toString('utf8')));
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    const vevent = calendar.getFirstSubcomponent('vevent')!;
    const [{ iCalUid }] = await host.dataSource.query(`SELECT "iCalUid" FROM "microsoftBooking" WHERE "id" = $1`, [answer.id]);
    expect(vevent.getFirstPropertyValue('uid')).toBe(iCalUid);
    expect(vevent.getFirstPropertyValue('sequence')).toBe(0);
    // The URI scheme is case-insensitive (RFC 3986 §3.1).
    expect(String(vevent.getFirstPropertyValue('organizer')).toLowerCase()).toBe(`mailto:${MEGAN}`);
    const attendee = vevent.getFirstProperty('attendee')!;
    expect([String(attendee.getFirstValue()).toLowerCase(), attendee.getParameter('cn'), attendee.getParameter('role')]).toEqual([`mailto:${GUEST}`, 'Guest One', 'REQ-PARTICIPANT']);
    const start = vevent.getFirstPropertyValue('dtstart') as ICAL.Time;
    expect([start.toString(), start.zone?.tzid]).toEqual(['2027-03-22T08:00:00Z', 'UTC']);
    expect((vevent.getFirstPropertyValue('dtend') as ICAL.Time).toString()).toBe('2027-03-22T09:00:00Z');
    const { microsoftBookings } = await ok<{ microsoftBookings: Array<{ id: string; status: string }> }>(BOOKINGS, { p: (await host.dataSource.query(`SELECT "pageId" FROM "microsoftBooking" WHERE "id" = $1`, [answer.id]))[0].pageId });
    expect(microsoftBookings.map((booking) => [booking.id, booking.status])).toEqual([[answer.id, 'CONFIRMED']]);
    // The slot and its buffer are gone from the page.
    expect(startsOn(await slotsOf('megan-rules', '2027-03-22'), '2027-03-22')).toEqual(['09:30', '10:00']);
  });

  it('moves the booking through its reschedule link, then cancels it through the new cancel link: Outlook, the .ics and the slot follow', async () => {
    const store = host.emulator!.store;
    const path = (url: string) => new URL(url).pathname;
    const invitations = (name: string) => store.outbound.listOutbound().filter((message) => message.attachments.some((attachment) => attachment.name === name)).map((message) => store.outbound.getOutbound(message.id)!);
    const parsed = (bytes: Buffer) => {
      const calendar = new ICAL.Component(ICAL.parse(bytes.toString('utf8')));
      const vevent = calendar.getFirstSubcomponent('vevent')!;
      return { method: calendar.getFirstPropertyValue('method'), uid: vevent.getFirstPropertyValue('uid'), sequence: vevent.getFirstPropertyValue('sequence'), start: String(vevent.getFirstPropertyValue('dtstart')) };
    };
    const [{ iCalUid, outlookEventId }] = await host.dataSource.query(`SELECT "iCalUid", "outlookEventId" FROM "microsoftBooking" WHERE "id" = $1`, [firstBooking.id]);
    const page = await guest.request('GET', `${path(firstBooking.rescheduleUrl)}?from=2027-03-21`);
    expect(page.status).toBe(200);
    expect(page.text.includes('value="2027-03-22T10:00:00.000Z"')).toBe(true);
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    // A reschedule link does not cancel.
    expect((await guest.request('POST', path(firstBooking.rescheduleUrl), { body: { action: 'cancel' } })).status).toBe(410);
    const moved = await guest.request('POST', path(firstBooking.rescheduleUrl), { body: { action: 'reschedule', start: '2027-03-22T10:00:00.000Z' } });
    expect([moved.status, moved.text.slice(0, 200)]).toEqual([200, expect.any(String)]);
    const movedAnswer = moved.json<{ start: string; status: string; cancelUrl: string }>();
    expect([movedAnswer.start, movedAnswer.status]).toEqual(['2027-03-22T10:00:00.000Z', 'CONFIRMED']);
    const event = store.calendar.listEvents(store.findUser(MEGAN)!.id).find((candidate) => candidate.subject === 'Intro call: Guest One')!;
    expect(new Date(`${event.start.dateTime.slice(0, 19)}Z`).toISOString()).toBe('2027-03-22T10:00:00.000Z');
    const update = parsed(invitations('invite.ics').at(-1)!.attachments.find((attachment) => attachment.name === 'invite.ics')!.bytes);
    expect(update).toEqual({ method: 'REQUEST', uid: iCalUid, sequence: 1, start: '2027-03-22T10:00:00Z' });
    expect(startsOn(await slotsOf('megan-rules', '2027-03-22'), '2027-03-22')).toEqual(['08:00', '08:30']);
    // The links of the booking before it moved do nothing now; a forged one neither.
    expect((await guest.request('POST', path(firstBooking.cancelUrl), { body: { action: 'cancel' } })).status).toBe(410);
    expect((await guest.request('GET', `${path(movedAnswer.cancelUrl)}x`)).status).toBe(410);
    const cancelled = await guest.request('POST', path(movedAnswer.cancelUrl), { body: { action: 'cancel' } });
    expect([cancelled.status, cancelled.json<{ status: string }>().status]).toEqual([200, 'CANCELLED']);
    const after = store.calendar.listEvents(store.findUser(MEGAN)!.id).find((candidate) => candidate.id === outlookEventId);
    expect(after === undefined || (after as { isCancelled?: boolean }).isCancelled === true).toBe(true);
    const cancel = parsed(invitations('cancel.ics').at(-1)!.attachments.find((attachment) => attachment.name === 'cancel.ics')!.bytes);
    expect(cancel).toEqual({ method: 'CANCEL', uid: iCalUid, sequence: 2, start: '2027-03-22T10:00:00Z' });
    expect(startsOn(await slotsOf('megan-rules', '2027-03-22'), '2027-03-22')).toEqual(['08:00', '08:30', '09:00', '09:30', '10:00']);
    expect((await guest.request('POST', path(movedAnswer.cancelUrl), { body: { action: 'cancel' } })).status).toBe(410);
  });

  it('two guests racing for one slot: exactly one books it, the other is told it was just taken and gets fresh slots', async () => {
    const [a, b] = await Promise.all([book('megan-rules', form('2027-03-27T08:00:00.000Z', { email: 'racer.a@example.org' })), book('megan-rules', form('2027-03-27T08:00:00.000Z', { email: 'racer.b@example.org' }))]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const loser = (a.status === 409 ? a : b).json<{ code: string; message: string; slots: string[] }>();
    expect(loser.code).toBe('SLOT_TAKEN');
    expect(loser.slots).not.toContain('2027-03-27T08:00:00.000Z');
    const rows = await host.dataSource.query(`SELECT 1 FROM "microsoftBooking" WHERE "start" = '2027-03-27T08:00:00Z' AND "status" = 'CONFIRMED'`);
    expect(rows).toHaveLength(1);
  });

  it('refuses a slot that Outlook filled since the page was loaded (checked against Outlook, not the cache)', async () => {
    expect(startsOn(await slotsOf('megan-rules', '2027-03-22'), '2027-03-28')).toContain('07:00');
    await adminCall('POST', `/mailboxes/${MEGAN}/events`, { subject: 'Private: late', start: at('2027-03-28T07:00:00'), end: at('2027-03-28T08:00:00') });
    const answer = await book('megan-rules', form('2027-03-28T07:00:00.000Z'));
    expect(answer.status).toBe(409);
  });

  it('validates the guest form and limits how often a client books', async () => {
    expect((await book('megan-rules', form('2027-03-28T09:00:00.000Z', { email: 'not an address' }))).json<{ message: string }>().message).toMatch(/^Email:/);
    expect((await book('megan-rules', form('2027-03-28T09:10:00.000Z'))).status).toBe(400);
    expect((await book('megan-rules', form('2027-03-28T09:00:00.000Z', { timeZone: 'Nowhere/Land' }))).status).toBe(400);
    expect((await book('megan-rules', form('2027-03-28T09:00:00.000Z', { name: 'x'.repeat(101) }))).status).toBe(400);
    const limiter = host.app.get(BookingRateLimiter);
    await limiter.reset();
    limiter.limits.book = { perClient: 2, perPage: 100, windowMs: 60_000 };
    const statuses = [];
    for (let index = 0; index < 3; index += 1) statuses.push((await book('megan-rules', form('2027-03-28T09:00:00.000Z', { email: 'bad' }))).status);
    expect(statuses).toEqual([400, 400, 429]);
    // Per page too: whoever asks, a page answers so many reads a minute.
    await limiter.reset();
    limiter.limits.read = { perClient: 1_000, perPage: 2, windowMs: 60_000 };
    const reads = [];
    for (let index = 0; index < 3; index += 1) reads.push((await guest.request('GET', '/book/megan-short')).status);
    expect(reads).toEqual([200, 200, 429]);
    expect((await guest.request('GET', '/book/megan-rules')).status).toBe(200);
    limiter.limits.read = { perClient: 1_000, perPage: 1_000, windowMs: 60_000 };
    await limiter.reset();
    limiter.limits.book = { perClient: 1_000, perPage: 1_000, windowMs: 60_000 };
    host.app.get(FreeBusyCache).clear();
  });

  it('a disabled page is not there for guests, and its slug stays the member\'s', async () => {
    const [{ id }] = await host.dataSource.query(`SELECT "id" FROM "microsoftBookingPage" WHERE "slug" = 'megan-short'`);
    await ok(UPDATE, { id, i: pageInput({ slug: 'megan-short', horizonDays: 1, enabled: false }) });
    expect((await guest.request('GET', '/book/megan-short')).status).toBe(404);
    expect((await book('megan-short', form('2027-03-22T08:00:00.000Z'))).status).toBe(404);
    expect((await refused(CREATE, { i: pageInput({ slug: 'megan-short' }) })).message).toBe('That address is taken: pick another slug.');
  });
});
