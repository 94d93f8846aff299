import type { Page } from 'playwright-core';
import { Agent, fetch } from 'undici';
import { CalendarSyncService, MailSyncService } from '@m365/server-module';
import { eventually, type TestHost } from '../../../test-support/index.js';
import { connectThroughConsent, messageChannelOf } from './support/connect-through-consent.js';
import { HostBrowser } from './support/host-browser.js';
import { screenshotTaker } from './support/screenshots.js';

const BROWSER_TIMEOUT_MS = 180_000;
const MEGAN = 'megan.bowen@contoso.com';
const CALENDAR_SCOPE = 'Calendars.ReadWrite';

describe('Consent in a browser: turn a declined feature on from Settings, lose it when Microsoft withdraws its permission', () => {
  const browser = new HostBrowser();
  let host: TestHost;
  let page: Page;
  const screenshot = screenshotTaker('consent');
  const browserErrors = browser.pageErrors;

  beforeAll(async () => {
    ({ host, page } = await browser.open({
      signInAs: MEGAN,
      // Tokens live 2 minutes, inside MSAL's 5-minute renewal window: every sync takes a new token, so a permission
      // withdrawn at Microsoft shows at the next sync rather than an hour later.
      prepare: (started) => void started.emulator!.store.updateConfig({ accessTokenLifetimeSeconds: 120 }),
    }));
  }, BROWSER_TIMEOUT_MS);

  afterAll(() => browser.close(), BROWSER_TIMEOUT_MS);

  const granted = async (feature: string) => page.getByTestId(`feature-${feature}`).getAttribute('data-granted');

  it('connects with Calendar unticked: the calendar feature is off, with "Enable"', async () => {
    await page.goto(`${host.publicUrl}/settings/accounts`);
    await page.getByTestId('accounts-empty').waitFor();
    await connectThroughConsent(page, host, MEGAN, async () => {
      await page.locator(`input[name="scope"][value="${CALENDAR_SCOPE}"]`).uncheck();
    });
    expect(await granted('CALENDAR')).toBe('false');
    expect(await granted('MAIL_IMPORT')).toBe('true');
    expect(await page.getByTestId('feature-state-CALENDAR').innerText()).toBe('Not granted');
    expect(await page.getByTestId('grant-CALENDAR').innerText()).toBe('Enable');
    await page.getByTestId('calendar-settings-unavailable').waitFor();
    await screenshot(page, 'calendar-declined');
  }, BROWSER_TIMEOUT_MS);

  it('"Enable" on Calendar: Microsoft asks only for the calendar scope, and back in Settings the calendar is on and syncing', async () => {
    await page.getByTestId('grant-CALENDAR').click();
    await page.waitForURL(`${host.emulator!.browserBaseUrl}/**`);
    await page.locator('#consent-form').waitFor();
    const offered = await page.locator('input[name="scope"]:not([disabled])').evaluateAll((inputs) => inputs.map((input) => (input as unknown as { value: string }).value));
    expect(offered).toEqual([CALENDAR_SCOPE]);
    expect(await page.locator(`input[name="account"][value="${MEGAN}"]`).isChecked()).toBe(true);
    await screenshot(page, 'consent-calendar-only');
    await page.locator('button[name="action"][value="accept"]').click();

    await page.waitForURL((url) => url.pathname === '/settings/accounts' && !url.search.includes('connectedAccountId'));
    await page.locator('[data-testid="feature-CALENDAR"][data-granted="true"]').waitFor();
    expect(await page.getByTestId('grant-CALENDAR').count()).toBe(0);
    await page.getByTestId('calendar-settings').waitFor();
    // The first calendar sync was started: the status leaves "Not synced".
    await eventually(async () => !['', 'Not synced'].includes((await page.getByTestId('calendar-channel-status').innerText()).trim()), 60_000, 'the calendar status left Not synced');
    expect(await granted('MAIL_IMPORT')).toBe('true');
    await screenshot(page, 'calendar-enabled');
  }, BROWSER_TIMEOUT_MS);

  it('a calendar permission withdrawn at Microsoft turns off the calendar only: it says so with "Enable" again, mail still syncs', async () => {
    const dispatcher = new Agent({ connect: { ca: host.emulator!.caCertPem } });
    try {
      const withdrawn = await fetch(`${host.emulator!.baseUrl}/_admin/consents/withdraw`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ user: MEGAN, clientId: host.microsoft.clientId, scope: CALENDAR_SCOPE }),
        dispatcher,
      });
      expect(withdrawn.status).toBe(200);
    } finally {
      await dispatcher.close();
    }

    const mailChannel = await messageChannelOf(host, MEGAN);
    const [calendarChannel] = await host.dataSource.query(`SELECT "id" FROM "calendarChannel" WHERE "workspaceId" = $1`, [mailChannel.workspaceId]);
    // The next passes, as the schedule would run them; each takes a new token, which no longer carries the calendar scope.
    await eventually(async () => (await host.app.get(CalendarSyncService).syncChannel(mailChannel.workspaceId, calendarChannel.id)) !== 'busy', 60_000, 'a calendar pass ran');
    await eventually(async () => (await host.app.get(MailSyncService).syncChannel(mailChannel.workspaceId, mailChannel.id)) === 'synced', 60_000, 'a mail pass synced');

    await page.reload();
    await page.locator('[data-testid="feature-CALENDAR"][data-granted="false"]').waitFor();
    expect(await page.getByTestId('feature-state-CALENDAR').innerText()).toBe('Access withdrawn at Microsoft');
    expect(await page.getByTestId('grant-CALENDAR').innerText()).toBe('Enable');
    expect(await granted('MAIL_IMPORT')).toBe('true');
    expect(await granted('CONTACTS')).toBe('true');
    const [mail] = await host.dataSource.query(`SELECT "syncStatus" FROM "messageChannel" WHERE "id" = $1`, [mailChannel.id]);
    expect(mail.syncStatus).toBe('ACTIVE');
    await screenshot(page, 'calendar-withdrawn');
    expect(browserErrors).toEqual([]);
  }, BROWSER_TIMEOUT_MS);
});

