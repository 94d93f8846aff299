import type { Page } from 'playwright-core';
import type { TestHost } from '../../../test-support/index.js';
import { HostBrowser } from './support/host-browser.js';
import { screenshotTaker } from './support/screenshots.js';

const BROWSER_TIMEOUT_MS = 180_000;
const MEGAN = 'megan.bowen@contoso.com';

// What a newcomer's Chromium does after `npm start`: no certificate flag, no pin, the emulator's CA not trusted.
describe('Connect Microsoft in a stock Chromium', () => {
  const browser = new HostBrowser();
  let host: TestHost;
  let page: Page;
  const screenshot = screenshotTaker('connect-stock-browser');
  const visited: string[] = [];

  beforeAll(async () => {
    ({ host, page } = await browser.open({ signInAs: MEGAN }));
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) visited.push(frame.url());
    });
  }, BROWSER_TIMEOUT_MS);

  afterAll(() => browser.close(), BROWSER_TIMEOUT_MS);

  it('does not trust the emulator’s TLS certificate', async () => {
    const probe = await page.context().newPage();
    try {
      const failure = await probe.goto(`${host.emulator!.baseUrl}/common/v2.0/.well-known/openid-configuration`).then(
        () => undefined,
        (error: Error) => error.message,
      );
      expect(failure).toMatch(/ERR_CERT_AUTHORITY_INVALID/);
    } finally {
      await probe.close();
    }
  }, BROWSER_TIMEOUT_MS);

  it('opens the account picker and consent page without a warning, and comes back with the account connected', async () => {
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('accounts-empty').waitFor();
    await page.getByTestId('connect-microsoft').click();

    await page.locator('#consent-form').waitFor();
    const consentUrl = new URL(page.url());
    expect(consentUrl.origin).toBe(host.emulator!.browserBaseUrl);
    expect(consentUrl.pathname).toBe('/common/oauth2/v2.0/authorize');
    expect(await page.title()).not.toMatch(/privacy error|not private/i);
    const offered = await page.locator('input[name="account"]').evaluateAll((inputs) => inputs.map((input) => input.getAttribute('value')));
    expect(offered).toEqual(expect.arrayContaining([MEGAN, 'alex.wilber@contoso.com', 'demo.user@outlook.com']));
    await page.locator(`input[name="account"][value="${MEGAN}"]`).check();
    await screenshot(page, 'consent-page');

    await page.locator('button[name="action"][value="accept"]').click();
    await page.waitForURL((url) => url.pathname === '/settings/accounts' && !url.search.includes('connectedAccountId'));
    await page.getByTestId('microsoft-account').waitFor();
    expect((await page.getByTestId('account-handle').first().innerText()).trim()).toBe(MEGAN);
    expect(new URL(page.url()).origin).toBe(host.publicUrl);
    await screenshot(page, 'account-connected');

    // The browser only ever saw the CRM and the emulator's http pages; the token redemption happened server to server.
    expect(visited.some((url) => url.startsWith(`${host.emulator!.browserBaseUrl}/`))).toBe(true);
    expect(visited.filter((url) => url.startsWith('https:'))).toEqual([]);
    const [row] = await host.dataSource.query(`SELECT count(*)::int AS "count" FROM "connectedAccount" WHERE "handle" = $1`, [MEGAN]);
    expect(row.count).toBe(1);
    expect(browser.pageErrors).toEqual([]);
  }, BROWSER_TIMEOUT_MS);
});
