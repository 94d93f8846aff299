import { MEGAN, useTestEmulator } from './support/emulator-suite.js';
import { deltaRound, type Json, type MailClient } from './support/mail-client.js';
import { contactsClient, scopeOf } from './support/pim-client.js';

const lee = { givenName: 'Lee', surname: 'Gu', emailAddresses: [{ name: 'Lee Gu', address: 'lee.gu@fabrikam.com' }], companyName: 'Fabrikam', jobTitle: 'Director' };

describe('contacts: folders and contacts', () => {
  const t = useTestEmulator({}, { resetEachTest: true });
  let c: MailClient;
  beforeEach(async () => {
    c = await contactsClient(t);
  });

  it('lists the default Contacts folder at the top, nests child folders, and refuses a sibling of the same name', async () => {
    const top = await c.graph('/me/contactFolders');
    expect(top.status).toBe(200);
    expect(top.body.value).toHaveLength(1);
    const home = top.body.value[0] as Json;
    expect(home).toEqual({ id: expect.any(String), displayName: 'Contacts', parentFolderId: expect.any(String) });
    const child = await c.graph(`/me/contactFolders/${home.id}/childFolders`, { method: 'POST', body: { displayName: 'Customers' } });
    expect(child.status).toBe(201);
    expect(child.body).toMatchObject({ displayName: 'Customers', parentFolderId: home.id });
    const grandchild = await c.graph(`/me/contactFolders/${child.body.id}/childFolders`, { method: 'POST', body: { displayName: 'EMEA' } });
    expect(grandchild.body.parentFolderId).toBe(child.body.id);
    expect((await c.graph(`/me/contactFolders/${home.id}/childFolders`, { method: 'POST', body: { displayName: 'customers' } })).status).toBe(409);
    expect((await c.graph(`/me/contactFolders/${home.id}/childFolders`)).body.value.map((f: Json) => f.displayName)).toEqual(['Customers']);
    expect((await c.graph(`/me/contactFolders/${child.body.id}`)).body).toMatchObject({ displayName: 'Customers' });
    expect((await c.graph('/me/contactFolders/AAMkNope')).status).toBe(404);
    const topLevel = await c.graph('/me/contactFolders', { method: 'POST', body: { displayName: 'Suppliers' } });
    expect(topLevel.body.parentFolderId).toBe(home.parentFolderId);
    expect((await c.graph('/me/contactFolders?$select=displayName')).body.value.map((f: Json) => Object.keys(f).sort())).toEqual([['displayName', 'id'], ['displayName', 'id']]);
  });

  it('creates, reads, updates and deletes a contact with the documented fields; each write a new changeKey', async () => {
    const made = await c.graph('/me/contacts', { method: 'POST', body: { ...lee, businessPhones: ['+1 404 555 0100'], mobilePhone: '+1 404 555 0101', homePhones: [], department: 'Sales', personalNotes: 'Prefers mornings', categories: ['Customers'] } });
    expect(made.status).toBe(201);
    const home = (await c.graph('/me/contactFolders')).body.value[0] as Json;
    expect(made.body).toMatchObject({
      '@odata.etag': `W/"${made.body.changeKey}"`, displayName: 'Lee Gu', givenName: 'Lee', surname: 'Gu', parentFolderId: home.id,
      emailAddresses: [{ name: 'Lee Gu', address: 'lee.gu@fabrikam.com' }], businessPhones: ['+1 404 555 0100'], mobilePhone: '+1 404 555 0101',
      homePhones: [], jobTitle: 'Director', companyName: 'Fabrikam', department: 'Sales', personalNotes: 'Prefers mornings', categories: ['Customers'],
      middleName: null, homeAddress: {}, birthday: null,
    });
    expect(made.body.createdDateTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(made.body['@odata.context']).toMatch(/\/\$metadata#users\('[^']+'\)\/contacts\/\$entity$/);
    const id = made.body.id as string;
    const updated = await c.graph(`/me/contacts/${id}`, { method: 'PATCH', body: { jobTitle: 'VP', businessAddress: { city: 'Atlanta' } } });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ jobTitle: 'VP', businessAddress: { city: 'Atlanta' }, displayName: 'Lee Gu' });
    expect(updated.body.changeKey).not.toBe(made.body.changeKey);
    // A stale etag is 412; the current one passes.
    expect((await c.graph(`/me/contacts/${id}`, { method: 'PATCH', body: { jobTitle: 'Lost' }, headers: { 'If-Match': made.body['@odata.etag'] } })).status).toBe(412);
    expect((await c.graph(`/me/contacts/${id}`, { method: 'PATCH', body: { jobTitle: 'CEO' }, headers: { 'If-Match': updated.body['@odata.etag'] } })).status).toBe(200);
    const read = await c.graph(`/me/contacts/${id}?$select=jobTitle,emailAddresses`);
    expect(read.body).toEqual({ '@odata.context': expect.stringContaining('contacts(jobTitle,emailAddresses)/$entity'), '@odata.etag': expect.any(String), id, jobTitle: 'CEO', emailAddresses: lee.emailAddresses });
    expect((await c.graph(`/me/contacts/${id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await c.graph(`/me/contacts/${id}`)).status).toBe(404);
    expect((await c.graph(`/me/contacts/${id}`, { method: 'DELETE' })).status).toBe(404);
  });

  it('makes displayName from the names, and again when a later update changes a name without sending it', async () => {
    const made = (await c.graph('/me/contacts', { method: 'POST', body: { givenName: 'Pavel', surname: 'Bansky' } })).body;
    expect(made.displayName).toBe('Pavel Bansky');
    const renamed = (await c.graph(`/me/contacts/${made.id}`, { method: 'PATCH', body: { displayName: 'Pav B.' } })).body;
    expect(renamed.displayName).toBe('Pav B.');
    expect((await c.graph(`/me/contacts/${made.id}`, { method: 'PATCH', body: { jobTitle: 'Engineer' } })).body.displayName).toBe('Pav B.');
    expect((await c.graph(`/me/contacts/${made.id}`, { method: 'PATCH', body: { surname: 'Banský' } })).body.displayName).toBe('Pavel Banský');
    expect((await c.graph(`/me/contacts/${made.id}`, { method: 'PATCH', body: { surname: 'B', displayName: 'Kept' } })).body.displayName).toBe('Kept');
  });

  it("refuses what a contact does not have, and Outlook's limit of three email addresses", async () => {
    const unknown = await c.graph('/me/contacts', { method: 'POST', body: { givenName: 'X', nickname: 'typo' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe('RequestBodyRead');
    const four = Array.from({ length: 4 }, (_, i) => ({ address: `x${i}@example.com` }));
    expect((await c.graph('/me/contacts', { method: 'POST', body: { givenName: 'X', emailAddresses: four } })).status).toBe(400);
    // The limit is a setting (the reference is silent): 0 lifts it, a reset restores three.
    expect((await c.admin('/contacts/settings', 'PUT', { maxEmailAddresses: 0 })).body).toEqual({ maxEmailAddresses: 0 });
    expect((await c.graph('/me/contacts', { method: 'POST', body: { givenName: 'X', emailAddresses: four } })).body.emailAddresses).toHaveLength(4);
    expect((await c.admin('/contacts/settings', 'PUT', { maxEmailAddresses: -1 })).status).toBe(400);
    await c.admin('/contacts/settings', 'PUT', { maxEmailAddresses: 3 });
    expect((await c.graph('/me/contacts', { method: 'POST', body: { givenName: 'X', businessPhones: 'not a list' } })).status).toBe(400);
    // parentFolderId may come back as it was read, never to move the contact.
    const made = (await c.graph('/me/contacts', { method: 'POST', body: { givenName: 'Y' } })).body;
    expect((await c.graph(`/me/contacts/${made.id}`, { method: 'PATCH', body: { parentFolderId: made.parentFolderId, id: made.id, surname: 'Z' } })).status).toBe(200);
    expect((await c.graph(`/me/contacts/${made.id}`, { method: 'PATCH', body: { parentFolderId: 'AAMkElsewhere' } })).status).toBe(400);
  });

  it('keeps /me/contacts to the default folder; a folder lists its own, and a contact is reached through its folder only', async () => {
    const home = (await c.graph('/me/contactFolders')).body.value[0] as Json;
    const other = (await c.graph(`/me/contactFolders/${home.id}/childFolders`, { method: 'POST', body: { displayName: 'Leads' } })).body;
    const inHome = (await c.graph('/me/contacts', { method: 'POST', body: lee })).body;
    const inOther = await c.graph(`/me/contactFolders/${other.id}/contacts`, { method: 'POST', body: { givenName: 'Nina', surname: 'Petrova' } });
    expect(inOther.status).toBe(201);
    expect(inOther.body.parentFolderId).toBe(other.id);
    expect((await c.graph('/me/contacts')).body.value.map((x: Json) => x.id)).toEqual([inHome.id]);
    expect((await c.graph(`/me/contactFolders/${other.id}/contacts`)).body.value.map((x: Json) => x.id)).toEqual([inOther.body.id]);
    expect((await c.graph(`/me/contactFolders/${other.id}/contacts/${inOther.body.id}`)).status).toBe(200);
    expect((await c.graph(`/me/contactFolders/${other.id}/contacts/${inHome.id}`)).status).toBe(404);
    // By id, /me/contacts/{id} reaches a contact of any folder.
    expect((await c.graph(`/me/contacts/${inOther.body.id}`)).status).toBe(200);
  });

  it('answers list query options through the OData engine and refuses the others', async () => {
    for (const [givenName, surname] of [['Ada', 'Zed'], ['Bob', 'Young'], ['Cy', 'Xu']]) {
      await c.graph('/me/contacts', { method: 'POST', body: { givenName, surname, emailAddresses: [{ address: `${givenName.toLowerCase()}@example.com` }] } });
    }
    const filtered = await c.graph("/me/contacts?$filter=emailAddresses/any(a:a/address eq 'bob@example.com')&$select=displayName");
    expect(filtered.status).toBe(200);
    expect(filtered.body.value.map((x: Json) => x.displayName)).toEqual(['Bob Young']);
    expect((await c.graph('/me/contacts?$orderby=surname&$select=surname')).body.value.map((x: Json) => x.surname)).toEqual(['Xu', 'Young', 'Zed']);
    const paged = await c.graph('/me/contacts?$top=2&$count=true');
    expect(paged.body['@odata.count']).toBe(3);
    expect(paged.body['@odata.nextLink']).toContain('$skip=2');
    expect((await c.graph(paged.body['@odata.nextLink'])).body.value).toHaveLength(1);
    expect((await c.graph('/me/contacts/$count')).body).toBe(3);
    expect((await c.graph('/me/contacts?$search=bob')).status).toBe(400);
    expect((await c.graph('/me/contacts?$expand=photo')).status).toBe(501);
    expect((await c.graph('/me/contacts?$select=nonsense')).status).toBe(400);
    expect((await c.graph('/me/contacts?$format=json')).status).toBe(501);
    expect((await c.graph('/me/contacts?$select=displayName', { method: 'POST', body: { givenName: 'D' } })).status).toBe(501);
  });

  it('needs Contacts.Read to read and Contacts.ReadWrite to write; another mailbox is not reachable', async () => {
    const reader = await contactsClient(t, MEGAN, scopeOf('Contacts.Read'));
    expect((await reader.graph('/me/contacts')).status).toBe(200);
    const denied = await reader.graph('/me/contacts', { method: 'POST', body: lee });
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe('ErrorAccessDenied');
    const mailOnly = await contactsClient(t, MEGAN, scopeOf('Mail.Read'));
    expect((await mailOnly.graph('/me/contactFolders')).status).toBe(403);
    expect((await c.graph('/users/alex.wilber@contoso.com/contacts')).status).toBe(403);
    expect((await c.graph(`/users/${MEGAN}/contacts`)).status).toBe(200);
  });

  it('serves the personal account (outlook.com) too', async () => {
    const personal = await contactsClient(t, 'demo.user@outlook.com');
    expect((await personal.graph('/me/contacts', { method: 'POST', body: lee })).status).toBe(201);
    expect((await personal.graph('/me/contacts')).body.value).toHaveLength(1);
    expect((await c.graph('/me/contacts')).body.value).toHaveLength(0);
  });

  it('counts against the mailbox limits like mail: 429 with Retry-After once the budget is spent', async () => {
    await c.admin('/mail-settings', 'PUT', { throttling: { enabled: true, requestsPerWindow: 2, windowSeconds: 600 } });
    expect((await c.graph('/me/contacts')).status).toBe(200);
    expect((await c.graph('/me/contactFolders')).status).toBe(200);
    const throttled = await c.graph('/me/contacts');
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('lets the admin API edit as the user in Outlook: create (one or many), edit, delete, folders, the demo seed', async () => {
    const made = await c.admin(`/mailboxes/${MEGAN}/contacts`, 'POST', lee);
    expect(made.status).toBe(201);
    const edited = await c.admin(`/mailboxes/${MEGAN}/contacts/${made.body.id}`, 'PATCH', { mobilePhone: '+1 555' });
    expect(edited.body.changeKey).not.toBe(made.body.changeKey);
    expect((await c.graph(`/me/contacts/${made.body.id}`)).body.mobilePhone).toBe('+1 555');
    const folder = await c.admin(`/mailboxes/${MEGAN}/contact-folders`, 'POST', { displayName: 'Imported' });
    const many = await c.admin(`/mailboxes/${MEGAN}/contacts`, 'POST', { contacts: [{ folderId: folder.body.id, givenName: 'A' }, { givenName: 'B' }] });
    expect(many.body.contacts).toHaveLength(2);
    expect((await c.admin(`/mailboxes/${MEGAN}/contacts?folderId=${folder.body.id}`)).body.contacts).toHaveLength(1);
    const bad = await c.admin(`/mailboxes/${MEGAN}/contacts`, 'POST', { contacts: [{ givenName: 'C' }, { wrong: 1 }] });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ index: 1, made: 1 });
    expect((await c.admin(`/mailboxes/${MEGAN}/contacts/${made.body.id}`, 'DELETE')).status).toBe(204);
    expect((await c.admin(`/mailboxes/${MEGAN}/contacts/${made.body.id}`)).status).toBe(404);
    const seeded = await c.admin(`/mailboxes/${MEGAN}/contacts-seed`, 'POST', { kind: 'demo' });
    expect(seeded.status).toBe(201);
    const all = (await c.admin(`/mailboxes/${MEGAN}/contacts`)).body.contacts as Json[];
    // By email (the CRM's address), by name and company (a private address), and people the CRM lacks.
    expect(all.some((x) => x.emailAddresses[0]?.address === 'lee.gu@fabrikam.com')).toBe(true);
    expect(all.some((x) => x.companyName && x.emailAddresses[0]?.address.endsWith('@outlook.com'))).toBe(true);
    expect(all.some((x) => x.companyName === 'Coho Winery')).toBe(true);
    expect((await c.admin(`/mailboxes/${MEGAN}/contact-folders`)).body.folders.map((f: Json) => f.displayName)).toEqual(['Contacts', 'Imported', 'Conference leads']);
  });

  it('seeds the demo contacts at start and again on reset (demoContacts)', async () => {
    const { startTestEmulator } = await import('./support/emulator-harness.js');
    const demo = await startTestEmulator({ demoContacts: true });
    try {
      const megan = demo.emulator.store.findUser(MEGAN)!;
      const count = demo.emulator.store.contacts.listContacts(megan.id).length;
      expect(count).toBeGreaterThan(10);
      demo.emulator.store.reset();
      expect(demo.emulator.store.contacts.listContacts(megan.id)).toHaveLength(count);
    } finally {
      await demo.close();
    }
  });
});

describe('contacts: delta per folder', () => {
  const t = useTestEmulator({}, { resetEachTest: true });
  let c: MailClient;
  let folderId: string;
  beforeEach(async () => {
    c = await contactsClient(t);
    folderId = (await c.graph('/me/contactFolders')).body.value[0].id;
  });
  const deltaUrl = () => `/me/contactFolders/${folderId}/contacts/delta`;

  it('walks the folder in pages, then gives changes once each and @removed for deleted contacts, keeping $select', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) ids.push((await c.graph('/me/contacts', { method: 'POST', body: { givenName: `P${i}`, surname: 'Test' } })).body.id);
    const first = await c.graph(`${deltaUrl()}?$select=displayName`, { headers: { Prefer: 'odata.maxpagesize=2' } });
    expect(first.status).toBe(200);
    expect(first.headers.get('preference-applied')).toBe('odata.maxpagesize=2');
    expect(first.body.value).toHaveLength(2);
    expect(Object.keys(first.body.value[0]).sort()).toEqual(['@odata.etag', '@odata.type', 'displayName', 'id']);
    expect(first.body['@odata.nextLink']).toMatch(/\/contacts\/delta\?\$skiptoken=/);
    const round = await deltaRound(c, first.body['@odata.nextLink']);
    expect([...first.body.value, ...round.items].map((x: Json) => x.id)).toEqual(ids);
    expect(round.deltaLink).toMatch(/\$deltatoken=/);

    // Nothing changed: an empty page and a deltaLink.
    const quiet = await deltaRound(c, round.deltaLink);
    expect(quiet.items).toEqual([]);
    await c.graph(`/me/contacts/${ids[1]}`, { method: 'PATCH', body: { surname: 'Changed' } });
    await c.admin(`/mailboxes/${MEGAN}/contacts/${ids[1]}`, 'PATCH', { jobTitle: 'Twice' });
    await c.graph(`/me/contacts/${ids[3]}`, { method: 'DELETE' });
    const added = (await c.graph('/me/contacts', { method: 'POST', body: { givenName: 'New' } })).body.id;
    const changes = await deltaRound(c, quiet.deltaLink);
    expect(changes.items).toEqual([
      { '@odata.type': '#microsoft.graph.contact', '@odata.etag': expect.any(String), id: ids[1], displayName: 'P1 Changed' },
      { '@odata.type': '#microsoft.graph.contact', id: ids[3], '@removed': { reason: 'deleted' } },
      expect.objectContaining({ id: added, displayName: 'New' }),
    ]);
    // A contact of another folder is not this folder's.
    const other = (await c.graph(`/me/contactFolders/${folderId}/childFolders`, { method: 'POST', body: { displayName: 'Elsewhere' } })).body.id;
    await c.graph(`/me/contactFolders/${other}/contacts`, { method: 'POST', body: { givenName: 'Away' } });
    expect((await deltaRound(c, changes.deltaLink)).items).toEqual([]);
  });

  it('answers 410 syncStateNotFound with a restart link once the folder\'s sync state is invalidated, and 400 for a forged token', async () => {
    await c.graph('/me/contacts', { method: 'POST', body: { givenName: 'A' } });
    const round = await deltaRound(c, `${deltaUrl()}?$select=givenName`);
    const invalidated = await c.admin('/contacts/delta/invalidate', 'POST', { user: MEGAN, folder: folderId });
    expect(invalidated.status).toBe(200);
    const gone = await c.graph(round.deltaLink);
    expect(gone.status).toBe(410);
    expect(gone.body.error.code).toBe('syncStateNotFound');
    expect(gone.headers.get('location')).toMatch(/\/contacts\/delta\?\$select=givenName&\$deltatoken=$/);
    const forged = await c.graph(`${deltaUrl()}?$deltatoken=abc.def`);
    expect(forged.status).toBe(400);
    expect((await c.graph(`${round.deltaLink}&$select=surname`)).status).toBe(400);
  });

  it('refuses options change tracking does not take, and has no /me/contacts/delta (not in v1.0)', async () => {
    expect((await c.graph(`${deltaUrl()}?$orderby=surname`)).status).toBe(400);
    expect((await c.graph(`${deltaUrl()}?$filter=surname eq 'x'`)).status).toBe(400);
    const root = await c.graph('/me/contacts/delta');
    expect(root.status).toBe(501);
    expect(root.body.error.message).toContain('/me/contactFolders/{id}/contacts/delta');
  });

  it('replays part of a page when the replay knob is on (delta may return an item more than once)', async () => {
    for (let i = 0; i < 6; i += 1) await c.graph('/me/contacts', { method: 'POST', body: { givenName: `R${i}` } });
    await c.admin('/mail-settings', 'PUT', { delta: { replayRate: 1 } });
    const round = await deltaRound(c, deltaUrl(), { Prefer: 'odata.maxpagesize=3' });
    const ids = round.items.map((x: Json) => x.id);
    expect(new Set(ids).size).toBe(6);
    expect(ids.length).toBeGreaterThan(6);
  });
});
