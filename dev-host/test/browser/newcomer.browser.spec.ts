import type { Page } from 'playwright-core';
import { DEMO_DIRECTORY, DEMO_MAILBOX_PROFILES, generateDemoMail } from '@m365/graph-emulator';
import type { TestHost } from '../../../test-support/index.js';
import { connectThroughConsent } from './support/connect-through-consent.js';
import { publishToDocs } from './support/docs-screenshots.js';
import { HostBrowser } from './support/host-browser.js';
import { screenshotTaker } from './support/screenshots.js';

const BROWSER_TIMEOUT_MS = 240_000;
const MEGAN = 'megan.bowen@contoso.com';
// What `npm start` seeds (DEMO_MAIL_SEED's default), dated as of a fixed day so the screenshots do not drift.
const DEMO = { seed: 1, until: '2026-11-30T12:00:00.000Z' };

/**
 * The README's promise to a newcomer: a stock Chromium (no certificate flag), sign in, connect Megan through the
 * emulator's consent page, watch the import, and find the demo tenant's threads on a person's Emails tab.
 * `npm run docs:screenshots` runs this test and copies its pictures to docs/.
 */
describe("a newcomer's first ten minutes, in a stock Chromium", () => {
  const browser = new HostBrowser();
  let host: TestHost;
  let page: Page;
  const screenshot = screenshotTaker('newcomer');
  const content = generateDemoMail({
    owner: { name: 'Megan Bowen', address: MEGAN },
    profile: DEMO_MAILBOX_PROFILES.find((profile) => profile.user === MEGAN)!,
    seed: DEMO.seed,
    until: Date.parse(DEMO.until),
  });

  beforeAll(async () => {
    ({ host, page } = await browser.open({ host: { demoMail: DEMO }, signInAs: MEGAN }));
  }, BROWSER_TIMEOUT_MS);

  afterAll(() => browser.close(), BROWSER_TIMEOUT_MS);

  it('connects Megan and imports her whole demo mailbox', async () => {
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('accounts-empty').waitFor();
    await connectThroughConsent(page, host, MEGAN);
    await page.locator('[data-testid="email-sync-progress"][data-kind="SYNCED"]').waitFor({ timeout: 120_000 });
    const synced = (await page.getByTestId('email-sync-progress-text').innerText()).trim();
    expect(synced).toContain(`Synced · ${content.messages.length.toLocaleString('en-US')} messages`);
    await page.mouse.move(0, 0);
    publishToDocs(await screenshot(page, 'settings-accounts'), 'settings-accounts.png');
    expect(browser.pageErrors).toEqual([]);
  }, BROWSER_TIMEOUT_MS);

  it("shows the seeded threads on the Emails tab of the person Megan writes with most, and opens one", async () => {
    const threadsOf = (addresses: string[]) =>
      new Set(content.messages.filter((message) => [message.from, ...message.to, ...message.cc].some((address) => addresses.includes(address.address))).map((message) => message.thread));
    const [{ person, threads }] = DEMO_DIRECTORY.people
      .filter((candidate) => candidate.email !== MEGAN)
      .map((candidate) => ({ person: candidate, threads: threadsOf([candidate.email, ...candidate.additionalEmails]) }))
      .sort((a, b) => b.threads.size - a.threads.size);
    const newest = content.messages.filter((message) => threads.has(message.thread)).at(-1)!;
    const newestThread = content.messages.filter((message) => message.thread === newest.thread);
    const [row] = await host.dataSource.query(`SELECT "id" FROM "person" WHERE "emailsPrimaryEmail" = $1`, [person.email]);

    await page.goto(`${host.publicUrl}/people/${row.id}`);
    await page.getByTestId('record-page').waitFor();
    await page.getByTestId('tab-emails').click();
    const rows = page.getByTestId('thread-row');
    await rows.first().waitFor();
    expect((await page.getByTestId('emails-count').innerText()).trim()).toBe(String(threads.size));
    expect(await rows.count()).toBe(Math.min(threads.size, 10));
    expect(await rows.first().innerText()).toContain(newestThread[0]!.subject);

    await rows.first().click();
    await page.getByTestId('thread-panel').waitFor();
    await page.getByTestId('thread-message').first().waitFor();
    expect(await page.getByTestId('thread-message').count()).toBe(newestThread.length);
    await page.mouse.move(0, 0);
    publishToDocs(await screenshot(page, 'emails-tab-thread'), 'person-emails-thread.png');
    expect(browser.pageErrors).toEqual([]);
  }, BROWSER_TIMEOUT_MS);
});
