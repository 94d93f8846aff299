import type { Page } from 'playwright-core';
import { eventually, TestHttpClient, type TestHost } from '../../../test-support/index.js';
import { connectThroughConsent } from './support/connect-through-consent.js';
import { HostBrowser } from './support/host-browser.js';
import { launchChromium, type LaunchedChromium } from './support/launch-chromium.js';
import { screenshotTaker } from './support/screenshots.js';
import { signInThroughLoginPage } from './support/sign-in.js';

const BROWSER_TIMEOUT_MS = 240_000;
const MEGAN = 'megan.bowen@contoso.com';
const ALEX = 'alex.wilber@contoso.com';
const PERSONAL = 'demo.user@outlook.com';
const TEAMS_NEEDS_WORK_ACCOUNT = 'Teams meetings need a work or school account';
const TITLE = 'Intro call with Megan';
const SLUG = 'intro-call-with-megan';

/** Waits until the calendar sync has listed the account's Outlook calendars: the editor offers them as busy calendars. */
async function calendarsListed(host: TestHost, handle: string): Promise<void> {
  await eventually(
    async () => {
      const [row] = await host.dataSource.query(
        `SELECT count(*)::int AS n FROM "microsoftCalendar" c JOIN "calendarChannel" ch ON ch."id" = c."calendarChannelId" JOIN "connectedAccount" a ON a."id" = ch."connectedAccountId" WHERE a."handle" = $1`,
        [handle],
      );
      return row.n > 0;
    },
    60_000,
    `the calendars of ${handle}`,
  );
}

interface GuestAnswer {
  joinUrl: string | null;
  cancelUrl: string | null;
}

/** The first `count` free starts the public page offers for 30 minutes, as a guest's browser asks for them. */
async function freeSlots(host: TestHost, slug: string, count: number): Promise<string[]> {
  const starts: string[] = [];
  let from: string | null = null;
  while (starts.length < count) {
    const query: string = `duration=30&timeZone=Europe%2FParis${from ? `&from=${from}` : ''}`;
    const response = await fetch(`${host.publicUrl}/book/${slug}/slots?${query}`);
    if (response.status !== 200) throw new Error(`slots of ${slug}: ${response.status} ${await response.text()}`);
    const answer = (await response.json()) as { nextFrom: string | null; days: Array<{ slots: Array<{ start: string }> }> };
    starts.push(...answer.days.flatMap((day) => day.slots.map((slot) => slot.start)));
    if (!answer.nextFrom) break;
    from = answer.nextFrom;
  }
  if (starts.length < count) throw new Error(`${slug} offers ${starts.length} slots, ${count} wanted`);
  return starts.slice(0, count);
}

async function bookAsGuest(host: TestHost, slug: string, guest: { name: string; email: string; start: string }): Promise<GuestAnswer> {
  const response = await fetch(`${host.publicUrl}/book/${slug}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...guest, duration: 30, timeZone: 'Europe/Paris', submissionKey: `browser-spec-${guest.email.replace(/\W/g, '-')}` }),
  });
  if (response.status !== 201) throw new Error(`booking ${slug} as ${guest.email}: ${response.status} ${await response.text()}`);
  return (await response.json()) as GuestAnswer;
}

/** Settings → Booking pages in a browser: a page from Outlook's defaults, its public link, an edit, Teams greyed on a personal account, delete. */
describe('Settings → Booking pages in a browser', () => {
  const browser = new HostBrowser();
  let host: TestHost;
  let page: Page;
  let second: LaunchedChromium | undefined;
  const screenshot = screenshotTaker('booking-pages');
  const editor = () => page.getByTestId('booking-page-editor');
  const card = () => page.locator(`[data-testid="booking-page"][data-slug="${SLUG}"]`);

  beforeAll(async () => {
    ({ host, page } = await browser.open({
      prepare: async (started) => {
        // Outlook working hours the editor must start from: Monday to Thursday, 08:30–16:00 Pacific.
        const admin = new TestHttpClient(started.emulator!.baseUrl, started.emulator!.caCertPem);
        const response = await admin.request('PUT', `/_admin/mailboxes/${MEGAN}/mailbox-settings`, {
          body: { workingHours: { daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday'], startTime: '08:30:00', endTime: '16:00:00', timeZone: 'Pacific Standard Time' } },
        });
        await admin.close();
        if (response.status >= 300) throw new Error(`setting Megan's working hours: ${response.status} ${response.text}`);
      },
      signInAs: MEGAN,
    }));
    await page.getByTestId('nav-settings').click();
    await connectThroughConsent(page, host, MEGAN);
    await calendarsListed(host, MEGAN);
  }, BROWSER_TIMEOUT_MS);

  afterAll(async () => {
    await second?.close();
    await browser.close();
  }, BROWSER_TIMEOUT_MS);

  it("creates a page from Outlook's time zone, working hours and default calendar, and lists its public link", async () => {
    await page.getByTestId('settings-nav-microsoft-booking-pages').click();
    await page.getByTestId('booking-pages-empty').waitFor();
    await page.getByTestId('new-booking-page').click();
    await editor().waitFor();
    await page.locator('#booking-title:focus').waitFor();

    expect(await editor().getByTestId('booking-time-zone').inputValue()).toBe('America/Los_Angeles');
    const day = (name: string) => editor().locator(`[data-testid="booking-hours-day"][data-day="${name}"]`);
    expect(await day('monday').getAttribute('data-available')).toBe('true');
    expect(await day('friday').getAttribute('data-available')).toBe('false');
    expect(await editor().getByTestId('booking-hours-monday-start-0').inputValue()).toBe('08:30');
    expect(await editor().getByTestId('booking-hours-thursday-end-0').inputValue()).toBe('16:00');
    expect(await editor().getByTestId('booking-calendar-Calendar').isChecked()).toBe(true);
    // A work account can give Teams: it is the default location.
    expect(await editor().locator('input[name="booking-location-kind"][value="TEAMS"]').isChecked()).toBe(true);

    // Saving an empty form names the fields, with the keyboard on the first.
    await editor().getByTestId('booking-save').click();
    expect(await editor().getByTestId('booking-title-error').innerText()).toBe('Give the page a title');
    await editor().getByTestId('booking-save').focus();
    await editor().getByTestId('booking-save').press('Enter');
    await page.locator('#booking-title:focus').waitFor();

    await editor().getByLabel('Title').fill(TITLE);
    expect(await editor().getByTestId('booking-slug').inputValue()).toBe(SLUG);
    await editor().getByTestId('booking-duration-60').check();
    await editor().getByLabel('Description').fill('Half an hour or an hour to get to know each other.');
    await screenshot(page, 'new-page-from-outlook');
    await editor().getByTestId('booking-save').click();

    await card().waitFor();
    const link = await card().getByTestId('booking-page-link').getAttribute('href');
    expect(link).toBe(`${host.publicUrl.replace(/\/$/, '')}/book/${SLUG}`);
    expect(await card().getByTestId('booking-page-link').innerText()).toBe(link);
    expect(await card().innerText()).toContain('30 min, 1 h · Teams meeting');
    expect(await card().getByTestId('booking-page-enabled').isChecked()).toBe(true);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(host.publicUrl).origin });
    await card().getByTestId('booking-page-copy').click();
    await card().getByTestId('booking-page-copy').filter({ hasText: 'Copied' }).waitFor();
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(link);
    // The link is the public page a guest opens.
    const guest = await page.context().newPage();
    const response = await guest.goto(link!);
    expect(response?.status()).toBe(200);
    expect(await guest.locator('body').innerText()).toContain(TITLE);
    await guest.close();
    const [stored] = await host.dataSource.query(`SELECT "timeZone", "workingHours" FROM "microsoftBookingPage" WHERE "slug" = $1`, [SLUG]);
    expect(stored.timeZone).toBe('America/Los_Angeles');
    await screenshot(page, 'page-listed');

    // Two guests book through the public page; one cancels. The list shows both when opened, the cancelled one marked.
    await card().getByTestId('page-bookings').locator('summary').click();
    await card().getByTestId('page-bookings').getByText('Nobody has booked this page yet').waitFor();
    const [first, second] = await freeSlots(host, SLUG, 2);
    const ada = await bookAsGuest(host, SLUG, { name: 'Ada Guest', email: 'ada@example.org', start: first! });
    const bob = await bookAsGuest(host, SLUG, { name: 'Bob Guest', email: 'bob@example.org', start: second! });
    expect(ada.joinUrl).toMatch(/^https:\/\/teams\.microsoft\.com\//);
    const cancelled = await fetch(bob.cancelUrl!, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ action: 'cancel' }) });
    expect(cancelled.status).toBeLessThan(300);
    await page.reload();
    await card().getByTestId('page-bookings').locator('summary').click();
    await card().getByTestId('page-booking').nth(1).waitFor();
    expect(await card().getByTestId('page-bookings').locator('summary').innerText()).toContain('(1 confirmed)');
    const bookings = card().getByTestId('page-booking');
    expect(await bookings.nth(0).innerText()).toContain('Ada Guest');
    expect(await bookings.nth(0).getByRole('link', { name: 'Teams link' }).getAttribute('href')).toBe(ada.joinUrl);
    expect(await bookings.nth(1).innerText()).toContain('Bob Guest');
    expect(await bookings.nth(1).getAttribute('data-status')).toBe('CANCELLED');
    expect(await bookings.nth(1).innerText()).toContain('Cancelled');
    await screenshot(page, 'bookings');
  }, BROWSER_TIMEOUT_MS);

  it('edits the page: a taken address is refused on the field, then a new title, hours and location are saved', async () => {
    // Another page holds the address the member will try.
    await page.getByTestId('new-booking-page').click();
    await editor().getByLabel('Title').fill('Demo');
    await editor().getByTestId('booking-save').click();
    await page.locator('[data-testid="booking-page"][data-slug="demo"]').waitFor();

    await card().getByTestId('booking-page-edit').click();
    await editor().waitFor();
    await editor().getByTestId('booking-slug').fill('demo');
    await editor().getByTestId('booking-save').click();
    expect(await editor().getByTestId('booking-slug-error').innerText()).toContain('That address is taken');
    await page.locator('#booking-slug:focus').waitFor();

    await editor().getByTestId('booking-slug').fill(`${SLUG}-2`);
    await editor().getByLabel('Title').fill('Intro call');
    // The address no longer follows the title once edited.
    expect(await editor().getByTestId('booking-slug').inputValue()).toBe(`${SLUG}-2`);
    await editor().getByTestId('booking-hours-friday').check();
    await editor().getByTestId('booking-hours-friday-start-0').fill('10:00');
    await editor().getByTestId('booking-hours-friday-end-0').fill('12:00');
    await editor().getByTestId('booking-location-PHONE').click();
    await editor().getByTestId('booking-location-detail').fill('+1 425 555 0100');
    await editor().getByTestId('booking-bufferAfterMinutes').fill('15');
    await editor().getByTestId('booking-dailyCap').fill('4');
    await screenshot(page, 'editing');
    await editor().getByTestId('booking-save').click();

    const edited = page.locator(`[data-testid="booking-page"][data-slug="${SLUG}-2"]`);
    await edited.waitFor();
    expect(await edited.getByTestId('booking-page-title').innerText()).toBe('Intro call');
    expect(await edited.innerText()).toContain('Phone call: +1 425 555 0100');
    const [stored] = await host.dataSource.query(`SELECT "workingHours", "bufferAfterMinutes", "dailyCap" FROM "microsoftBookingPage" WHERE "slug" = $1`, [`${SLUG}-2`]);
    expect(stored.workingHours).toContainEqual({ day: 'friday', start: '10:00', end: '12:00' });
    expect(stored.bufferAfterMinutes).toBe(15);
    expect(stored.dailyCap).toBe(4);

    // Closed from the list, and open again.
    await edited.getByTestId('booking-page-enabled').uncheck();
    await eventually(async () => (await host.dataSource.query(`SELECT "enabled" FROM "microsoftBookingPage" WHERE "slug" = $1`, [`${SLUG}-2`]))[0].enabled === false, 10_000, 'the page closed');
    expect(await edited.getByTestId('booking-page-enabled').isChecked()).toBe(false);
  }, BROWSER_TIMEOUT_MS);

  it('greys the Teams option for the personal demo account, and shows the fallback of a Teams page there', async () => {
    second = await launchChromium();
    const other = second.context.pages()[0] ?? (await second.context.newPage());
    other.setDefaultTimeout(20_000);
    await signInThroughLoginPage(other, host.publicUrl, ALEX);
    await other.getByTestId('nav-settings').click();
    await connectThroughConsent(other, host, PERSONAL, async () => {
      await other.locator('input[name="scope"][value="Mail.Send"]').uncheck();
    });
    await calendarsListed(host, PERSONAL);
    await other.goto(`${host.publicUrl}/settings/booking-pages`);
    await other.getByTestId('new-booking-page').click();
    const personalEditor = other.getByTestId('booking-page-editor');
    await personalEditor.waitFor();

    const teams = personalEditor.locator('input[name="booking-location-kind"][value="TEAMS"]');
    expect(await teams.isDisabled()).toBe(true);
    expect(await teams.isChecked()).toBe(false);
    expect(await personalEditor.getByTestId('booking-location-teams-reason').innerText()).toBe(TEAMS_NEEDS_WORK_ACCOUNT);
    expect(await personalEditor.getByTestId('booking-editor-no-confirmations').innerText()).toContain('Confirmation emails will not be sent');
    await screenshot(other, 'personal-account-teams-greyed');
    await personalEditor.getByRole('button', { name: 'Cancel' }).click();

    // A page saved as Teams on this account (the API takes it) says what guests get instead.
    const accountId = (await host.dataSource.query(`SELECT "id" FROM "connectedAccount" WHERE "handle" = $1`, [PERSONAL]))[0].id as string;
    const defaults = await other.evaluate(async (connectedAccountId) => {
      const response = await fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: 'query($id: ID!) { microsoftBookingPageDefaults(connectedAccountId: $id) { timeZone busyCalendarIds } }', variables: { id: connectedAccountId } }),
      });
      return ((await response.json()) as { data: { microsoftBookingPageDefaults: { timeZone: string; busyCalendarIds: string[] } } }).data.microsoftBookingPageDefaults;
    }, accountId);
    const created = await other.evaluate(
      async ({ connectedAccountId, timeZone, busyCalendarIds }) => {
        const input = {
          connectedAccountId, title: 'Personal Teams page', slug: 'personal-teams-page', description: null, durationsMinutes: [30], locationKind: 'TEAMS', locationDetail: null, timeZone,
          workingHours: [{ day: 'monday', start: '10:00', end: '16:00' }], bufferBeforeMinutes: 0, bufferAfterMinutes: 0, minimumNoticeMinutes: 60, horizonDays: 30, dailyCap: null, busyCalendarIds, enabled: true,
        };
        const response = await fetch('/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: 'mutation($input: MicrosoftBookingPageInput!) { createMicrosoftBookingPage(input: $input) { id locationFallback } }', variables: { input } }),
        });
        return (await response.json()) as { data?: { createMicrosoftBookingPage: { id: string; locationFallback: string | null } } };
      },
      { connectedAccountId: accountId, ...defaults },
    );
    const fallback = created.data!.createMicrosoftBookingPage.locationFallback;
    expect(fallback).toBeTruthy();
    await other.reload();
    const teamsPage = other.locator('[data-testid="booking-page"][data-slug="personal-teams-page"]');
    await teamsPage.waitFor();
    expect(await teamsPage.getByTestId('booking-page-fallback').innerText()).toContain(fallback!);
    expect(await teamsPage.getByTestId('booking-page-no-confirmations').isVisible()).toBe(true);
    await teamsPage.getByTestId('booking-page-edit').click();
    expect(await other.getByTestId('booking-location-fallback').innerText()).toContain(fallback!);
    await screenshot(other, 'personal-teams-fallback');
  }, BROWSER_TIMEOUT_MS);

  it('deletes a page after confirmation; Cancel and Escape keep it', async () => {
    const edited = page.locator(`[data-testid="booking-page"][data-slug="${SLUG}-2"]`);
    await edited.getByTestId('booking-page-delete').click();
    const dialog = page.getByTestId('delete-booking-page-dialog');
    await dialog.waitFor();
    // The keyboard starts on Cancel, stays in the dialog, and Escape gives it back to the Delete button.
    const focusedInDialog = (name: string) => dialog.locator('button:focus', { hasText: name }).waitFor();
    await focusedInDialog('Cancel');
    await page.keyboard.press('Tab');
    await focusedInDialog('Delete page');
    await page.keyboard.press('Tab');
    await focusedInDialog('Cancel');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await edited.count()).toBe(1);
    await edited.locator('[aria-label="Delete Intro call"]:focus').waitFor();

    await edited.getByTestId('booking-page-delete').click();
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain(`/book/${SLUG}-2`);
    await screenshot(page, 'delete-confirmation');
    await dialog.getByTestId('confirm-delete-booking-page').click();
    await edited.waitFor({ state: 'detached' });
    expect(await host.dataSource.query(`SELECT 1 FROM "microsoftBookingPage" WHERE "slug" = $1`, [`${SLUG}-2`])).toEqual([]);
    expect(await page.locator('[data-testid="booking-page"][data-slug="demo"]').count()).toBe(1);
  }, BROWSER_TIMEOUT_MS);

  it('raised no page errors', () => {
    expect(browser.pageErrors).toEqual([]);
  });
});
