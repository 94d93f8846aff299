import { deserialize, serialize } from 'node:v8';
import { simpleParser } from 'mailparser';
import { DEMO_MAILBOX_PROFILES, generateDemoMail, type InMemoryEmulatorStore } from '../src/index.js';
import { MEGAN, useSeededMailbox } from './support/emulator-suite.js';
import { accessToken, mailClient, type Json } from './support/mail-client.js';

describe('mailbox: attachments and MIME content', () => {
  const { t, c } = useSeededMailbox({ messages: 30, seed: 11 });

  const PDF = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x34, 0x0a, 0x00, 0xff, 0xfe, 0x80]);
  const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]);
  const expectError = (answer: { status: number; body: Json }, status: number, code: string, message?: RegExp) => {
    expect(answer.status).toBe(status);
    expect(answer.body.error.code).toBe(code);
    if (message) expect(answer.body.error.message).toMatch(message);
  };
  const raw = async (path: string) => {
    const response = await t.request(`${t.emulator.graphBaseUrl}${path}`, { headers: { authorization: `Bearer ${c.token}` } });
    return { status: response.status, contentType: response.headers.get('content-type'), bytes: Buffer.from(await response.arrayBuffer()) };
  };
  const deliver = async (body: Json) => {
    const answer = await c.admin(`/mailboxes/${MEGAN}/messages`, 'POST', body);
    expect(answer.status).toBe(201);
    return answer.body as { id: string; immutableId: string; message: Json };
  };
  const withFiles = () =>
    deliver({
      from: 'Lee Gu <lee.gu@fabrikam.com>',
      to: [MEGAN],
      cc: ['alex.wilber@contoso.com'],
      subject: 'Quote and logo',
      body: '<p>See the quote. <img src="cid:logo@fabrikam"></p>',
      attachments: [
        { name: 'Quote.pdf', contentBytes: PDF.toString('base64') },
        { name: 'notes.txt', text: 'Price: 12 000 €\r\n' },
        { name: 'logo.png', contentType: 'image/png', contentBytes: PNG.toString('base64'), isInline: true, contentId: 'logo@fabrikam' },
      ],
    });

  it('lists a message’s file attachments as Graph writes them, under /messages, /mailFolders and /users', async () => {
    const { id, message } = await withFiles();
    expect(message.hasAttachments).toBe(true);
    const list = await c.graph(`/me/messages/${id}/attachments`);
    expect(list.status).toBe(200);
    expect(list.body['@odata.context']).toMatch(new RegExp(`/v1\\.0/\\$metadata#users\\('[^']+'\\)/messages\\('${id}'\\)/attachments$`));
    const [pdf, notes, logo] = list.body.value as Json[];
    expect(Object.keys(pdf!)).toEqual(['@odata.type', 'id', 'lastModifiedDateTime', 'name', 'contentType', 'size', 'isInline', 'contentId', 'contentLocation', 'contentBytes']);
    expect(pdf).toMatchObject({ '@odata.type': '#microsoft.graph.fileAttachment', name: 'Quote.pdf', contentType: 'application/pdf', size: PDF.length, isInline: false, contentId: null, contentLocation: null, contentBytes: PDF.toString('base64') });
    expect(pdf!.lastModifiedDateTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(Buffer.from(notes!.contentBytes, 'base64').toString('utf8')).toBe('Price: 12 000 €\r\n');
    expect(notes!.contentType).toBe('text/plain');
    expect(logo).toMatchObject({ isInline: true, contentId: 'logo@fabrikam', contentType: 'image/png' });
    expect(new Set([pdf!.id, notes!.id, logo!.id]).size).toBe(3);

    for (const path of [`/me/mailFolders/inbox/messages/${id}/attachments`, `/users/${MEGAN}/messages/${id}/attachments`, `/users/${MEGAN}/mailFolders/inbox/messages/${id}/attachments`]) {
      const answer = await c.graph(path);
      expect(answer.status).toBe(200);
      expect((answer.body.value as Json[]).map((a) => a.id)).toEqual([pdf!.id, notes!.id, logo!.id]);
    }
    const one = await c.graph(`/me/mailFolders/inbox/messages/${id}/attachments/${pdf!.id}`);
    expect(one.status).toBe(200);
    expect(one.body['@odata.context']).toMatch(/\/messages\('[^']+'\)\/attachments\/\$entity$/);
    expect(one.body).toMatchObject({ id: pdf!.id, name: 'Quote.pdf', contentBytes: PDF.toString('base64') });
  });

  it('gives the raw bytes at $value with the attachment’s own content type', async () => {
    const { id } = await withFiles();
    const [pdf, notes] = (await c.graph(`/me/messages/${id}/attachments`)).body.value as Json[];
    const bytes = await raw(`/me/messages/${id}/attachments/${pdf!.id}/$value`);
    expect(bytes.status).toBe(200);
    expect(bytes.contentType).toBe('application/pdf');
    expect(bytes.bytes.equals(PDF)).toBe(true);
    const text = await raw(`/users/${MEGAN}/mailFolders/inbox/messages/${id}/attachments/${notes!.id}/%24value`);
    expect(text.bytes.toString('utf8')).toBe('Price: 12 000 €\r\n');
  });

  it('answers ErrorItemNotFound for an unknown attachment, another message’s, or a message outside the named folder', async () => {
    const first = await withFiles();
    const second = await withFiles();
    const [ofFirst] = (await c.graph(`/me/messages/${first.id}/attachments`)).body.value as Json[];
    expectError(await c.graph(`/me/messages/${second.id}/attachments/${ofFirst!.id}`), 404, 'ErrorItemNotFound', /not found in the store/);
    expectError(await c.graph(`/me/messages/${first.id}/attachments/AAMkAGAttnothing`), 404, 'ErrorItemNotFound');
    expectError(await c.graph(`/me/messages/${first.id}/attachments/${ofFirst!.id}/$value`.replace(ofFirst!.id, `${ofFirst!.id}x`)), 404, 'ErrorItemNotFound');
    expectError(await c.graph(`/me/mailFolders/sentitems/messages/${first.id}/attachments`), 404, 'ErrorItemNotFound');
    expectError(await c.graph('/me/messages/AAMkAGnothing/attachments'), 404, 'ErrorItemNotFound');
    expectError(await c.graph('/me/messages/AAMkAGnothing/$value'), 404, 'ErrorItemNotFound');
    const noMail = mailClient(t, await accessToken(t, { dropScopes: ['Mail.ReadWrite'] }));
    expectError(await noMail.graph(`/me/messages/${first.id}/attachments`), 403, 'ErrorAccessDenied');
  });

  it('honours the engine’s options on the list and refuses what it does not evaluate', async () => {
    const { id } = await withFiles();
    const base = `/me/messages/${id}/attachments`;
    const selected = await c.graph(`${base}?$select=name,size`);
    expect(selected.body['@odata.context']).toMatch(/attachments\(name,size\)$/);
    expect(Object.keys((selected.body.value as Json[])[0]!)).toEqual(['@odata.type', 'id', 'name', 'size']);
    const names = async (query: string) => ((await c.graph(`${base}?${query}`)).body.value as Json[]).map((a) => a.name);
    expect(await names('$filter=isInline eq false')).toEqual(['Quote.pdf', 'notes.txt']);
    expect(await names("$filter=startswith(name,'logo')")).toEqual(['logo.png']);
    expect(await names('$orderby=size desc')).toEqual(['notes.txt', 'Quote.pdf', 'logo.png']);
    const paged = await c.graph(`${base}?$top=2&$count=true`);
    expect(paged.body['@odata.count']).toBe(3);
    expect(paged.body.value).toHaveLength(2);
    const next = await c.graph(paged.body['@odata.nextLink']);
    expect((next.body.value as Json[]).map((a) => a.name)).toEqual(['logo.png']);
    expect(next.body['@odata.nextLink']).toBeUndefined();
    const count = await raw(`${base}/$count?$filter=isInline eq true`);
    expect(count.bytes.toString()).toBe('1');

    expectError(await c.graph(`${base}?$select=contentBytes`), 400, 'BadRequest', /'contentBytes' on type 'microsoft\.graph\.attachment'/);
    expectError(await c.graph(`${base}?$search="quote"`), 400, 'BadRequest', /'\$search' is not supported on 'microsoft\.graph\.attachment'/);
    expectError(await c.graph(`${base}?$expand=microsoft.graph.itemAttachment/item`), 501, 'NotImplemented', /itemAttachment/);
    expectError(await c.graph(`${base}/${(paged.body.value as Json[])[0]!.id}?$expand=microsoft.graph.itemAttachment/item`), 501, 'NotImplemented');
    expectError(await c.graph(`${base}?$format=json`), 501, 'NotImplemented');
    expectError(await c.graph(`${base}/${(paged.body.value as Json[])[0]!.id}/$value?$select=name`), 400, 'BadRequest');
    expectError(await c.graph(base, { method: 'POST', body: { '@odata.type': '#microsoft.graph.fileAttachment', name: 'x.txt', contentBytes: 'eA==' } }), 501, 'NotImplemented');
    expectError(await c.graph(`${base}/createUploadSession`, { method: 'POST', body: {} }), 501, 'NotImplemented');
  });

  it('expands attachments on message get and lists, beside $select', async () => {
    const { id } = await withFiles();
    const one = await c.graph(`/me/messages/${id}?$select=subject,hasAttachments&$expand=attachments`);
    expect(one.status).toBe(200);
    expect(one.body.subject).toBe('Quote and logo');
    expect((one.body.attachments as Json[]).map((a) => [a['@odata.type'], a.name])).toEqual([
      ['#microsoft.graph.fileAttachment', 'Quote.pdf'], ['#microsoft.graph.fileAttachment', 'notes.txt'], ['#microsoft.graph.fileAttachment', 'logo.png'],
    ]);
    const inbox = await c.graph('/me/mailFolders/inbox/messages?$top=50&$select=subject,hasAttachments&$expand=attachments');
    const listed = inbox.body.value as Json[];
    expect(listed.find((m) => m.id === id)!.attachments).toHaveLength(3);
    for (const message of listed) expect((message.attachments as Json[]).some((a) => !a.isInline)).toBe(message.hasAttachments);
    expect((await c.graph('/me/messages?$top=5&$expand=attachments')).status).toBe(200);
    expect((await c.graph(`/me/messages/${id}`)).body.attachments).toBeUndefined();
    expectError(await c.graph(`/me/messages/${id}?$expand=attachments($select=name)`), 501, 'NotImplemented', /query options inside \$expand=attachments/);
  });

  it('finds mail by the names of its files with $search="attachment:…"', async () => {
    const { id } = await withFiles();
    const found = await c.graph('/me/messages?$search="attachment:quote.pdf"&$select=subject');
    expect((found.body.value as Json[]).map((m) => m.id)).toEqual([id]);
    expect((await c.graph('/me/messages?$search="attachment:nothing-like-it.docx"')).body.value).toEqual([]);
  });

  it('gives seeded mail with hasAttachments one generated file, the same on every read', async () => {
    const seeded = (await c.graph('/me/messages?$top=30&$filter=hasAttachments eq true&$select=subject')).body.value as Json[];
    expect(seeded.length).toBeGreaterThan(0);
    const first = await c.graph(`/me/messages/${seeded[0]!.id}/attachments`);
    expect(first.body.value).toHaveLength(1);
    expect(first.body.value[0]).toMatchObject({ contentType: 'text/plain', isInline: false });
    expect(Buffer.from(first.body.value[0].contentBytes, 'base64').toString()).toContain(seeded[0]!.subject);
    expect((await c.graph(`/me/messages/${seeded[0]!.id}/attachments`)).body).toEqual(first.body);
    const without = (await c.graph('/me/messages?$top=1&$filter=hasAttachments eq false')).body.value as Json[];
    expect((await c.graph(`/me/messages/${without[0]!.id}/attachments`)).body.value).toEqual([]);
  });

  it('counts only non-inline attachments in hasAttachments, as Graph does, and checks what the admin API is given', async () => {
    const inlineOnly = await deliver({ subject: 'Only a logo', attachments: [{ name: 'logo.png', contentBytes: PNG.toString('base64'), isInline: true, contentId: 'logo' }] });
    expect(inlineOnly.message.hasAttachments).toBe(false);
    expect((await c.graph(`/me/messages/${inlineOnly.id}/attachments`)).body.value).toHaveLength(1);
    const refused = async (body: Json, message: RegExp) => {
      const answer = await c.admin(`/mailboxes/${MEGAN}/messages`, 'POST', body);
      expect(answer.status).toBe(400);
      expect(JSON.stringify(answer.body)).toMatch(message);
    };
    await refused({ hasAttachments: true, attachments: [{ name: 'a.png', text: 'x', isInline: true }] }, /hasAttachments follows the attachments/);
    await refused({ attachments: [{ name: 'a.txt', contentBytes: 'not base64!' }] }, /base64/);
    await refused({ attachments: [{ name: 'a.txt' }] }, /exactly one of contentBytes/);
    await refused({ attachments: [{ '@odata.type': '#microsoft.graph.itemAttachment', name: 'Meeting' }] }, /file attachments only/);
    await refused({ attachments: [{ name: 'big.bin', contentBytes: Buffer.alloc(3 * 1024 * 1024).toString('base64') }] }, /under 3 MB/);
  });

  it('gives the message as MIME at $value: headers, body and attachments parse back to the message', async () => {
    const parent = await deliver({ from: 'lee.gu@fabrikam.com', subject: 'Quote', internetMessageId: '<quote-1@fabrikam.com>' });
    const reply = await deliver({
      from: 'Lee Gu <lee.gu@fabrikam.com>',
      cc: ['alex.wilber@contoso.com'],
      inReplyTo: parent.id,
      subject: 'RE: Quote, ünïcode',
      body: '<p>See the quote. <img src="cid:logo@fabrikam"></p>',
      importance: 'high',
      attachments: [
        { name: 'Quote.pdf', contentBytes: PDF.toString('base64') },
        { name: 'logo.png', contentType: 'image/png', contentBytes: PNG.toString('base64'), isInline: true, contentId: 'logo@fabrikam' },
      ],
    });
    const message = (await c.graph(`/me/messages/${reply.id}?$select=subject,from,toRecipients,ccRecipients,internetMessageId,body,receivedDateTime`)).body;
    const mime = await raw(`/me/mailFolders/inbox/messages/${reply.id}/$value`);
    expect(mime.status).toBe(200);
    expect(mime.contentType).toBe('text/plain');
    expect(mime.bytes.toString('latin1')).toMatch(/^Content-Type: multipart\/mixed;/m);
    const parsed = await simpleParser(mime.bytes, { keepCidLinks: true });
    expect(parsed.subject).toBe(message.subject);
    expect(parsed.from?.value).toEqual([{ name: 'Lee Gu', address: 'lee.gu@fabrikam.com' }]);
    const addresses = (field: typeof parsed.to) => (Array.isArray(field) ? field : field ? [field] : []).flatMap((f) => f.value.map((v) => v.address));
    expect(addresses(parsed.to)).toEqual((message.toRecipients as Json[]).map((r) => r.emailAddress.address));
    expect(addresses(parsed.cc)).toEqual((message.ccRecipients as Json[]).map((r) => r.emailAddress.address));
    expect(parsed.messageId).toBe(message.internetMessageId);
    expect(parsed.inReplyTo).toBe('<quote-1@fabrikam.com>');
    expect(parsed.references).toBe('<quote-1@fabrikam.com>');
    expect(parsed.date?.getTime()).toBe(Math.floor(Date.parse(message.receivedDateTime) / 1000) * 1000);
    expect(parsed.html).toContain('cid:logo@fabrikam');
    expect(parsed.text).toContain('See the quote.');
    // mailparser reads the Importance header into 'priority'.
    expect(parsed.headers.get('priority')).toBe('high');
    // The inline image sits beside the HTML (multipart/related), so it parses before the attached file.
    const files = parsed.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, cid: a.cid, bytes: a.content.toString('base64') }));
    expect(files.sort((a, b) => (a.filename ?? '').localeCompare(b.filename ?? ''))).toEqual([
      { filename: 'logo.png', contentType: 'image/png', cid: 'logo@fabrikam', bytes: PNG.toString('base64') },
      { filename: 'Quote.pdf', contentType: 'application/pdf', cid: undefined, bytes: PDF.toString('base64') },
    ]);
    const plain = await raw(`/me/messages/${parent.id}/$value`);
    const parsedPlain = await simpleParser(plain.bytes);
    expect(parsedPlain.attachments).toEqual([]);
    expect(parsedPlain.inReplyTo).toBeUndefined();
  });

  it('carries bytes base64-encoded inside $batch', async () => {
    const { id } = await withFiles();
    const [pdf] = (await c.graph(`/me/messages/${id}/attachments`)).body.value as Json[];
    const batch = await c.graph('/$batch', { method: 'POST', body: { requests: [
      { id: '1', method: 'GET', url: `/me/messages/${id}/attachments/${pdf!.id}/$value` },
      { id: '2', method: 'GET', url: `/me/messages/${id}/attachments?$select=name` },
    ] } });
    const byId = Object.fromEntries((batch.body.responses as Json[]).map((r) => [r.id, r]));
    expect(byId['1']!.headers['Content-Type']).toBe('application/pdf');
    expect(byId['1']!.body).toBe(PDF.toString('base64'));
    expect(byId['2']!.body.value).toHaveLength(3);
  });

  it('keeps attachments across a restart of the store state', () => {
    const store = t.emulator.store;
    const inMemory = store as InMemoryEmulatorStore;
    const delivered = store.mail.deliverMessage(MEGAN, { subject: 'Kept', attachments: [{ name: 'a.txt', text: 'kept bytes' }] });
    const state = deserialize(serialize(inMemory.exportState())) as object;
    store.reset();
    inMemory.importState(state);
    expect(store.mail.getMessage(MEGAN, delivered.id)!.attachments().map((a) => a.bytes.toString())).toEqual(['kept bytes']);
  });
});

describe('demo mail attachments', () => {
  it('gives each file the demo mail names small deterministic contents', () => {
    const owner = { name: 'Megan Bowen', address: 'megan.bowen@contoso.com' };
    const make = () => generateDemoMail({ owner, profile: DEMO_MAILBOX_PROFILES[0]!, seed: 3, until: Date.parse('2026-06-01T00:00:00Z') });
    const messages = make().messages;
    const withFiles = messages.filter((message) => message.hasAttachments);
    expect(withFiles.length).toBeGreaterThan(0);
    for (const message of withFiles) {
      expect(message.attachments).toHaveLength(1);
      expect(message.body).toContain(`Attached: ${message.attachments![0]!.name}`);
      expect(message.attachments![0]!.text).toContain(message.attachments![0]!.name);
    }
    expect(messages.filter((message) => !message.hasAttachments).every((message) => message.attachments === undefined)).toBe(true);
    expect(make().messages.map((message) => message.attachments)).toEqual(messages.map((message) => message.attachments));
  });
});
