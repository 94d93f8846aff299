import { MEGAN, useTestEmulator } from './support/emulator-suite.js';
import { filesClient, PERSONAL } from './support/files-client.js';
import type { Json } from './support/mail-client.js';

describe('OneDrive demo seed and admin API', () => {
  const t = useTestEmulator({ demoFiles: true });
  const admin = async (path: string, method = 'GET', body?: unknown) => {
    const response = await t.request(`/_admin${path}`, { method, ...(body !== undefined ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {}) });
    return { status: response.status, body: (response.status === 204 ? {} : await response.json()) as Json };
  };

  it('seeds each demo user a OneDrive with folders and files, and each work tenant a Sales site; a reset brings them back', async () => {
    const megan = (await admin(`/mailboxes/${MEGAN}/drive`)).body;
    expect(megan.drive.driveType).toBe('business');
    expect(megan.items.map((item: Json) => item.path)).toEqual(expect.arrayContaining([
      '/Proposals', '/Proposals/Fabrikam renewal proposal.docx', '/Contracts/Litware master agreement.pdf', '/Meeting notes.txt',
    ]));
    const personal = (await admin(`/mailboxes/${PERSONAL}/drive`)).body;
    expect(personal.drive.driveType).toBe('personal');
    expect(personal.items.length).toBeGreaterThan(5);
    for (const tenant of ['contoso.com', 'fabrikam.com']) {
      const sites = (await admin(`/tenants/${tenant}/sites`)).body.value as Json[];
      expect(sites.map((site) => site.name)).toEqual(['Sales']);
    }
    const library = (await admin(`/tenants/contoso.com/sites`)).body.value[0].driveIds[0];
    expect((await admin(`/drives/${encodeURIComponent(library)}`)).body.items.map((item: Json) => item.path)).toContain('/Price lists/2026 price list.xlsx');
    const c = await filesClient(t);
    expect((await c.graph('/me/drive/root/children')).body.value.map((item: Json) => item.name)).toEqual(['Contracts', 'Meeting notes.txt', 'Pictures', 'Proposals']);
    t.emulator.store.reset();
    expect((await admin(`/mailboxes/${MEGAN}/drive`)).body.items).toHaveLength(megan.items.length);
  });

  it('renames, moves, rewrites and deletes items as edits made in OneDrive; Graph sees the same id with the new name', async () => {
    t.emulator.store.reset();
    const drive = (await admin(`/mailboxes/${MEGAN}/drive`)).body;
    const quote = drive.items.find((item: Json) => item.name === 'Northwind pilot quote.xlsx');
    const driveId = encodeURIComponent(drive.drive.id);
    const renamed = await admin(`/drives/${driveId}/items/${quote.id}`, 'PATCH', { name: 'Northwind quote v2.xlsx', parentPath: '/Contracts', by: 'alex.wilber@contoso.com' });
    expect(renamed.body).toMatchObject({ id: quote.id, path: '/Contracts/Northwind quote v2.xlsx', lastModifiedBy: 'Alex Wilber' });
    const c = await filesClient(t);
    const seen = (await c.graph(`/me/drive/items/${quote.id}`)).body;
    expect(seen).toMatchObject({ name: 'Northwind quote v2.xlsx', lastModifiedBy: { user: { displayName: 'Alex Wilber' } } });
    const before = seen.cTag;
    await admin(`/drives/${driveId}/items/${quote.id}`, 'PATCH', { text: 'new numbers' });
    expect((await c.graph(`/me/drive/items/${quote.id}`)).body.cTag).not.toBe(before);
    const made = await admin(`/mailboxes/${MEGAN}/drive/items`, 'POST', { path: '/Deep/Er/file.txt', text: 'x' });
    expect(made.status).toBe(201);
    expect((await c.graph('/me/drive/root:/Deep/Er/file.txt')).body.id).toBe(made.body.id);
    expect((await admin(`/drives/${driveId}/items/${quote.id}`, 'DELETE')).status).toBe(204);
    expect((await c.graph(`/me/drive/items/${quote.id}`)).status).toBe(404);
    expect((await admin(`/drives/${driveId}/items/${quote.id}`, 'PATCH', { name: 'x' })).status).toBe(404);
  });

  it('keeps the files settings: read, change, and refuse what is not a positive integer', async () => {
    expect((await admin('/files/settings')).body).toMatchObject({ simpleUploadMaxBytes: 250 * 1024 * 1024, chunkMultipleBytes: 327680, maxChunkBytes: 60 * 1024 * 1024 });
    expect((await admin('/files/settings', 'PUT', { simpleUploadMaxBytes: 1000 })).body.simpleUploadMaxBytes).toBe(1000);
    expect((await admin('/files/settings', 'PUT', { maxChunkBytes: -1 })).status).toBe(400);
    t.emulator.store.reset();
  });
});
