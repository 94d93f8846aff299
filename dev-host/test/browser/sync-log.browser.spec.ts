import type { Page } from 'playwright-core';
import { MailSyncService } from '@m365/server-module';
import type { TestHost } from '../../../test-support/index.js';
import { connectThroughConsent, messageChannelOf } from './support/connect-through-consent.js';
import { HostBrowser } from './support/host-browser.js';
import { screenshotTaker } from './support/screenshots.js';

const BROWSER_TIMEOUT_MS = 180_000;
const IMPORT_TIMEOUT_MS = 90_000;
const MEGAN = 'megan.bowen@contoso.com';

/** Settings → Accounts → Emails → Sync log: the first import with its counts, then a failed run with what to do, then the retry. */
describe('the sync log in a browser', () => {
  const browser = new HostBrowser();
  let host: TestHost;
  let page: Page;
  let channel: { workspaceId: string; id: string };
  const screenshot = screenshotTaker('sync-log');
  const mail = () => host.emulator!.store.mail;
  // The contacts section has a sync log of its own: every lookup here is inside the Emails section.
  const email = () => page.getByTestId('email-settings');
  const runs = () => email().getByTestId('sync-run');
  const waitForProgress = (kind: string) => page.locator(`[data-testid="email-sync-progress"][data-kind="${kind}"]`).waitFor({ timeout: IMPORT_TIMEOUT_MS });
  const openLog = async () => {
    await email().getByTestId('sync-log-toggle').click();
    await email().getByTestId('sync-log-list').waitFor();
  };

  beforeAll(async () => {
    ({ host, page } = await browser.open({
      host: { microsoft: { mailPageSize: 25 } },
      prepare: (started) => {
        started.emulator!.store.mail.seedMailbox({ user: MEGAN, messages: 80, folders: 2, nestedFolders: 1, seed: 3 });
      },
      signInAs: MEGAN,
    }));
  }, BROWSER_TIMEOUT_MS);

  afterAll(() => browser.close(), BROWSER_TIMEOUT_MS);

  it('lists the first import with what it brought in', async () => {
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('accounts-empty').waitFor();
    await connectThroughConsent(page, host, MEGAN);
    channel = await messageChannelOf(host, MEGAN);
    await waitForProgress('SYNCED');

    expect(await email().getByTestId('sync-log-list').count()).toBe(0);
    await openLog();
    const [{ imported }] = await host.dataSource.query(
      `SELECT count(DISTINCT "messageId")::int AS imported FROM "messageChannelMessageAssociation" WHERE "messageChannelId" = $1`,
      [channel.id],
    );
    expect(await runs().count()).toBe(1);
    const first = runs().first();
    expect(await first.getAttribute('data-outcome')).toBe('SUCCEEDED');
    expect((await first.getByTestId('sync-run-title').innerText()).trim()).toBe('First import');
    expect((await first.getByTestId('sync-run-outcome').innerText()).trim()).toBe('Succeeded');
    expect(await first.getByTestId('sync-run-changes').innerText()).toMatch(new RegExp(`^${imported} messages imported · \\d+ folders$`));
    expect(await first.innerText()).toMatch(/Today, \d{1,2}:\d{2} [AP]M · took [\d.]+ (ms|s)/);
    expect(await email().getByTestId('sync-log-toggle').innerText()).toContain('1 recent run');
    await email().getByTestId('sync-log').scrollIntoViewIfNeeded();
    await screenshot(page, 'first-import');
  }, BROWSER_TIMEOUT_MS);

  it('shows a failed run with what went wrong and what to do, and the retry that fixed it', async () => {
    mail().setMailboxStatus(MEGAN, 'MailboxNotEnabledForRESTAPI');
    expect(await host.app.get(MailSyncService).syncChannel(channel.workspaceId, channel.id)).toBe('failed');

    await page.reload();
    await waitForProgress('FAILED');
    await openLog();
    const failed = runs().first();
    expect(await failed.getAttribute('data-outcome')).toBe('FAILED');
    expect((await failed.getByTestId('sync-run-title').innerText()).trim()).toBe('Scheduled check');
    expect(await failed.getByTestId('sync-run-problem').innerText()).toMatch(/Outlook cannot serve this mailbox/);
    expect(await failed.getByTestId('sync-run-action').innerText()).toMatch(/^What to do: Ask your Microsoft 365 administrator to check this mailbox.*then press Retry\.$/);
    expect(await email().getByTestId('sync-log-toggle').innerText()).toContain('2 recent runs, 1 with problems');
    await email().getByTestId('sync-log').scrollIntoViewIfNeeded();
    await screenshot(page, 'failed-run');

    mail().setMailboxStatus(MEGAN, 'enabled');
    await page.getByTestId('retry-email-sync').click();
    await waitForProgress('SYNCED');
    // The open log follows the channel while the page polls: the retry appears on top, without a reload.
    await email().locator('[data-testid="sync-run"]:first-child[data-outcome="SUCCEEDED"]').waitFor();
    expect((await runs().first().getByTestId('sync-run-title').innerText()).trim()).toBe('Retry you asked for');
    expect(await runs().count()).toBe(3);
    await screenshot(page, 'after-retry');
    expect(browser.pageErrors).toEqual([]);
  }, BROWSER_TIMEOUT_MS);
});
