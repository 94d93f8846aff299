import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '@m365/dev-host';
import type { TestHost } from '../../../test-support/index.js';
import { connectThroughConsent } from './support/connect-through-consent.js';
import { HostBrowser } from './support/host-browser.js';
import { screenshotTaker } from './support/screenshots.js';

// A real browser against a real host: starting both and walking Microsoft's consent twice takes a while.
const BROWSER_TIMEOUT_MS = 180_000;
const MEGAN = 'megan.bowen@contoso.com';
const DECLINED_SCOPE = 'Contacts.ReadWrite';

describe('Settings → Accounts in a browser: connect Microsoft, change settings, disconnect', () => {
  const browser = new HostBrowser();
  let host: TestHost;
  let page: Page;
  const screenshot = screenshotTaker('settings-accounts');
  const browserErrors = browser.pageErrors;

  beforeAll(async () => {
    ({ host, page } = await browser.open());
  }, BROWSER_TIMEOUT_MS);

  afterAll(() => browser.close(), BROWSER_TIMEOUT_MS);

  const at = (path: string) => `${host.publicUrl}${path}`;
  const text = async (testId: string) => (await page.getByTestId(testId).first().innerText()).trim();

  it('logs in and opens a person whose Emails and Calendar tabs are empty', async () => {
    await page.goto(at('/people'));
    await page.getByTestId('login-form').waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.getByTestId('login-email').fill(MEGAN);
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await screenshot(page, 'login');
    await page.getByTestId('login-submit').click();

    await page.getByTestId('person-link').first().waitFor();
    expect(new URL(page.url()).pathname).toBe('/people');
    await screenshot(page, 'people');

    const firstPerson = page.getByTestId('person-link').first();
    const linkText = await firstPerson.innerText();
    await firstPerson.click();
    await page.getByTestId('record-page').waitFor();
    expect(linkText).toContain(await text('record-name'));
    await page.getByTestId('microsoft-connect-panel').waitFor();
    await screenshot(page, 'person-timeline');

    await page.getByTestId('tab-emails').click();
    await page.getByTestId('emails-empty').waitFor();
    expect(await text('emails-empty')).toContain('No emails yet');
    await screenshot(page, 'person-emails-empty');

    await page.getByTestId('tab-calendar').click();
    await page.getByTestId('calendar-empty').waitFor();
    expect(await text('calendar-empty')).toContain('No events yet');
    await screenshot(page, 'person-calendar-empty');
  }, BROWSER_TIMEOUT_MS);

  it('connects Megan with Contacts declined, and shows the account, its status and Contacts not granted', async () => {
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('accounts-empty').waitFor();
    expect(new URL(page.url()).pathname).toBe('/settings/accounts');
    await screenshot(page, 'accounts-empty');

    await connectThroughConsent(page, host, MEGAN, async () => {
      await page.locator(`input[name="scope"][value="${DECLINED_SCOPE}"]`).uncheck();
      await screenshot(page, 'consent-contacts-unticked');
    });
    const account = page.getByTestId('microsoft-account');
    expect(await account.count()).toBe(1);
    expect(await text('account-handle')).toBe(MEGAN);
    expect(await text('account-type')).toContain('Work or school');
    expect(['Synced', 'Importing', 'Not synced', 'Setup incomplete']).toContain(await text('account-status'));

    const contacts = page.getByTestId('feature-CONTACTS');
    expect(await contacts.getAttribute('data-granted')).toBe('false');
    expect(await contacts.innerText()).toContain('Not granted');
    await page.getByTestId('grant-CONTACTS').waitFor();
    expect(await page.getByTestId('feature-MAIL_IMPORT').getAttribute('data-granted')).toBe('true');
    expect(await page.getByTestId('feature-CALENDAR').getAttribute('data-granted')).toBe('true');
    await screenshot(page, 'account-connected');
  }, BROWSER_TIMEOUT_MS);

  it('keeps a changed email visibility across a reload', async () => {
    const subject = page.getByTestId('email-visibility-SUBJECT');
    expect(await subject.locator('input').isChecked()).toBe(false);
    await subject.click();
    await page.locator('[data-testid="email-settings-save-state"][data-state="saved"]').waitFor();

    await page.reload();
    await page.getByTestId('microsoft-account').waitFor();
    expect(await page.getByTestId('email-visibility-SUBJECT').locator('input').isChecked()).toBe(true);
    expect(await page.getByTestId('email-visibility-METADATA').locator('input').isChecked()).toBe(false);
    await screenshot(page, 'email-visibility-subject-after-reload');
  }, BROWSER_TIMEOUT_MS);

  it('disconnects after a confirmation that says what will be deleted', async () => {
    await page.getByTestId('disconnect-account').click();
    const dialog = page.getByTestId('disconnect-dialog');
    await dialog.waitFor();
    const warning = await dialog.innerText();
    expect(warning).toContain('emails, calendar events, contacts, tasks and file links');
    expect(warning).toContain('Nothing is deleted in Microsoft 365');
    await screenshot(page, 'disconnect-confirmation');

    await page.getByTestId('confirm-disconnect').click();
    await page.getByTestId('accounts-empty').waitFor();
    expect(await page.getByTestId('microsoft-account').count()).toBe(0);
    await page.reload();
    await page.getByTestId('accounts-empty').waitFor();
    await screenshot(page, 'accounts-empty-after-disconnect');
  }, BROWSER_TIMEOUT_MS);

  it('explains a cancelled consent in plain words, and lets the member dismiss it', async () => {
    await page.getByTestId('connect-microsoft').click();
    await page.locator('#consent-form').waitFor();
    await page.locator(`input[name="account"][value="${MEGAN}"]`).check();
    await page.locator('button[name="action"][value="cancel"]').click();

    await page.waitForURL((url) => url.pathname === '/settings/accounts');
    const banner = page.getByTestId('connect-error');
    await banner.waitFor();
    expect(await banner.getAttribute('data-code')).toBe('consent_cancelled');
    expect(await text('connect-error-title')).toBe('You cancelled the Microsoft sign-in, so no account was connected.');
    expect(new URL(page.url()).search).toBe('');
    await page.getByTestId('accounts-empty').waitFor();
    await screenshot(page, 'consent-cancelled');

    await page.getByTestId('dismiss-connect-error').click();
    expect(await banner.count()).toBe(0);
    expect(browserErrors).toEqual([]);
  }, BROWSER_TIMEOUT_MS);
});
