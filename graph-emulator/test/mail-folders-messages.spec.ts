import { MEGAN, useSeededMailbox } from './support/emulator-suite.js';
import { accessToken, mailClient, type Json } from './support/mail-client.js';

describe('mailbox: folders and messages', () => {
  const { t, c } = useSeededMailbox({ messages: 60, seed: 7, until: '2025-06-01T00:00:00Z', spanDays: 60 }, (seeded) => {
    expect(seeded.status).toBe(201);
  });

  it('lists top-level folders in pages, resolves well-known names and child folders', async () => {
    const first = await c.graph('/me/mailFolders?$top=4');
    expect(first.status).toBe(200);
    expect(first.body.value).toHaveLength(4);
    const all: Json[] = [...first.body.value];
    let next: string | undefined = first.body['@odata.nextLink'];
    while (next) {
      const page = await c.graph(next);
      all.push(...page.body.value);
      next = page.body['@odata.nextLink'];
    }
    expect(all.map((f) => f.wellKnownName)).toEqual(
      expect.arrayContaining(['inbox', 'sentitems', 'drafts', 'deleteditems', 'archive', 'junkemail', 'outbox']),
    );
    expect(all.map((f) => f.displayName)).toEqual(expect.arrayContaining(['Projects', 'Clients']));
    const root = all[0]!.parentFolderId;
    expect(all.every((f) => f.parentFolderId === root)).toBe(true);

    const inbox = await c.graph('/me/mailFolders/Inbox');
    expect(inbox.body).toMatchObject({ displayName: 'Inbox', wellKnownName: 'inbox', childFolderCount: 0 });
    expect((await c.graph(`/me/mailFolders/${inbox.body.id}`)).body.id).toBe(inbox.body.id);

    const projects = all.find((f) => f.displayName === 'Projects')!;
    expect(projects.childFolderCount).toBe(1);
    const children = await c.graph(`/me/mailFolders/${projects.id}/childFolders`);
    expect(children.body.value).toEqual([expect.objectContaining({ displayName: 'Important', parentFolderId: projects.id })]);

    const total = all.reduce((sum, f) => sum + f.totalItemCount, 0) + children.body.value[0].totalItemCount;
    expect(total).toBe(60);
    expect(all.find((f) => f.wellKnownName === 'sentitems')!.totalItemCount).toBeGreaterThan(0);
    expect((await c.graph('/me/mailFolders/nope')).status).toBe(404);
  });

  it("names the default folders in the mailbox's language, ids and contents unchanged, and refuses unknown ones", async () => {
    const before = (await c.graph('/me/mailFolders/inbox')).body;
    const renamed = await c.admin(`/mailboxes/${MEGAN}/folder-names`, 'PUT', { inbox: 'Posteingang', sentitems: 'Gesendete Elemente' });
    expect(renamed.status).toBe(200);
    const after = (await c.graph('/me/mailFolders/inbox')).body;
    expect(after).toMatchObject({ id: before.id, displayName: 'Posteingang', totalItemCount: before.totalItemCount });
    expect((await c.graph('/me/mailFolders/sentitems')).body.displayName).toBe('Gesendete Elemente');
    expect((await c.admin(`/mailboxes/${MEGAN}/folder-names`, 'PUT', { drafts: 'Entwürfe', nowhere: 'Nirgendwo' })).status).toBe(400);
    expect((await c.graph('/me/mailFolders/drafts')).body.displayName).toBe('Drafts');
    await c.admin(`/mailboxes/${MEGAN}/folder-names`, 'PUT', { inbox: 'Inbox', sentitems: 'Sent Items' });
  });

  it('returns messages in the shape Outlook does, with $select, paging and text bodies', async () => {
    const list = await c.graph('/me/mailFolders/inbox/messages?$top=5');
    expect(list.status).toBe(200);
    expect(list.body.value).toHaveLength(5);
    expect(list.body['@odata.nextLink']).toContain('$skip=5');
    const message = list.body.value[0] as Json;
    for (const key of ['@odata.etag', 'id', 'createdDateTime', 'lastModifiedDateTime', 'changeKey', 'receivedDateTime', 'sentDateTime',
      'hasAttachments', 'internetMessageId', 'subject', 'bodyPreview', 'importance', 'parentFolderId', 'conversationId',
      'conversationIndex', 'isRead', 'isDraft', 'webLink', 'body', 'sender', 'from', 'toRecipients', 'ccRecipients',
      'bccRecipients', 'replyTo']) {
      expect(Object.keys(message)).toContain(key);
    }
    expect(message).not.toHaveProperty('internetMessageHeaders');
    expect(message.body.contentType).toBe('html');
    expect(message.body.content).toContain('<html>');
    expect(message.toRecipients[0]).toEqual({ emailAddress: { name: 'Megan Bowen', address: MEGAN } });
    const received = list.body.value.map((m: Json) => m.receivedDateTime);
    expect([...received].sort().reverse()).toEqual(received);

    const selected = await c.graph(`/me/messages/${message.id}?$select=subject,internetMessageHeaders,from`);
    expect(Object.keys(selected.body).sort()).toEqual(['@odata.context', '@odata.etag', 'from', 'id', 'internetMessageHeaders', 'subject']);
    expect(selected.body.internetMessageHeaders).toEqual(expect.arrayContaining([{ name: 'Message-ID', value: message.internetMessageId }]));

    const text = await c.graph(`/me/messages/${message.id}?$select=body`, { headers: { prefer: 'outlook.body-content-type="text"' } });
    expect(text.body.body.contentType).toBe('text');
    expect(text.body.body.content).not.toContain('<');
    expect(text.headers.get('preference-applied')).toBe('outlook.body-content-type="text"');

    expect((await c.graph('/me/mailFolders/inbox/messages?$select=nope')).status).toBe(400);
    expect((await c.graph('/me/mailFolders/inbox/messages?$top=1001')).status).toBe(400);
    const big = await c.graph('/me/mailFolders/inbox/messages?$top=1000&$select=id');
    expect(big.body['@odata.nextLink']).toBeUndefined();
  });

  it('seeds threads, sent mail from the user and one nested folder, deterministically', async () => {
    const sent = await c.graph('/me/mailFolders/sentitems/messages?$top=50&$select=from,toRecipients,subject,conversationId');
    expect(sent.body.value.length).toBeGreaterThan(0);
    expect(sent.body.value.every((m: Json) => m.from.emailAddress.address === MEGAN)).toBe(true);
    const summaries = (await c.admin(`/mailboxes/${MEGAN}/messages?top=1000`)).body.value as Json[];
    const replies = summaries.filter((m) => m.subject.startsWith('RE: '));
    expect(replies.length).toBeGreaterThan(0);
    const reply = replies[0]!;
    expect(summaries.some((m) => m.conversationId === reply.conversationId && !m.subject.startsWith('RE: '))).toBe(true);
    const again = await c.admin(`/mailboxes/${MEGAN}/seed`, 'POST', { messages: 60, seed: 7, until: '2025-06-01T00:00:00Z', spanDays: 60 });
    expect(again.status).toBe(201);
    expect((await c.admin(`/mailboxes/${MEGAN}/messages?top=1000`)).body.value).toEqual(summaries);
  });

  it('marks read, moves (new id unless immutable ids) and deletes', async () => {
    const [first, second] = (await c.graph('/me/mailFolders/inbox/messages?$top=2&$select=isRead,parentFolderId')).body.value as Json[];
    const patched = await c.graph(`/me/messages/${first!.id}`, { method: 'PATCH', body: { isRead: !first!.isRead } });
    expect(patched.status).toBe(200);
    expect(patched.body.isRead).toBe(!first!.isRead);
    // Writable properties the store does not keep are refused, not dropped; non-writable ones are a bad request.
    const flagged = await c.graph(`/me/messages/${first!.id}`, { method: 'PATCH', body: { isRead: true, flag: { flagStatus: 'flagged' } } });
    expect(flagged.status).toBe(501);
    expect(flagged.body.error).toMatchObject({ code: 'NotImplemented', message: expect.stringContaining('flag') });
    expect((await c.graph(`/me/messages/${first!.id}`, { method: 'PATCH', body: { receivedDateTime: '2025-01-01T00:00:00Z' } })).status).toBe(400);
    expect((await c.graph(`/me/messages/${first!.id}?$select=isRead`)).body.isRead).toBe(!first!.isRead);

    const moved = await c.graph(`/me/messages/${first!.id}/move`, { method: 'POST', body: { destinationId: 'archive' } });
    expect(moved.status).toBe(201);
    expect(moved.body['@odata.type']).toBe('#microsoft.graph.message');
    const archive = (await c.graph('/me/mailFolders/archive')).body;
    expect(moved.body.parentFolderId).toBe(archive.id);
    expect(moved.body.id).not.toBe(first!.id);
    expect((await c.graph(`/me/messages/${first!.id}`)).status).toBe(404);
    expect((await c.graph(`/me/messages/${moved.body.id}`)).status).toBe(200);

    const immutable = { prefer: 'IdType="ImmutableId"' };
    const before = await c.graph(`/me/messages/${second!.id}?$select=id`, { headers: immutable });
    const movedImmutable = await c.graph(`/me/messages/${before.body.id}/move`, { method: 'POST', body: { destinationId: archive.id }, headers: immutable });
    expect(movedImmutable.status).toBe(201);
    expect(movedImmutable.body.id).toBe(before.body.id);
    expect(movedImmutable.headers.get('preference-applied')).toContain('IdType="ImmutableId"');
    const back = await c.graph(`/me/messages/${before.body.id}/move`, { method: 'POST', body: { destinationId: 'inbox' }, headers: immutable });
    expect(back.body.id).toBe(before.body.id);

    expect((await c.graph(`/me/messages/${moved.body.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await c.graph(`/me/messages/${moved.body.id}`)).status).toBe(404);
    expect((await c.graph('/me/messages/AAMkAGnotanid')).body.error.code).toBe('ErrorItemNotFound');
  });

  it('answers the same under /users/{upn}', async () => {
    const me = await c.graph('/me/mailFolders/inbox/messages?$top=3&$select=subject');
    const users = await c.graph(`/users/${MEGAN}/mailFolders/inbox/messages?$top=3&$select=subject`);
    expect(users.body.value).toEqual(me.body.value);
    expect(users.body['@odata.nextLink']).toContain(`/v1.0/users/${encodeURIComponent(MEGAN)}/mailFolders/inbox/messages`);
    expect((await c.graph('/users/nobody@contoso.com/mailFolders')).body.error.code).toBe('ErrorInvalidUser');
    expect((await c.graph('/users/alex.wilber@contoso.com/mailFolders')).status).toBe(403);
  });

  it('requires Mail.ReadWrite or Mail.Read (403 ErrorAccessDenied) and keeps 401 for bad tokens', async () => {
    const noMail = mailClient(t, await accessToken(t, { dropScopes: ['Mail.ReadWrite'] }));
    const denied = await noMail.graph('/me/mailFolders');
    expect(denied.status).toBe(403);
    expect(denied.body.error).toMatchObject({ code: 'ErrorAccessDenied', message: 'Access is denied. Check credentials and try again.' });
    expect((await noMail.graph('/me')).status).toBe(200);
    const anonymous = mailClient(t, 'garbage');
    const unauthorized = await anonymous.graph('/me/mailFolders');
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.body.error.code).toBe('InvalidAuthenticationToken');
  });

  it('answers mailbox errors as Graph does', async () => {
    expect((await c.admin(`/mailboxes/${MEGAN}/status`, 'PUT', { status: 'MailboxNotEnabledForRESTAPI' })).status).toBe(200);
    const notEnabled = await c.graph('/me/mailFolders/inbox/messages');
    expect(notEnabled.status).toBe(404);
    expect(notEnabled.body.error.code).toBe('MailboxNotEnabledForRESTAPI');
    await c.admin(`/mailboxes/${MEGAN}/status`, 'PUT', { status: 'ErrorAccountDisabled' });
    const disabled = await c.graph('/me/mailFolders');
    expect(disabled.status).toBe(403);
    expect(disabled.body.error.code).toBe('ErrorAccountDisabled');
    await c.admin(`/mailboxes/${MEGAN}/status`, 'PUT', { status: 'enabled' });
    expect((await c.graph('/me/mailFolders')).status).toBe(200);
  });

  it('delivers, moves, marks read and deletes through the admin API as a user would', async () => {
    const delivered = await c.admin(`/mailboxes/${MEGAN}/messages`, 'POST', {
      from: 'Lee Gu <lee.gu@fabrikam.com>', subject: 'Hello', body: 'Plain text body', cc: ['alex.wilber@contoso.com'],
    });
    expect(delivered.status).toBe(201);
    expect(delivered.body).toMatchObject({ id: expect.any(String), immutableId: expect.any(String), acceptedAt: expect.any(String) });
    expect(delivered.body.message).toMatchObject({ subject: 'Hello', isRead: false, from: { emailAddress: { name: 'Lee Gu', address: 'lee.gu@fabrikam.com' } } });
    const got = await c.graph(`/me/messages/${delivered.body.id}?$select=body,ccRecipients`, { headers: { prefer: 'outlook.body-content-type="text"' } });
    expect(got.body.body.content).toBe('Plain text body');

    const reply = await c.admin(`/mailboxes/${MEGAN}/messages`, 'POST', { folder: 'sentitems', inReplyTo: delivered.body.id, body: 'Thanks!' });
    expect(reply.body.message).toMatchObject({ subject: 'RE: Hello', conversationId: delivered.body.message.conversationId, isRead: true });
    expect(reply.body.message.from.emailAddress.address).toBe(MEGAN);
    expect(reply.body.message.toRecipients[0].emailAddress.address).toBe('lee.gu@fabrikam.com');

    const read = await c.admin(`/mailboxes/${MEGAN}/messages/${delivered.body.id}`, 'PATCH', { isRead: true });
    expect(read.body.isRead).toBe(true);
    const moved = await c.admin(`/mailboxes/${MEGAN}/messages/${delivered.body.id}/move`, 'POST', { destinationId: 'archive' });
    expect(moved.body.immutableId).toBe(delivered.body.immutableId);
    expect((await c.admin(`/mailboxes/${MEGAN}/messages/${moved.body.id}`, 'DELETE')).status).toBe(204);
    const deleted = await c.graph(`/me/messages/${delivered.body.immutableId}?$select=parentFolderId`);
    expect(deleted.body.parentFolderId).toBe((await c.graph('/me/mailFolders/deleteditems')).body.id);
    expect((await c.admin(`/mailboxes/${MEGAN}/messages/${delivered.body.immutableId}?permanent=true`, 'DELETE')).status).toBe(204);
    expect((await c.graph(`/me/messages/${delivered.body.immutableId}`)).status).toBe(404);
  });

  it('seeds 100,000 messages quickly and compactly', async () => {
    const heapBefore = process.memoryUsage().heapUsed;
    const started = Date.now();
    const result = await c.admin(`/mailboxes/${MEGAN}/seed`, 'POST', { messages: 100_000, folders: 3, nestedFolders: 1, seed: 42 });
    const elapsed = Date.now() - started;
    const heapMb = Math.round((process.memoryUsage().heapUsed - heapBefore) / 1e6);
    console.log(`seeded 100,000 messages in ${elapsed} ms over HTTP (store: ${result.body.elapsedMs} ms), heap +${heapMb} MB`);
    expect(result.status).toBe(201);
    expect(result.body.messages).toBe(100_000);
    expect(elapsed).toBeLessThan(15_000);
    const inbox = await c.graph('/me/mailFolders/inbox/messages?$top=1000&$select=subject');
    expect(inbox.body.value).toHaveLength(1000);
  });
});
