import type { Page } from 'playwright-core';
import type { TestHost } from '../../../../test-support/index.js';

/**
 * From Settings → Accounts: Connect Microsoft, pick `account` on the emulator's consent page, let `beforeAccept`
 * adjust or photograph the form, accept, and wait for the connected account back in Settings.
 */
export async function connectThroughConsent(page: Page, host: TestHost, account: string, beforeAccept?: () => Promise<void>): Promise<void> {
  await page.getByTestId('connect-microsoft').click();
  await page.waitForURL(`${host.emulator!.browserBaseUrl}/**`);
  await page.locator('#consent-form').waitFor();
  await page.locator(`input[name="account"][value="${account}"]`).check();
  await beforeAccept?.();
  await page.locator('button[name="action"][value="accept"]').click();
  await page.waitForURL((url) => url.pathname === '/settings/accounts' && !url.search.includes('connectedAccountId'));
  await page.getByTestId('microsoft-account').waitFor();
}

/** The workspace and id of the message channel of the connected account `handle`. */
export async function messageChannelOf(host: TestHost, handle: string): Promise<{ workspaceId: string; id: string }> {
  const [channel] = await host.dataSource.query(
    `SELECT c."workspaceId", c."id" FROM "messageChannel" c JOIN "connectedAccount" a ON a."id" = c."connectedAccountId" WHERE a."handle" = $1`,
    [handle],
  );
  return channel;
}
