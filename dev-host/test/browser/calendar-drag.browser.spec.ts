import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { CalendarSyncService } from '@m365/server-module';
import { connectMailbox, eventually, startTestHost, TestHttpClient, type TestHost } from '../../../test-support/index.js';
import { ensureFrontBuilt } from './support/ensure-front-built.js';
import { CHROMIUM_PATH } from './support/launch-chromium.js';
import { screenshotTaker } from './support/screenshots.js';
import { signInThroughLoginPage } from './support/sign-in.js';

const BROWSER_TIMEOUT_MS = 240_000;
const MEGAN = 'megan.bowen@contoso.com';
const WEEK = '2027-03-08';
const utc = (dateTime: string) => ({ dateTime, timeZone: 'UTC' });

interface OutlookEvent {
  subject: string;
  start: { dateTime: string };
  end: { dateTime: string };
}

/**
 * Moving and stretching events on the Calendar section's week grid with the mouse, as a viewer in Berlin (UTC+1 that
 * week): each drop is the CRM's update, which Outlook (the emulator) then has.
 */
describe('the Calendar section in a browser: drag to move, stretch to change the end', () => {
  let host: TestHost;
  let admin: TestHttpClient;
  let browser: Browser;
  let page: Page;
  let workspaceId: string;
  let calendarChannelId: string;
  const pageErrors: string[] = [];
  const ids: Record<string, string> = {};
  const screenshot = screenshotTaker('calendar-drag');

  const adminCall = async (method: string, path: string, body?: unknown) => {
    const response = await admin.request(method, `/_admin${path}`, { body });
    if (response.status >= 300) throw new Error(`${method} ${path} → ${response.status} ${response.text}`);
    return response.status === 204 ? {} : response.json<Record<string, unknown>>();
  };
  const outlook = async (id: string) => (await adminCall('GET', `/mailboxes/${MEGAN}/events/${encodeURIComponent(id)}`)) as unknown as OutlookEvent;
  const hours = (event: OutlookEvent) => [event.start.dateTime.slice(0, 16), event.end.dateTime.slice(0, 16)];
  const syncNow = async () => {
    const sync = host.app.get(CalendarSyncService);
    for (let attempt = 0; attempt < 200; attempt += 1) {
      if ((await sync.syncChannel(workspaceId, calendarChannelId)) !== 'busy') return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('calendar channel stayed busy');
  };
  const crmExternalId = async (title: string, startsAt: string): Promise<string> =>
    (await host.dataSource.query(
      `SELECT a."eventExternalId" FROM "calendarChannelEventAssociation" a JOIN "calendarEvent" e ON e."id" = a."calendarEventId"
       WHERE a."calendarChannelId" = $1 AND e."title" = $2 AND e."startsAt" = $3`,
      [calendarChannelId, title, startsAt],
    ))[0]?.eventExternalId;
  const outboxSettled = async () =>
    (await host.dataSource.query(`SELECT count(*)::int AS n FROM "microsoftCalendarOutbox" WHERE "status" = 'PENDING'`))[0].n === 0;

  const openWeek = async () => {
    await page.goto(`${host.publicUrl}/calendar?view=week&date=${WEEK}`);
    await page.locator('[data-testid="calendar-section-grid"][data-loaded="true"]').waitFor();
  };
  // While a drag is under way (the drop not yet handled on a busy machine) FullCalendar draws a mirror of the event too.
  const event = (title: string): Locator => page.locator(`[data-testid="calendar-section-event"][data-title="${title}"]:not(.fc-event-mirror)`);
  const localStart = (title: string) => event(title).getAttribute('data-local-start');
  /** One day column's width and one half-hour slot's height on the grid as drawn. */
  const grid = async () => {
    const monday = (await page.locator(`td.fc-timegrid-col[data-date="2027-03-08"]`).boundingBox())!;
    const tuesday = (await page.locator(`td.fc-timegrid-col[data-date="2027-03-09"]`).boundingBox())!;
    const slot = (await page.locator('td.fc-timegrid-slot-lane[data-time="10:00:00"]').boundingBox())!;
    return { day: tuesday.x - monday.x, slot: slot.height };
  };
  /** Presses at (x, y), moves by (dx, dy) in small steps as a hand would, and lets go. */
  const dragBy = async (x: number, y: number, dx: number, dy: number) => {
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.mouse.move(x + 3, y + 3, { steps: 3 });
    await page.mouse.move(x + dx, y + dy, { steps: 12 });
    await page.mouse.up();
  };
  /** Drags the event by its title, `days` columns across and `slots` half hours down. */
  const move = async (title: string, days: number, slots: number) => {
    const box = (await event(title).boundingBox())!;
    const { day, slot } = await grid();
    await dragBy(box.x + box.width / 2, box.y + Math.min(6, box.height / 2), days * day, slots * slot);
  };
  /** Stretches the event's end by `slots` half hours, by the handle FullCalendar shows at its bottom on hover. */
  const stretch = async (title: string, slots: number) => {
    await event(title).hover();
    const handle = (await event(title).locator('.fc-event-resizer-end').boundingBox())!;
    const { slot } = await grid();
    await dragBy(handle.x + handle.width / 2, handle.y + handle.height / 2, 0, slots * slot);
  };

  beforeAll(async () => {
    ensureFrontBuilt();
    host = await startTestHost();
    admin = new TestHttpClient(host.emulator!.baseUrl, host.emulator!.caCertPem);
    ids.review = (await adminCall('POST', `/mailboxes/${MEGAN}/events`, { subject: 'Design review', start: utc('2027-03-09T10:00:00'), end: utc('2027-03-09T11:00:00') })).id as string;
    ids.sync = (await adminCall('POST', `/mailboxes/${MEGAN}/events`, {
      subject: 'Team sync', start: utc('2027-03-03T09:00:00'), end: utc('2027-03-03T09:30:00'),
      recurrence: { pattern: { type: 'weekly', interval: 1, daysOfWeek: ['wednesday'] }, range: { type: 'numbered', startDate: '2027-03-03', numberOfOccurrences: 3 } },
    })).id as string;
    ids.oneToOne = (await adminCall('POST', `/mailboxes/${MEGAN}/events`, {
      subject: 'Weekly 1:1', start: utc('2027-03-01T12:00:00'), end: utc('2027-03-01T12:30:00'),
      recurrence: { pattern: { type: 'weekly', interval: 1, daysOfWeek: ['monday'] }, range: { type: 'numbered', startDate: '2027-03-01', numberOfOccurrences: 3 } },
    })).id as string;
    ids.fair = (await adminCall('POST', `/mailboxes/${MEGAN}/events`, { subject: 'Trade fair', isAllDay: true, start: utc('2027-03-09T00:00:00'), end: utc('2027-03-10T00:00:00') })).id as string;
    ids.roadmap = (await adminCall('POST', `/mailboxes/${MEGAN}/events`, {
      subject: 'Fabrikam roadmap', organizer: { emailAddress: { name: 'Miriam Graham', address: 'miriam.graham@fabrikam.com' } },
      start: utc('2027-03-12T13:00:00'), end: utc('2027-03-12T14:00:00'), attendees: [{ type: 'required', emailAddress: { name: 'Megan Bowen', address: MEGAN } }],
    })).id as string;
    ids.sales = (await adminCall('POST', `/mailboxes/${MEGAN}/calendars`, { name: 'Sales team', sharedBy: { name: 'Miriam Graham', address: 'miriam.graham@contoso.com' }, canEdit: false })).id as string;
    ids.offsite = (await adminCall('POST', `/mailboxes/${MEGAN}/events`, { calendarId: ids.sales, subject: 'Team offsite', start: utc('2027-03-11T08:00:00'), end: utc('2027-03-11T09:00:00') })).id as string;
    ids.board = (await adminCall('POST', `/mailboxes/${MEGAN}/calendars`, { name: 'Board', sharedBy: { name: 'Miriam Graham', address: 'miriam.graham@contoso.com' }, canEdit: true })).id as string;
    ids.dinner = (await adminCall('POST', `/mailboxes/${MEGAN}/events`, { calendarId: ids.board, subject: 'Board prep', start: utc('2027-03-10T14:00:00'), end: utc('2027-03-10T15:00:00') })).id as string;

    const mailbox = await connectMailbox(host, host.newClient(), MEGAN, MEGAN);
    workspaceId = mailbox.workspaceId;
    [{ id: calendarChannelId }] = await host.dataSource.query(`SELECT "id" FROM "calendarChannel" WHERE "connectedAccountId" = $1`, [mailbox.connectedAccountId]);
    await eventually(async () => (await crmExternalId('Design review', '2027-03-09T10:00:00Z')) !== undefined, 60_000, 'the first calendar import');
    // Both shared calendars chosen in Settings.
    await eventually(async () => (await host.dataSource.query(`SELECT count(*)::int AS n FROM "microsoftCalendar" WHERE "calendarChannelId" = $1`, [calendarChannelId]))[0].n >= 3, 20_000, 'the calendars listed');
    await host.dataSource.query(`UPDATE "microsoftCalendar" SET "isSynced" = true WHERE "calendarChannelId" = $1`, [calendarChannelId]);
    await syncNow();
    await eventually(async () => (await crmExternalId('Board prep', '2027-03-10T14:00:00Z')) !== undefined && (await crmExternalId('Team offsite', '2027-03-11T08:00:00Z')) !== undefined, 30_000, 'the shared calendars imported');

    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    const context = await browser.newContext({ timezoneId: 'Europe/Berlin', viewport: { width: 1400, height: 1000 }, locale: 'en-GB' });
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await signInThroughLoginPage(page, host.publicUrl, MEGAN);
  }, BROWSER_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
    await admin?.close();
    await host?.close();
  }, BROWSER_TIMEOUT_MS);

  it('drags an event to another day and hour; Outlook has it there, in its own zone', async () => {
    await openWeek();
    expect(await localStart('Design review')).toBe('2027-03-09T11:00');
    // Tuesday 11:00 Berlin → Thursday 14:00 Berlin: two days across, six half hours down.
    await move('Design review', 2, 6);
    await eventually(async () => (await localStart('Design review')) === '2027-03-11T14:00', 10_000, 'the event where it was dropped');
    await eventually(async () => hours(await outlook(ids.review))[0] === '2027-03-11T13:00', 20_000, 'the move in Outlook');
    expect(hours(await outlook(ids.review))).toEqual(['2027-03-11T13:00', '2027-03-11T14:00']);
    expect((await outlook(ids.review) as unknown as { originalStartTimeZone: string }).originalStartTimeZone).toBe('UTC');
    expect(await page.getByTestId('calendar-move-error').count()).toBe(0);
    await screenshot(page, 'moved');
  }, BROWSER_TIMEOUT_MS);

  it('stretches an event\'s end by its bottom edge; its start stays', async () => {
    await openWeek();
    await event('Design review').waitFor();
    await stretch('Design review', 2);
    await eventually(async () => hours(await outlook(ids.review))[1] === '2027-03-11T15:00', 20_000, 'the new end in Outlook');
    expect(hours(await outlook(ids.review))).toEqual(['2027-03-11T13:00', '2027-03-11T15:00']);
    await openWeek();
    expect(await localStart('Design review')).toBe('2027-03-11T14:00');
    expect((await event('Design review').innerText())).toContain('14:00 - 16:00');
  }, BROWSER_TIMEOUT_MS);

  it('an occurrence of a series asks first: Cancel puts it back; "This event" (the default) moves that occurrence only', async () => {
    await openWeek();
    expect(await localStart('Team sync')).toBe('2027-03-10T10:00');
    await move('Team sync', 0, 2);
    const prompt = page.getByTestId('series-move-prompt');
    await prompt.waitFor();
    expect(await prompt.innerText()).toContain('“Team sync” is part of a series');
    await screenshot(page, 'series-prompt');
    await page.getByTestId('series-move-cancel').click();
    await eventually(async () => (await localStart('Team sync')) === '2027-03-10T10:00', 5_000, 'the occurrence back in its place');
    expect(await outboxSettled()).toBe(true);

    await move('Team sync', 0, 2);
    await prompt.waitFor();
    expect(await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { getAttribute(name: string): string | null } | null } }).document.activeElement?.getAttribute('data-testid'))).toBe('series-move-this');
    await page.keyboard.press('Enter');
    await eventually(async () => (await prompt.count()) === 0, 5_000, 'the prompt closed');
    await eventually(async () => (await crmExternalId('Team sync', '2027-03-10T10:00:00Z')) !== undefined, 20_000, 'the moved occurrence in the CRM');
    const occurrence = await crmExternalId('Team sync', '2027-03-10T10:00:00Z');
    await eventually(async () => hours(await outlook(occurrence))[0] === '2027-03-10T10:00', 20_000, 'the occurrence moved in Outlook');
    // The other occurrences stay at 9:00 UTC.
    expect(hours(await outlook(await crmExternalId('Team sync', '2027-03-03T09:00:00Z')))).toEqual(['2027-03-03T09:00', '2027-03-03T09:30']);
    expect(hours(await outlook(await crmExternalId('Team sync', '2027-03-17T09:00:00Z')))).toEqual(['2027-03-17T09:00', '2027-03-17T09:30']);
    expect(await localStart('Team sync')).toBe('2027-03-10T11:00');
  }, BROWSER_TIMEOUT_MS);

  it('"All events" from the prompt moves the whole series: every occurrence in Outlook keeps the new hour', async () => {
    await openWeek();
    expect(await localStart('Weekly 1:1')).toBe('2027-03-08T13:00');
    await move('Weekly 1:1', 0, 2);
    await page.getByTestId('series-move-prompt').waitFor();
    await page.getByTestId('series-move-all').click();
    await eventually(async () => hours(await outlook(ids.oneToOne))[0] === '2027-03-01T13:00', 20_000, 'the series moved in Outlook');
    expect(hours(await outlook(ids.oneToOne))).toEqual(['2027-03-01T13:00', '2027-03-01T13:30']);
    await syncNow();
    // Each occurrence, the ones outside the week shown included, now starts an hour later.
    for (const day of ['2027-03-01', '2027-03-08', '2027-03-15']) {
      await eventually(async () => (await crmExternalId('Weekly 1:1', `${day}T13:00:00Z`)) !== undefined, 20_000, `the ${day} occurrence at its new hour in the CRM`);
      expect(hours(await outlook(await crmExternalId('Weekly 1:1', `${day}T13:00:00Z`)))).toEqual([`${day}T13:00`, `${day}T13:30`]);
    }
    await openWeek();
    expect(await localStart('Weekly 1:1')).toBe('2027-03-08T14:00');
  }, BROWSER_TIMEOUT_MS);

  it('an all-day event dragged along the all-day row moves by whole days and stays all-day in Outlook', async () => {
    await openWeek();
    expect(await localStart('Trade fair')).toBe('2027-03-09T00:00');
    const box = (await event('Trade fair').boundingBox())!;
    const { day } = await grid();
    await dragBy(box.x + box.width / 2, box.y + box.height / 2, day, 0);
    await eventually(async () => hours(await outlook(ids.fair))[0] === '2027-03-10T00:00', 20_000, 'the all-day move in Outlook');
    const moved = (await outlook(ids.fair)) as unknown as OutlookEvent & { isAllDay: boolean };
    expect(hours(moved)).toEqual(['2027-03-10T00:00', '2027-03-11T00:00']);
    expect(moved.isAllDay).toBe(true);
    await openWeek();
    expect(await localStart('Trade fair')).toBe('2027-03-10T00:00');
    expect(await page.getByTestId('calendar-move-error').count()).toBe(0);
  }, BROWSER_TIMEOUT_MS);

  it('events the member may not change do not move: a calendar shared read only, a meeting someone else organised', async () => {
    await openWeek();
    for (const title of ['Team offsite', 'Fabrikam roadmap']) {
      await event(title).waitFor();
      const classes = (await event(title).getAttribute('class')) ?? '';
      expect(classes).toContain('is-read-only');
      expect(classes).not.toContain('fc-event-draggable');
    }
    const before = await localStart('Team offsite');
    await move('Team offsite', 1, 4);
    await move('Fabrikam roadmap', -1, 2);
    expect(await localStart('Team offsite')).toBe(before);
    expect(await localStart('Fabrikam roadmap')).toBe('2027-03-12T14:00');
    expect(hours(await outlook(ids.offsite))).toEqual(['2027-03-11T08:00', '2027-03-11T09:00']);
    expect(hours(await outlook(ids.roadmap))).toEqual(['2027-03-12T13:00', '2027-03-12T14:00']);
    expect(await outboxSettled()).toBe(true);
    expect(await host.dataSource.query(`SELECT count(*)::int AS n FROM "microsoftCalendarOutbox" WHERE "eventExternalId" = ANY($1::text[])`, [[ids.offsite, ids.roadmap]])).toEqual([{ n: 0 }]);
  }, BROWSER_TIMEOUT_MS);

  it('a move Outlook refuses (the edit right taken back since the last sync) snaps back, with the reason', async () => {
    await adminCall('PATCH', `/mailboxes/${MEGAN}/calendars/${ids.board}`, { canEdit: false });
    await openWeek();
    expect(await localStart('Board prep')).toBe('2027-03-10T15:00');
    await move('Board prep', 1, 0);
    const notice = page.getByTestId('calendar-move-error');
    await notice.waitFor({ timeout: 20_000 });
    expect(await notice.innerText()).toMatch(/^Not written to Outlook: permission denied .*the CRM shows Outlook's version of the event again/);
    await eventually(async () => (await localStart('Board prep')) === '2027-03-10T15:00', 10_000, 'the event back in its place');
    expect(hours(await outlook(ids.dinner))).toEqual(['2027-03-10T14:00', '2027-03-10T15:00']);
    await screenshot(page, 'refused-move');
    expect(pageErrors).toEqual([]);
  }, BROWSER_TIMEOUT_MS);
});
