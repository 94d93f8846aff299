import type { Page } from 'playwright-core';
import { MailSyncService } from '@m365/server-module';
import { eventually, type TestHost } from '../../../test-support/index.js';
import { connectThroughConsent, messageChannelOf } from './support/connect-through-consent.js';
import { HostBrowser } from './support/host-browser.js';
import { screenshotTaker } from './support/screenshots.js';

// A real browser, a real host and a real import of a few hundred messages through the emulator.
const BROWSER_TIMEOUT_MS = 180_000;
const IMPORT_TIMEOUT_MS = 90_000;
const MEGAN = 'megan.bowen@contoso.com';
const SEEDED_MESSAGES = 300;

/** Connect Megan's seeded mailbox in the browser, watch the import in Settings → Accounts, read the mail on a person, then fail and retry a sync. */
describe('mail import in a browser: connect, import, read on a person, fail and retry', () => {
  const browser = new HostBrowser();
  let host: TestHost;
  let page: Page;
  let workspaceId: string;
  let messageChannelId: string;
  const screenshot = screenshotTaker('mail-import');
  const browserErrors = browser.pageErrors;
  const mail = () => host.emulator!.store.mail;
  const progress = () => page.getByTestId('email-sync-progress');
  const progressKind = () => progress().getAttribute('data-kind');
  const progressText = async () => (await page.getByTestId('email-sync-progress-text').innerText()).trim();
  const waitForKind = (kinds: string[], timeout = IMPORT_TIMEOUT_MS) =>
    page.locator(kinds.map((kind) => `[data-testid="email-sync-progress"][data-kind="${kind}"]`).join(', ')).waitFor({ timeout });

  beforeAll(async () => {
    ({ host, page } = await browser.open({
      // Small pages and some latency: the import takes a few seconds, long enough to be seen in progress.
      host: { microsoft: { mailPageSize: 25 } },
      prepare: (started) => {
        started.emulator!.store.mail.seedMailbox({ user: MEGAN, messages: SEEDED_MESSAGES, folders: 2, nestedFolders: 1, seed: 11 });
      },
      signInAs: MEGAN,
    }));
  }, BROWSER_TIMEOUT_MS);

  afterAll(() => browser.close(), BROWSER_TIMEOUT_MS);

  const waitUntil = async (check: () => Promise<boolean>, timeoutMs = IMPORT_TIMEOUT_MS) => {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`still not there after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  /** Runs a pass now; a queued or cron-started pass may hold the channel for a moment. */
  const syncNow = async () => {
    const sync = host.app.get(MailSyncService);
    for (let attempt = 0; attempt < 200; attempt += 1) {
      const outcome = await sync.syncChannel(workspaceId, messageChannelId);
      if (outcome !== 'busy') return outcome;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('channel stayed busy');
  };

  it('connects Megan and shows the import running, then synced with a message count', async () => {
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('accounts-empty').waitFor();
    mail().updateSettings({ faults: { latencyMs: 300 } });

    await connectThroughConsent(page, host, MEGAN, async () => {
      await screenshot(page, 'consent');
    });
    ({ workspaceId, id: messageChannelId } = await messageChannelOf(host, MEGAN));

    // Depending on how fast the worker is, the first refresh finds the import running or already done.
    await waitForKind(['IMPORTING', 'SYNCED']);
    if ((await progressKind()) === 'IMPORTING') {
      expect(await progressText()).toMatch(/^Importing (messages…|[\d,]+ (of about [\d,]+ )?messages?)$/);
      expect(await page.getByTestId('account-status').innerText()).toContain('Importing');
      // The count moves while the page polls, without a reload (unless the import ends first).
      await waitUntil(async () => (await progressKind()) !== 'IMPORTING' || /^Importing [1-9][\d,]* of about/.test(await progressText()));
      if ((await progressKind()) === 'IMPORTING') {
        await page.getByTestId('email-sync-progress-bar').waitFor();
        await screenshot(page, 'importing');
      }
    }
    mail().updateSettings({ faults: { latencyMs: 0 } });

    await waitForKind(['SYNCED']);
    const synced = await progressText();
    expect(synced).toMatch(/^Synced · [\d,]+ messages · last synced (just now|\d+ minutes? ago)$/);
    const [{ imported }] = await host.dataSource.query(
      `SELECT count(DISTINCT "messageId")::int AS imported FROM "messageChannelMessageAssociation" WHERE "messageChannelId" = $1`,
      [messageChannelId],
    );
    expect(imported).toBeGreaterThan(SEEDED_MESSAGES / 2);
    expect(synced).toContain(`${imported.toLocaleString('en-US')} messages`);
    expect(await page.getByTestId('email-channel-status').innerText()).toContain('Synced');
    await screenshot(page, 'synced');
  }, BROWSER_TIMEOUT_MS);

  it("opens a person Megan corresponds with, sees their threads and opens one", async () => {
    const [person] = await host.dataSource.query(
      `SELECT p."id", p."nameFirstName" AS "firstName" FROM "person" p JOIN "messageParticipant" mp ON mp."personId" = p."id"
       WHERE p."workspaceId" = $1 AND lower(p."emailsPrimaryEmail") <> $2 GROUP BY p."id" ORDER BY count(DISTINCT mp."messageId") DESC, p."id" LIMIT 1`,
      [workspaceId, MEGAN],
    );
    expect(person).toBeDefined();

    await page.getByTestId('nav-people').click();
    await page.getByTestId('people-list').waitFor();
    await page.goto(`${host.publicUrl}/people/${person.id}`);
    await page.getByTestId('record-page').waitFor();
    await page.getByTestId('record-name').filter({ hasText: person.firstName }).waitFor();

    await page.getByTestId('tab-emails').click();
    await page.getByTestId('emails-tab').waitFor();
    const rows = page.getByTestId('thread-row');
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThan(0);
    expect(await page.getByTestId('emails-tab').innerText()).not.toContain('No emails yet');
    await screenshot(page, 'person-emails');

    const openable = page.locator('[data-testid="thread-row"].can-open').first();
    const subject = (await openable.locator('.thread-subject').innerText()).trim();
    await openable.click();
    const panel = page.getByTestId('thread-panel');
    await panel.waitFor();
    await page.getByTestId('thread-message').first().waitFor();
    expect(await page.getByTestId('thread-message').count()).toBeGreaterThan(0);
    expect((await panel.locator('h2').innerText()).trim()).toBe(subject);
    expect((await page.getByTestId('thread-message').first().locator('.thread-message-text').innerText()).trim().length).toBeGreaterThan(0);
    await screenshot(page, 'thread-panel');
    await page.keyboard.press('Escape');
    expect(await panel.count()).toBe(0);
  }, BROWSER_TIMEOUT_MS);

  it('shows "Sync failed" with the reason when the mailbox fails, and Retry brings it back once fixed', async () => {
    mail().setMailboxStatus(MEGAN, 'MailboxNotEnabledForRESTAPI');
    expect(await syncNow()).toBe('failed');

    await page.getByTestId('nav-settings').click();
    await waitForKind(['FAILED']);
    expect(await progressText()).toBe('Sync failed');
    expect(await page.getByTestId('email-sync-error').innerText()).toMatch(/Outlook cannot serve this mailbox/);
    expect(await page.getByTestId('account-status').innerText()).toContain('Sync failed');
    await page.getByTestId('retry-email-sync').waitFor();
    await screenshot(page, 'sync-failed');

    mail().setMailboxStatus(MEGAN, 'enabled');
    await page.getByTestId('retry-email-sync').click();
    // No reload: the page polls after Retry until the new pass is over.
    await waitForKind(['SYNCED']);
    expect(await progressText()).toMatch(/^Synced · [\d,]+ messages · last synced just now$/);
    expect(await page.getByTestId('email-sync-error').count()).toBe(0);
    expect(await page.getByTestId('retry-email-sync').count()).toBe(0);
    // Another pass may have started since (push or the schedule): whatever runs ends ACTIVE, not failed.
    const status = async () => (await host.dataSource.query(`SELECT "syncStatus" FROM "messageChannel" WHERE "id" = $1`, [messageChannelId]))[0].syncStatus;
    await eventually(async () => (await status()) !== 'ONGOING', 20_000, 'the running pass over');
    expect(await status()).toBe('ACTIVE');
    await screenshot(page, 'synced-after-retry');
  }, BROWSER_TIMEOUT_MS);

  it('under "Selected folders", shows the folder tree and keeps a folder switched off', async () => {
    await page.getByTestId('email-folder-policy').selectOption('SELECTED_FOLDERS');
    await page.locator('[data-testid="email-settings-save-state"][data-state="saved"]').waitFor();
    const tree = page.getByTestId('message-folder-tree');
    await tree.waitFor();

    const folder = (name: string) => page.locator(`[data-testid="message-folder"][data-folder-name="${name}"]`);
    expect(await folder('Important').getAttribute('data-depth')).toBe('1');
    expect(await folder('Projects').getAttribute('data-depth')).toBe('0');
    const names = await page.getByTestId('message-folder').evaluateAll((all) => all.map((row) => row.getAttribute('data-folder-name')));
    expect(names.indexOf('Important')).toBe(names.indexOf('Projects') + 1);
    expect(names[0]).toBe('Inbox');
    expect(await folder('Sent Items').getByTestId('sent-folder-tag').count()).toBe(1);
    // Outlook's drafts, deleted items and junk, as the server found them: shown last, greyed out, not switchable.
    for (const name of ['Drafts', 'Deleted Items', 'Junk Email']) {
      expect(await folder(name).getAttribute('class')).toContain('is-never-imported');
      expect(await page.getByTestId(`message-folder-toggle-${name}`).isDisabled()).toBe(true);
    }
    expect(await folder('Archive').getAttribute('class')).not.toContain('is-never-imported');

    await page.getByTestId('message-folder-toggle-Archive').click();
    expect(await folder('Archive').getAttribute('data-synced')).toBe('false');
    await page.locator('[data-testid="message-folder-toggle-Archive"]:not([disabled])').waitFor();
    const [archive] = await host.dataSource.query(`SELECT "isSynced" FROM "messageFolder" WHERE "messageChannelId" = $1 AND "name" = 'Archive'`, [messageChannelId]);
    expect(archive.isSynced).toBe(false);
    await tree.scrollIntoViewIfNeeded();
    await page.waitForTimeout(300); // the switch's slide
    await screenshot(page, 'selected-folders');

    await page.reload();
    await page.getByTestId('message-folder-tree').waitFor();
    expect(await folder('Archive').getAttribute('data-synced')).toBe('false');
    expect(await folder('Inbox').getAttribute('data-synced')).toBe('true');
    expect(browserErrors).toEqual([]);
  }, BROWSER_TIMEOUT_MS);
});
