import type { Page } from 'playwright-core';
import { activeSubscription, channelMessageIds, eventually, type TestHost } from '../../../test-support/index.js';
import { connectThroughConsent, messageChannelOf } from './support/connect-through-consent.js';
import { HostBrowser } from './support/host-browser.js';
import { screenshotTaker } from './support/screenshots.js';

// A real browser, a real host and Graph change notifications from the emulator: new mail appears on an open Emails
// tab, pushed to the CRM within a second and picked up by the tab's own refresh (every 5 s), without a reload.
const BROWSER_TIMEOUT_MS = 180_000;
const MEGAN = 'megan.bowen@contoso.com';
const LEE = 'lee.gu@fabrikam.com';
/** The Emails tab refreshes every 5 s; the push itself takes ~100 ms. */
const APPEARS_WITHIN_MS = 7_000;

describe('real-time push in a browser: "Real-time: live" in Settings, new mail on an open Emails tab', () => {
  const browser = new HostBrowser();
  let host: TestHost;
  let page: Page;
  let messageChannelId: string;
  let leeId: string;
  const screenshot = screenshotTaker('push');
  const browserErrors = browser.pageErrors;
  const mail = () => host.emulator!.store.mail;
  const deliverFromLee = (subject: string) =>
    mail().deliverMessage(MEGAN, { from: LEE, to: [MEGAN], subject }).message.internetMessageId as string;
  const inCrm = async (internetMessageId: string) => (await channelMessageIds(host.dataSource, messageChannelId)).includes(internetMessageId);
  const threadRow = (subject: string) => page.locator('[data-testid="thread-row"]', { has: page.locator('.thread-subject', { hasText: subject }) });

  beforeAll(async () => {
    ({ host, page } = await browser.open({
      prepare: (started) => {
        started.emulator!.store.mail.seedMailbox({ user: MEGAN, messages: 40, folders: 1, nestedFolders: 0, seed: 5 });
      },
      signInAs: MEGAN,
    }));
  }, BROWSER_TIMEOUT_MS);

  afterAll(() => browser.close(), BROWSER_TIMEOUT_MS);

  it('connects Megan and shows "Real-time: live" in the account header and the Emails section, without a reload', async () => {
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('accounts-empty').waitFor();
    await connectThroughConsent(page, host, MEGAN);
    ({ id: messageChannelId } = await messageChannelOf(host, MEGAN));

    // The page polls while push is starting (and shortly after connecting), so "live" arrives without a reload.
    await page.locator('[data-testid="email-push-status"][data-push="LIVE"]').waitFor({ timeout: 30_000 });
    expect(await activeSubscription(host.dataSource, messageChannelId)).not.toBeNull();
    expect((await page.getByTestId('email-push-status-text').innerText()).trim()).toBe('Real-time: live');
    expect((await page.getByTestId('account-push-status-text').innerText()).trim()).toBe('Real-time: live');
    const tooltip = (await page.getByTestId('email-push-status-tooltip').textContent()) ?? '';
    expect(tooltip).toMatch(/Renews by [A-Z][a-z]{2} \d{1,2}, \d{4}/);
    expect(tooltip).toContain('No notification received yet.');
    expect(await page.getByTestId('email-push-status-reason').count()).toBe(0);
    // The calendar has its own subscription (on /me/events), shown in the Calendar section.
    await page.locator('[data-testid="calendar-push-status"][data-push="LIVE"]').waitFor({ timeout: 30_000 });
    expect((await page.getByTestId('calendar-push-status-text').innerText()).trim()).toBe('Real-time: live');
    expect((await page.getByTestId('calendar-push-status-tooltip').textContent()) ?? '').toContain('Microsoft sends calendar changes to the CRM as they happen.');

    await page.locator('[data-testid="email-sync-progress"][data-kind="SYNCED"]').waitFor({ timeout: 60_000 });
    await page.getByTestId('email-push-status').scrollIntoViewIfNeeded();
    await screenshot(page, 'settings-live');
  }, BROWSER_TIMEOUT_MS);

  it("shows a message delivered to the emulator on Lee Gu's open Emails tab within the tab's refresh, keeping the open thread", async () => {
    [{ id: leeId }] = await host.dataSource.query(`SELECT "id" FROM "person" WHERE lower("emailsPrimaryEmail") = $1`, [LEE]);
    expect(leeId).toBeDefined();

    // A first message from Lee, so the tab has a thread to open before the new one arrives.
    const first = deliverFromLee('Push test: kick-off');
    await eventually(() => inCrm(first), 5_000, 'the first pushed message in the CRM');

    await page.goto(`${host.publicUrl}/people/${leeId}`);
    await page.getByTestId('record-page').waitFor();
    await page.getByTestId('record-name').filter({ hasText: 'Lee' }).waitFor();
    await page.getByTestId('tab-emails').click();
    await threadRow('Push test: kick-off').waitFor();
    await threadRow('Push test: kick-off').click();
    const panel = page.getByTestId('thread-panel');
    await panel.waitFor();
    // The panel opens at once and fills in when its thread query answers.
    await panel.getByTestId('thread-message').first().waitFor();
    expect((await panel.locator('h2').innerText()).trim()).toBe('Push test: kick-off');
    const countBefore = Number(await page.getByTestId('emails-count').innerText());
    await screenshot(page, 'lee-emails-before');

    // Anything that reloads the page loses this marker.
    await page.evaluate(() => Object.assign(globalThis, { pushTestMarker: 'still here' }));
    const subject = `Push test: new from Lee ${Date.now()}`;
    const deliveredAt = Date.now();
    const pushed = deliverFromLee(subject);
    // Push alone brings it (no periodic pass comes within this wait); how fast is bench:push's figure, printed below.
    const pushMs = await eventually(() => inCrm(pushed), 5_000, 'the pushed message in the CRM');

    await threadRow(subject).waitFor({ timeout: APPEARS_WITHIN_MS });
    const appearedMs = Date.now() - deliveredAt;
    expect(appearedMs).toBeLessThan(APPEARS_WITHIN_MS);
    expect(await page.evaluate(() => (globalThis as { pushTestMarker?: string }).pushTestMarker)).toBe('still here');
    expect(Number(await page.getByTestId('emails-count').innerText())).toBe(countBefore + 1);
    // The side panel and its thread stayed open across the refresh; the tab says it was updated.
    expect(await panel.count()).toBe(1);
    expect((await panel.locator('h2').innerText()).trim()).toBe('Push test: kick-off');
    expect((await page.getByTestId('emails-updated').innerText()).trim()).toBe('Updated just now');
    expect(new URL(page.url()).pathname).toBe(`/people/${leeId}`);
    await screenshot(page, 'lee-emails-after-panel-open');
    await page.keyboard.press('Escape');
    expect(await panel.count()).toBe(0);
    await screenshot(page, 'lee-emails-after');
    console.log(`push browser test: in the CRM after ${pushMs} ms, on the open Emails tab after ${appearedMs} ms`);
  }, BROWSER_TIMEOUT_MS);

  it('Settings shows when the last notification came', async () => {
    await page.getByTestId('nav-settings').click();
    await page.locator('[data-testid="email-push-status"][data-push="LIVE"]').waitFor();
    const tooltip = (await page.getByTestId('email-push-status-tooltip').textContent()) ?? '';
    expect(tooltip).toContain('Last notification just now.');
    await page.getByTestId('email-push-status-line').hover();
    await page.getByTestId('email-push-status-tooltip').waitFor();
    await screenshot(page, 'settings-last-notification');
  }, BROWSER_TIMEOUT_MS);

  it('when Microsoft cannot confirm our endpoint, Settings says push is off, why, and that mail is checked every 5 minutes', async () => {
    const subscriptions = host.emulator!.store.subscriptions;
    const before = await activeSubscription(host.dataSource, messageChannelId);
    // Microsoft's handshake takes 500 ms to reach us and must be answered within 100: the new subscription after
    // `subscriptionRemoved` fails.
    subscriptions.updateSettings({ validationTimeoutMs: 100, endpointLatencyMs: 500 });
    host.emulator!.notifications.triggerLifecycle(before!.graphSubscriptionId, 'subscriptionRemoved');
    await eventually(async () => {
      const [row] = await host.dataSource.query(`SELECT "status", "lastError" FROM "microsoftSubscription" WHERE "channelId" = $1`, [messageChannelId]);
      return row?.status === 'FAILED' && row.lastError !== null;
    }, 15_000, 'a failed subscription');

    await page.reload();
    await page.locator('[data-testid="email-push-status"][data-push="OFF"]').waitFor();
    expect((await page.getByTestId('email-push-status-text').innerText()).trim()).toBe('Real-time: off — checking every 5 minutes');
    expect((await page.getByTestId('account-push-status-text').innerText()).trim()).toBe('Real-time: off — checking every 5 minutes');
    expect((await page.getByTestId('email-push-status-reason').innerText()).trim()).toBe(
      'Microsoft could not confirm the CRM’s notification address, so it cannot send new mail as it arrives.',
    );
    await page.getByTestId('email-push-status').scrollIntoViewIfNeeded();
    await screenshot(page, 'settings-off');
    subscriptions.updateSettings({ validationTimeoutMs: 10_000, endpointLatencyMs: 0 });
    expect(browserErrors).toEqual([]);
  }, BROWSER_TIMEOUT_MS);
});
