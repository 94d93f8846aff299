// Matching a contact to a CRM person by address (the Twenty adapter's findPersonByEmails): a person whose primary
// address is one of the contact's comes before a person who has one of them as an additional address, whatever the
// order of the contact's addresses; addresses compare without case; deleted people and other workspaces never match.
import { HostRecordsFactory } from '../src/host-adapters/host-records.factory.js';
import { startTestHost, type TestHost } from '../../test-support/index.js';

describe('findPersonByEmails: primary addresses first, then additional ones', () => {
  let host: TestHost;
  let workspaceId: string;
  const ids: Record<string, string> = {};
  const find = (emails: string[], workspace = workspaceId) => host.app.get(HostRecordsFactory).personContacts().findPersonByEmails(workspace, emails);
  const insert = async (first: string, primary: string | null, additional: string[], deleted = false) => {
    const [{ id }] = await host.dataSource.query(
      `INSERT INTO "person" ("workspaceId", "nameFirstName", "nameLastName", "emailsPrimaryEmail", "emailsAdditionalEmails", "deletedAt") VALUES ($1, $2, 'Match', $3, $4, $5) RETURNING "id"`,
      [workspaceId, first, primary, additional, deleted ? new Date() : null],
    );
    return id as string;
  };

  beforeAll(async () => {
    host = await startTestHost();
    [{ id: workspaceId }] = await host.dataSource.query(`SELECT "id" FROM "workspace" ORDER BY "createdAt" LIMIT 1`);
    ids.primary = await insert('Primary', 'Pat@Primary.test', []);
    ids.additional = await insert('Additional', 'other@additional.test', ['pat.alias@Primary.test', 'Second@Alias.test']);
    ids.gone = await insert('Gone', 'gone@deleted.test', ['gone.alias@deleted.test'], true);
  }, 120_000);

  afterAll(async () => {
    await host?.close();
  });

  it('prefers the person whose primary address the contact has, even when the contact names the other address first', async () => {
    expect((await find(['pat.alias@primary.test', 'pat@primary.test']))?.personId).toBe(ids.primary);
    expect((await find(['pat@primary.test']))?.personId).toBe(ids.primary);
  });

  it('falls back to an additional address, without case', async () => {
    const match = await find(['nobody@else.test', 'SECOND@alias.TEST']);
    expect(match?.personId).toBe(ids.additional);
    expect(match?.emails).toEqual(['other@additional.test', 'pat.alias@primary.test', 'second@alias.test']);
  });

  it('never matches a deleted person, another workspace, or no address', async () => {
    expect(await find(['gone@deleted.test'])).toBeNull();
    expect(await find(['gone.alias@deleted.test'])).toBeNull();
    expect(await find(['pat@primary.test'], '00000000-0000-4000-8000-000000000000')).toBeNull();
    expect(await find([' ', ''])).toBeNull();
  });
});
