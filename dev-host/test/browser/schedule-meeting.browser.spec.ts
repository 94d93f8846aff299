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
const LEE = 'lee.gu@fabrikam.com';
const PERSONAL = 'demo.user@outlook.com';
const SUBJECT = 'Pricing review with Alex';
const TEAMS_NEEDS_WORK_ACCOUNT = 'Teams meetings need a work or school account';
// Alex is busy that morning, 10:00–11:00 UTC; the meeting goes at 14:00 in the browser's zone.
const DAY = '2027-03-01';

/** Schedule meeting in a browser: the grid with a colleague's busy block, an outsider unknown, Teams, the Calendar tab; Teams greyed on a personal account. */
describe('Schedule meeting in a browser, and Teams on a personal account', () => {
  const browser = new HostBrowser();
  let host: TestHost;
  let page: Page;
  let second: LaunchedChromium | undefined;
  const screenshot = screenshotTaker('schedule-meeting');
  const dialog = () => page.getByTestId('schedule-dialog');
  const personId = async (email: string) => (await host.dataSource.query(`SELECT "id" FROM "person" WHERE lower("emailsPrimaryEmail") = $1`, [email]))[0].id as string;

  beforeAll(async () => {
    ({ host, page } = await browser.open({
      prepare: async (started) => {
        const admin = new TestHttpClient(started.emulator!.baseUrl, started.emulator!.caCertPem);
        const response = await admin.request('POST', `/_admin/mailboxes/${ALEX}/events`, {
          body: { subject: 'Alex: board prep', start: { dateTime: `${DAY}T10:00:00`, timeZone: 'UTC' }, end: { dateTime: `${DAY}T11:00:00`, timeZone: 'UTC' } },
        });
        await admin.close();
        if (response.status >= 300) throw new Error(`seeding Alex's calendar: ${response.status} ${response.text}`);
      },
      signInAs: MEGAN,
    }));
    await page.getByTestId('nav-settings').click();
    await connectThroughConsent(page, host, MEGAN);
  }, BROWSER_TIMEOUT_MS);

  afterAll(async () => {
    await second?.close();
    await browser.close();
  }, BROWSER_TIMEOUT_MS);

  it("schedules a Teams meeting from a person: Alex's busy block on the grid, an outsider unknown, the event on the Calendar tab and in Outlook", async () => {
    await page.goto(`${host.publicUrl}/people/${await personId(ALEX)}`);
    await page.getByTestId('schedule-meeting').click();
    await dialog().waitFor();
    expect(await dialog().getByTestId('recipient-chip').innerText()).toContain(ALEX);
    await dialog().getByLabel('Title').fill(SUBJECT);
    await dialog().getByTestId('schedule-date').fill(DAY);
    await dialog().getByTestId('schedule-time').fill('14:00');
    await dialog().getByLabel('Attendees').fill(LEE);
    await dialog().getByLabel('Attendees').press('Enter');

    const row = (email: string) => dialog().locator(`[data-testid="availability-row"][data-email="${email}"]`);
    await row(ALEX).getByTestId('busy-block').first().waitFor();
    const busy = row(ALEX).getByTestId('busy-block').first();
    expect(await busy.getAttribute('data-status')).toBe('BUSY');
    // The block's label is in the browser's zone: 10:00 UTC there.
    const tenUtc = await page.evaluate((day) => new Date(`${day}T10:00:00Z`).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' }), DAY);
    expect(await busy.getAttribute('aria-label')).toContain(`Busy ${tenUtc}`);
    await row(LEE).waitFor();
    expect(await row(LEE).getAttribute('data-known')).toBe('false');
    expect(await row(LEE).innerText()).toContain('Availability unknown');

    await dialog().getByTestId('schedule-find-time').click();
    await dialog().getByTestId('schedule-slot').first().waitFor();
    // A proposed slot puts its time in the form; then back to the chosen one.
    await dialog().getByTestId('schedule-slot').first().click();
    expect(await dialog().getByTestId('schedule-time').inputValue()).not.toBe('');
    await dialog().getByTestId('schedule-date').fill(DAY);
    await dialog().getByTestId('schedule-time').fill('14:00');

    const teams = dialog().getByTestId('schedule-teams');
    expect(await teams.isEnabled()).toBe(true);
    expect(await teams.isChecked()).toBe(true);
    await screenshot(page, 'dialog-with-grid');
    await dialog().getByTestId('schedule-create').click();
    const joinUrl = await dialog().getByTestId('schedule-join-url').innerText();
    expect(joinUrl).toMatch(/^https:\/\/teams\.microsoft\.com\//);

    const meganId = host.emulator!.store.findUser(MEGAN)!.id;
    const outlook = host.emulator!.store.calendar.listEvents(meganId).find((event) => event.subject === SUBJECT)!;
    expect(outlook.onlineMeeting?.joinUrl).toBe(joinUrl);
    expect(outlook.attendees.map((attendee) => attendee.emailAddress.address.toLowerCase()).sort()).toEqual([ALEX, LEE]);
    const fourteenLocal = await page.evaluate((day) => new Date(`${day}T14:00:00`).toISOString(), DAY);
    const [crm] = await host.dataSource.query(`SELECT "startsAt", "conferenceLinkPrimaryLinkUrl" AS url FROM "calendarEvent" WHERE "title" = $1`, [SUBJECT]);
    expect(new Date(crm.startsAt).toISOString()).toBe(fourteenLocal);
    expect(crm.url).toBe(joinUrl);

    await dialog().getByRole('button', { name: 'Done' }).click();
    await page.getByTestId('tab-calendar').click();
    await eventually(async () => (await page.getByTestId('calendar-event').filter({ hasText: SUBJECT }).count()) === 1, 30_000, 'the meeting on the Calendar tab');
    await screenshot(page, 'calendar-tab');
  }, BROWSER_TIMEOUT_MS);

  it('greys the Teams options for the personal demo account, with the reason', async () => {
    second = await launchChromium();
    const other = second.context.pages()[0] ?? (await second.context.newPage());
    other.setDefaultTimeout(20_000);
    await signInThroughLoginPage(other, host.publicUrl, ALEX);
    await other.getByTestId('nav-settings').click();
    await connectThroughConsent(other, host, PERSONAL);
    await other.goto(`${host.publicUrl}/people/${await personId(LEE)}`);

    await other.getByTestId('share-teams-link').waitFor();
    expect(await other.getByTestId('share-teams-link').isDisabled()).toBe(true);
    expect(await other.getByTestId('share-teams-link-reason').innerText()).toBe(TEAMS_NEEDS_WORK_ACCOUNT);

    await other.getByTestId('schedule-meeting').click();
    const personalDialog = other.getByTestId('schedule-dialog');
    await personalDialog.waitFor();
    expect(await personalDialog.getByTestId('schedule-teams').isDisabled()).toBe(true);
    expect(await personalDialog.getByTestId('schedule-teams').isChecked()).toBe(false);
    expect(await personalDialog.getByTestId('schedule-teams-reason').innerText()).toContain(TEAMS_NEEDS_WORK_ACCOUNT);
    await screenshot(other, 'personal-account-teams-greyed');
    // Esc closes it wherever the focus is.
    await other.locator('body').focus();
    await other.keyboard.press('Escape');
    await personalDialog.waitFor({ state: 'detached' });

    await other.getByTestId('compose-email').click();
    await other.getByTestId('composer').waitFor();
    expect(await other.getByTestId('insert-teams-meeting').isDisabled()).toBe(true);
    expect(await other.getByTestId('insert-teams-meeting-reason').innerText()).toBe(TEAMS_NEEDS_WORK_ACCOUNT);
  }, BROWSER_TIMEOUT_MS);

  it('inserts a Teams meeting into a message and shares a Teams link from a record on the work account', async () => {
    await page.goto(`${host.publicUrl}/people/${await personId(LEE)}`);
    await page.getByTestId('share-teams-link').click();
    const url = await page.getByTestId('teams-link-url').inputValue();
    expect(url).toMatch(/^https:\/\/teams\.microsoft\.com\//);

    await page.getByTestId('compose-email').click();
    await page.getByTestId('composer').waitFor();
    await page.getByTestId('compose-body').click();
    await page.getByTestId('insert-teams-meeting').click();
    await page.getByTestId('compose-body').locator('a', { hasText: 'Join the meeting now' }).waitFor();
    const href = await page.getByTestId('compose-body').locator('a', { hasText: 'Join the meeting now' }).getAttribute('href');
    expect(href).toMatch(/^https:\/\/teams\.microsoft\.com\//);
    expect(href).not.toBe(url);
  }, BROWSER_TIMEOUT_MS);

  it('raised no page errors', () => {
    expect(browser.pageErrors).toEqual([]);
  });
});
