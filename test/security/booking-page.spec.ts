import { randomBytes, randomUUID } from 'node:crypto';
import { Agent, fetch } from 'undici';
import { BookingRateLimiter, FreeBusyCache, InProcessBookingRateLimiter } from '@m365/server-module';
import { clientKeyOf } from '../../server-module/src/booking/public/booking-rate-limiter.js';
import { hashPassword } from '../../dev-host/src/auth/password-hasher.js';
import { connectMailbox, eventually, startTestHost, TestHttpClient, type ConnectedMailbox, type TestHost, type TestResponse } from '../../test-support/index.js';

const MEGAN = 'megan.bowen@contoso.com';
const GUEST = 'guest.sec@example.org';
const EVE = 'eve.booking@tenant-b.example';
const EVE_PASSWORD = 'eve-demo-password';
const CREATE = `mutation ($i: MicrosoftBookingPageInput!) { createMicrosoftBookingPage(input: $i) { id slug } }`;
const MINUTE = 60_000;
const DAY = 86_400_000;
const HORIZON_DAYS = 10;
/** Working hours every day, in UTC, so a slot's instant says whether it is inside them. */
const HOURS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map((day) => ({ day, start: '09:00', end: '12:00' }));
const MARKUP = `<script>alert(1)</script><img src=x onerror="alert('x')">&amp;`;

interface Slots {
  timeZone: string;
  days: Array<{ date: string; label: string; slots: Array<{ start: string; label: string }> }>;
}

/**
 * The public booking page as an attacker sees it: guessing pages, members and cancel links answers nothing a guest
 * should not learn, slots say no more than "free", floods stop at the page's limits, and hostile input is refused or
 * kept as text.
 */
describe('Security — the public booking page: enumeration, scraping, token guessing, floods, inputs', () => {
  let host: TestHost;
  let megan: ConnectedMailbox & { client: TestHttpClient };
  let eve: TestHttpClient;
  let guest: TestHttpClient;
  let limiter: BookingRateLimiter;
  let defaultCalendarId: string;
  let pageId: string;
  /** Every id and name of Megan's that the page does not publish. */
  let memberSecrets: string[];

  const query = (sql: string, params: unknown[] = []) => host.dataSource.query(sql, params);
  const pageInput = (overrides: Record<string, unknown> = {}) => ({
    connectedAccountId: megan.connectedAccountId, title: 'Security review call', slug: 'sec-open', description: 'Half an hour.', durationsMinutes: [30],
    locationKind: 'PHONE', locationDetail: '+1 555 0100', timeZone: 'UTC', workingHours: HOURS, bufferBeforeMinutes: 0, bufferAfterMinutes: 0,
    minimumNoticeMinutes: 0, horizonDays: HORIZON_DAYS, dailyCap: null, busyCalendarIds: [defaultCalendarId], enabled: true, ...overrides,
  });
  const createPage = async (overrides: Record<string, unknown>) => {
    const result = await megan.client.graphql<{ createMicrosoftBookingPage: { id: string } }>(CREATE, { i: pageInput(overrides) });
    if (result.errors?.length) throw new Error(result.errors[0]!.message);
    return result.data!.createMicrosoftBookingPage.id;
  };
  const slotsOf = async (slug: string, extra = '') => {
    const response = await guest.get(`/book/${slug}/slots?duration=30&timeZone=UTC${extra}`);
    expect([response.status, response.text.slice(0, 200)]).toEqual([200, expect.any(String)]);
    return response.json<Slots>();
  };
  /** A free slot of the page, `skip` slots into its horizon (tomorrow on, so notice never takes it away meanwhile). */
  const freeSlot = async (skip: number) => {
    const tomorrow = new Date(Date.now() + DAY).toISOString().slice(0, 10);
    const starts = (await slotsOf('sec-open', `&from=${tomorrow}`)).days.flatMap((day) => day.slots.map((slot) => slot.start));
    expect(starts.length).toBeGreaterThan(skip);
    return starts[skip]!;
  };
  const form = (start: string, overrides: Record<string, unknown> = {}) => ({ name: 'Guest Sec', email: GUEST, note: null, start, duration: 30, timeZone: 'Europe/Paris', submissionKey: `key-${randomUUID()}`, ...overrides });
  const book = (body: unknown, client = guest, slug = 'sec-open') => client.request('POST', `/book/${slug}`, { body });
  const bookingCount = async () => (await query(`SELECT count(*)::int AS n FROM "microsoftBooking" WHERE "pageId" = $1`, [pageId]))[0].n as number;
  const bookingsState = async () => JSON.stringify(await query(`SELECT "id", "status", "start", "end", "sequence", "outlookEventId", "updatedAt" FROM "microsoftBooking" ORDER BY "id"`));
  const meganUser = () => host.emulator!.store.findUser(MEGAN)!.id;
  const outlookState = () => JSON.stringify(host.emulator!.store.calendar.listEvents(meganUser()).map((event) => [event.id, event.changeKey]));
  /** Everything an answer shows: status, headers (the date aside) and body. */
  const visible = (response: TestResponse) => ({
    status: response.status,
    headers: Object.fromEntries([...response.headers].filter(([name]) => name !== 'date')),
    body: response.text,
  });
  const leaks = (response: TestResponse) => {
    const shown = `${JSON.stringify([...response.headers])}\n${response.text}`.toLowerCase();
    return memberSecrets.filter((secret) => shown.includes(secret.toLowerCase()));
  };
  const withLimits = async (limits: Partial<BookingRateLimiter['limits']>, run: () => Promise<void>) => {
    await limiter.reset();
    const saved = { read: { ...limiter.limits.read }, book: { ...limiter.limits.book } };
    Object.assign(limiter.limits, limits);
    try {
      await run();
    } finally {
      limiter.limits = saved;
      await limiter.reset();
    }
  };

  beforeAll(async () => {
    host = await startTestHost();
    const client = host.newClient();
    megan = { ...(await connectMailbox(host, client, MEGAN, MEGAN)), client };
    await eventually(async () => (await query(`SELECT 1 FROM "microsoftCalendar" c JOIN "calendarChannel" ch ON ch."id" = c."calendarChannelId" WHERE ch."connectedAccountId" = $1 AND c."isDefaultCalendar"`, [megan.connectedAccountId])).length > 0, 60_000, "Megan's calendars");
    [{ id: defaultCalendarId }] = await query(
      `SELECT c."id" FROM "microsoftCalendar" c JOIN "calendarChannel" ch ON ch."id" = c."calendarChannelId" WHERE ch."connectedAccountId" = $1 AND c."isDefaultCalendar"`,
      [megan.connectedAccountId],
    );
    pageId = await createPage({});
    await createPage({ slug: 'sec-disabled', title: 'Hidden page', enabled: false });
    // A meeting the page must only show as "not free": its subject and attendee are Megan's business.
    const busyDay = new Date(Date.now() + 2 * DAY).toISOString().slice(0, 10);
    const admin = new TestHttpClient(host.emulator!.baseUrl, host.emulator!.caCertPem);
    const created = await admin.request('POST', `/_admin/mailboxes/${MEGAN}/events`, {
      body: {
        subject: 'Secret acquisition talks', start: { dateTime: `${busyDay}T10:00:00`, timeZone: 'UTC' }, end: { dateTime: `${busyDay}T11:00:00`, timeZone: 'UTC' },
        attendees: [{ type: 'required', emailAddress: { address: 'ceo@fabrikam.example', name: 'Fabrikam CEO' } }],
      },
    });
    expect(created.status).toBeLessThan(300);
    await admin.close();
    const [member] = await query(`SELECT "workspaceMemberId" FROM "microsoftBookingPage" WHERE "id" = $1`, [pageId]);
    const user = host.emulator!.store.findUser(MEGAN)!;
    memberSecrets = [MEGAN, 'Megan', 'Bowen', megan.connectedAccountId, megan.workspaceId, member.workspaceMemberId, megan.messageChannelId, defaultCalendarId, pageId, user.id, 'Secret acquisition', 'fabrikam'];
    const [{ id: workspaceB }] = await query(`INSERT INTO "workspace" ("displayName") VALUES ('Booking tenant B') RETURNING "id"`);
    await query(`INSERT INTO "workspaceMember" ("workspaceId", "nameFirstName", "nameLastName", "userEmail", "passwordHash") VALUES ($1, 'Eve', 'Other', $2, $3)`, [workspaceB, EVE, await hashPassword(EVE_PASSWORD)]);
    eve = host.newClient();
    await eve.signIn(EVE, EVE_PASSWORD);
    guest = host.newClient();
    limiter = host.app.get(BookingRateLimiter);
    limiter.limits = { read: { perClient: 10_000, perPage: 10_000, windowMs: 60_000 }, book: { perClient: 10_000, perPage: 10_000, windowMs: 60_000 } };
  }, 180_000);

  afterAll(async () => {
    await host?.close();
  });

  describe('enumeration of pages', () => {
    /** Addresses an attacker tries: a missing slug, the disabled page, ids of real rows, and slugs no page could have. */
    const guesses = () => ['no-such-page', 'sec-disabled', pageId, pageId.toUpperCase(), megan.connectedAccountId, 'ab', 'Sec-Open', 'x'.repeat(61), 'sec_open', '..%2fadmin', 'sec-open%00', 'sec-open%0d%0aX-Leak:%201'];

    it.each([
      ['the page', (slug: string) => guest.get(`/book/${slug}`)],
      ['its slots', (slug: string) => guest.get(`/book/${slug}/slots?duration=30&timeZone=UTC`)],
      ['a booking', (slug: string) => book(form(new Date(Date.now() + DAY).toISOString()), guest, slug)],
    ])('%s: every guess answers exactly what a missing page answers, signed in to another workspace or not', async (_label, ask) => {
      const missing = visible(await ask('no-such-page'));
      expect(missing.status).toBe(404);
      for (const slug of guesses()) {
        expect([slug, visible(await ask(slug))]).toEqual([slug, missing]);
      }
      // Eve, signed in to workspace B, learns nothing more than an anonymous guest.
      const asEve = await (_label === 'the page' ? eve.get('/book/sec-disabled') : _label === 'its slots' ? eve.get('/book/sec-disabled/slots?duration=30&timeZone=UTC') : book(form(new Date(Date.now() + DAY).toISOString()), eve, 'sec-disabled'));
      expect(visible(asEve)).toEqual(missing);
    });

    it("an open page's HTML, slots and headers name nothing of the member beyond the page's title, description and location", async () => {
      const page = await guest.get('/book/sec-open');
      expect(page.status).toBe(200);
      expect(page.text).toContain('Security review call');
      const slots = await guest.get('/book/sec-open/slots?duration=30&timeZone=UTC');
      const script = await guest.get('/book/static/booking-page.js');
      for (const response of [page, slots, script]) expect(leaks(response)).toEqual([]);
    });
  });

  describe('slot scraping', () => {
    it('slots carry only a start and a label, inside working hours and the horizon; the busy meeting is just absent', async () => {
      const now = Date.now();
      const starts: string[] = [];
      let response = await guest.get('/book/sec-open/slots?duration=30&timeZone=UTC');
      for (let week = 0; week < 4 && response.status === 200; week += 1) {
        const answer = response.json<Slots & { nextFrom: string | null }>();
        expect(leaks(response)).toEqual([]);
        for (const day of answer.days) {
          expect(Object.keys(day).sort()).toEqual(['date', 'label', 'slots']);
          for (const slot of day.slots) {
            expect(Object.keys(slot).sort()).toEqual(['label', 'start']);
            starts.push(slot.start);
          }
        }
        if (!answer.nextFrom) break;
        response = await guest.get(`/book/sec-open/slots?duration=30&timeZone=UTC&from=${answer.nextFrom}`);
      }
      expect(starts.length).toBeGreaterThan(10);
      for (const start of starts) {
        const at = new Date(start);
        expect([start, at.getTime() >= now - MINUTE && at.getTime() + 30 * MINUTE <= now + HORIZON_DAYS * DAY + MINUTE]).toEqual([start, true]);
        const minutes = at.getUTCHours() * 60 + at.getUTCMinutes();
        expect([start, minutes >= 9 * 60 && minutes + 30 <= 12 * 60 && minutes % 30 === 0]).toEqual([start, true]);
      }
      const busyDay = new Date(Date.now() + 2 * DAY).toISOString().slice(0, 10);
      const onBusyDay = starts.filter((start) => start.startsWith(busyDay)).map((start) => start.slice(11, 16));
      expect(onBusyDay).toEqual(['09:00', '09:30', '11:00', '11:30']);
    });

    it('asking past the horizon is refused, and no answer reaches past it', async () => {
      const far = new Date(Date.now() + (HORIZON_DAYS + 5) * DAY).toISOString().slice(0, 10);
      expect((await guest.get(`/book/sec-open/slots?duration=30&timeZone=UTC&from=${far}`)).status).toBe(400);
      expect((await guest.get('/book/sec-open/slots?duration=30&timeZone=UTC&from=2020-01-01')).status).toBe(400);
      const edge = new Date(Date.now() + HORIZON_DAYS * DAY).toISOString().slice(0, 10);
      const answer = await slotsOf('sec-open', `&from=${edge}`);
      for (const slot of answer.days.flatMap((day) => day.slots)) expect(new Date(slot.start).getTime()).toBeLessThanOrEqual(Date.now() + HORIZON_DAYS * DAY);
    });

    it("parameters naming another member, calendar or account are ignored: the answer is the page's own", async () => {
      host.app.get(FreeBusyCache).clear();
      const plain = await slotsOf('sec-open');
      const [alex] = await query(`SELECT "id" FROM "workspaceMember" WHERE "userEmail" = 'alex.wilber@contoso.com'`);
      const foreign = [
        `&connectedAccountId=${randomUUID()}`, `&calendarId=${randomUUID()}`, `&busyCalendarIds=${randomUUID()}`, `&member=${alex?.id ?? randomUUID()}`,
        '&workspaceMemberId=alex.wilber%40contoso.com', '&account=alex.wilber%40contoso.com', '&schedules=alex.wilber%40contoso.com', '&horizonDays=400', '&minimumNoticeMinutes=-100000',
      ];
      for (const extra of foreign) expect([extra, await slotsOf('sec-open', extra)]).toEqual([extra, plain]);
      expect((await guest.get('/book/sec-open/slots?duration=30&timeZone=UTC&duration=60')).status).toBe(400);
    });
  });

  describe('cancel and reschedule links', () => {
    let first: { id: string; cancelUrl: string; rescheduleUrl: string };
    let second: { id: string; cancelUrl: string; rescheduleUrl: string };
    const tokenOf = (url: string) => new URL(url).pathname.split('/').pop()!;
    const withClaims = (token: string, change: (claims: Record<string, unknown>) => Record<string, unknown>) => {
      const [body, signature] = token.split('.');
      const claims = JSON.parse(Buffer.from(body!, 'base64url').toString('utf8'));
      return `${Buffer.from(JSON.stringify(change(claims))).toString('base64url')}.${signature}`;
    };

    beforeAll(async () => {
      first = (await book(form(await freeSlot(0)))).json();
      second = (await book(form(await freeSlot(1)))).json();
      expect([first.id, second.id].every(Boolean)).toBe(true);
    });

    it('random, truncated, altered and borrowed tokens are all refused with one answer, and none acts', async () => {
      const cancel = tokenOf(first.cancelUrl);
      const reschedule = tokenOf(first.rescheduleUrl);
      const guesses: Array<[string, string]> = [
        ['random bytes', randomBytes(48).toString('base64url')],
        ['random two-part', `${randomBytes(60).toString('base64url')}.${randomBytes(32).toString('base64url')}`],
        ['truncated by a character', cancel.slice(0, -1)],
        ['truncated to its claims', cancel.split('.')[0]!],
        ['truncated to its claims and a dot', `${cancel.split('.')[0]}.`],
        ['signature altered', `${cancel.slice(0, -2)}${cancel.endsWith('AA') ? 'BB' : 'AA'}`],
        ['claims altered (a later expiry)', withClaims(cancel, (claims) => ({ ...claims, e: Number(claims.e) + DAY }))],
        ['claims altered (reschedule turned into cancel)', withClaims(reschedule, (claims) => ({ ...claims, p: 'cancel' }))],
        ["another booking's token with this booking's id", withClaims(tokenOf(second.cancelUrl), (claims) => ({ ...claims, b: first.id }))],
        ['a third part added', `${cancel}.x`],
        ['overlong', `${cancel}${'A'.repeat(500)}`],
        ["the booking's id", first.id],
      ];
      const rows = await bookingsState();
      const outlook = outlookState();
      const refusedGet = visible(await guest.get(`/book/manage/${randomBytes(48).toString('base64url')}`));
      const refusedPost = visible(await guest.request('POST', `/book/manage/${randomBytes(48).toString('base64url')}`, { body: { action: 'cancel' } }));
      const postForm = (path: string) => guest.request('POST', path, { body: 'action=cancel', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      const refusedForm = visible(await postForm(`/book/manage/${randomBytes(48).toString('base64url')}`));
      expect([refusedGet.status, refusedPost.status, refusedForm.status]).toEqual([410, 410, 410]);
      for (const [label, token] of guesses) {
        const path = `/book/manage/${encodeURIComponent(token)}`;
        expect([label, visible(await guest.get(path))]).toEqual([label, refusedGet]);
        expect([label, visible(await guest.request('POST', path, { body: { action: 'cancel' } }))]).toEqual([label, refusedPost]);
        expect([label, visible(await postForm(path))]).toEqual([label, refusedForm]);
        expect([label, visible(await guest.request('POST', path, { body: { action: 'reschedule', start: await freeSlot(3) } }))]).toEqual([label, refusedPost]);
      }
      // A reschedule link cannot cancel, nor a cancel link move.
      expect(visible(await guest.request('POST', `/book/manage/${reschedule}`, { body: { action: 'cancel' } }))).toEqual(refusedPost);
      expect(visible(await guest.request('POST', `/book/manage/${cancel}`, { body: { action: 'reschedule', start: await freeSlot(3) } }))).toEqual(refusedPost);
      expect(await bookingsState()).toBe(rows);
      expect(outlookState()).toBe(outlook);
      // The genuine link still works, and once used is refused like a guess.
      const opened = await guest.get(`/book/manage/${cancel}`);
      expect(opened.status).toBe(200);
      expect(leaks(opened)).toEqual([]);
      expect((await guest.request('POST', `/book/manage/${cancel}`, { body: { action: 'cancel' } })).status).toBe(200);
      expect(visible(await guest.request('POST', `/book/manage/${cancel}`, { body: { action: 'cancel' } }))).toEqual(refusedPost);
      expect(visible(await guest.get(`/book/manage/${cancel}`))).toEqual(refusedGet);
      // Cancelling moved the booking's sequence on: its reschedule link is dead too.
      expect(visible(await guest.get(`/book/manage/${reschedule}`))).toEqual(refusedGet);
    });

    it("guessing links in a burst is cut off by the client's limit, for opening and acting alike", async () => {
      await withLimits({ read: { perClient: 5, perPage: 1_000, windowMs: 60_000 }, book: { perClient: 3, perPage: 1_000, windowMs: 60_000 } }, async () => {
        const opened = await Promise.all(Array.from({ length: 15 }, () => guest.get(`/book/manage/${randomBytes(48).toString('base64url')}`)));
        expect(opened.map((response) => response.status).sort()).toEqual([...Array(5).fill(410), ...Array(10).fill(429)]);
        const acted = await Promise.all(Array.from({ length: 10 }, () => guest.request('POST', `/book/manage/${randomBytes(48).toString('base64url')}`, { body: { action: 'cancel' } })));
        expect(acted.map((response) => response.status).sort()).toEqual([...Array(3).fill(410), ...Array(7).fill(429)]);
      });
    });
  });

  describe('booking floods', () => {
    /** A client at its own loopback address: what the limiter counts as another client. */
    const clientAt = (address: string) => {
      const agent = new Agent({ localAddress: address });
      return async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
        const response = await fetch(new URL(path, host.url), { method, dispatcher: agent, headers: { 'content-type': 'application/json', ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });
        await response.arrayBuffer();
        return response.status;
      };
    };
    const badForm = () => form(new Date(Date.now() + DAY).toISOString(), { email: 'not-an-address' });

    it('one client bursting past its limit gets 429 for the rest, whatever X-Forwarded-For it claims', async () => {
      await withLimits({ book: { perClient: 3, perPage: 1_000, windowMs: 60_000 } }, async () => {
        const one = clientAt('127.0.0.1');
        const statuses = await Promise.all(Array.from({ length: 12 }, (_, index) => one('POST', '/book/sec-open', badForm(), { 'x-forwarded-for': `203.0.113.${index + 1}`, 'x-real-ip': `198.51.100.${index + 1}` })));
        expect(statuses.filter((status) => status !== 429)).toHaveLength(3);
        expect(statuses.filter((status) => status === 429)).toHaveLength(9);
      });
      await withLimits({ read: { perClient: 5, perPage: 1_000, windowMs: 60_000 } }, async () => {
        const one = clientAt('127.0.0.1');
        const statuses = await Promise.all(Array.from({ length: 15 }, () => one('GET', '/book/sec-open/slots?duration=30&timeZone=UTC')));
        expect(statuses.filter((status) => status === 200)).toHaveLength(5);
      });
    });

    it('many clients flooding one page are capped per page; another page still answers', async () => {
      await withLimits({ book: { perClient: 2, perPage: 7, windowMs: 60_000 } }, async () => {
        const clients = Array.from({ length: 10 }, (_, index) => clientAt(`127.0.0.${index + 2}`));
        const statuses = await Promise.all(clients.flatMap((client) => [client('POST', '/book/sec-open', badForm()), client('POST', '/book/sec-open', badForm())]));
        expect(statuses.filter((status) => status !== 429)).toHaveLength(7);
        expect(await clientAt('127.0.0.50')('POST', '/book/sec-disabled', badForm())).toBe(404);
      });
      await withLimits({ read: { perClient: 1_000, perPage: 6, windowMs: 60_000 } }, async () => {
        const clients = Array.from({ length: 12 }, (_, index) => clientAt(`127.0.0.${index + 2}`));
        const statuses = await Promise.all(clients.map((client) => client('GET', '/book/sec-open')));
        expect(statuses.filter((status) => status === 200)).toHaveLength(6);
      });
    });

    it('a flood of distinct client addresses (enough to fill the counters) does not reset the per-page cap', async () => {
      const alone = new InProcessBookingRateLimiter();
      alone.limits.book = { perClient: 2, perPage: 60, windowMs: 60_000 };
      const now = Date.now();
      let allowed = 0;
      for (let index = 0; index < 120_000; index += 1) if (await alone.allow('book', `10.${(index >> 16) & 255}.${(index >> 8) & 255}.${index & 255}`, 'sec-open', now + index / 100)) allowed += 1;
      expect(allowed).toBe(60);
    });

    it('IPv6 addresses of one /64 count as one client; IPv4 seen through IPv6 as its IPv4 address', async () => {
      expect(clientKeyOf('2001:db8:1:2::1')).toBe(clientKeyOf('2001:0db8:0001:0002:ffff:1:2:3'));
      expect(clientKeyOf('2001:db8:1:2::1')).not.toBe(clientKeyOf('2001:db8:1:3::1'));
      expect(clientKeyOf('::ffff:203.0.113.7')).toBe(clientKeyOf('203.0.113.7'));
      expect(clientKeyOf('203.0.113.7')).not.toBe(clientKeyOf('203.0.113.8'));
      const alone = new InProcessBookingRateLimiter();
      alone.limits.book = { perClient: 3, perPage: 1_000, windowMs: 60_000 };
      const rotated = await Promise.all(Array.from({ length: 20 }, (_, index) => alone.allow('book', clientKeyOf(`2001:db8:aa:bb::${(index + 1).toString(16)}`), 'sec-open')));
      expect(rotated.filter(Boolean)).toHaveLength(3);
    });

    it('a submission key sent again with another guest or time is refused, and shows nothing of the first booking', async () => {
      const submission = form(await freeSlot(6));
      const first = await book(submission);
      expect(first.status).toBe(201);
      const firstAnswer = first.json<{ id: string; cancelUrl: string }>();
      for (const other of [{ email: 'attacker@example.net' }, { start: await freeSlot(7) }]) {
        const again = await book({ ...submission, ...other });
        expect([other, again.status]).toEqual([other, 400]);
        expect(again.text).not.toContain(firstAnswer.id);
        expect(again.text).not.toContain(new URL(firstAnswer.cancelUrl).pathname);
      }
      expect((await book(submission)).json<{ id: string }>().id).toBe(firstAnswer.id);
    });

    it('the same submission sent ten times at once makes one booking and gives each the same answer', async () => {
      const before = await bookingCount();
      const submission = form(await freeSlot(5));
      const answers = await Promise.all(Array.from({ length: 10 }, () => book(submission)));
      expect(answers.map((answer) => answer.status)).toEqual(Array(10).fill(201));
      expect(new Set(answers.map((answer) => answer.json<{ id: string }>().id)).size).toBe(1);
      for (const answer of answers) expect(leaks(answer)).toEqual([]);
      expect(await bookingCount()).toBe(before + 1);
      expect((await query(`SELECT count(*)::int AS n FROM "microsoftBooking" WHERE "submissionKey" = $1`, [submission.submissionKey]))[0].n).toBe(1);
    });
  });

  describe('inputs', () => {
    it('markup and unicode in name and note are kept as text: stored as typed, escaped or plain text wherever shown', async () => {
      const name = `Zoë 😀 ${MARKUP}`.slice(0, 100);
      const note = `Ünïcödé ✓ e\u0301 ${MARKUP}\nSecond line`;
      const answer = await book(form(await freeSlot(7), { name, note }));
      expect(answer.status).toBe(201);
      expect(answer.text).not.toContain('<script');
      const { id } = answer.json<{ id: string }>();
      const [row] = await query(`SELECT "guestName", "note", "outlookEventId" FROM "microsoftBooking" WHERE "id" = $1`, [id]);
      expect([row.guestName, row.note]).toEqual([name, note]);
      const event = host.emulator!.store.calendar.listEvents(meganUser()).find((candidate) => candidate.id === row.outlookEventId)!;
      expect(event).toBeDefined();
      if (event.body.contentType === 'html') expect(event.body.content).not.toMatch(/<script|<img/i);
      else expect(event.body.content).toContain(MARKUP);
      const mails = host.emulator!.store.mail.listMessages(MEGAN).filter((message) => JSON.stringify(message).includes(GUEST));
      expect(mails.length).toBeGreaterThan(0);
      for (const mail of mails) expect(mail.body('html').content).not.toMatch(/<script|<img src=x/i);
      const manage = await guest.get(new URL(answer.json<{ rescheduleUrl: string }>().rescheduleUrl).pathname);
      expect(manage.text).not.toMatch(/<script>alert|<img src=x/);
    });

    it('a page title with markup is escaped on the page and its links', async () => {
      await createPage({ slug: 'sec-markup', title: `Call ${MARKUP}`, description: MARKUP });
      const page = await guest.get('/book/sec-markup');
      expect(page.status).toBe(200);
      expect(page.text).not.toMatch(/<script>alert|<img src=x/);
      expect(page.text).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
    });

    it.each([
      ['a name over 100 characters', { name: 'n'.repeat(101) }, /^Name:/],
      ['a name with a newline', { name: 'Guest\r\nBcc: victim@example.org' }, /^Name:/],
      ['a name with a right-to-left override', { name: 'Guest \u202eevil' }, /^Name:/],
      ['a name with a NUL', { name: 'Guest\u0000' }, /^Name:/],
      ['an empty name', { name: '   ' }, /^Name:/],
      ['a name that is not a string', { name: { $ne: null } }, /^Name:/],
      ['a note over 1,000 characters', { note: 'n'.repeat(1_001) }, /^Note:/],
      ['a note with control characters', { note: 'a\u0007b' }, /^Note:/],
      ['an email with a Bcc header', { email: `${GUEST}\r\nBcc: victim@example.org` }, /^Email:/],
      ['an email with a bare newline', { email: `${GUEST}\nCc: victim@example.org` }, /^Email:/],
      ['an email with a second address', { email: `${GUEST}, victim@example.org` }, /^Email:/],
      ['an email with a display name', { email: `Guest <${GUEST}>` }, /^Email:/],
      ['an email with encoded CRLF', { email: `${GUEST}%0d%0aBcc:victim@example.org` }, /^Email:/],
      ['an email over 254 characters', { email: `${'a'.repeat(250)}@example.org` }, /^Email:/],
      ['an unknown time zone', { timeZone: 'Nowhere/Land' }, /^Time zone:/],
      ['a time zone path', { timeZone: '../../etc/passwd' }, /^Time zone:/],
      ['a time zone with a newline', { timeZone: 'Europe/Paris\r\nX: y' }, /^Time zone:/],
      ['an overlong time zone', { timeZone: `Europe/${'P'.repeat(100)}` }, /^Time zone:/],
      ['a duration not offered', { duration: 45 }, /^Duration:/],
      ['a start with an offset', { start: '+offset' }, /^Start:/],
      ['a start that is not a date', { start: 'tomorrow' }, /^Start:/],
      ['a missing submission key', { submissionKey: '' }, /submission key/],
    ])('refuses %s with 400 naming the field; nothing is booked or sent', async (_label, overrides, message) => {
      const start = await freeSlot(8);
      const fields = { ...overrides } as Record<string, unknown>;
      if (fields.start === '+offset') fields.start = start.replace('.000Z', '+00:00');
      const before = await bookingCount();
      const mails = host.emulator!.store.mail.listMessages(MEGAN).length;
      const answer = await book(form(start, fields));
      expect([answer.status, answer.json<{ message: string }>().message]).toEqual([400, expect.stringMatching(message)]);
      expect(await bookingCount()).toBe(before);
      expect(host.emulator!.store.mail.listMessages(MEGAN).length).toBe(mails);
    });

    it('time zones are validated on the slots route too', async () => {
      for (const zone of ['Nowhere/Land', '../../etc/passwd', 'Europe/Paris\r\nX: y', `Europe/${'P'.repeat(100)}`, '']) {
        const response = await guest.get(`/book/sec-open/slots?duration=30&timeZone=${encodeURIComponent(zone)}`);
        expect([zone, response.status]).toEqual([zone, 400]);
      }
      expect((await guest.get('/book/sec-open/slots?duration=30&timeZone=UTC&timeZone=Europe%2FParis')).status).toBe(400);
    });

    it('a start off the slot grid, outside working hours, in the past or past the horizon is refused', async () => {
      const slot = new Date(await freeSlot(9));
      const day = slot.toISOString().slice(0, 10);
      const starts = [
        new Date(slot.getTime() + 10 * MINUTE).toISOString(),
        new Date(slot.getTime() + 15 * MINUTE).toISOString(),
        `${day}T07:00:00.000Z`,
        `${day}T11:45:00.000Z`,
        `${day}T12:00:00.000Z`,
        `${new Date(Date.now() - 2 * DAY).toISOString().slice(0, 10)}T09:00:00.000Z`,
        `${new Date(Date.now() + (HORIZON_DAYS + 2) * DAY).toISOString().slice(0, 10)}T09:00:00.000Z`,
      ];
      const before = await bookingCount();
      for (const start of starts) {
        const answer = await book(form(start));
        expect([start, answer.status, answer.json<{ message: string }>().message]).toEqual([start, 400, expect.stringMatching(/^Start:/)]);
      }
      expect(await bookingCount()).toBe(before);
    });
  });
});
