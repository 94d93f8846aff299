import { MEGAN, useTestEmulator } from './support/emulator-suite.js';
import { filesClient, PERSONAL, putText, type FilesClient } from './support/files-client.js';
import type { Json } from './support/mail-client.js';

describe('OneDrive: drives, folders, small uploads, addressing by id and by path', () => {
  const t = useTestEmulator({}, { resetEachTest: true });
  let c: FilesClient;
  beforeEach(async () => {
    c = await filesClient(t);
  });

  it('gives a work account a business drive and an outlook.com account a personal one, each with a root', async () => {
    const drive = await c.graph('/me/drive');
    expect(drive.status).toBe(200);
    expect(drive.body).toMatchObject({ driveType: 'business', name: 'OneDrive', owner: { user: { displayName: 'Megan Bowen', email: MEGAN } }, quota: { state: 'normal', used: 0 } });
    expect(drive.body.id).toMatch(/^b!/);
    expect((await c.graph(`/drives/${encodeURIComponent(drive.body.id)}`)).body.id).toBe(drive.body.id);
    expect((await c.graph('/me/drives')).body.value.map((d: Json) => d.id)).toEqual([drive.body.id]);
    const root = await c.graph('/me/drive/root');
    expect(root.body).toMatchObject({ name: 'root', root: {}, folder: { childCount: 0 }, parentReference: { driveId: drive.body.id, driveType: 'business' } });
    expect(root.body.cTag).toBeUndefined();

    const personal = await filesClient(t, PERSONAL);
    const mine = await personal.graph('/me/drive');
    expect(mine.body).toMatchObject({ driveType: 'personal', owner: { user: { displayName: 'Demo User' } } });
    expect(mine.body.id).toMatch(/^[0-9a-f]{16}$/);
    const proof = await putText(personal, '/notes.txt', 'hello');
    expect(proof.body.id).toMatch(new RegExp(`^${mine.body.id.toUpperCase()}!\\d+$`));
    expect(proof.body.cTag).toMatch(/^a/);
    // Another user's drive is not reachable with a delegated token.
    expect((await personal.graph(`/drives/${encodeURIComponent(drive.body.id)}`)).status).toBe(403);
    expect((await c.graph(`/drives/${encodeURIComponent(mine.body.id)}`)).status).toBe(403);
  });

  it('creates folders with the conflict behaviours: fail is 409 nameAlreadyExists, rename numbers the name, replace swaps it', async () => {
    const made = await c.graph('/me/drive/root/children', { method: 'POST', body: { name: 'Proposals', folder: {}, '@microsoft.graph.conflictBehavior': 'fail' } });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ name: 'Proposals', folder: { childCount: 0 }, size: 0, createdBy: { user: { email: MEGAN } } });
    const clash = await c.graph('/me/drive/root/children', { method: 'POST', body: { name: 'proposals', folder: {}, '@microsoft.graph.conflictBehavior': 'fail' } });
    expect(clash.status).toBe(409);
    expect(clash.body.error.code).toBe('nameAlreadyExists');
    // fail is the default.
    expect((await c.graph('/me/drive/root/children', { method: 'POST', body: { name: 'Proposals', folder: {} } })).status).toBe(409);
    const renamed = await c.graph('/me/drive/root/children', { method: 'POST', body: { name: 'Proposals', folder: {}, '@microsoft.graph.conflictBehavior': 'rename' } });
    expect(renamed.body.name).toBe('Proposals 1');
    const replaced = await c.graph('/me/drive/root/children', { method: 'POST', body: { name: 'Proposals', folder: {}, '@microsoft.graph.conflictBehavior': 'replace' } });
    expect(replaced.status).toBe(201);
    expect(replaced.body.id).not.toBe(made.body.id);
    expect((await c.graph(`/me/drive/items/${made.body.id}`)).status).toBe(404);
    const child = await c.graph(`/me/drive/items/${replaced.body.id}/children`, { method: 'POST', body: { name: 'Q3', folder: {} } });
    expect(child.body.parentReference).toMatchObject({ id: replaced.body.id, path: `/drives/${child.body.parentReference.driveId}/root:/Proposals` });
    expect((await c.graph('/me/drive/root/children', { method: 'POST', body: { name: 'a:b', folder: {} } })).body.error.code).toBe('invalidRequest');
    expect((await c.graph('/me/drive/root/children', { method: 'POST', body: { name: 'x.txt', file: {} } })).status).toBe(400);
  });

  it('uploads small files by path, reads them by id and by path, lists children, downloads through a 302', async () => {
    await c.graph('/me/drive/root/children', { method: 'POST', body: { name: 'Proposals', folder: {} } });
    const up = await putText(c, '/Proposals/Fabrikam quote.txt', 'Fabrikam renewal: 12 seats');
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({ name: 'Fabrikam quote.txt', size: 26, file: { mimeType: 'text/plain', hashes: { quickXorHash: expect.any(String) } } });
    expect(up.body.webUrl).toMatch(/\/sharepoint\/personal\/megan_bowen_contoso_com\/Documents\/Proposals\/Fabrikam%20quote\.txt$/);
    const byPath = await c.graph('/me/drive/root:/Proposals/Fabrikam%20quote.txt');
    expect(byPath.body.id).toBe(up.body.id);
    expect((await c.graph('/me/drive/root:/Proposals/Fabrikam%20quote.txt:')).body.id).toBe(up.body.id);
    const folder = await c.graph('/me/drive/root:/Proposals');
    expect((await c.graph(`/me/drive/items/${folder.body.id}:/Fabrikam%20quote.txt:`)).body.id).toBe(up.body.id);
    const children = await c.graph('/me/drive/root:/Proposals:/children');
    expect(children.body.value.map((item: Json) => item.name)).toEqual(['Fabrikam quote.txt']);
    expect(children.body.value[0]['@microsoft.graph.downloadUrl']).toMatch(/\/onedrive\/download\//);
    expect((await c.graph('/me/drive/root:/Nope/none.txt')).body.error.code).toBe('itemNotFound');

    const content = await c.bytes(`/me/drive/items/${up.body.id}/content`, { method: 'GET' });
    expect(content.status).toBe(302);
    const location = content.headers.get('location')!;
    const download = await t.request(location);
    expect(download.status).toBe(200);
    expect(await download.text()).toBe('Fabrikam renewal: 12 seats');

    // Replace: same id, new cTag and eTag; a rename changes the eTag only.
    const replaced = await c.bytes(`/me/drive/items/${up.body.id}/content`, { method: 'PUT', body: Buffer.from('13 seats') });
    expect(replaced.status).toBe(200);
    expect(replaced.body.id).toBe(up.body.id);
    expect(replaced.body.cTag).not.toBe(up.body.cTag);
    expect(replaced.body.eTag).not.toBe(up.body.eTag);
    // The old download address is for the old content.
    expect((await t.request(location)).status).toBe(404);
    const renamed = await c.graph(`/me/drive/items/${up.body.id}`, { method: 'PATCH', body: { name: 'Quote.txt' } });
    expect(renamed.body).toMatchObject({ id: up.body.id, name: 'Quote.txt', cTag: replaced.body.cTag });
    expect(renamed.body.eTag).not.toBe(replaced.body.eTag);
    // conflictBehavior in the URL: fail refuses an existing name.
    const failed = await putText(c, '/Proposals/Quote.txt', 'again', '?@microsoft.graph.conflictBehavior=fail');
    expect(failed.status).toBe(409);
    const renamedUpload = await putText(c, '/Proposals/Quote.txt', 'again', '?@microsoft.graph.conflictBehavior=rename');
    expect(renamedUpload.body.name).toBe('Quote 1.txt');
  });

  it('refuses a simple upload above the limit with 413 (the upload session is for those)', async () => {
    t.emulator.store.files.updateSettings({ simpleUploadMaxBytes: 1024 });
    const big = await c.bytes('/me/drive/root:/big.bin:/content', { method: 'PUT', body: Buffer.alloc(2048, 1) });
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('requestEntityTooLarge');
    expect((await c.bytes('/me/drive/root:/small.bin:/content', { method: 'PUT', body: Buffer.alloc(1024, 1) })).status).toBe(201);
  });

  it('moves and renames keeping the id; If-Match with a stale eTag is 412; a clash at the destination is 409', async () => {
    const a = (await c.graph('/me/drive/root/children', { method: 'POST', body: { name: 'A', folder: {} } })).body;
    const b = (await c.graph('/me/drive/root/children', { method: 'POST', body: { name: 'B', folder: {} } })).body;
    const file = (await putText(c, '/A/report.txt', 'numbers')).body;
    const moved = await c.graph(`/me/drive/items/${file.id}`, { method: 'PATCH', body: { parentReference: { id: b.id }, name: 'final.txt' } });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ id: file.id, name: 'final.txt', parentReference: { id: b.id, path: expect.stringMatching(/root:\/B$/) } });
    expect((await c.graph('/me/drive/root:/B/final.txt')).body.id).toBe(file.id);
    expect((await c.graph('/me/drive/root:/A/report.txt')).status).toBe(404);
    const stale = await c.graph(`/me/drive/items/${file.id}`, { method: 'PATCH', headers: { 'if-match': file.eTag }, body: { name: 'x.txt' } });
    expect(stale.status).toBe(412);
    await putText(c, '/A/final.txt', 'other');
    const clash = await c.graph(`/me/drive/items/${file.id}`, { method: 'PATCH', body: { parentReference: { id: a.id } } });
    expect(clash.status).toBe(409);
    expect(clash.body.error.code).toBe('nameAlreadyExists');
    expect((await c.graph(`/me/drive/items/${a.id}`, { method: 'PATCH', body: { parentReference: { id: a.id } } })).status).toBe(400);
    expect((await c.graph(`/me/drive/items/${file.id}`, { method: 'PATCH', body: { size: 3 } })).status).toBe(400);
  });

  it('deletes an item and what is below it: 204, then 404 itemNotFound', async () => {
    const folder = (await c.graph('/me/drive/root/children', { method: 'POST', body: { name: 'Old', folder: {} } })).body;
    const file = (await putText(c, '/Old/a.txt', 'a')).body;
    expect((await c.graph(`/me/drive/items/${folder.id}`, { method: 'DELETE' })).status).toBe(204);
    for (const id of [folder.id, file.id]) {
      const gone = await c.graph(`/me/drive/items/${id}`);
      expect(gone.status).toBe(404);
      expect(gone.body.error.code).toBe('itemNotFound');
    }
    expect((await c.graph('/me/drive/root', { method: 'DELETE' })).status).toBe(400);
  });

  it('pages children by $top with an @odata.nextLink, honours $select and $orderby, expands children on an item, refuses the rest', async () => {
    for (const name of ['c.txt', 'a.txt', 'b.txt']) await putText(c, `/${name}`, name);
    const first = await c.graph('/me/drive/root/children?$top=2&$select=name,size');
    expect(first.body.value).toEqual([{ id: expect.any(String), name: 'a.txt', size: 5 }, { id: expect.any(String), name: 'b.txt', size: 5 }]);
    expect(first.body['@odata.nextLink']).toMatch(/\$skiptoken=/);
    const second = await c.graph(first.body['@odata.nextLink']);
    expect(second.body.value.map((item: Json) => item.name)).toEqual(['c.txt']);
    expect(second.body['@odata.nextLink']).toBeUndefined();
    expect((await c.graph('/me/drive/root/children?$orderby=name desc')).body.value.map((item: Json) => item.name)).toEqual(['c.txt', 'b.txt', 'a.txt']);
    const expanded = await c.graph('/me/drive/root?$expand=children');
    expect(expanded.body.children.map((item: Json) => item.name)).toEqual(['a.txt', 'b.txt', 'c.txt']);
    const filter = await c.graph("/me/drive/root/children?$filter=name eq 'a.txt'");
    expect({ status: filter.status, code: filter.body.error.code }).toEqual({ status: 501, code: 'NotImplemented' });
    expect((await c.graph('/me/drive/root?$expand=thumbnails')).status).toBe(501);
    expect((await c.graph('/me/drive/root/children?$search=a')).status).toBe(400);
    expect((await c.graph('/me/drive/root/children?$select=nonsense')).status).toBe(400);
  });

  it('searches names and text content below a folder; an empty value when nothing matches; recent lists changed files newest first', async () => {
    await c.graph('/me/drive/root/children', { method: 'POST', body: { name: 'Contracts', folder: {} } });
    await putText(c, '/Contracts/Fabrikam.txt', 'renewal terms');
    await putText(c, '/notes.txt', 'Call Fabrikam about the renewal');
    await putText(c, '/other.txt', 'nothing here');
    const found = await c.graph("/me/drive/root/search(q='fabrikam')");
    expect(found.status).toBe(200);
    expect(found.body.value.map((item: Json) => item.name).sort()).toEqual(['Fabrikam.txt', 'notes.txt']);
    expect(found.body.value[0].parentReference.path).toBeUndefined();
    const inFolder = await c.graph("/me/drive/root:/Contracts:/search(q='renewal')");
    expect(inFolder.body.value.map((item: Json) => item.name)).toEqual(['Fabrikam.txt']);
    const contracts = (await c.graph('/me/drive/root:/Contracts')).body;
    expect((await c.graph(`/me/drive/items/${contracts.id}/search(q='renewal')`)).body.value.map((item: Json) => item.name)).toEqual(['Fabrikam.txt']);
    expect((await c.graph("/me/drive/search(q='zzz')")).body.value).toEqual([]);
    expect((await c.graph("/me/drive/root/search(q='it''s')")).status).toBe(200);
    const recent = await c.graph('/me/drive/recent');
    expect(recent.body.value[0]).toMatchObject({ name: 'other.txt', remoteItem: { name: 'other.txt', parentReference: { driveType: 'business' } } });
  });

  it('makes sharing links: 201 new, 200 for the same type and scope again; organization only on business drives', async () => {
    const file = (await putText(c, '/share.txt', 'shared')).body;
    const view = await c.graph(`/me/drive/items/${file.id}/createLink`, { method: 'POST', body: { type: 'view', scope: 'organization' } });
    expect(view.status).toBe(201);
    expect(view.body).toMatchObject({ roles: ['read'], link: { type: 'view', scope: 'organization', webUrl: expect.stringMatching(/\/onedrive\/s\//) } });
    const again = await c.graph(`/me/drive/items/${file.id}/createLink`, { method: 'POST', body: { type: 'view', scope: 'organization' } });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(view.body.id);
    const edit = await c.graph(`/me/drive/items/${file.id}/createLink`, { method: 'POST', body: { type: 'edit', scope: 'anonymous' } });
    expect(edit.body).toMatchObject({ roles: ['write'], link: { type: 'edit', scope: 'anonymous' } });
    const page = await t.request(view.body.link.webUrl);
    expect(await page.text()).toContain('share.txt');
    expect((await c.graph(`/me/drive/items/${file.id}/createLink`, { method: 'POST', body: { type: 'embed' } })).status).toBe(400);
    expect((await c.graph(`/me/drive/items/${file.id}/createLink`, { method: 'POST', body: { scope: 'anonymous' } })).status).toBe(400);

    const personal = await filesClient(t, PERSONAL);
    const mine = (await putText(personal, '/photo.txt', 'x')).body;
    const org = await personal.graph(`/me/drive/items/${mine.id}/createLink`, { method: 'POST', body: { type: 'view', scope: 'organization' } });
    expect(org.status).toBe(400);
    expect(org.body.error.code).toBe('invalidRequest');
    const anonymous = await personal.graph(`/me/drive/items/${mine.id}/createLink`, { method: 'POST', body: { type: 'view' } });
    expect(anonymous.body.link.scope).toBe('anonymous');
    expect((await personal.graph(`/me/drive/items/${mine.id}/createLink`, { method: 'POST', body: { type: 'embed' } })).body.link.webHtml).toMatch(/^<iframe/);
  });

  it('opens a business file by its webUrl, which follows a rename (the old address is gone)', async () => {
    const file = (await putText(c, '/plan.txt', 'plan')).body;
    expect(await (await t.request(file.webUrl)).text()).toContain('plan.txt');
    const renamed = (await c.graph(`/me/drive/items/${file.id}`, { method: 'PATCH', body: { name: 'plan v2.txt' } })).body;
    expect(renamed.webUrl).not.toBe(file.webUrl);
    expect(await (await t.request(renamed.webUrl)).text()).toContain('plan v2.txt');
    expect((await t.request(file.webUrl)).status).toBe(404);
  });

  it('counts drive requests against the user\'s limits with the mailbox\'s (429 with Retry-After)', async () => {
    await c.admin('/mail-settings', 'PUT', { throttling: { requestsPerWindow: 3, windowSeconds: 30 } });
    await c.admin('/requests', 'DELETE');
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await c.graph('/me/drive/root/children')).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const throttled = await c.graph('/me/messages');
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toMatch(/^\d+$/);
  });

  it("opens a personal file's webUrl (by id, so it survives a rename) and a sharing link after the file is gone says so", async () => {
    const personal = await filesClient(t, PERSONAL);
    const file = (await putText(personal, '/holiday.txt', 'beach')).body;
    expect(file.webUrl).toMatch(/\/onedrive\/redir\?resid=/);
    await personal.graph(`/me/drive/items/${encodeURIComponent(file.id)}`, { method: 'PATCH', body: { name: 'trip.txt' } });
    expect(await (await t.request(file.webUrl)).text()).toContain('trip.txt');
    const link = (await personal.graph(`/me/drive/items/${encodeURIComponent(file.id)}/createLink`, { method: 'POST', body: { type: 'view' } })).body;
    await personal.graph(`/me/drive/items/${encodeURIComponent(file.id)}`, { method: 'DELETE' });
    expect((await t.request(link.link.webUrl)).status).toBe(404);
    expect((await t.request(file.webUrl)).status).toBe(404);
  });

  it('needs Files.ReadWrite to write: a Files.Read token reads and gets 403 accessDenied on writes', async () => {
    const reader = await filesClient(t, MEGAN, 'https://graph.microsoft.com/User.Read https://graph.microsoft.com/Files.Read openid profile offline_access');
    expect((await reader.graph('/me/drive/root/children')).status).toBe(200);
    const write = await reader.graph('/me/drive/root/children', { method: 'POST', body: { name: 'X', folder: {} } });
    expect(write.status).toBe(403);
    expect(write.body.error.code).toBe('accessDenied');
    const none = await filesClient(t, MEGAN, 'https://graph.microsoft.com/User.Read openid profile offline_access');
    expect((await none.graph('/me/drive')).status).toBe(403);
  });
});
