import { useTestEmulator } from './support/emulator-suite.js';
import { filesClient, putText, type FilesClient } from './support/files-client.js';

const KIB320 = 320 * 1024;

describe('OneDrive upload sessions: ranges in order, 320 KiB multiples, under 60 MiB, 416, 409', () => {
  const t = useTestEmulator({}, { resetEachTest: true });
  let c: FilesClient;
  beforeEach(async () => {
    c = await filesClient(t);
  });

  const session = async (path: string, item: Record<string, unknown> = {}) =>
    c.graph(`/me/drive/root:${path}:/createUploadSession`, { method: 'POST', body: { item } });
  const put = (url: string, bytes: Buffer, start: number, total: number, headers: Record<string, string> = {}) =>
    c.bytes(url, { method: 'PUT', anonymous: true, body: bytes, headers: { 'content-range': `bytes ${start}-${start + bytes.length - 1}/${total}`, ...headers } });

  it('takes a file in ranges: 202 with nextExpectedRanges, then 201 with the driveItem; the bytes are the file', async () => {
    const total = 2 * KIB320 + 1000;
    const bytes = Buffer.alloc(total);
    for (let i = 0; i < total; i++) bytes[i] = i % 251;
    const made = await session('/Uploads/big.bin', { '@microsoft.graph.conflictBehavior': 'fail', fileSize: total });
    expect(made.status).toBe(404);
    await c.graph('/me/drive/root/children', { method: 'POST', body: { name: 'Uploads', folder: {} } });
    const created = await session('/Uploads/big.bin', { '@microsoft.graph.conflictBehavior': 'fail', fileSize: total });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ uploadUrl: expect.stringMatching(/\/onedrive\/upload\//), expirationDateTime: expect.any(String), nextExpectedRanges: ['0-'] });
    const url = created.body.uploadUrl as string;
    const first = await put(url, bytes.subarray(0, KIB320), 0, total);
    expect(first.status).toBe(202);
    expect(first.body.nextExpectedRanges).toEqual([`${KIB320}-`]);
    // The same range again, or one further on, is 416.
    expect((await put(url, bytes.subarray(0, KIB320), 0, total)).status).toBe(416);
    expect((await put(url, bytes.subarray(2 * KIB320), 2 * KIB320, total)).status).toBe(416);
    // A middle range that is not a multiple of 320 KiB is refused.
    expect((await put(url, bytes.subarray(KIB320, KIB320 + 1000), KIB320, total)).status).toBe(400);
    const status = await c.bytes(url, { method: 'GET', anonymous: true });
    expect(status.body.nextExpectedRanges).toEqual([`${KIB320}-`]);
    expect((await put(url, bytes.subarray(KIB320, 2 * KIB320), KIB320, total)).status).toBe(202);
    const last = await put(url, bytes.subarray(2 * KIB320), 2 * KIB320, total);
    expect(last.status).toBe(201);
    expect(last.body).toMatchObject({ name: 'big.bin', size: total, file: { mimeType: 'application/octet-stream' } });
    const content = await c.bytes(`/me/drive/items/${last.body.id}/content`, { method: 'GET' });
    const download = Buffer.from(await (await t.request(content.headers.get('location')!)).arrayBuffer());
    expect(download.equals(bytes)).toBe(true);
    // The session is over.
    expect((await c.bytes(url, { method: 'GET', anonymous: true })).status).toBe(404);
  });

  it('refuses an Authorization header, a tampered URL, a chunk of 60 MiB or more, and an expired session', async () => {
    const created = (await session('/x.bin')).body;
    const url = created.uploadUrl as string;
    const withToken = await c.bytes(url, { method: 'PUT', body: Buffer.alloc(10), headers: { 'content-range': 'bytes 0-9/10' } });
    expect(withToken.status).toBe(401);
    expect((await put(url.replace(/tempauth=.*/, 'tempauth=forged'), Buffer.alloc(10), 0, 10)).status).toBe(404);
    t.emulator.store.files.updateSettings({ maxChunkBytes: KIB320 });
    const tooBig = await put(url, Buffer.alloc(KIB320), 0, 2 * KIB320);
    expect(tooBig.status).toBe(413);
    const id = new URL(url).pathname.split('/').pop()!;
    t.emulator.store.files.getUploadSession(id)!.expiresAt = Date.now() - 1;
    expect((await put(url, Buffer.alloc(10), 0, 10)).status).toBe(404);
  });

  it('applies the conflict behaviour: fail is 409 at once and when the last byte lands after a clash; rename and replace', async () => {
    await putText(c, '/taken.txt', 'first');
    const refused = await session('/taken.txt', { '@microsoft.graph.conflictBehavior': 'fail' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('nameAlreadyExists');
    const late = (await session('/late.txt', { '@microsoft.graph.conflictBehavior': 'fail' })).body;
    await putText(c, '/late.txt', 'someone else');
    const clash = await put(late.uploadUrl, Buffer.from('mine'), 0, 4);
    expect(clash.status).toBe(409);
    expect(clash.body.error.code).toBe('nameAlreadyExists');
    const renamed = (await session('/taken.txt', { '@microsoft.graph.conflictBehavior': 'rename' })).body;
    expect((await put(renamed.uploadUrl, Buffer.from('two'), 0, 3)).body.name).toBe('taken 1.txt');
    const original = (await c.graph('/me/drive/root:/taken.txt')).body;
    const replaced = (await session('/taken.txt')).body;
    const done = await put(replaced.uploadUrl, Buffer.from('replaced'), 0, 8);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ id: original.id, size: 8 });
    expect(done.body.cTag).not.toBe(original.cTag);
  });

  it('cancels with DELETE (204); a fileSize above the quota is 507; deferCommit is not built (501)', async () => {
    const created = (await session('/cancel.bin')).body;
    expect((await c.bytes(created.uploadUrl, { method: 'DELETE', anonymous: true })).status).toBe(204);
    expect((await put(created.uploadUrl, Buffer.alloc(4), 0, 4)).status).toBe(404);
    const huge = await session('/huge.bin', { fileSize: 2 * 1024 ** 4 });
    expect(huge.status).toBe(507);
    const deferred = await c.graph('/me/drive/root:/d.bin:/createUploadSession', { method: 'POST', body: { deferCommit: true } });
    expect(deferred.status).toBe(501);
  });
});
