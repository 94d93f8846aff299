import { jest } from '@jest/globals';
import type { Page } from 'playwright-core';
import { connectMailbox, eventually, type TestHost } from '../../../test-support/index.js';
import { MicrosoftHttpTransport } from '../../../server-module/src/http/microsoft-http-transport.js';
import { HostBrowser } from './support/host-browser.js';
import { screenshotTaker } from './support/screenshots.js';

const BROWSER_TIMEOUT_MS = 120_000;
const MEGAN = 'megan.bowen@contoso.com';

describe('Settings → Accounts in a browser: a disconnect that Microsoft holds up says "Disconnecting…" until it is done', () => {
  const browser = new HostBrowser();
  let host: TestHost;
  let page: Page;
  const screenshot = screenshotTaker('disconnecting');

  beforeAll(async () => {
    ({ host, page } = await browser.open({
      host: { microsoft: { disconnectRetry: { attempts: 5, baseDelayMs: 500, maxDelayMs: 1_000 } } },
      prepare: async (started) => void (await connectMailbox(started, started.newClient(), MEGAN, MEGAN)),
      signInAs: MEGAN,
    }));
  }, BROWSER_TIMEOUT_MS);

  afterAll(() => browser.close(), BROWSER_TIMEOUT_MS);

  it('shows Disconnecting… while Graph is unreachable for the subscription deletes, then the account is gone', async () => {
    const subscriptions = () => host.dataSource.query(`SELECT 1 FROM "microsoftSubscription" WHERE "status" = 'ACTIVE'`);
    await eventually(async () => (await subscriptions()).length === 3, 30_000, 'mail, calendar and contacts push');
    // Graph unreachable for DELETE /subscriptions/{id}: the connection refused, as undici reports it.
    const send = MicrosoftHttpTransport.prototype.fetch;
    const unreachable = jest.spyOn(MicrosoftHttpTransport.prototype, 'fetch').mockImplementation(function (this: MicrosoftHttpTransport, input, init) {
      if (String(init?.method).toUpperCase() === 'DELETE' && /\/subscriptions\//.test(String(input))) return Promise.reject(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } }));
      return send.call(this, input, init);
    });

    await page.goto(`${host.publicUrl}/settings/accounts`);
    await page.getByTestId('disconnect-account').click();
    await page.getByTestId('confirm-disconnect').click();
    const badge = page.getByTestId('account-disconnecting');
    await badge.waitFor();
    expect((await badge.innerText()).trim()).toBe('Disconnecting…');
    expect(await page.getByTestId('disconnect-account').count()).toBe(0);
    await screenshot(page, 'disconnecting');

    unreachable.mockRestore();
    await page.getByTestId('accounts-empty').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('microsoft-account').count()).toBe(0);
    expect(host.emulator!.store.subscriptions.forMailbox(host.emulator!.store.findUser(MEGAN)!.id)).toHaveLength(0);
  }, BROWSER_TIMEOUT_MS);
});
