import { randomBytes } from 'node:crypto';
import { composeClient } from './support/compose-client.js';
import { MEGAN, useTestEmulator } from './support/emulator-suite.js';
import type { Json, MailClient } from './support/mail-client.js';

const ALEX = 'alex.wilber@contoso.com';
const MB = 1024 * 1024;
const to = (...addresses: string[]) => addresses.map((address) => ({ emailAddress: { address } }));

describe('compose: attachments, small and through upload sessions', () => {
  const t = useTestEmulator();
  let megan: MailClient;
  let alex: MailClient;
  beforeEach(async () => {
    t.emulator.store.reset();
    megan = await composeClient(t, MEGAN);
    alex = await composeClient(t, ALEX);
  });

  const draft = async (): Promise<Json> => (await megan.graph('/me/messages', { method: 'POST', body: { subject: 'Files', toRecipients: to(ALEX) } })).body;
  const raw = async (client: MailClient, path: string): Promise<Buffer> =>
    Buffer.from(await (await t.request(`${t.emulator.graphBaseUrl}${path}`, { headers: { authorization: `Bearer ${client.token}` } })).arrayBuffer());
  const put = (url: string, bytes: Buffer, range: string, headers: Record<string, string> = {}) =>
    t.request(url, { method: 'PUT', headers: { 'content-type': 'application/octet-stream', 'content-range': range, ...headers }, body: bytes });

  it('attaches a small file with contentBytes, sends it along, and refuses what Graph refuses', async () => {
    const message = await draft();
    const bytes = randomBytes(1000);
    const added = await megan.graph(`/me/messages/${message.id}/attachments`, {
      method: 'POST',
      body: { '@odata.type': '#microsoft.graph.fileAttachment', name: 'notes.bin', contentBytes: bytes.toString('base64') },
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ '@odata.type': '#microsoft.graph.fileAttachment', name: 'notes.bin', size: 1000, isInline: false, contentType: 'application/octet-stream' });
    const after = (await megan.graph(`/me/messages/${message.id}`)).body;
    expect(after.hasAttachments).toBe(true);
    expect(after.changeKey).not.toBe(message.changeKey);

    const refusals = [
      await megan.graph(`/me/messages/${message.id}/attachments`, { method: 'POST', body: { name: 'x', contentBytes: 'AAAA' } }),
      await megan.graph(`/me/messages/${message.id}/attachments`, { method: 'POST', body: { '@odata.type': '#microsoft.graph.itemAttachment', name: 'x' } }),
      await megan.graph(`/me/messages/${message.id}/attachments`, { method: 'POST', body: { '@odata.type': '#microsoft.graph.fileAttachment', name: 'x', contentBytes: 'not base64!' } }),
    ];
    expect(refusals.map((r) => r.status)).toEqual([400, 501, 400]);
    const extra = await megan.graph(`/me/messages/${message.id}/attachments`, {
      method: 'POST',
      body: { '@odata.type': '#microsoft.graph.fileAttachment', name: 'drop.txt', contentBytes: Buffer.from('bye').toString('base64') },
    });
    expect((await megan.graph(`/me/messages/${message.id}/attachments/${extra.body.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await megan.graph(`/me/messages/${message.id}/attachments/${extra.body.id}`, { method: 'DELETE' })).status).toBe(404);

    expect((await megan.graph(`/me/messages/${message.id}/send`, { method: 'POST' })).status).toBe(202);
    const [received] = (await alex.graph('/me/mailFolders/inbox/messages?$expand=attachments')).body.value as Json[];
    expect(received!.hasAttachments).toBe(true);
    expect(received!.attachments.map((a: Json) => [a.name, a.size])).toEqual([['notes.bin', 1000]]);
    expect(await raw(alex, `/me/messages/${received!.id}/attachments/${received!.attachments[0].id}/$value`)).toEqual(bytes);

    const mailed = await megan.graph('/me/sendMail', {
      method: 'POST',
      body: { message: { subject: 'inline', toRecipients: to(ALEX), attachments: [{ '@odata.type': '#microsoft.graph.fileAttachment', name: 'a.txt', contentBytes: Buffer.from('hello').toString('base64') }] } },
    });
    expect(mailed.status).toBe(202);
    const [sentCopy] = (await megan.graph('/me/mailFolders/sentitems/messages?$expand=attachments')).body.value as Json[];
    expect(sentCopy!.attachments.map((a: Json) => [a.name, a.contentBytes])).toEqual([['a.txt', Buffer.from('hello').toString('base64')]]);
  });

  it('takes a large file in ranged PUTs through an upload session, without an Authorization header', async () => {
    const message = await draft();
    const file = randomBytes(3 * MB + 300_000);
    const small = await megan.graph(`/me/messages/${message.id}/attachments/createUploadSession`, { method: 'POST', body: { AttachmentItem: { attachmentType: 'file', name: 'tiny.bin', size: 1000 } } });
    expect([small.status, small.body.error.code]).toEqual([400, 'ErrorAttachmentSizeShouldNotBeLessThanMinimumSize']);
    const huge = await megan.graph(`/me/messages/${message.id}/attachments/createUploadSession`, { method: 'POST', body: { AttachmentItem: { attachmentType: 'file', name: 'huge.bin', size: 151 * MB } } });
    expect(huge.status).toBe(400);

    const session = await megan.graph(`/me/messages/${message.id}/attachments/createUploadSession`, {
      method: 'POST',
      body: { AttachmentItem: { attachmentType: 'file', name: 'deck.pdf', size: file.length, contentType: 'application/pdf' } },
    });
    expect(session.status).toBe(201);
    expect(session.body.nextExpectedRanges).toEqual(['0-']);
    expect(Date.parse(session.body.expirationDateTime)).toBeGreaterThan(Date.now());
    const url = session.body.uploadUrl as string;
    expect(url).toMatch(/\/api\/v2\.0\/Users\('[^']+'\)\/Messages\('[^']+'\)\/AttachmentSessions\('[^']+'\)\?authtoken=/);

    const first = file.subarray(0, 2 * MB);
    expect((await put(url, first, `bytes 0-${2 * MB - 1}/${file.length}`, { authorization: `Bearer ${megan.token}` })).status).toBe(401);
    expect((await put(url.replace(/authtoken=.*/, 'authtoken=forged'), first, `bytes 0-${2 * MB - 1}/${file.length}`)).status).toBe(401);
    const ok = await put(url, first, `bytes 0-${2 * MB - 1}/${file.length}`);
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as Json).nextExpectedRanges).toEqual([String(2 * MB)]);
    // The same range again (a retry after a lost answer) or a gap: 416, and the session keeps what it has.
    expect((await put(url, first, `bytes 0-${2 * MB - 1}/${file.length}`)).status).toBe(416);
    expect((await put(url, file.subarray(2 * MB + 10), `bytes ${2 * MB + 10}-${file.length - 1}/${file.length}`)).status).toBe(416);
    expect((await put(url, file.subarray(2 * MB), `bytes ${2 * MB}-${file.length - 1}/${file.length + 1}`)).status).toBe(400);
    const last = await put(url, file.subarray(2 * MB), `bytes ${2 * MB}-${file.length - 1}/${file.length}`);
    expect(last.status).toBe(201);
    const attachmentId = /Attachments\('([^']+)'\)$/.exec(last.headers.get('location') ?? '')?.[1];
    expect(attachmentId).toBeDefined();
    const meta = await megan.graph(`/me/messages/${message.id}/attachments/${attachmentId}?$select=name,size,contentType`);
    expect(meta.body).toMatchObject({ name: 'deck.pdf', size: file.length, contentType: 'application/pdf' });
    // Buffer.equals: jest's deep equality walks megabytes byte by byte.
    expect((await raw(megan, `/me/messages/${message.id}/attachments/${attachmentId}/$value`)).equals(file)).toBe(true);
    // The session is over once the file is whole.
    expect((await put(url, first, `bytes 0-${2 * MB - 1}/${file.length}`)).status).toBe(404);

    // Sent through: the recipient gets the large file too.
    expect((await megan.graph(`/me/messages/${message.id}/send`, { method: 'POST' })).status).toBe(202);
    const [received] = (await alex.graph('/me/mailFolders/inbox/messages')).body.value as Json[];
    const copies = (await alex.graph(`/me/messages/${received!.id}/attachments?$select=name,size`)).body.value as Json[];
    expect(copies.map((a) => [a.name, a.size])).toEqual([['deck.pdf', file.length]]);
  });

  it('refuses chunks over 4 MB, expires, cancels, and holds sends to the message size limit', async () => {
    const message = await draft();
    const size = 5 * MB;
    const open = async () => (await megan.graph(`/me/messages/${message.id}/attachments/createUploadSession`, { method: 'POST', body: { AttachmentItem: { attachmentType: 'file', name: 'big.bin', size } } })).body.uploadUrl as string;
    const url = await open();
    expect((await put(url, Buffer.alloc(4 * MB + 1), `bytes 0-${4 * MB}/${size}`)).status).toBe(413);
    const [listed] = (await megan.admin('/upload-sessions')).body.value as Json[];
    expect(listed).toMatchObject({ name: 'big.bin', size, received: 0 });
    expect((await megan.admin(`/upload-sessions/${listed!.id}/expire`, 'POST')).status).toBe(204);
    expect((await put(url, Buffer.alloc(MB), `bytes 0-${MB - 1}/${size}`)).status).toBe(404);

    const cancelled = await open();
    expect((await t.request(cancelled, { method: 'DELETE' })).status).toBe(204);
    expect((await put(cancelled, Buffer.alloc(MB), `bytes 0-${MB - 1}/${size}`)).status).toBe(404);

    const url2 = await open();
    const file = randomBytes(size);
    for (let start = 0; start < size; start += 4 * MB) {
      const end = Math.min(size, start + 4 * MB) - 1;
      expect((await put(url2, file.subarray(start, end + 1), `bytes ${start}-${end}/${size}`)).status).toBe(start + 4 * MB >= size ? 201 : 200);
    }
    await megan.admin('/sending-limits', 'PUT', { maxMessageSizeBytes: 6 * MB });
    const refused = await megan.graph(`/me/messages/${message.id}/send`, { method: 'POST' });
    expect([refused.status, refused.body.error.code]).toEqual([400, 'ErrorMessageSizeExceeded']);
    expect((await megan.graph(`/me/messages/${message.id}`)).body.isDraft).toBe(true);
    await megan.admin('/sending-limits', 'PUT', { maxMessageSizeBytes: 35 * MB });
    expect((await megan.graph(`/me/messages/${message.id}/send`, { method: 'POST' })).status).toBe(202);
  });
});
