import { chromium, type Browser, type Page } from 'playwright-core';
import { CalendarSyncService } from '@m365/server-module';
import { connectMailbox, eventually, startTestHost, TestHttpClient, type TestHost } from '../../../test-support/index.js';
import { MessagingFixtures } from '../fixtures/messaging-fixtures.js';
import { ensureFrontBuilt } from './support/ensure-front-built.js';
import { CHROMIUM_PATH } from './support/launch-chromium.js';
import { screenshotTaker } from './support/screenshots.js';
import { signInThroughLoginPage } from './support/sign-in.js';

// A real host, the emulator over HTTPS and Chromium in two viewer zones: starting, connecting and importing take a while.
const BROWSER_TIMEOUT_MS = 240_000;
const MEGAN = 'megan.bowen@contoso.com';
const SERIES = 'Weekly pipeline review';

// In this test this compiles without the DOM lib; these run in the page, where they exist.
type PageElement = { closest(selector: string): PageElement | null; getAttribute(name: string): string | null; querySelector(selector: string): { textContent: string | null } | null };
type PageWindow = { getComputedStyle(element: unknown): { backgroundColor: string } };

/** What the grid shows of one event: the day column it sits in and the time printed on it. */
interface Placement {
  date: string | null;
  time: string;
}

interface Viewer {
  zone: string;
  page: Page;
}

/** An all-day event is on its own date for every viewer, west or east of UTC. */
const HOLIDAY = { title: 'Company holiday', date: '2027-03-10' };

/**
 * A weekly 9:00 America/New_York meeting over March 2027, when New York (14 March) and Berlin (28 March) change to
 * summer time on different Sundays and Auckland (4 April) has not yet left it: each viewer sees it at their own hour,
 * on their own day, and the hour moves when one of the zones changes.
 */
const EXPECTED: Record<string, { weeks: Record<string, Placement[]>; month: Placement[] }> = {
  'America/New_York': {
    weeks: { '2027-03-08': [{ date: '2027-03-08', time: '09:00' }], '2027-03-15': [{ date: '2027-03-15', time: '09:00' }] },
    month: ['2027-03-01', '2027-03-08', '2027-03-15', '2027-03-22', '2027-03-29'].map((date) => ({ date, time: '09:00' })),
  },
  'Europe/Berlin': {
    weeks: { '2027-03-08': [{ date: '2027-03-08', time: '15:00' }], '2027-03-15': [{ date: '2027-03-15', time: '14:00' }] },
    month: [
      { date: '2027-03-01', time: '15:00' },
      { date: '2027-03-08', time: '15:00' },
      { date: '2027-03-15', time: '14:00' },
      { date: '2027-03-22', time: '14:00' },
      { date: '2027-03-29', time: '15:00' },
    ],
  },
  'Pacific/Auckland': {
    weeks: { '2027-03-08': [{ date: '2027-03-09', time: '03:00' }], '2027-03-15': [{ date: '2027-03-16', time: '02:00' }] },
    month: [
      { date: '2027-03-02', time: '03:00' },
      { date: '2027-03-09', time: '03:00' },
      { date: '2027-03-16', time: '02:00' },
      { date: '2027-03-23', time: '02:00' },
      { date: '2027-03-30', time: '02:00' },
    ],
  },
};

describe('the Calendar section in a browser: a recurring meeting in two viewer zones, calendars chosen in Settings', () => {
  let host: TestHost;
  let admin: TestHttpClient;
  let browser: Browser;
  let workspaceId: string;
  let calendarChannelId: string;
  const viewers: Viewer[] = [];
  const pageErrors: string[] = [];
  const ids: Record<string, string> = {};
  const screenshot = screenshotTaker('calendar-section');

  const adminCall = async (method: string, path: string, body?: unknown) => {
    const response = await admin.request(method, `/_admin${path}`, { body });
    if (response.status >= 300) throw new Error(`${method} ${path} → ${response.status} ${response.text}`);
    return response.status === 204 ? {} : response.json<Record<string, unknown>>();
  };
  const crmTitles = async (): Promise<string[]> =>
    (await host.dataSource.query(
      `SELECT DISTINCT e."title" FROM "calendarChannelEventAssociation" a JOIN "calendarEvent" e ON e."id" = a."calendarEventId"
       WHERE a."calendarChannelId" = $1 AND a."deletedAt" IS NULL AND e."deletedAt" IS NULL`,
      [calendarChannelId],
    )).map((row: { title: string }) => row.title);
  /** One calendar pass now, as the periodic sync would run it (waiting if a pass is already running). */
  const syncNow = async () => {
    const sync = host.app.get(CalendarSyncService);
    for (let attempt = 0; attempt < 200; attempt += 1) {
      if ((await sync.syncChannel(workspaceId, calendarChannelId)) !== 'busy') return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('calendar channel stayed busy');
  };
  const openCalendar = async (page: Page, view: 'week' | 'month', date: string) => {
    await page.goto(`${host.publicUrl}/calendar?view=${view}&date=${date}`);
    await page.locator('[data-testid="calendar-section-grid"][data-loaded="true"]').waitFor();
  };
  const eventsTitled = (page: Page, title: string) => page.locator(`[data-testid="calendar-section-event"][data-title="${title}"]`);
  const placements = (page: Page, title: string): Promise<Placement[]> =>
    eventsTitled(page, title).evaluateAll((elements) =>
      (elements as unknown as PageElement[]).map((element) => ({
        date: element.closest('[data-date]')?.getAttribute('data-date') ?? null,
        time: (element.querySelector('.calendar-section-event-time')?.textContent ?? '').trim().slice(0, 5),
      })),
    );
  const viewer = (zone: string) => viewers.find((each) => each.zone === zone)!;
  const sorted = (list: Placement[]) => [...list].sort((a, b) => (a.date ?? '').localeCompare(b.date ?? ''));

  beforeAll(async () => {
    ensureFrontBuilt();
    host = await startTestHost();
    admin = new TestHttpClient(host.emulator!.baseUrl, host.emulator!.caCertPem);
    await adminCall('POST', `/mailboxes/${MEGAN}/events`, {
      subject: SERIES,
      start: { dateTime: '2027-03-01T09:00:00', timeZone: 'America/New_York' },
      end: { dateTime: '2027-03-01T09:30:00', timeZone: 'America/New_York' },
      recurrence: { pattern: { type: 'weekly', interval: 1, daysOfWeek: ['monday'] }, range: { type: 'numbered', startDate: '2027-03-01', numberOfOccurrences: 5, recurrenceTimeZone: 'America/New_York' } },
      isOnlineMeeting: true,
      onlineMeetingProvider: 'teamsForBusiness',
    });
    await adminCall('POST', `/mailboxes/${MEGAN}/events`, {
      subject: HOLIDAY.title,
      isAllDay: true,
      start: { dateTime: `${HOLIDAY.date}T00:00:00`, timeZone: 'America/New_York' },
      end: { dateTime: '2027-03-11T00:00:00', timeZone: 'America/New_York' },
    });
    const projects = await adminCall('POST', `/mailboxes/${MEGAN}/calendars`, { name: 'Projects', hexColor: '#8e44ad' });
    await adminCall('POST', `/mailboxes/${MEGAN}/events`, {
      calendarId: projects.id,
      subject: 'Kickoff',
      start: { dateTime: '2027-03-10T10:00:00', timeZone: 'UTC' },
      end: { dateTime: '2027-03-10T11:00:00', timeZone: 'UTC' },
    });
    const shared = await adminCall('POST', `/mailboxes/${MEGAN}/calendars`, { name: 'Sales team', sharedBy: { name: 'Miriam Graham', address: 'miriam.graham@fabrikam.com' }, canEdit: false });
    await adminCall('POST', `/mailboxes/${MEGAN}/events`, {
      calendarId: shared.id,
      subject: 'Team offsite',
      start: { dateTime: '2027-03-11T08:00:00', timeZone: 'UTC' },
      end: { dateTime: '2027-03-11T09:00:00', timeZone: 'UTC' },
    });

    const mailbox = await connectMailbox(host, host.newClient(), MEGAN, MEGAN);
    workspaceId = mailbox.workspaceId;
    [{ id: calendarChannelId }] = await host.dataSource.query(`SELECT "id" FROM "calendarChannel" WHERE "connectedAccountId" = $1`, [mailbox.connectedAccountId]);
    await eventually(async () => (await crmTitles()).includes(SERIES) && (await crmTitles()).includes('Kickoff'), 60_000, 'the first calendar import');
    ids.sharedCalendar = shared.id as string;

    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    for (const zone of Object.keys(EXPECTED)) {
      const context = await browser.newContext({ timezoneId: zone, viewport: { width: 1400, height: 900 }, locale: 'en-GB' });
      const page = await context.newPage();
      page.setDefaultTimeout(20_000);
      page.on('pageerror', (error) => pageErrors.push(`${zone}: ${error.message}`));
      await signInThroughLoginPage(page, host.publicUrl, MEGAN);
      viewers.push({ zone, page });
    }
  }, BROWSER_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
    await admin?.close();
    await host?.close();
  }, BROWSER_TIMEOUT_MS);

  it('opens from the left navigation on the week view', async () => {
    const { page } = viewer('Europe/Berlin');
    await page.getByTestId('nav-calendar').click();
    await page.getByTestId('calendar-section').waitFor();
    expect(new URL(page.url()).searchParams.get('view')).toBe('week');
    await page.locator('.fc-timeGridWeek-view').waitFor();
  }, BROWSER_TIMEOUT_MS);

  it('shows the recurring meeting on each viewer\'s own days and hours, week by week, across the DST changes', async () => {
    for (const { zone, page } of viewers) {
      const [firstWeek, secondWeek] = Object.keys(EXPECTED[zone]!.weeks);
      await openCalendar(page, 'week', firstWeek!);
      await eventsTitled(page, SERIES).first().waitFor();
      expect(await placements(page, SERIES)).toEqual(EXPECTED[zone]!.weeks[firstWeek!]);
      expect(await placements(page, HOLIDAY.title)).toEqual([{ date: HOLIDAY.date, time: '' }]);
      await screenshot(page, `week-${zone.replace('/', '-')}`);

      // The toolbar's "next" loads the following week's events.
      await page.locator('.fc-next-button').click();
      await page.waitForURL((url) => url.searchParams.get('date') === secondWeek);
      await eventsTitled(page, SERIES).first().waitFor();
      expect(await placements(page, SERIES)).toEqual(EXPECTED[zone]!.weeks[secondWeek!]);
    }
    expect(pageErrors).toEqual([]);
  }, BROWSER_TIMEOUT_MS);

  it('shows every occurrence on the month view, on the viewer\'s days', async () => {
    for (const { zone, page } of viewers) {
      await openCalendar(page, 'month', '2027-03-01');
      await page.locator('.fc-dayGridMonth-view').waitFor();
      await eventsTitled(page, SERIES).nth(4).waitFor();
      expect(sorted(await placements(page, SERIES))).toEqual(EXPECTED[zone]!.month);
      expect((await placements(page, HOLIDAY.title)).map((placement) => placement.date)).toEqual([HOLIDAY.date]);
      await screenshot(page, `month-${zone.replace('/', '-')}`);
    }
  }, BROWSER_TIMEOUT_MS);

  it('colours an event by its Outlook calendar and opens it in the side panel with its Teams link', async () => {
    const { page } = viewer('Europe/Berlin');
    await openCalendar(page, 'week', '2027-03-08');
    const kickoff = eventsTitled(page, 'Kickoff');
    await kickoff.waitFor();
    expect(await kickoff.evaluate((element) => (globalThis as unknown as PageWindow).getComputedStyle(element).backgroundColor)).toBe('rgb(142, 68, 173)');

    await eventsTitled(page, SERIES).click();
    await page.locator('[data-testid="event-panel"][data-mode="edit"]').waitFor();
    expect(await page.getByTestId('event-title').inputValue()).toBe(SERIES);
    expect(await page.getByTestId('event-start').inputValue()).toBe('2027-03-08T15:00');
    await page.getByTestId('event-scope').waitFor();
    expect(await page.getByTestId('event-scope-this').isChecked()).toBe(true);
    expect(await page.getByTestId('event-join-link').getAttribute('href')).toMatch(/^https:\/\//);
    expect(await page.getByTestId('event-read-only-reason').count()).toBe(0);
    await screenshot(page, 'event-panel');
    await page.getByTestId('event-panel-close').click();
    expect(await page.getByTestId('event-panel').count()).toBe(0);
  }, BROWSER_TIMEOUT_MS);

  it('opens a new event over the range dragged on the week grid, in the viewer\'s hours', async () => {
    const { page } = viewer('Pacific/Auckland');
    await openCalendar(page, 'week', '2027-03-08');
    const column = await page.locator('td.fc-timegrid-col[data-date="2027-03-11"]').boundingBox();
    const from = await page.locator('td.fc-timegrid-slot-lane[data-time="10:00:00"]').boundingBox();
    const to = await page.locator('td.fc-timegrid-slot-lane[data-time="11:30:00"]').boundingBox();
    const x = column!.x + column!.width / 2;
    await page.mouse.move(x, from!.y + from!.height / 2);
    await page.mouse.down();
    await page.mouse.move(x, from!.y + from!.height + 4, { steps: 4 });
    await page.mouse.move(x, to!.y + to!.height / 2, { steps: 8 });
    await page.mouse.up();
    await page.locator('[data-testid="event-panel"][data-mode="create"]').waitFor();
    expect(await page.getByTestId('event-start').inputValue()).toBe('2027-03-11T10:00');
    expect(await page.getByTestId('event-end').inputValue()).toBe('2027-03-11T12:00');
    // The calendar a new event goes to: an editable one, the account's default first.
    const choices = await page.getByTestId('event-calendar').locator('option').allInnerTexts();
    expect(choices[0]).toBe(`Calendar (${MEGAN})`);
    expect(choices.some((choice) => choice.startsWith('Sales team'))).toBe(false);
    await page.getByTestId('event-save').click();
    expect(await page.getByTestId('event-panel-error').innerText()).toBe('Give the event a title.');
    await screenshot(page, 'new-event-dragged');
    await page.getByTestId('event-panel-close').click();
    expect(pageErrors).toEqual([]);
  }, BROWSER_TIMEOUT_MS);

  it('lists the calendars in Settings; ticking the shared one imports it, read only, and unticking removes it', async () => {
    const { page } = viewer('Europe/Berlin');
    await page.goto(`${host.publicUrl}/settings/accounts`);
    await page.getByTestId('calendar-list').waitFor();
    const row = (name: string) => page.locator(`[data-testid="calendar-row"][data-calendar-name="${name}"]`);
    await row('Sales team').waitFor();
    expect(await page.locator('[data-testid="calendar-row"]').evaluateAll((rows) => (rows as unknown as PageElement[]).map((each) => each.getAttribute('data-calendar-name')))).toEqual(
      expect.arrayContaining(['Calendar', 'Projects', 'Sales team']),
    );
    expect(await row('Projects').getAttribute('data-synced')).toBe('true');
    expect(await row('Sales team').getAttribute('data-synced')).toBe('false');
    expect(await row('Sales team').getByTestId('calendar-read-only').innerText()).toBe('shared, read only');
    expect(await row('Projects').getByTestId('calendar-read-only').count()).toBe(0);
    await page.locator('[data-testid="calendar-sync-progress"][data-kind="SYNCED"]').waitFor({ timeout: 30_000 });
    await page.getByTestId('calendar-list').scrollIntoViewIfNeeded();
    expect(await page.getByTestId('calendar-sync-progress-text').innerText()).toMatch(/^Synced · \d+ events?/);
    await screenshot(page, 'settings-calendars');

    await page.getByTestId('calendar-toggle-Sales team').check();
    await eventually(async () => (await crmTitles()).includes('Team offsite'), 60_000, 'the shared calendar imported');
    await page.reload();
    await row('Sales team').waitFor();
    expect(await row('Sales team').getAttribute('data-synced')).toBe('true');

    await openCalendar(page, 'week', '2027-03-08');
    const offsite = eventsTitled(page, 'Team offsite');
    await offsite.waitFor();
    expect(await offsite.getAttribute('class')).toContain('is-read-only');
    await offsite.click();
    expect(await page.getByTestId('event-read-only-reason').innerText()).toContain('Sales team');
    expect(await page.getByTestId('event-save').count()).toBe(0);
    expect(await page.getByTestId('event-title').isDisabled()).toBe(true);
    await screenshot(page, 'read-only-event');
    await page.keyboard.press('Escape');

    await page.goto(`${host.publicUrl}/settings/accounts`);
    await page.getByTestId('calendar-toggle-Sales team').uncheck();
    await eventually(async () => !(await crmTitles()).includes('Team offsite'), 60_000, 'the shared calendar removed');
    await openCalendar(page, 'week', '2027-03-08');
    await eventsTitled(page, SERIES).waitFor();
    expect(await eventsTitled(page, 'Team offsite').count()).toBe(0);
  }, BROWSER_TIMEOUT_MS);

  it('lists an all-day event on its own date in a record\'s Calendar tab, for a viewer west of UTC, with participants and the Teams link', async () => {
    const { page } = viewer('America/New_York');
    const [person] = await host.dataSource.query(`SELECT "id", "emailsPrimaryEmail" AS "email" FROM "person" WHERE "workspaceId" = $1 ORDER BY "emailsPrimaryEmail" LIMIT 1`, [workspaceId]);
    const fixtures = new MessagingFixtures(host.dataSource, workspaceId);
    const offsite = await fixtures.calendarEvent(
      calendarChannelId,
      { title: 'Offsite with the customer', startsAt: '2027-03-02T00:00:00Z', endsAt: '2027-03-03T00:00:00Z', conferenceUrl: 'https://teams.example/offsite' },
      [{ handle: MEGAN, isOrganizer: true, responseStatus: 'ACCEPTED' }, { handle: person.email, personId: person.id, responseStatus: 'TENTATIVE' }],
    );
    await host.dataSource.query(`UPDATE "calendarEvent" SET "isFullDay" = true WHERE "id" = $1`, [offsite]);

    await page.goto(`${host.publicUrl}/people/${person.id}`);
    await page.getByTestId('tab-calendar').click();
    const row = page.locator('[data-testid="calendar-event"]', { hasText: 'Offsite with the customer' });
    await row.waitFor();
    // Its date's UTC midnight is still 1 March in New York: the tab must list it under 2 March all the same.
    const day = page.locator('.calendar-day', { has: row });
    expect((await day.locator('.calendar-day-number').innerText()).trim()).toBe('2');
    expect(await page.locator('[data-testid="calendar-month"] h3').first().innerText()).toContain('March 2027');
    const text = await row.innerText();
    expect(text).toContain('All day');
    expect(text).toContain('Maybe');
    expect(await row.locator('a.calendar-event-link').getAttribute('href')).toBe('https://teams.example/offsite');
    await screenshot(page, 'record-calendar-tab-new-york');
  }, BROWSER_TIMEOUT_MS);

  // NEEDS cal-outbound: createCalendarEvent / updateCalendarEvent come with the calendar write-back (branch
  // cal-outbound). Until it is merged the host's schema has no such mutation and this test fails at "Create".
  it('creates an event in the CRM that appears in Outlook, and shows Outlook\'s later edit of it', async () => {
    const { page } = viewer('Europe/Berlin');
    const meganId = host.emulator!.store.findUser(MEGAN)!.id;
    const outlookEvent = () => host.emulator!.store.calendar.listEvents(meganId).find((event) => event.subject.startsWith('CRM planning'));

    await openCalendar(page, 'week', '2027-03-08');
    await page.getByTestId('new-event').click();
    await page.locator('[data-testid="event-panel"][data-mode="create"]').waitFor();
    await page.getByTestId('event-title').fill('CRM planning');
    await page.getByTestId('event-start').fill('2027-03-12T11:00');
    await page.getByTestId('event-end').fill('2027-03-12T12:00');
    await page.getByTestId('event-attendees').fill('patti.fernandez@northwindtraders.com');
    await page.getByTestId('event-save').click();
    // Without the write-back the panel stays open with the server's refusal: say it rather than time out.
    await eventually(async () => (await page.getByTestId('event-panel').count()) === 0 || (await page.getByTestId('event-panel-error').count()) > 0, 20_000, 'the panel closed');
    if ((await page.getByTestId('event-panel-error').count()) > 0) throw new Error(`Create refused: ${await page.getByTestId('event-panel-error').innerText()}`);

    await eventually(() => outlookEvent() !== undefined, 30_000, 'the CRM event in Outlook');
    const created = outlookEvent()!;
    expect(created.attendees.map((attendee) => attendee.emailAddress.address)).toContain('patti.fernandez@northwindtraders.com');
    await eventsTitled(page, 'CRM planning').waitFor();
    expect(await placements(page, 'CRM planning')).toEqual([{ date: '2027-03-12', time: '11:00' }]);

    await adminCall('PATCH', `/mailboxes/${MEGAN}/events/${created.id}`, {
      subject: 'CRM planning (moved)',
      start: { dateTime: '2027-03-12T13:00:00', timeZone: 'UTC' },
      end: { dateTime: '2027-03-12T14:00:00', timeZone: 'UTC' },
    });
    await syncNow();
    await eventsTitled(page, 'CRM planning (moved)').waitFor({ timeout: 20_000 });
    expect(await placements(page, 'CRM planning (moved)')).toEqual([{ date: '2027-03-12', time: '14:00' }]);
    expect(await eventsTitled(page, 'CRM planning').count()).toBe(0);
    await screenshot(page, 'created-and-edited-in-outlook');
  }, BROWSER_TIMEOUT_MS);
  it('a failed calendar sync says why in Settings, lists the run in the calendar\'s sync log, and Retry brings it back', async () => {
    const { page } = viewer('Europe/Berlin');
    const calendarSettings = page.getByTestId('calendar-settings');
    host.emulator!.store.mail.setMailboxStatus(MEGAN, 'MailboxNotEnabledForRESTAPI');
    try {
      expect(await host.app.get(CalendarSyncService).syncChannel(workspaceId, calendarChannelId)).toBe('failed');
      await page.goto(`${host.publicUrl}/settings/accounts`);
      await page.locator('[data-testid="calendar-sync-progress"][data-kind="FAILED"]').waitFor({ timeout: 20_000 });
      expect(await page.getByTestId('calendar-sync-error').innerText()).not.toBe('');
      await calendarSettings.getByTestId('sync-log-toggle').click();
      await calendarSettings.getByTestId('sync-log-list').waitFor();
      const failed = calendarSettings.getByTestId('sync-run').first();
      expect(await failed.getAttribute('data-outcome')).toBe('FAILED');
      expect(await failed.getByTestId('sync-run-problem').innerText()).toMatch(/Outlook cannot serve this mailbox/);
      await calendarSettings.scrollIntoViewIfNeeded();
      await screenshot(page, 'calendar-sync-failed');
    } finally {
      host.emulator!.store.mail.setMailboxStatus(MEGAN, 'enabled');
    }
    await page.getByTestId('retry-calendar-sync').click();
    await page.locator('[data-testid="calendar-sync-progress"][data-kind="SYNCED"]').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('retry-calendar-sync').count()).toBe(0);
    await calendarSettings.locator('[data-testid="sync-run"]:first-child[data-outcome="SUCCEEDED"]').waitFor({ timeout: 20_000 });
    expect((await calendarSettings.getByTestId('sync-run').first().getByTestId('sync-run-title').innerText()).trim()).toBe('Retry you asked for');
    expect(pageErrors).toEqual([]);
  }, BROWSER_TIMEOUT_MS);
});
