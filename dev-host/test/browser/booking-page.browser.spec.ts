import { chromium, type Browser, type Page } from 'playwright-core';
import { eventually, type TestHost, type TestHttpClient } from '../../../test-support/index.js';
import { connectThroughConsent } from './support/connect-through-consent.js';
import { HostBrowser } from './support/host-browser.js';
import { CHROMIUM_PATH } from './support/launch-chromium.js';
import { screenshotTaker } from './support/screenshots.js';

const BROWSER_TIMEOUT_MS = 240_000;
const MEGAN = 'megan.bowen@contoso.com';
const GUEST = 'kenji.guest@example.jp';
const GUEST_ZONE = 'Asia/Tokyo';

/** A guest books from the public page on a phone in Tokyo: times in their zone, the Teams link of the Outlook event in the confirmation. */
describe('The public booking page in a browser, in another time zone', () => {
  const browser = new HostBrowser();
  let host: TestHost;
  let member: TestHttpClient;
  let guestBrowser: Browser | undefined;
  let guest: Page;
  const cspViolations: string[] = [];
  const screenshot = screenshotTaker('booking-page');

  beforeAll(async () => {
    let page: Page;
    ({ host, page } = await browser.open({ signInAs: MEGAN }));
    await page.getByTestId('nav-settings').click();
    await connectThroughConsent(page, host, MEGAN);
    member = host.newClient();
    await member.signIn(MEGAN, 'demo-password');
    const [account] = await host.dataSource.query(`SELECT "id" FROM "connectedAccount" WHERE "handle" = $1`, [MEGAN]);
    const calendar = async () =>
      (await host.dataSource.query(
        `SELECT c."id" FROM "microsoftCalendar" c JOIN "calendarChannel" ch ON ch."id" = c."calendarChannelId" WHERE ch."connectedAccountId" = $1 AND c."isDefaultCalendar"`,
        [account.id],
      ))[0]?.id as string | undefined;
    await eventually(async () => (await calendar()) !== undefined, 60_000, "Megan's calendars");
    const created = await member.graphql(`mutation ($i: MicrosoftBookingPageInput!) { createMicrosoftBookingPage(input: $i) { id publicUrl } }`, {
      i: {
        connectedAccountId: account.id, title: 'Meet Megan', slug: 'meet-megan', description: 'Half an hour on Teams.', durationsMinutes: [30, 60], locationKind: 'TEAMS', timeZone: 'Europe/Paris',
        workingHours: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map((day) => ({ day, start: '09:00', end: '17:00' })),
        bufferBeforeMinutes: 0, bufferAfterMinutes: 0, minimumNoticeMinutes: 120, horizonDays: 30, busyCalendarIds: [await calendar()], enabled: true,
      },
    });
    if (created.errors?.length) throw new Error(created.errors[0].message);
    guestBrowser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    const context = await guestBrowser.newContext({ timezoneId: GUEST_ZONE, locale: 'ja-JP', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    guest = await context.newPage();
    guest.setDefaultTimeout(20_000);
    guest.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
  }, BROWSER_TIMEOUT_MS);

  afterAll(async () => {
    await guestBrowser?.close();
    await browser.close();
  }, BROWSER_TIMEOUT_MS);

  it('shows free times in the zone the browser is in, changeable; books one; the confirmation carries the Outlook event\'s join URL', async () => {
    await guest.goto(`${host.publicUrl}/book/meet-megan`);
    expect(await guest.locator('h1').innerText()).toBe('Meet Megan');
    expect(await guest.locator('#zone').inputValue()).toBe(GUEST_ZONE);
    await guest.locator('.slots button').first().waitFor();
    // Changing the zone relabels the same instants.
    const firstStart = await guest.locator('.slots button').first().getAttribute('data-start');
    const tokyoLabel = await guest.locator('.slots button').first().innerText();
    await guest.locator('#zone').selectOption('America/New_York');
    await eventually(async () => (await guest.locator('#status').innerText()).includes('America/New York'), 10_000, 'the New York labels');
    await guest.locator('#zone').selectOption(GUEST_ZONE);
    await eventually(async () => (await guest.locator('#status').innerText()).includes('Asia/Tokyo'), 10_000, 'the Tokyo labels again');
    const expected = new Date(firstStart!).toLocaleTimeString('en-GB', { timeZone: GUEST_ZONE, hour: '2-digit', minute: '2-digit' });
    expect(tokyoLabel).toBe(expected);

    await guest.locator('.slots button').first().click();
    await guest.locator('#name').fill('Kenji Guest');
    await guest.locator('#email').fill(GUEST);
    await guest.locator('#note').fill('From Tokyo');
    await screenshot(guest, 'form');
    await guest.locator('#form button[type=submit]').click();
    await guest.locator('#result').waitFor({ state: 'visible' });
    await screenshot(guest, 'booked');
    const shownJoinUrl = await guest.locator('#result-join').getAttribute('href');
    // A label, not the long address, which would run out of the card on a phone.
    expect(await guest.locator('#result-join').innerText()).toBe('Join the Microsoft Teams meeting');
    expect(await guest.locator('#result-when').innerText()).toContain(`${expected}`);
    expect(await guest.locator('#result-when').innerText()).toContain('(Asia/Tokyo)');

    const store = host.emulator!.store;
    const event = store.calendar.listEvents(store.findUser(MEGAN)!.id).find((candidate) => candidate.subject === 'Meet Megan: Kenji Guest') as { onlineMeeting?: { joinUrl?: string } } | undefined;
    const outlookJoinUrl = event?.onlineMeeting?.joinUrl;
    expect(outlookJoinUrl).toMatch(/^https:/);
    expect(shownJoinUrl).toBe(outlookJoinUrl);
    const confirmation = store.outbound.listOutbound().find((message) => message.to.some((recipient) => recipient.address === GUEST) && message.attachments.some((attachment) => attachment.name === 'invite.ics'))!;
    const hrefs = [...confirmation.body.content.matchAll(/href="([^"]+)"/g)].map((match) => match[1]!.replace(/&#38;/g, '&'));
    expect(hrefs).toContain(outlookJoinUrl);
    expect(confirmation.body.content).toContain(`${expected}`);
    const ics = store.outbound.getOutbound(confirmation.id)!.attachments.find((attachment) => attachment.name === 'invite.ics')!.bytes.toString('utf8');
    expect(ics.replace(/\r\n[ \t]/g, '')).toContain(outlookJoinUrl!);
    expect(cspViolations).toEqual([]);
    expect(browser.pageErrors).toEqual([]);
  });
});
