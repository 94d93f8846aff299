import { ContactsSyncJobs, ContactsSyncService, ContactOutboundJobs } from '@m365/server-module';
import { PERSON_CHANGE_PORT, PersonChangeKind, type PersonChangePort } from '@m365/shared-types';
import { ContactOutboundApplier } from '../src/contacts/outbound/contact-outbound.applier.js';
import { connectMailbox, eventually, startTestHost, TestHttpClient, type ConnectedMailbox, type TestHost } from '../../test-support/index.js';

const MEGAN = 'megan.bowen@contoso.com';

interface OutlookContact {
  id: string;
  changeKey: string;
  givenName: string | null;
  surname: string | null;
  jobTitle: string | null;
  companyName: string | null;
  mobilePhone: string | null;
  businessPhones: string[];
  emailAddresses: Array<{ address: string }>;
}

interface ContactSyncView {
  id: string;
  syncStatus: string;
  creationPolicy: string;
  folderExternalId: string | null;
  linkedCount: number;
  createdCount: number;
  pendingWrites: number;
  folders: Array<{ externalId: string; name: string; parentExternalId: string | null }>;
  conflicts: Array<{ field: string; keptSide: string; keptValue: string | null; lostValue: string | null; personId: string | null }>;
}

const SETTINGS = `query { microsoftAccounts { id contactSync { id syncStatus creationPolicy folderExternalId linkedCount createdCount pendingWrites
  folders { externalId name parentExternalId } conflicts { field keptSide keptValue lostValue personId } } } }`;
const UPDATE_SETTINGS = `mutation ($account: ID!, $input: MicrosoftContactSyncSettingsInput!) { updateMicrosoftContactSyncSettings(connectedAccountId: $account, input: $input) { creationPolicy folderExternalId } }`;
const UPDATE_PERSON = `mutation ($id: ID!, $patch: PersonPatch!) { updatePerson(id: $id, patch: $patch) { id jobTitle } }`;
const DELETE_PERSON = `mutation ($id: ID!) { deletePerson(id: $id) }`;
const DISCONNECT = `mutation ($id: ID!) { disconnectMicrosoftAccount(connectedAccountId: $id) }`;

describe('Outlook contacts ↔ CRM people', () => {
  let host: TestHost;
  let admin: TestHttpClient;
  let megan: ConnectedMailbox;
  let contactChannelId: string;
  const contacts: Record<string, string> = {};
  const people: Record<string, string> = {};
  let clientsFolderId: string;
  let vipFolderId: string;
  let workspaceId: string;

  const query = (sql: string, params: unknown[] = []) => host.dataSource.query(sql, params);
  const adminCall = async <T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await admin.request(method, `/_admin${path}`, { body });
    if (response.status >= 300) throw new Error(`${method} ${path} → ${response.status} ${response.text}`);
    return (response.status === 204 ? {} : response.json()) as T;
  };
  const outlookContact = (id: string) => adminCall<OutlookContact>('GET', `/mailboxes/${MEGAN}/contacts/${encodeURIComponent(id)}`);
  const outlookHas = async (id: string) => (await admin.request('GET', `/_admin/mailboxes/${MEGAN}/contacts/${encodeURIComponent(id)}`)).status === 200;
  const addContact = async (body: Record<string, unknown>) => (await adminCall<{ id: string }>('POST', `/mailboxes/${MEGAN}/contacts`, body)).id;
  const ok = async <T = Record<string, unknown>>(text: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const result = await host.client.graphql(text, variables);
    if (result.errors?.length) throw new Error(result.errors[0].message);
    return result.data as T;
  };
  const settings = async () => (await ok<{ microsoftAccounts: Array<{ id: string; contactSync: ContactSyncView | null }> }>(SETTINGS)).microsoftAccounts.find((account) => account.id === megan.connectedAccountId)!.contactSync!;
  const syncNow = async () => {
    for (let attempt = 0; attempt < 400; attempt += 1) {
      const outcome = await host.app.get(ContactsSyncService).syncChannel(megan.workspaceId, contactChannelId);
      if (outcome !== 'busy') return outcome;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('contact channel stayed busy');
  };
  const linkOf = async (contactId: string) => (await query(`SELECT * FROM "microsoftContactLink" WHERE "contactChannelId" = $1 AND "contactExternalId" = $2`, [contactChannelId, contactId]))[0];
  const person = async (id: string) => (await query(
    `SELECT p.*, c."name" AS "companyName" FROM "person" p LEFT JOIN "company" c ON c."id" = p."companyId" WHERE p."id" = $1`, [id]))[0];
  const personCount = async () => Number((await query(`SELECT count(*)::int AS n FROM "person" WHERE "workspaceId" = $1 AND "deletedAt" IS NULL`, [workspaceId]))[0].n);
  const writesSettled = async (contactId: string) =>
    eventually(async () => Number((await query(`SELECT count(*)::int AS n FROM "microsoftContactOutbox" WHERE "contactExternalId" = $1 AND "status" = 'PENDING'`, [contactId]))[0].n) === 0, 20_000, `writes to ${contactId}`);
  const insertPerson = async (first: string, last: string, primary: string | null, additional: string[] = [], companyName: string | null = null) => {
    let companyId: string | null = null;
    if (companyName) [{ id: companyId }] = await query(`INSERT INTO "company" ("workspaceId", "name") VALUES ($1, $2) RETURNING "id"`, [workspaceId, companyName]);
    const [{ id }] = await query(
      `INSERT INTO "person" ("workspaceId", "nameFirstName", "nameLastName", "emailsPrimaryEmail", "emailsAdditionalEmails", "jobTitle", "companyId") VALUES ($1, $2, $3, $4, $5, 'Buyer', $6) RETURNING "id"`,
      [workspaceId, first, last, primary, additional, companyId],
    );
    return id as string;
  };

  beforeAll(async () => {
    // Push off: each test drives the imports it asserts on (contacts-push.spec.ts has push).
    host = await startTestHost({ microsoft: { allowInsecureWebhookUrl: false } });
    admin = new TestHttpClient(host.emulator!.baseUrl, host.emulator!.caCertPem);
    const { folders } = await adminCall<{ folders: Array<{ id: string; isDefault: boolean }> }>('GET', `/mailboxes/${MEGAN}/contact-folders`);
    const home = folders.find((folder) => folder.isDefault)!.id;
    clientsFolderId = (await adminCall<{ id: string }>('POST', `/mailboxes/${MEGAN}/contact-folders`, { displayName: 'Clients', parentFolderId: home })).id;
    vipFolderId = (await adminCall<{ id: string }>('POST', `/mailboxes/${MEGAN}/contact-folders`, { displayName: 'VIP', parentFolderId: clientsFolderId })).id;
    contacts.ana = await addContact({ givenName: 'Ana', surname: 'Ortiz', companyName: 'Quillfeather Ltd', emailAddresses: [{ address: 'ana.ortiz@quillfeather.test' }], businessPhones: ['+1 425 555 0101'] });
    contacts.bo = await addContact({ folderId: clientsFolderId, givenName: 'Bo', surname: 'Lind', emailAddresses: [{ address: 'BO@lind-private.test' }] });
    contacts.cleo = await addContact({ folderId: vipFolderId, givenName: 'Cleo', surname: 'Park', companyName: 'Tailspin Widgets', jobTitle: 'CFO', emailAddresses: [{ address: 'cleo@park-home.test' }] });
    contacts.dan = await addContact({ givenName: 'Dan', surname: 'Novak', companyName: 'Brand New Widgets', jobTitle: 'Founder', emailAddresses: [{ address: 'dan@brandnewwidgets.test' }] });
    contacts.eve = await addContact({ givenName: 'Eve', surname: 'Nomail', mobilePhone: '+44 20 7946 0000' });
    // People the CRM had before.
    [{ workspaceId }] = await query(`SELECT "workspaceId" FROM "workspaceMember" WHERE lower("userEmail") = $1`, [MEGAN]);
    people.ana = await insertPerson('Ana', 'Ortiz', 'ana.ortiz@quillfeather.test');
    people.bo = await insertPerson('Robert', 'Lind', 'robert@lind.test', ['bo@lind-private.test']);
    people.cleo = await insertPerson('Cleo', 'Park', 'cleo@tailspinwidgets.test', [], 'Tailspin Widgets');
    // The tests drive every pass; the periodic one would import an Outlook edit a conflict test stages.
    host.app.get(ContactsSyncJobs).enqueueAll = async () => 0;
    megan = await connectMailbox(host, host.client, MEGAN, MEGAN);
    [{ id: contactChannelId }] = await query(`SELECT "id" FROM "microsoftContactChannel" WHERE "connectedAccountId" = $1`, [megan.connectedAccountId]);
    await eventually(async () => ['ACTIVE', 'FAILED_UNKNOWN', 'FAILED_INSUFFICIENT_PERMISSIONS'].includes((await settings()).syncStatus), 60_000, 'the first contacts import');
    expect(await syncNow()).toBe('synced');
  }, 120_000);

  afterAll(async () => {
    await host?.close();
  });

  it('matches by primary email, by an additional email, then by name and company; creates a person (and company) only under the policy; every folder, nested ones too', async () => {
    expect((await linkOf(contacts.ana)).personId).toBe(people.ana);
    expect((await linkOf(contacts.bo)).personId).toBe(people.bo);
    expect((await linkOf(contacts.cleo)).personId).toBe(people.cleo);
    for (const key of ['ana', 'bo', 'cleo']) expect((await linkOf(contacts[key])).createdBySync).toBe(false);
    // A matched person keeps what a member typed; what they lacked comes from the contact.
    const cleo = await person(people.cleo);
    expect(cleo.emailsPrimaryEmail).toBe('cleo@tailspinwidgets.test');
    expect(cleo.emailsAdditionalEmails).toEqual(['cleo@park-home.test']);
    expect(cleo.jobTitle).toBe('Buyer');
    const dan = await linkOf(contacts.dan);
    expect(dan.createdBySync).toBe(true);
    const created = await person(dan.personId);
    expect([created.nameFirstName, created.nameLastName, created.emailsPrimaryEmail, created.jobTitle, created.companyName]).toEqual(['Dan', 'Novak', 'dan@brandnewwidgets.test', 'Founder', 'Brand New Widgets']);
    // The default policy creates people only from contacts with an email.
    expect(await linkOf(contacts.eve)).toBeUndefined();
    // The periodic pass may be running: its status is ONGOING meanwhile.
    await eventually(async () => (await settings()).syncStatus === 'ACTIVE', 20_000, 'contacts sync at rest');
    const view = await settings();
    expect(view.creationPolicy).toBe('CREATE_WITH_EMAIL');
    expect(view.linkedCount).toBe(4);
    expect(view.createdCount).toBe(1);
    expect(view.folders.map((folder) => folder.name).sort()).toEqual(['Clients', 'Contacts', 'VIP']);
    expect(view.folders.find((folder) => folder.name === 'VIP')!.parentExternalId).toBe(clientsFolderId);
    // Each pass is in the account's sync log, the first one as the first import.
    const { microsoftSyncRuns: runs } = await ok<{ microsoftSyncRuns: Array<{ trigger: string; outcome: string; created: number; foldersSynced: number }> }>(
      `query ($id: ID!) { microsoftSyncRuns(channelKind: CONTACTS, channelId: $id) { trigger outcome created foldersSynced } }`, { id: view.id },
    );
    const first = runs[runs.length - 1];
    expect(first).toMatchObject({ trigger: 'FIRST_IMPORT', outcome: 'SUCCEEDED', created: 4, foldersSynced: 3 });
  });

  it('never duplicates a person when the folders are walked again from the start; a policy that creates all brings the contact without email', async () => {
    const before = await personCount();
    await query(`UPDATE "microsoftContactFolder" SET "syncCursor" = NULL WHERE "contactChannelId" = $1`, [contactChannelId]);
    expect(await syncNow()).toBe('synced');
    expect(await personCount()).toBe(before);
    await ok(UPDATE_SETTINGS, { account: megan.connectedAccountId, input: { creationPolicy: 'CREATE_ALL' } });
    expect(await syncNow()).toBe('synced');
    const eve = await linkOf(contacts.eve);
    expect(eve.createdBySync).toBe(true);
    expect((await person(eve.personId)).phonesPrimaryPhoneNumber).toBe('+44 20 7946 0000');
    expect(await personCount()).toBe(before + 1);
    expect(Number((await query(`SELECT count(*)::int AS n FROM "microsoftContactLink" WHERE "contactChannelId" = $1`, [contactChannelId]))[0].n)).toBe(5);
  });

  it('takes an Outlook edit into the person: names, job title, phones, company (matched or created by name)', async () => {
    await adminCall('PATCH', `/mailboxes/${MEGAN}/contacts/${contacts.dan}`, { jobTitle: 'CEO', mobilePhone: '+1 206 555 0199', companyName: 'Tailspin Widgets', surname: 'Novák' });
    expect(await syncNow()).toBe('synced');
    const dan = await person((await linkOf(contacts.dan)).personId);
    expect([dan.jobTitle, dan.phonesPrimaryPhoneNumber, dan.companyName, dan.nameLastName]).toEqual(['CEO', '+1 206 555 0199', 'Tailspin Widgets', 'Novák']);
    expect(dan.companyId).toBe((await person(people.cleo)).companyId);
  });

  it('writes a CRM edit to Outlook (If-Match on the changeKey it read) and recognises the write when delta brings it back', async () => {
    await ok(UPDATE_PERSON, { id: people.ana, patch: { jobTitle: 'Head of Buying', phones: ['+1 425 555 0101', '+1 425 555 0177'], emails: ['ana.ortiz@quillfeather.test', 'ana@ortiz.test'] } });
    await writesSettled(contacts.ana);
    const [row] = await query(`SELECT * FROM "microsoftContactOutbox" WHERE "contactExternalId" = $1`, [contacts.ana]);
    expect(row.status).toBe('APPLIED');
    const outlook = await outlookContact(contacts.ana);
    expect(outlook.jobTitle).toBe('Head of Buying');
    expect([outlook.mobilePhone, ...outlook.businessPhones].filter(Boolean).sort()).toEqual(['+1 425 555 0101', '+1 425 555 0177']);
    expect(outlook.businessPhones).toContain('+1 425 555 0101');
    expect(outlook.emailAddresses.map((entry) => entry.address)).toEqual(['ana.ortiz@quillfeather.test', 'ana@ortiz.test']);
    const link = await linkOf(contacts.ana);
    expect(link.changeKey).toBe(outlook.changeKey);
    expect(row.resultChangeKey).toBe(outlook.changeKey);
    expect(link.editedInCrm).toBe(true);
    // The echo: the link and the person are left alone.
    const personBefore = await person(people.ana);
    expect(await syncNow()).toBe('synced');
    expect((await linkOf(contacts.ana)).updatedAt).toEqual(link.updatedAt);
    expect((await person(people.ana)).updatedAt).toEqual(personBefore.updatedAt);
    expect((await settings()).conflicts).toEqual([]);
    // The person's company goes to Outlook as its name.
    const [{ companyId }] = await query(`SELECT "companyId" FROM "person" WHERE "id" = $1`, [people.cleo]);
    await ok(UPDATE_PERSON, { id: people.ana, patch: { companyId } });
    await writesSettled(contacts.ana);
    expect((await outlookContact(contacts.ana)).companyName).toBe('Tailspin Widgets');
  });

  it('conflict rule, CRM later: both changed the job title, the CRM edit is the later one; Outlook takes it and the lost Outlook value is logged', async () => {
    await adminCall('PATCH', `/mailboxes/${MEGAN}/contacts/${contacts.cleo}`, { jobTitle: 'Chief Financial Officer', companyName: 'Tailspin Widgets Inc' });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await ok(UPDATE_PERSON, { id: people.cleo, patch: { jobTitle: 'Finance Director' } });
    await writesSettled(contacts.cleo);
    const outlook = await outlookContact(contacts.cleo);
    expect(outlook.jobTitle).toBe('Finance Director');
    // The field only Outlook changed came to the CRM with the write.
    expect((await person(people.cleo)).companyName).toBe('Tailspin Widgets Inc');
    const [conflict] = (await settings()).conflicts;
    expect(conflict).toEqual({ field: 'JOB_TITLE', keptSide: 'CRM', keptValue: '"Finance Director"', lostValue: '"Chief Financial Officer"', personId: people.cleo });
    expect(await syncNow()).toBe('synced');
    expect((await person(people.cleo)).jobTitle).toBe('Finance Director');
  });

  it('conflict rule, Outlook later: a CRM edit not yet written loses the field to the later Outlook edit; the lost CRM value is logged and nothing else of the edit is lost', async () => {
    const port = host.app.get<PersonChangePort>(PERSON_CHANGE_PORT);
    const editedAt = new Date(Date.now() - 60_000);
    // A member's edit committed a minute ago whose job has not run yet (as after a crash before dispatch).
    await host.dataSource.transaction(async (manager) => {
      await manager.query(`UPDATE "person" SET "jobTitle" = 'Procurement', "nameFirstName" = 'Bobby' WHERE "id" = $1`, [people.bo]);
      await port.recordChange({ kind: PersonChangeKind.UPDATED, transaction: manager, workspaceId: megan.workspaceId, workspaceMemberId: (await query(`SELECT "accountOwnerId" FROM "connectedAccount" WHERE "id" = $1`, [megan.connectedAccountId]))[0].accountOwnerId, personId: people.bo, editedAt, fields: { jobTitle: 'Procurement', firstName: 'Bobby' } });
    });
    await adminCall('PATCH', `/mailboxes/${MEGAN}/contacts/${contacts.bo}`, { jobTitle: 'Head of Procurement' });
    expect(await syncNow()).toBe('synced');
    expect((await person(people.bo)).jobTitle).toBe('Head of Procurement');
    const conflict = (await settings()).conflicts.find((each) => each.personId === people.bo);
    expect(conflict).toEqual({ field: 'JOB_TITLE', keptSide: 'OUTLOOK', keptValue: '"Head of Procurement"', lostValue: '"Procurement"', personId: people.bo });
    await host.app.get(ContactOutboundJobs).run(contactChannelId, contacts.bo);
    const outlook = await outlookContact(contacts.bo);
    expect([outlook.jobTitle, outlook.givenName]).toEqual(['Head of Procurement', 'Bobby']);
    expect((await person(people.bo)).nameFirstName).toBe('Bobby');
  });

  it('an Outlook edit between the read and the PATCH makes If-Match fail (412); the write starts over and the conflict rule decides on what Outlook now has', async () => {
    const applier = host.app.get(ContactOutboundApplier) as unknown as { patch: (...args: unknown[]) => Promise<unknown> };
    const original = applier.patch;
    const refused: string[] = [];
    applier.patch = async (...args: unknown[]) => {
      applier.patch = original;
      // The user edits the contact in Outlook after the write read it, a little later than the CRM edit.
      await new Promise((resolve) => setTimeout(resolve, 1100));
      await adminCall('PATCH', `/mailboxes/${MEGAN}/contacts/${contacts.bo}`, { jobTitle: 'VP Procurement' });
      try {
        return await original.apply(applier, args);
      } catch (error) {
        refused.push((error as Error).constructor.name);
        throw error;
      }
    };
    try {
      await ok(UPDATE_PERSON, { id: people.bo, patch: { jobTitle: 'Category Manager' } });
      await writesSettled(contacts.bo);
    } finally {
      applier.patch = original;
    }
    // The applier's name for Graph's 412 on a stale If-Match.
    expect(refused).toEqual(['StaleContact']);
    expect((await outlookContact(contacts.bo)).jobTitle).toBe('VP Procurement');
    expect((await person(people.bo)).jobTitle).toBe('VP Procurement');
    const conflict = (await settings()).conflicts.find((each) => each.personId === people.bo && each.keptValue === '"VP Procurement"');
    expect(conflict).toMatchObject({ keptSide: 'OUTLOOK', lostValue: '"Category Manager"' });
  });

  it('a delta token Outlook no longer knows (410) walks the folders again from the start without making anyone twice', async () => {
    const before = await personCount();
    const links = Number((await query(`SELECT count(*)::int AS n FROM "microsoftContactLink" WHERE "contactChannelId" = $1`, [contactChannelId]))[0].n);
    await adminCall('POST', '/contacts/delta/invalidate', { user: MEGAN });
    expect(await syncNow()).toBe('synced');
    expect(await personCount()).toBe(before);
    expect(Number((await query(`SELECT count(*)::int AS n FROM "microsoftContactLink" WHERE "contactChannelId" = $1`, [contactChannelId]))[0].n)).toBe(links);
    expect((await query(`SELECT count(*)::int AS n FROM "microsoftContactFolder" WHERE "contactChannelId" = $1 AND "syncCursor" IS NULL`, [contactChannelId]))[0].n).toBe(0);
  });

  it('deletion rule: a contact deleted in Outlook unlinks its person, who stays', async () => {
    await adminCall('DELETE', `/mailboxes/${MEGAN}/contacts/${contacts.ana}`);
    expect(await syncNow()).toBe('synced');
    expect(await linkOf(contacts.ana)).toBeUndefined();
    expect((await person(people.ana)).deletedAt).toBeNull();
  });

  it('deletion rule: a person the sync created, deleted in the CRM, deletes the Outlook contact; one the CRM had first only unlinks and the contact stays; neither comes back', async () => {
    const danPerson = (await linkOf(contacts.dan)).personId;
    await ok(DELETE_PERSON, { id: danPerson });
    await writesSettled(contacts.dan);
    expect(await outlookHas(contacts.dan)).toBe(false);
    await ok(DELETE_PERSON, { id: people.cleo });
    await writesSettled(contacts.cleo);
    expect(await outlookHas(contacts.cleo)).toBe(true);
    expect((await linkOf(contacts.cleo)).detachedReason).toBe('PERSON_DELETED_IN_CRM');
    const before = await personCount();
    await query(`UPDATE "microsoftContactFolder" SET "syncCursor" = NULL WHERE "contactChannelId" = $1`, [contactChannelId]);
    expect(await syncNow()).toBe('synced');
    expect(await personCount()).toBe(before);
    expect(await linkOf(contacts.dan)).toBeUndefined();
    expect((await query(`SELECT count(*)::int AS n FROM "person" WHERE "workspaceId" = $1 AND "deletedAt" IS NULL AND "nameFirstName" = 'Cleo' AND "nameLastName" = 'Park'`, [workspaceId]))[0].n).toBe(0);
  });

  it('one folder chosen in Settings: links of the other folders rest (their people stay, nothing flows) and come back, with the same people, when every folder is chosen again', async () => {
    const eve = await linkOf(contacts.eve);
    await ok(UPDATE_SETTINGS, { account: megan.connectedAccountId, input: { folderExternalId: clientsFolderId } });
    expect(await syncNow()).toBe('synced');
    expect((await settings()).folderExternalId).toBe(clientsFolderId);
    expect((await linkOf(contacts.bo)).detachedReason).toBeNull();
    expect((await linkOf(contacts.eve)).detachedReason).toBe('FOLDER_NOT_SYNCED');
    await adminCall('PATCH', `/mailboxes/${MEGAN}/contacts/${contacts.eve}`, { jobTitle: 'Pilot' });
    expect(await syncNow()).toBe('synced');
    expect((await person(eve.personId)).jobTitle).toBeNull();
    const before = await personCount();
    await ok(UPDATE_SETTINGS, { account: megan.connectedAccountId, input: { allFolders: true } });
    expect(await syncNow()).toBe('synced');
    expect((await linkOf(contacts.eve)).detachedReason).toBeNull();
    expect((await linkOf(contacts.eve)).personId).toBe(eve.personId);
    expect((await person(eve.personId)).jobTitle).toBe('Pilot');
    expect(await personCount()).toBe(before);
    // The contact whose CRM person was deleted stays out.
    expect((await linkOf(contacts.cleo)).detachedReason).toBe('PERSON_DELETED_IN_CRM');
  });

  it('disconnect removes links, outbox, folders and cursors and the people the sync created that nobody edited; edited and pre-existing people stay', async () => {
    const fresh = await addContact({ givenName: 'Finn', surname: 'Untouched', emailAddresses: [{ address: 'finn@untouched.test' }] });
    const edited = await addContact({ givenName: 'Gia', surname: 'Edited', emailAddresses: [{ address: 'gia@edited.test' }] });
    expect(await syncNow()).toBe('synced');
    const finn = (await linkOf(fresh)).personId;
    const gia = (await linkOf(edited)).personId;
    expect((await linkOf(fresh)).createdBySync).toBe(true);
    await ok(UPDATE_PERSON, { id: gia, patch: { jobTitle: 'Partner' } });
    await writesSettled(edited);
    await ok(DISCONNECT, { id: megan.connectedAccountId });
    expect(await person(finn)).toBeUndefined();
    expect((await person(gia)).deletedAt).toBeNull();
    expect((await person(people.bo)).deletedAt).toBeNull();
    for (const table of ['microsoftContactChannel', 'microsoftContactLink', 'microsoftContactOutbox', 'microsoftContactFolder', 'microsoftContactConflict']) {
      expect((await query(`SELECT count(*)::int AS n FROM "${table}"`))[0].n).toBe(0);
    }
    expect((await query(`SELECT count(*)::int AS n FROM "microsoftSyncRun" WHERE "channelId" = $1`, [contactChannelId]))[0].n).toBe(0);
  });
});
