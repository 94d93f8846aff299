import type { Page } from 'playwright-core';
import type { TestHost } from '../../../test-support/index.js';
import { connectThroughConsent, messageChannelOf } from './support/connect-through-consent.js';
import { HostBrowser } from './support/host-browser.js';
import { screenshotTaker } from './support/screenshots.js';

// The host's webhook origin is plain http and nothing allows it, as against Microsoft's cloud: Settings says why
// real-time is off instead of "starting…" forever or a Graph error.
const BROWSER_TIMEOUT_MS = 180_000;
const MEGAN = 'megan.bowen@contoso.com';

describe('Settings → Accounts when the server has no https webhook URL', () => {
  const browser = new HostBrowser();
  let host: TestHost;
  let page: Page;
  const screenshot = screenshotTaker('push-https-rule');

  beforeAll(async () => {
    ({ host, page } = await browser.open({
      host: { microsoft: { allowInsecureWebhookUrl: false } },
      prepare: (started) => {
        started.emulator!.store.mail.seedMailbox({ user: MEGAN, messages: 10, folders: 1, nestedFolders: 0, seed: 4 });
      },
      signInAs: MEGAN,
    }));
  }, BROWSER_TIMEOUT_MS);

  afterAll(() => browser.close(), BROWSER_TIMEOUT_MS);

  it('shows "Real-time needs a public https URL (MICROSOFT_WEBHOOK_BASE_URL)" and keeps the 5-minute sync', async () => {
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('accounts-empty').waitFor();
    await connectThroughConsent(page, host, MEGAN);
    await messageChannelOf(host, MEGAN);

    const status = page.locator('[data-testid="email-push-status"][data-push="OFF"]');
    await status.waitFor({ timeout: 30_000 });
    expect((await page.getByTestId('email-push-status-text').innerText()).trim()).toBe('Real-time: off — checking every 5 minutes');
    expect((await page.getByTestId('email-push-status-reason').innerText()).trim()).toBe('Real-time needs a public https URL (MICROSOFT_WEBHOOK_BASE_URL)');
    expect((await page.getByTestId('account-push-status-text').innerText()).trim()).toBe('Real-time: off — checking every 5 minutes');
    expect(host.emulator!.store.subscriptions.list()).toEqual([]);
    expect(browser.pageErrors).toEqual([]);
    await page.getByTestId('email-push-status').scrollIntoViewIfNeeded();
    await screenshot(page, 'settings-https-required');
  }, BROWSER_TIMEOUT_MS);
});
