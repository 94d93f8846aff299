import { connectMailbox, eventually, startTestHost, type ConnectedMailbox, type TestHost } from '../../test-support/index.js';

const MEGAN = 'megan.bowen@contoso.com';

/** The emulator's demo contacts against the demo CRM: the three matching paths and the default creation policy. */
describe('Demo Outlook contacts imported into the demo CRM', () => {
  let host: TestHost;
  let megan: ConnectedMailbox;
  let contactChannelId: string;
  const query = (sql: string, params: unknown[] = []) => host.dataSource.query(sql, params);

  beforeAll(async () => {
    host = await startTestHost({ demoContacts: true, microsoft: { allowInsecureWebhookUrl: false } });
    megan = await connectMailbox(host, host.client, MEGAN, MEGAN);
    [{ id: contactChannelId }] = await query(`SELECT "id" FROM "microsoftContactChannel" WHERE "connectedAccountId" = $1`, [megan.connectedAccountId]);
    await eventually(async () => (await query(`SELECT "syncStatus" FROM "microsoftContactChannel" WHERE "id" = $1`, [contactChannelId]))[0].syncStatus === 'ACTIVE', 60_000, 'the first contacts import');
  }, 120_000);

  afterAll(async () => {
    await host?.close();
  });

  it('links the contacts under a CRM address to those people, private addresses by name and company, and creates the rest that have an email', async () => {
    const links: Array<{ address: string | null; createdBySync: boolean; personEmail: string | null; personAdditional: string[] }> = await query(
      `SELECT l."createdBySync", p."emailsPrimaryEmail" AS "personEmail", p."emailsAdditionalEmails" AS "personAdditional", l."syncedFields"->'emails'->>0 AS "address"
       FROM "microsoftContactLink" l JOIN "person" p ON p."id" = l."personId" WHERE l."contactChannelId" = $1`,
      [contactChannelId],
    );
    const byEmail = links.filter((link) => !link.createdBySync && link.address === link.personEmail);
    const byNameAndCompany = links.filter((link) => !link.createdBySync && link.address !== link.personEmail);
    const created = links.filter((link) => link.createdBySync);
    expect(byEmail.length).toBeGreaterThanOrEqual(8);
    expect(byNameAndCompany.length).toBeGreaterThanOrEqual(1);
    for (const link of byNameAndCompany) expect(link.personAdditional).toContain(link.address);
    expect(created.map((link) => link.address).sort()).toEqual(expect.arrayContaining(['rosa.delgado@blueyonderairlines.com', 'victor@cohowinery.com', 'hugo@lucernepublishing.com']));
    const folders = await query(`SELECT "name" FROM "microsoftContactFolder" WHERE "contactChannelId" = $1 ORDER BY "name"`, [contactChannelId]);
    expect(folders.map((folder: { name: string }) => folder.name).sort()).toEqual(['Conference leads', 'Contacts']);
    // Nobody twice: one live person per linked address.
    const dupes = await query(`SELECT lower("emailsPrimaryEmail") AS email FROM "person" WHERE "workspaceId" = $1 AND "deletedAt" IS NULL AND "emailsPrimaryEmail" IS NOT NULL GROUP BY 1 HAVING count(*) > 1`, [megan.workspaceId]);
    expect(dupes).toEqual([]);
  });
});
