import { MEGAN, useSeededMailbox } from './support/emulator-suite.js';
import type { Json } from './support/mail-client.js';

describe('OData on messages: every option honoured or refused', () => {
  const { c } = useSeededMailbox({ messages: 80, seed: 21, until: '2025-06-01T00:00:00Z', spanDays: 80 });

  const inbox = async (query: string, headers: Record<string, string> = {}) => c.graph(`/me/mailFolders/inbox/messages?${query}`, { headers });
  /** Every inbox message in the default order, read without any filter. */
  const everything = async (): Promise<Json[]> => (await inbox('$top=1000')).body.value as Json[];
  const ids = (messages: Json[]) => messages.map((m) => m.id as string);
  const expectError = (answer: { status: number; body: Json }, status: number, code: string, message?: RegExp) => {
    expect(answer.status).toBe(status);
    expect(answer.body.error.code).toBe(code);
    if (message) expect(answer.body.error.message).toMatch(message);
  };

  it('$filter: comparisons, and/or/not, parentheses, startswith and any() give the messages that match', async () => {
    const all = await everything();
    expect(all.some((m) => m.isRead) && all.some((m) => !m.isRead)).toBe(true);
    const unread = await inbox('$filter=isRead eq false&$top=1000');
    expect(unread.status).toBe(200);
    expect(ids(unread.body.value)).toEqual(ids(all.filter((m) => !m.isRead)));

    const since = all[Math.floor(all.length / 2)]!.receivedDateTime as string;
    const recentUnread = await inbox(`$filter=receivedDateTime ge ${since} and (isRead eq false or not (importance eq 'normal'))&$top=1000`);
    expect(ids(recentUnread.body.value)).toEqual(ids(all.filter((m) => m.receivedDateTime >= since && (!m.isRead || m.importance !== 'normal'))));

    const replies = await inbox("$filter=startswith(subject,'re:')&$top=1000");
    const expectedReplies = all.filter((m) => (m.subject as string).toLowerCase().startsWith('re:'));
    expect(expectedReplies.length).toBeGreaterThan(0);
    expect(ids(replies.body.value)).toEqual(ids(expectedReplies));

    const sender = all[0]!.from.emailAddress.address as string;
    const fromSender = await inbox(`$filter=from/emailAddress/address eq '${sender.toUpperCase()}'&$top=1000`);
    expect(ids(fromSender.body.value)).toEqual(ids(all.filter((m) => m.from.emailAddress.address === sender)));

    const toMegan = await inbox(`$filter=toRecipients/any(r: r/emailAddress/address eq '${MEGAN}')&$top=1000`);
    const expectedToMegan = all.filter((m) => (m.toRecipients as Json[]).some((r) => r.emailAddress.address === MEGAN));
    expect(expectedToMegan.length).toBeGreaterThan(0);
    expect(ids(toMegan.body.value)).toEqual(ids(expectedToMegan));

    expect((await inbox("$filter=categories/any(c: c eq 'Red')")).body.value).toEqual([]);
    expect(ids((await inbox("$filter=flag/flagStatus eq 'notFlagged'&$top=1000")).body.value)).toEqual(ids(all));
    expect(ids((await inbox("$filter=ccRecipients/any()&$top=1000")).body.value)).toEqual(ids(all.filter((m) => m.ccRecipients.length > 0)));
  });

  it('$filter refuses what Graph refuses and answers 501 for what the emulator lacks', async () => {
    expectError(await inbox('$filter=nope eq 1'), 400, 'BadRequest', /Could not find a property named 'nope' on type 'microsoft\.graph\.message'/);
    expectError(await inbox('$filter=from/emailAddress/nope eq 1'), 400, 'BadRequest', /'nope'/);
    expectError(await inbox('$filter=isRead eq'), 400, 'BadRequest');
    expectError(await inbox("$filter=isRead eq 'yes'"), 400, 'BadRequest', /incompatible types/);
    expectError(await inbox("$filter=toRecipients eq 'x'"), 400, 'BadRequest', /not a single value/);
    expectError(await inbox("$filter=body/content eq 'x'"), 501, 'NotImplemented', /\$filter on 'body' of message/);
    expectError(await inbox("$filter=tolower(subject) eq 'x'"), 501, 'NotImplemented', /'tolower' function/);
  });

  it('$orderby sorts by one or more keys, asc or desc; with $filter its properties must lead the filter', async () => {
    const all = await everything();
    const newest = await inbox('$orderby=receivedDateTime desc&$top=1000');
    expect(newest.body.value.map((m: Json) => m.receivedDateTime)).toEqual(all.map((m) => m.receivedDateTime as string).sort().reverse());
    const oldest = await inbox('$orderby=receivedDateTime&$top=1000');
    expect(ids(oldest.body.value)).toEqual(ids(newest.body.value).reverse());

    const bySubject = await inbox('$orderby=subject asc,receivedDateTime desc&$top=1000&$select=subject,receivedDateTime');
    const expected = [...all].sort((a, b) => (a.subject as string).localeCompare(b.subject, 'en', { sensitivity: 'base' }) || (b.receivedDateTime as string).localeCompare(a.receivedDateTime));
    expect(bySubject.body.value.map((m: Json) => [m.subject, m.receivedDateTime])).toEqual(expected.map((m) => [m.subject, m.receivedDateTime]));

    expectError(await inbox('$filter=isRead eq false&$orderby=receivedDateTime desc'), 400, 'InefficientFilter');
    expectError(await inbox('$filter=isRead eq false and receivedDateTime ge 2000-01-01T00:00:00Z&$orderby=receivedDateTime desc'), 400, 'InefficientFilter');
    const led = await inbox('$filter=receivedDateTime ge 2000-01-01T00:00:00Z and isRead eq false&$orderby=receivedDateTime desc&$top=1000');
    expect(led.status).toBe(200);
    expect(ids(led.body.value)).toEqual(ids(newest.body.value.filter((m: Json) => !m.isRead)));
    expectError(await inbox('$orderby=nope'), 400, 'BadRequest', /Could not find a property named 'nope'/);
    expectError(await inbox('$orderby=from'), 400, 'BadRequest', /single value of primitive type/);
    const bySender = await inbox('$orderby=FROM/emailAddress/Name desc&$top=1000&$select=from');
    const senders = bySender.body.value.map((m: Json) => m.from.emailAddress.name as string);
    expect(senders).toEqual([...senders].sort((a, b) => b.localeCompare(a, 'en', { sensitivity: 'base' })));
    expect(new Set(senders).size).toBeGreaterThan(1);
    expectError(await inbox('$orderby=toRecipients'), 501, 'NotImplemented', /\$orderby on 'toRecipients'/);
  });

  it('$top/$skip page through a filtered list; $count=true and /$count give the total', async () => {
    const all = await everything();
    const unread = all.filter((m) => !m.isRead);
    const seen: Json[] = [];
    let answer = await inbox('$filter=isRead eq false&$top=4&$count=true');
    expect(answer.body['@odata.count']).toBe(unread.length);
    for (;;) {
      expect(answer.status).toBe(200);
      seen.push(...answer.body.value);
      const next = answer.body['@odata.nextLink'] as string | undefined;
      if (!next) break;
      expect(next).toMatch(/\$skip=\d+/);
      answer = await c.graph(next);
    }
    expect(ids(seen)).toEqual(ids(unread));
    expect(ids((await inbox('$skip=3&$top=2')).body.value)).toEqual(ids(all.slice(3, 5)));

    const counted = await c.graph('/me/mailFolders/inbox/messages/$count');
    expect(counted.status).toBe(200);
    expect(counted.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(counted.body).toBe(all.length);
    expect((await c.graph('/me/mailFolders/inbox/messages/$count?$filter=isRead eq false')).body).toBe(unread.length);
    expect((await c.graph('/me/mailFolders/inbox/messages/%24count')).body).toBe(all.length);
    expectError(await inbox('$count=maybe'), 400, 'ErrorInvalidUrlQuery');
    expectError(await inbox('$top=1001'), 400, 'ErrorInvalidUrlQuery');
    expectError(await inbox('$top=-1'), 400, 'ErrorInvalidUrlQuery');
  });

  it('Prefer: odata.maxpagesize sets the page size of a plain list and is acknowledged', async () => {
    const page = await inbox('$select=subject', { prefer: 'odata.maxpagesize=7' });
    expect(page.body.value).toHaveLength(7);
    expect(page.headers.get('preference-applied')).toBe('odata.maxpagesize=7');
    expect(page.body['@odata.nextLink']).toContain('$skip=7');
    const both = await inbox('$top=3', { prefer: 'odata.maxpagesize=7, IdType="ImmutableId"' });
    expect(both.body.value).toHaveLength(3);
    expect(both.headers.get('preference-applied')).toBe('odata.maxpagesize=7, IdType="ImmutableId"');
    const unreadable = await inbox('', { prefer: 'odata.maxpagesize=lots' });
    expect(unreadable.body.value).toHaveLength(10);
    expect(unreadable.headers.get('preference-applied')).toBeNull();
  });

  it('$select is case-insensitive, takes * and refuses unknown properties', async () => {
    const selected = await inbox('$select=SUBJECT,isread&$top=1');
    expect(Object.keys(selected.body.value[0]).sort()).toEqual(['@odata.etag', 'id', 'isRead', 'subject']);
    expect(selected.body['@odata.context']).toContain('messages(subject,isRead)');
    const star = await inbox('$select=*&$top=1');
    expect(star.body.value[0]).toHaveProperty('internetMessageHeaders');
    expectError(await inbox('$select=nope'), 400, 'BadRequest', /Could not find a property named 'nope' on type 'microsoft\.graph\.message'/);
  });

  it('$search answers the KQL subset and refuses $orderby and $filter beside it', async () => {
    const all = await everything();
    const found = await inbox('$search="subject:re"&$top=1000&$select=subject,sentDateTime');
    expect(found.status).toBe(200);
    const expected = all.filter((m) => (m.subject as string).toLowerCase().includes('re'));
    expect(new Set(ids(found.body.value))).toEqual(new Set(ids(expected)));
    const sent = found.body.value.map((m: Json) => m.sentDateTime as string);
    expect([...sent].sort().reverse()).toEqual(sent);

    const sender = all[0]!.from.emailAddress;
    const fromSearch = await inbox(`$search="from:${sender.address}"&$top=1000`);
    expect(new Set(ids(fromSearch.body.value))).toEqual(new Set(ids(all.filter((m) => m.from.emailAddress.address === sender.address))));
    const word = (all[0]!.subject as string).split(/\s+/).find((part) => part.length > 4)!;
    const freeText = await inbox(`$search="${word}"&$top=1000`);
    expect(ids(freeText.body.value)).toContain(all[0]!.id);

    expectError(await inbox('$search="re"&$orderby=receivedDateTime desc'), 400, 'BadRequest', /'\$orderBy' is not supported with '\$search'/);
    expectError(await inbox('$search="re"&$filter=isRead eq false'), 400, 'BadRequest', /'\$filter' is not supported with '\$search'/);
    expectError(await inbox('$search="a OR b"'), 501, 'NotImplemented', /'OR' in \$search/);
    expectError(await inbox('$search="received:2025-01-01"'), 501, 'NotImplemented', /'received' property/);
  });

  it('$expand names what the emulator lacks; unknown and unevaluated options are refused, never ignored', async () => {
    expectError(await inbox('$expand=extensions'), 501, 'NotImplemented', /\$expand=extensions on message/);
    const one = (await everything())[0]!;
    expectError(await c.graph(`/me/messages/${one.id}?$expand=singleValueExtendedProperties`), 501, 'NotImplemented', /extended properties/);
    expect((await inbox('$expand=attachments')).status).toBe(200);
    expectError(await inbox('$expand=nope'), 400, 'BadRequest', /Could not find a property named 'nope'/);
    expectError(await inbox('$foo=1'), 400, 'BadRequest', /'\$foo' is not supported/);
    expectError(await inbox('$format=json'), 501, 'NotImplemented', /\$format/);
    expectError(await inbox('$top=1&$TOP=2'), 400, 'BadRequest', /more than once/);
    expectError(await c.graph(`/me/messages/${one.id}?$top=1`), 400, 'BadRequest', /'\$top' is not supported/);
    expect((await c.graph(`/me/messages/${one.id}?$SELECT=subject`)).body).toEqual(expect.objectContaining({ id: one.id, subject: one.subject }));
  });

  it('GET /me/messages lists every folder, and /me/messages/$count counts them', async () => {
    const folders = (await c.graph('/me/mailFolders?$top=100')).body.value as Json[];
    const children = await Promise.all(folders.filter((f) => f.childFolderCount > 0).map((f) => c.graph(`/me/mailFolders/${f.id}/childFolders`)));
    const total = [...folders, ...children.flatMap((answer) => answer.body.value as Json[])].reduce((sum, f) => sum + f.totalItemCount, 0);
    expect((await c.graph('/me/messages/$count')).body).toBe(total);
    const all = await c.graph('/me/messages?$top=1000&$select=parentFolderId&$count=true');
    expect(all.body['@odata.count']).toBe(total);
    expect(all.body.value).toHaveLength(total);
    expect(new Set(all.body.value.map((m: Json) => m.parentFolderId)).size).toBeGreaterThan(1);
    const unreadAnywhere = await c.graph('/me/messages?$filter=isRead eq false&$top=2');
    expect(unreadAnywhere.body.value.every((m: Json) => m.isRead === false)).toBe(true);
    expect(unreadAnywhere.body['@odata.nextLink']).toMatch(/\/v1\.0\/me\/messages\?/);
  });
});
