import type { Page } from 'playwright-core';
import { TestHttpClient, eventually, type TestHost } from '../../../test-support/index.js';
import { connectThroughConsent } from './support/connect-through-consent.js';
import { HostBrowser } from './support/host-browser.js';

const BROWSER_TIMEOUT_MS = 180_000;
const MEGAN = 'megan.bowen@contoso.com';

/** Megan's Outlook contacts as CRM people: a contact edited in Outlook shows on its person's record page. */
describe('Outlook contacts on CRM people, in a browser', () => {
  const browser = new HostBrowser();
  let host: TestHost;
  let page: Page;
  let admin: TestHttpClient;
  let contactId: string;

  const adminCall = async <T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await admin.request(method, `/_admin${path}`, { body });
    if (response.status >= 300) throw new Error(`${method} ${path} → ${response.status} ${response.text}`);
    return (response.status === 204 ? {} : response.json()) as T;
  };

  beforeAll(async () => {
    ({ host, page } = await browser.open({
      signInAs: MEGAN,
      prepare: async (started) => {
        admin = new TestHttpClient(started.emulator!.baseUrl, started.emulator!.caCertPem);
        contactId = (await adminCall<{ id: string }>('POST', `/mailboxes/${MEGAN}/contacts`, {
          givenName: 'Lena', surname: 'Browser', companyName: 'Northwind Lenses', jobTitle: 'Buyer', emailAddresses: [{ address: 'lena@northwind-lenses.test' }],
        })).id;
      },
    }));
  }, BROWSER_TIMEOUT_MS);

  afterAll(() => browser.close(), BROWSER_TIMEOUT_MS);

  it('imports the contact as a person, shows the contacts sync in Settings, and shows an Outlook edit on the record', async () => {
    await page.goto(`${host.publicUrl}/settings/accounts`);
    await connectThroughConsent(page, host, MEGAN);
    const status = page.getByTestId('contacts-status');
    await eventually(async () => (await page.reload(), await status.getAttribute('data-status')) === 'SYNCED', 60_000, 'contacts synced in Settings');
    expect(await page.getByTestId('contacts-progress').innerText()).toMatch(/^Synced · \d+ contacts? linked to people/);
    expect(await page.getByTestId('contacts-creation-policy').inputValue()).toBe('CREATE_WITH_EMAIL');

    const [link] = await host.dataSource.query(`SELECT "personId" FROM "microsoftContactLink" WHERE "contactExternalId" = $1`, [contactId]);
    await page.goto(`${host.publicUrl}/people/${link.personId}`);
    await page.getByTestId('record-name').waitFor();
    expect(await page.getByTestId('record-name').innerText()).toBe('Lena Browser');
    expect(await page.getByTestId('record-field-job-title').innerText()).toContain('Buyer');

    await adminCall('PATCH', `/mailboxes/${MEGAN}/contacts/${contactId}`, { jobTitle: 'Head of Purchasing', mobilePhone: '+1 206 555 0142' });
    await eventually(async () => {
      await page.reload();
      await page.getByTestId('record-name').waitFor();
      return (await page.getByTestId('record-field-job-title').innerText()).includes('Head of Purchasing');
    }, 30_000, 'the Outlook edit on the record page');
    expect(await page.getByTestId('record-field-phones').innerText()).toContain('+1 206 555 0142');
  }, BROWSER_TIMEOUT_MS);
});
