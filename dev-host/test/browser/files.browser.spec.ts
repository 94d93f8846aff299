import type { Page } from 'playwright-core';
import { Agent, fetch } from 'undici';
import { type TestHost } from '../../../test-support/index.js';
import { connectThroughConsent } from './support/connect-through-consent.js';
import { HostBrowser } from './support/host-browser.js';

const BROWSER_TIMEOUT_MS = 180_000;
const MEGAN = 'megan.bowen@contoso.com';

/** A OneDrive file attached to a company from its Files tab, renamed in OneDrive, still opens by its (new) webUrl. */
describe('Files on a company record, in a browser', () => {
  const browser = new HostBrowser();
  let host: TestHost;
  let page: Page;

  beforeAll(async () => {
    ({ host, page } = await browser.open({ signInAs: MEGAN }));
  }, BROWSER_TIMEOUT_MS);

  afterAll(() => browser.close(), BROWSER_TIMEOUT_MS);

  it('attaches a OneDrive file through the picker, and after a rename in OneDrive the row shows and opens the new name', async () => {
    await page.goto(`${host.publicUrl}/settings/accounts`);
    await connectThroughConsent(page, host, MEGAN);
    const store = host.emulator!.store;
    const user = store.findUser(MEGAN)!;
    const drive = store.files.userDrive(user.id);
    const by = { id: user.id, displayName: user.displayName, email: MEGAN };
    const folder = store.files.createFolder(drive.id, drive.rootId, 'Customers', 'fail', by);
    const { item } = store.files.putFile(drive.id, folder.id, 'Proposal.docx', Buffer.from('the proposal'), 'fail', by);
    const [company] = await host.dataSource.query(`SELECT c."id" FROM "company" c JOIN "workspaceMember" m ON m."workspaceId" = c."workspaceId" WHERE lower(m."userEmail") = $1 AND c."deletedAt" IS NULL ORDER BY c."name" LIMIT 1`, [MEGAN]);

    await page.goto(`${host.publicUrl}/companies/${company.id}`);
    await page.getByTestId('tab-files').click();
    await page.getByTestId('files-empty').waitFor();
    await page.getByTestId('files-attach').click();
    const dialog = page.getByTestId('files-attach-dialog');
    // Folders opened by a double click, as people do: one level down, not two.
    await dialog.getByTestId('files-item').filter({ hasText: 'Customers' }).dblclick();
    await dialog.getByTestId('files-item').filter({ hasText: 'Proposal.docx' }).waitFor();
    expect(await dialog.getByTestId('files-path').getByRole('button').allInnerTexts()).toEqual(['My files', 'Customers']);
    // Esc closes the picker; it opens again at the top.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await page.getByTestId('files-attach').click();
    await dialog.getByTestId('files-item').filter({ hasText: 'Customers' }).click();
    await dialog.getByTestId('files-item').filter({ hasText: 'Proposal.docx' }).click();
    await dialog.getByTestId('files-attach-selected').click();
    await dialog.waitFor({ state: 'detached' });
    const open = page.getByTestId('file-open');
    await open.filter({ hasText: 'Proposal.docx' }).waitFor();
    const firstUrl = await open.getAttribute('href');

    store.files.updateItem(drive.id, item.id, { name: 'Proposal v2.docx' }, by);
    await page.reload();
    await page.getByTestId('tab-files').click();
    await open.filter({ hasText: 'Proposal v2.docx' }).waitFor();
    const href = (await open.getAttribute('href'))!;
    expect(href).not.toBe(firstUrl);
    expect(await page.getByTestId('file-row').count()).toBe(1);
    expect(await open.getAttribute('target')).toBe('_blank');

    // The address opens the renamed file's page at OneDrive (fetched with the emulator's CA: the stock browser does not trust it).
    const dispatcher = new Agent({ connect: { ca: host.emulator!.caCertPem } });
    try {
      const opened = await fetch(href, { dispatcher });
      expect(opened.status).toBe(200);
      expect(await opened.text()).toContain('Proposal v2.docx');
    } finally {
      await dispatcher.close();
    }
    expect(browser.pageErrors).toEqual([]);
  }, BROWSER_TIMEOUT_MS);

  it('uploads a file from the computer into OneDrive onto the record, and removing the link leaves the file in OneDrive', async () => {
    const store = host.emulator!.store;
    const drive = store.files.userDrive(store.findUser(MEGAN)!.id);
    await page.getByTestId('files-upload-input').setInputFiles({ name: 'Site visit notes.txt', mimeType: 'text/plain', buffer: Buffer.from('x'.repeat(5 * 1024 * 1024)) });
    const row = page.getByTestId('file-row').filter({ hasText: 'Site visit notes.txt' });
    await row.waitFor({ timeout: 60_000 });
    expect(await row.getByTestId('file-size').innerText()).toBe('5.0 MB');
    const uploaded = store.files.children(drive.id, drive.rootId).find((each) => each.name === 'Site visit notes.txt');
    expect(uploaded?.size).toBe(5 * 1024 * 1024);

    await row.getByTestId('file-remove').click();
    await row.waitFor({ state: 'detached' });
    expect(store.files.getItem(drive.id, uploaded!.id)?.name).toBe('Site visit notes.txt');
    expect(browser.pageErrors).toEqual([]);
  }, BROWSER_TIMEOUT_MS);
});
