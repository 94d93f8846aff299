import type { Page } from 'playwright-core';
import { type TestHost } from '../../../test-support/index.js';
import { connectThroughConsent } from './support/connect-through-consent.js';
import { HostBrowser } from './support/host-browser.js';
import { signInThroughLoginPage } from './support/sign-in.js';

const BROWSER_TIMEOUT_MS = 180_000;
const MEGAN = 'megan.bowen@contoso.com';
const ALEX = 'alex.wilber@contoso.com';

/**
 * A member who is not an administrator is told to ask one, before trying; the tenant's administrator authorizes
 * SharePoint from Settings; the first member then attaches a SharePoint file without a prompt.
 */
describe('SharePoint for the org, in a browser', () => {
  const browser = new HostBrowser();
  let host: TestHost;
  let page: Page;

  beforeAll(async () => {
    ({ host, page } = await browser.open({ signInAs: ALEX }));
  }, BROWSER_TIMEOUT_MS);

  afterAll(() => browser.close(), BROWSER_TIMEOUT_MS);

  it('Alex is sent to his administrator without trying; Megan authorizes SharePoint for Contoso; Alex, without a prompt, picks a file from a site’s library onto a company', async () => {
    await page.goto(`${host.publicUrl}/settings/accounts`);
    await connectThroughConsent(page, host, ALEX);
    const askAdmin = page.getByTestId('sharepoint-ask-admin');
    await askAdmin.waitFor();
    expect(await page.getByTestId('sharepoint-settings').getAttribute('data-state')).toBe('ASK_ADMINISTRATOR');
    expect(await askAdmin.innerText()).toContain('Ask your Microsoft 365 administrator.');
    expect(await page.getByTestId('sharepoint-ask-for').innerText()).toMatch(/Sites\.Read\.All.*tenant/);
    expect(await page.getByTestId('sharepoint-authorize').count()).toBe(0);
    // He never tried: Microsoft refused nothing, nothing was granted.
    expect(await host.dataSource.query(`SELECT 1 FROM "microsoftAdminConsentRefusal"`)).toHaveLength(0);
    expect(host.emulator!.store.listAdminConsents()).toHaveLength(0);

    await page.context().clearCookies();
    await signInThroughLoginPage(page, host.publicUrl, MEGAN);
    await page.goto(`${host.publicUrl}/settings/accounts`);
    await connectThroughConsent(page, host, MEGAN);
    const section = page.getByTestId('sharepoint-settings');
    await section.waitFor();
    expect(await section.getAttribute('data-state')).toBe('CAN_AUTHORIZE');
    await page.getByTestId('sharepoint-authorize').click();
    await page.waitForURL(`${host.emulator!.browserBaseUrl}/**`);
    await page.locator('#admin-consent-form').waitFor();
    await page.locator(`input[name="account"][value="${MEGAN}"]`).check();
    await page.locator('button[name="action"][value="accept"]').click();
    await page.waitForURL((url) => url.pathname === '/settings/accounts');
    await page.getByTestId('sharepoint-authorized').waitFor();
    expect(await page.getByTestId('sharepoint-authorized').innerText()).toContain(`Authorized for the organization by ${MEGAN}`);

    const store = host.emulator!.store;
    const alexUser = store.findUser(ALEX)!;
    const site = store.files.addSite(alexUser.tenantId, { name: 'sales', displayName: 'Sales team' });
    const library = store.files.getDrive(site.driveIds[0]!)!;
    store.files.putFile(library.id, library.rootId, 'Master agreement.pdf', Buffer.from('%PDF agreement'), 'fail', { id: alexUser.id, displayName: alexUser.displayName, email: ALEX }, 'application/pdf');

    await page.context().clearCookies();
    await signInThroughLoginPage(page, host.publicUrl, ALEX);
    await page.goto(`${host.publicUrl}/settings/accounts`);
    await page.getByTestId('sharepoint-authorized').waitFor();
    expect(await page.getByTestId('sharepoint-settings').getAttribute('data-state')).toBe('AVAILABLE');

    const [company] = await host.dataSource.query(`SELECT c."id" FROM "company" c JOIN "workspaceMember" m ON m."workspaceId" = c."workspaceId" WHERE lower(m."userEmail") = $1 AND c."deletedAt" IS NULL ORDER BY c."name" LIMIT 1`, [ALEX]);
    await page.goto(`${host.publicUrl}/companies/${company.id}`);
    await page.getByTestId('tab-files').click();
    await page.getByTestId('files-attach').click();
    const dialog = page.getByTestId('files-attach-dialog');
    await dialog.getByTestId('files-mode-sharepoint').click();
    await dialog.getByTestId('files-search-input').fill('sales');
    await dialog.getByTestId('files-search-submit').click();
    await dialog.getByTestId('files-site').filter({ hasText: 'Sales team' }).click();
    await dialog.getByTestId('files-library').filter({ hasText: 'Documents' }).click();
    await dialog.getByTestId('files-item').filter({ hasText: 'Master agreement.pdf' }).click();
    await dialog.getByTestId('files-attach-selected').click();
    await dialog.waitFor({ state: 'detached' });
    const row = page.getByTestId('file-row').filter({ hasText: 'Master agreement.pdf' });
    await row.waitFor();
    expect(await row.innerText()).toContain('SharePoint');
    expect(await row.getByTestId('file-open').getAttribute('href')).toContain('/sharepoint/sites/sales/');
    expect(browser.pageErrors).toEqual([]);
  }, BROWSER_TIMEOUT_MS);
});
