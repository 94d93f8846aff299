import { jest } from '@jest/globals';
import { connectMailbox, connectMicrosoftAccount, startTestHost, TestHttpClient, type TestHost } from '../../test-support/index.js';
import { UPLOAD_CHUNK_BYTES, UPLOAD_CHUNK_UNIT_BYTES } from '../src/files/files.constants.js';
import { GraphDriveClient } from '../src/files/graph-drive.client.js';
import { AccountGraphClient } from '../src/graph/account-graph-client.js';
import { MicrosoftGraphErrorKind, MicrosoftGraphException } from '../src/graph/microsoft-graph.exception.js';
import { MicrosoftHttpTransport } from '../src/http/microsoft-http-transport.js';

const MEGAN = 'megan.bowen@contoso.com';
const ALEX = 'alex.wilber@contoso.com';
const FILE_FIELDS = 'id name webUrl size mimeType isFolder lastModifiedAt state reason source attachedByMe';
const ITEM_FIELDS = 'driveId itemId name webUrl size isFolder childCount driveType';

/** Files on records end to end: the plugin against the emulator's OneDrive over HTTPS, real PostgreSQL and Redis. */
describe('Files on records: attach from OneDrive, listed fresh by drive and item id, uploads through the session', () => {
  let host: TestHost;
  let megan: TestHttpClient;
  let account: string;
  let workspaceId: string;
  let companyId: string;
  let personId: string;
  let driveId: string;
  let meganUserId: string;
  const files = () => host.emulator!.store.files;
  const actor = () => ({ id: meganUserId, displayName: 'Megan Bowen', email: MEGAN });

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- GraphQL answers are read field by field in each test
  type Answer = Record<string, any>;
  const gql = async <T = Answer>(client: TestHttpClient, query: string, variables: Record<string, unknown> = {}) => {
    const result = await client.graphql<T>(query, variables);
    expect(result.errors).toBeUndefined();
    return result.data!;
  };
  const put = (parent: string, name: string, text: string) => files().putFile(driveId, parent, name, Buffer.from(text), 'fail', actor(), 'text/plain').item;
  const folder = (parent: string, name: string) => files().createFolder(driveId, parent, name, 'fail', actor());
  const root = () => files().root(driveId).id;
  const attach = (itemId: string, objectName = 'COMPANY', recordId = companyId) =>
    gql(megan, `mutation ($a: ID!, $o: MicrosoftRecordObject!, $r: ID!, $d: String!, $i: String!) { attachMicrosoftFile(connectedAccountId: $a, objectName: $o, recordId: $r, driveId: $d, itemId: $i) { ${FILE_FIELDS} } }`, { a: account, o: objectName, r: recordId, d: driveId, i: itemId });
  const recordFiles = async (client: TestHttpClient, objectName = 'COMPANY', recordId = companyId) =>
    (await gql(client, `query ($o: MicrosoftRecordObject!, $r: ID!) { microsoftRecordFiles(objectName: $o, recordId: $r) { ${FILE_FIELDS} } }`, { o: objectName, r: recordId })).microsoftRecordFiles as Answer[];
  const upload = (name: string, body: string, query = '', size = Buffer.byteLength(body)) =>
    megan.request('PUT', `/microsoft/files/accounts/${account}/upload?name=${encodeURIComponent(name)}&size=${size}${query}`, { body, headers: { 'content-type': 'text/plain' } });

  beforeAll(async () => {
    host = await startTestHost();
    megan = host.newClient();
    const mailbox = await connectMailbox(host, megan, MEGAN, MEGAN);
    account = mailbox.connectedAccountId;
    workspaceId = mailbox.workspaceId;
    meganUserId = host.emulator!.store.findUser(MEGAN)!.id;
    driveId = files().userDrive(meganUserId).id;
    [{ id: companyId }] = await host.dataSource.query(`SELECT "id" FROM "company" WHERE "workspaceId" = $1 AND "deletedAt" IS NULL ORDER BY "name" LIMIT 1`, [workspaceId]);
    [{ id: personId }] = await host.dataSource.query(`SELECT "id" FROM "person" WHERE "workspaceId" = $1 AND "deletedAt" IS NULL ORDER BY "createdAt" LIMIT 1`, [workspaceId]);
  });

  afterAll(async () => {
    await host?.close();
  });

  it('browses folders, searches and lists recent files in the account’s OneDrive', async () => {
    const clients = folder(root(), 'Clients');
    put(clients.id, 'Fabrikam proposal.docx', 'proposal');
    put(root(), 'Notes.txt', 'notes');
    const top = (await gql(megan, `query ($a: ID!) { microsoftDriveChildren(connectedAccountId: $a) { folder { ${ITEM_FIELDS} } items { ${ITEM_FIELDS} } } }`, { a: account })).microsoftDriveChildren;
    expect(top.folder.driveId).toBe(driveId);
    expect(top.items.map((item: { name: string }) => item.name)).toEqual(expect.arrayContaining(['Clients', 'Notes.txt']));
    expect(top.items.find((item: { name: string }) => item.name === 'Clients')).toMatchObject({ isFolder: true, childCount: 1 });
    const inside = (await gql(megan, `query ($a: ID!, $d: String, $i: String) { microsoftDriveChildren(connectedAccountId: $a, driveId: $d, itemId: $i) { items { ${ITEM_FIELDS} } } }`, { a: account, d: driveId, i: clients.id })).microsoftDriveChildren;
    expect(inside.items).toEqual([expect.objectContaining({ name: 'Fabrikam proposal.docx', isFolder: false, size: 8 })]);

    const found = (await gql(megan, `query ($a: ID!) { microsoftDriveSearch(connectedAccountId: $a, search: "proposal") { ${ITEM_FIELDS} } }`, { a: account })).microsoftDriveSearch;
    expect(found.map((item: { name: string }) => item.name)).toContain('Fabrikam proposal.docx');
    const quoted = await megan.graphql(`query ($a: ID!) { microsoftDriveSearch(connectedAccountId: $a, search: "o'brien") { name } }`, { a: account });
    expect(quoted.errors).toBeUndefined();
    const recent = (await gql(megan, `query ($a: ID!) { microsoftDriveRecent(connectedAccountId: $a) { ${ITEM_FIELDS} } }`, { a: account })).microsoftDriveRecent;
    expect(recent.map((item: { name: string }) => item.name)).toEqual(expect.arrayContaining(['Notes.txt']));
  });

  it('creates folders, and a clash of names gets OneDrive’s renamed copy', async () => {
    const create = () => gql(megan, `mutation ($a: ID!) { createMicrosoftDriveFolder(connectedAccountId: $a, name: "Contracts") { ${ITEM_FIELDS} } }`, { a: account });
    const first = (await create()).createMicrosoftDriveFolder;
    const second = (await create()).createMicrosoftDriveFolder;
    expect(first).toMatchObject({ name: 'Contracts', isFolder: true });
    expect(second.name).not.toBe('Contracts');
    expect(files().getItem(driveId, second.itemId)?.name).toBe(second.name);
    const bad = await megan.graphql(`mutation ($a: ID!) { createMicrosoftDriveFolder(connectedAccountId: $a, name: "a/b") { name } }`, { a: account });
    expect(bad.errors?.[0]).toMatchObject({ extensions: { code: 'INVALID_INPUT' } });
  });

  it('lists an attached file with its new name and place after a rename and a move, and as gone once deleted; teammates see the links too', async () => {
    const item = put(root(), 'Pricing 2027.xlsx', 'prices');
    const attached = (await attach(item.id)).attachMicrosoftFile;
    expect(attached).toMatchObject({ name: 'Pricing 2027.xlsx', state: 'AVAILABLE', source: 'ONEDRIVE', attachedByMe: true });
    expect(attached.webUrl).toMatch(/^https:\/\//);
    // Attaching it again keeps one link.
    await attach(item.id);
    expect((await recordFiles(megan)).filter((file) => file.id === attached.id)).toHaveLength(1);

    const archive = folder(root(), 'Archive');
    files().updateItem(driveId, item.id, { name: 'Pricing 2027 final.xlsx', parentId: archive.id }, actor());
    const [renamed] = (await recordFiles(megan)).filter((file) => file.id === attached.id);
    expect(renamed).toMatchObject({ name: 'Pricing 2027 final.xlsx', state: 'AVAILABLE' });
    expect(renamed!.webUrl).not.toBe(attached.webUrl);
    expect(renamed!.webUrl).toContain('Archive');
    const [stored] = await host.dataSource.query(`SELECT "name" FROM "microsoftFileLink" WHERE "id" = $1`, [attached.id]);
    expect(stored.name).toBe('Pricing 2027 final.xlsx');

    const alex = host.newClient();
    await alex.signIn(ALEX, 'demo-password');
    const seenByAlex = (await recordFiles(alex)).find((file) => file.id === attached.id);
    expect(seenByAlex).toMatchObject({ name: 'Pricing 2027 final.xlsx', attachedByMe: false });
    const removedByAlex = await alex.graphql(`mutation ($id: ID!) { removeMicrosoftFileLink(fileLinkId: $id) }`, { id: attached.id });
    expect(removedByAlex.errors?.[0]?.message).toMatch(/No such file link among yours/);

    files().deleteItem(driveId, item.id);
    const [gone] = (await recordFiles(megan)).filter((file) => file.id === attached.id);
    expect(gone).toMatchObject({ state: 'GONE', webUrl: null, name: 'Pricing 2027 final.xlsx' });
    const [marked] = await host.dataSource.query(`SELECT "goneAt" FROM "microsoftFileLink" WHERE "id" = $1`, [attached.id]);
    expect(marked.goneAt).not.toBeNull();
  });

  it('looks a record’s links up twenty to a $batch, and a deleted one among them is gone while the others stay', async () => {
    const many = folder(root(), 'Many');
    const items = Array.from({ length: 25 }, (_, index) => put(many.id, `Sheet ${index + 1}.csv`, `sheet ${index + 1}`));
    const [{ id: otherCompany }] = await host.dataSource.query(`SELECT "id" FROM "company" WHERE "workspaceId" = $1 AND "deletedAt" IS NULL AND "id" <> $2 ORDER BY "name" LIMIT 1`, [workspaceId, companyId]);
    for (const item of items) await attach(item.id, 'COMPANY', otherCompany);
    files().deleteItem(driveId, items[7]!.id);
    const requests = jest.spyOn(AccountGraphClient.prototype, 'request');
    let listed: Answer[];
    try {
      listed = await recordFiles(megan, 'COMPANY', otherCompany);
      expect(requests).toHaveBeenCalledTimes(2);
    } finally {
      requests.mockRestore();
    }
    expect(listed).toHaveLength(25);
    expect(listed.filter((file) => file.state === 'GONE').map((file) => file.name)).toEqual(['Sheet 8.csv']);
    expect(listed.filter((file) => file.state === 'AVAILABLE')).toHaveLength(24);
  });

  it('removing the link leaves the file in OneDrive; unknown items and records are refused', async () => {
    const item = put(root(), 'Keep me.txt', 'keep');
    const attached = (await attach(item.id, 'PERSON', personId)).attachMicrosoftFile;
    expect(await gql(megan, `mutation ($id: ID!) { removeMicrosoftFileLink(fileLinkId: $id) }`, { id: attached.id })).toEqual({ removeMicrosoftFileLink: true });
    expect(await recordFiles(megan, 'PERSON', personId)).toEqual([]);
    expect(files().getItem(driveId, item.id)?.name).toBe('Keep me.txt');

    const missing = await megan.graphql(`mutation ($a: ID!, $r: ID!, $d: String!) { attachMicrosoftFile(connectedAccountId: $a, objectName: PERSON, recordId: $r, driveId: $d, itemId: "NOPE") { id } }`, { a: account, r: personId, d: driveId });
    expect(missing.errors?.[0]).toMatchObject({ extensions: { code: 'NOT_FOUND' } });
    const noRecord = await megan.graphql(`mutation ($a: ID!, $d: String!, $i: String!) { attachMicrosoftFile(connectedAccountId: $a, objectName: PERSON, recordId: "${companyId}", driveId: $d, itemId: $i) { id } }`, { a: account, d: driveId, i: item.id });
    expect(noRecord.errors?.[0]?.message).toMatch(/No such person/);
  });

  it('uploads a small file in one PUT and links it to the record', async () => {
    const answer = await upload('Minutes.txt', 'meeting minutes', `&objectName=company&recordId=${companyId}`);
    expect(answer.status).toBe(201);
    const body = answer.json() as { itemId: string; linkId: string; name: string };
    expect(files().content(driveId, body.itemId).toString()).toBe('meeting minutes');
    expect((await recordFiles(megan)).find((file) => file.id === body.linkId)).toMatchObject({ name: 'Minutes.txt', size: 15 });
  });

  it('streams a larger file through an upload session in 320 KiB multiples, into the chosen folder, renamed on a clash', async () => {
    const target = folder(root(), 'Uploads');
    const size = 4 * 1024 * 1024 + 3 * UPLOAD_CHUNK_UNIT_BYTES + 12_345;
    const text = 'abcdefghij'.repeat(Math.ceil(size / 10)).slice(0, size);
    const first = await upload('Big export.csv', text, `&parentItemId=${encodeURIComponent(target.id)}`);
    expect(first.status).toBe(201);
    const item = first.json() as { itemId: string; name: string; size: number };
    expect(item).toMatchObject({ name: 'Big export.csv', size });
    expect(files().content(driveId, item.itemId).equals(Buffer.from(text))).toBe(true);
    expect(files().getItem(driveId, item.itemId)?.parentId).toBe(target.id);

    const again = await upload('Big export.csv', text, `&parentItemId=${encodeURIComponent(target.id)}`);
    expect(again.status).toBe(201);
    expect((again.json() as { name: string }).name).not.toBe('Big export.csv');
    expect(files().children(driveId, target.id)).toHaveLength(2);
  });

  it('sends every range from the upload’s one chunk buffer as it is, not a copy per range (fetch copies a Buffer body whole)', async () => {
    const target = folder(root(), 'Uncopied');
    const size = 3 * UPLOAD_CHUNK_BYTES + 777;
    const text = 'uvwxyz0123'.repeat(Math.ceil(size / 10)).slice(0, size);
    const fetched = jest.spyOn(MicrosoftHttpTransport.prototype, 'fetch');
    const put = jest.spyOn(MicrosoftHttpTransport.prototype, 'putBytes');
    try {
      const answer = await upload('Uncopied.csv', text, `&parentItemId=${encodeURIComponent(target.id)}`);
      expect(answer.status).toBe(201);
      expect(files().content(driveId, (answer.json() as { itemId: string }).itemId).equals(Buffer.from(text))).toBe(true);
      // Every range through putBytes (which hands undici the bytes uncopied), none through fetch; all from one buffer.
      expect(fetched.mock.calls.filter(([, init]) => ((init?.headers ?? {}) as Record<string, string>)['content-range'])).toEqual([]);
      expect(put.mock.calls.map(([, headers, body]) => [headers['content-range']?.split('/')[0], body.length])).toEqual([
        [`bytes 0-${UPLOAD_CHUNK_BYTES - 1}`, UPLOAD_CHUNK_BYTES],
        [`bytes ${UPLOAD_CHUNK_BYTES}-${2 * UPLOAD_CHUNK_BYTES - 1}`, UPLOAD_CHUNK_BYTES],
        [`bytes ${2 * UPLOAD_CHUNK_BYTES}-${3 * UPLOAD_CHUNK_BYTES - 1}`, UPLOAD_CHUNK_BYTES],
        [`bytes ${3 * UPLOAD_CHUNK_BYTES}-${size - 1}`, 777],
      ]);
      expect(new Set(put.mock.calls.map(([, , body]) => body.buffer)).size).toBe(1);
    } finally {
      fetched.mockRestore();
      put.mockRestore();
    }
  });

  it('survives a range whose answer was lost and a range that never arrived: OneDrive’s nextExpectedRanges decides what is sent again', async () => {
    const target = folder(root(), 'Flaky network');
    const size = 3 * UPLOAD_CHUNK_BYTES + 1000;
    const text = 'klmnopqrst'.repeat(Math.ceil(size / 10)).slice(0, size);
    const real = GraphDriveClient.prototype.uploadChunk;
    const lost = () => new MicrosoftGraphException(MicrosoftGraphErrorKind.TEMPORARY, 'socket hang up', null, null);
    let calls = 0;
    const sent: number[] = [];
    const spy = jest.spyOn(GraphDriveClient.prototype, 'uploadChunk').mockImplementation(async function (this: GraphDriveClient, ...args: Parameters<GraphDriveClient['uploadChunk']>) {
      calls += 1;
      // The second range reaches OneDrive but its answer is lost; the third never reaches it the first time.
      if (calls === 3) throw lost();
      sent.push(args[2]);
      const answer = await real.apply(this, args);
      if (calls === 2) throw lost();
      return answer;
    });
    try {
      const answer = await upload('Flaky.csv', text, `&parentItemId=${encodeURIComponent(target.id)}`);
      expect(answer.status).toBe(201);
      const item = answer.json() as { itemId: string };
      expect(files().content(driveId, item.itemId).equals(Buffer.from(text))).toBe(true);
    } finally {
      spy.mockRestore();
    }
    // Each range reached OneDrive once: the lost answer's range was not sent again, the one that never arrived was.
    expect(sent).toEqual([0, UPLOAD_CHUNK_BYTES, 2 * UPLOAD_CHUNK_BYTES, 3 * UPLOAD_CHUNK_BYTES]);
  });

  it('refuses an upload that is not the size announced, and leaves nothing behind', async () => {
    const target = folder(root(), 'Short');
    const size = 5 * 1024 * 1024;
    const answer = await upload('Short.bin', 'x'.repeat(size - 10), `&parentItemId=${encodeURIComponent(target.id)}`, size);
    expect(answer.status).toBe(400);
    expect(files().children(driveId, target.id)).toEqual([]);
    const badName = await upload('a:b.txt', 'x');
    expect(badName.status).toBe(400);
    const other = await megan.request('PUT', `/microsoft/files/accounts/00000000-0000-4000-8000-000000000000/upload?name=x.txt&size=1`, { body: 'x', headers: { 'content-type': 'text/plain' } });
    expect(other.status).toBe(404);
  });

  it('passes on OneDrive’s refusal of a range and drops the session: nothing is left behind', async () => {
    const target = folder(root(), 'Refused');
    // A OneDrive that wants 1 MiB multiples refuses the plugin's 3.2 MiB ranges.
    files().updateSettings({ chunkMultipleBytes: 1024 * 1024 });
    try {
      const answer = await upload('Refused.csv', 'y'.repeat(6 * 1024 * 1024), `&parentItemId=${encodeURIComponent(target.id)}`);
      expect(answer.status).toBe(400);
      expect((answer.json() as { message: string }).message).toMatch(/^OneDrive refused the upload/);
    } finally {
      files().updateSettings({ chunkMultipleBytes: UPLOAD_CHUNK_UNIT_BYTES });
    }
    expect(files().children(driveId, target.id)).toEqual([]);
  });

  it('refuses an upload into a folder deleted meanwhile, with OneDrive’s reason', async () => {
    const target = folder(root(), 'Deleted soon');
    files().deleteItem(driveId, target.id);
    const small = await upload('Lost.txt', 'lost', `&parentItemId=${encodeURIComponent(target.id)}`);
    const large = await upload('Lost.csv', 'z'.repeat(5 * 1024 * 1024), `&parentItemId=${encodeURIComponent(target.id)}`);
    for (const answer of [small, large]) {
      expect(answer.status).toBe(400);
      expect((answer.json() as { code: string }).code).toMatch(/itemNotFound|NOT_FOUND/);
    }
  });

  it('keeps OneDrive off, with the reason, for an account that did not grant Files.ReadWrite', async () => {
    const alex = host.newClient();
    await alex.signIn(ALEX, 'demo-password');
    const callback = await connectMicrosoftAccount(alex, host.emulator!.caCertPem, { account: ALEX, untick: ['Files.ReadWrite'] });
    const alexAccount = new URL(callback.headers.get('location')!).searchParams.get('connectedAccountId')!;
    const accounts = await gql(alex, `{ microsoftAccounts { id filesAccess { oneDrive oneDriveReason } } }`);
    expect(accounts.microsoftAccounts.find((each: { id: string }) => each.id === alexAccount).filesAccess).toEqual({ oneDrive: false, oneDriveReason: expect.stringMatching(/Files\.ReadWrite/) });
    const browse = await alex.graphql(`query ($a: ID!) { microsoftDriveChildren(connectedAccountId: $a) { items { name } } }`, { a: alexAccount });
    expect(browse.errors?.[0]).toMatchObject({ extensions: { code: 'NOT_GRANTED' } });
    const sent = await alex.request('PUT', `/microsoft/files/accounts/${alexAccount}/upload?name=x.txt&size=1`, { body: 'x', headers: { 'content-type': 'text/plain' } });
    expect(sent.status).toBe(403);
    expect((sent.json() as { message: string }).message).toMatch(/Files\.ReadWrite/);
  });
});
