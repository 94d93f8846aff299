import { MEGAN, useSeededMailbox } from './support/emulator-suite.js';
import { deltaRound, type Json } from './support/mail-client.js';

describe('mailbox: message delta', () => {
  const { t, c } = useSeededMailbox({ messages: 80, seed: 11, until: '2025-06-01T00:00:00Z', spanDays: 80 });

  const inboxCount = async () => (await c.graph('/me/mailFolders/inbox')).body.totalItemCount as number;
  const deltaUrl = (folder: string, query = '') => `/me/mailFolders/${folder}/messages/delta${query}`;

  it('walks the folder in pages of odata.maxpagesize, with opaque links carrying $select, then a deltaLink', async () => {
    const total = await inboxCount();
    const first = await c.graph(deltaUrl('inbox', '?$select=subject,from,isRead'), { headers: { prefer: 'odata.maxpagesize=7' } });
    expect(first.status).toBe(200);
    expect(first.headers.get('preference-applied')).toBe('odata.maxpagesize=7');
    expect(first.body.value).toHaveLength(7);
    const next = first.body['@odata.nextLink'] as string;
    expect(next).toMatch(/\/me\/mailFolders\/inbox\/messages\/delta\?\$skiptoken=[^&]+$/);
    expect(next).not.toContain('select');

    const round = await deltaRound(c, next, { prefer: 'odata.maxpagesize=7' });
    const items = [first.body.value, round.items].flat() as Json[];
    expect(new Set(items.map((m) => m.id)).size).toBe(total);
    expect(items.every((m) => Object.keys(m).sort().join() === ['@odata.etag', '@odata.type', 'from', 'id', 'isRead', 'subject'].join())).toBe(true);
    expect(round.pages.slice(0, -1).every((p) => p.value.length === 7)).toBe(true);
    expect(round.deltaLink).toMatch(/\$deltatoken=/);

    const nothing = await c.graph(round.deltaLink);
    expect(nothing.body.value).toEqual([]);
    expect(nothing.body['@odata.deltaLink']).toBeDefined();
  });

  it('uses 10 per page without the preference and caps maxpagesize at the configured maximum', async () => {
    const plain = await c.graph(deltaUrl('inbox'));
    expect(plain.body.value).toHaveLength(10);
    expect(plain.headers.get('preference-applied')).toBeNull();
    await c.admin('/mail-settings', 'PUT', { delta: { maxPageSize: 5 } });
    const capped = await c.graph(deltaUrl('inbox'), { headers: { prefer: 'odata.maxpagesize=999' } });
    expect(capped.body.value).toHaveLength(5);
    expect(capped.headers.get('preference-applied')).toBe('odata.maxpagesize=5');
  });

  it('reports new, read, moved-out (removed) and moved-in, and deleted messages in the next round', async () => {
    const inbox = await deltaRound(c, `${t.emulator.graphBaseUrl}${deltaUrl('inbox', '?$select=subject,isRead,parentFolderId')}`, { prefer: 'odata.maxpagesize=50' });
    const archive = await deltaRound(c, `${t.emulator.graphBaseUrl}${deltaUrl('archive', '?$select=subject')}`);
    const [toRead, toMove, toDelete] = inbox.items as Json[];

    const delivered = await c.admin(`/mailboxes/${MEGAN}/messages`, 'POST', { from: 'lee.gu@fabrikam.com', subject: 'Fresh' });
    await c.graph(`/me/messages/${toRead!.id}`, { method: 'PATCH', body: { isRead: !toRead!.isRead } });
    const moved = await c.graph(`/me/messages/${toMove!.id}/move`, { method: 'POST', body: { destinationId: 'archive' } });
    await c.graph(`/me/messages/${toDelete!.id}`, { method: 'DELETE' });

    const changes = await deltaRound(c, inbox.deltaLink);
    const byId = new Map(changes.items.map((item) => [item.id, item]));
    expect(changes.items).toHaveLength(4);
    expect(byId.get(delivered.body.id)).toMatchObject({ subject: 'Fresh', isRead: false });
    expect(Object.keys(byId.get(delivered.body.id)!)).not.toContain('body');
    expect(byId.get(toRead!.id)).toMatchObject({ isRead: !toRead!.isRead });
    expect(byId.get(toMove!.id)).toEqual({ '@odata.type': '#microsoft.graph.message', id: toMove!.id, '@removed': { reason: 'deleted' } });
    expect(byId.get(toDelete!.id)).toEqual({ '@odata.type': '#microsoft.graph.message', id: toDelete!.id, '@removed': { reason: 'deleted' } });

    const archiveChanges = await deltaRound(c, archive.deltaLink);
    expect(archiveChanges.items).toEqual([expect.objectContaining({ id: moved.body.id, subject: toMove!.subject })]);

    const quiet = await deltaRound(c, changes.deltaLink);
    expect(quiet.items).toEqual([]);
  });

  it('keeps ids across moves with immutable ids and pages a round of changes', async () => {
    const prefer = { prefer: 'IdType="ImmutableId", odata.maxpagesize=3' };
    const inbox = await deltaRound(c, `${t.emulator.graphBaseUrl}${deltaUrl('inbox', '?$select=subject')}`, prefer);
    const moveOut = (inbox.items as Json[]).slice(0, 5);
    for (const message of moveOut) {
      const moved = await c.graph(`/me/messages/${message.id}/move`, { method: 'POST', body: { destinationId: 'junkemail' }, headers: prefer });
      expect(moved.body.id).toBe(message.id);
    }
    const changes = await deltaRound(c, inbox.deltaLink, prefer);
    expect(changes.pages.length).toBeGreaterThan(1);
    expect(changes.items.map((i) => i.id).sort()).toEqual(moveOut.map((m) => m.id).sort());
    expect(changes.items.every((i) => i['@removed']?.reason === 'deleted')).toBe(true);
  });

  it('honours $filter=receivedDateTime ge on the walk', async () => {
    const all = await deltaRound(c, `${t.emulator.graphBaseUrl}${deltaUrl('inbox', '?$select=receivedDateTime')}`, { prefer: 'odata.maxpagesize=100' });
    const since = '2025-05-15T00:00:00Z';
    const filtered = await deltaRound(c, `${t.emulator.graphBaseUrl}${deltaUrl('inbox', `?$select=receivedDateTime&$filter=receivedDateTime ge ${since}`)}`);
    expect(filtered.items.length).toBe(all.items.filter((m) => m.receivedDateTime >= since).length);
    expect(filtered.items.length).toBeGreaterThan(0);
    expect((await c.graph(deltaUrl('inbox', '?$filter=subject eq \'x\''))).status).toBe(400);
  });

  it('answers 410 syncStateNotFound with a Location after invalidation, and 400 for garbled tokens', async () => {
    const round = await deltaRound(c, `${t.emulator.graphBaseUrl}${deltaUrl('inbox', '?$select=subject')}`, { prefer: 'odata.maxpagesize=100' });
    const midWalk = (await c.graph(deltaUrl('inbox'), { headers: { prefer: 'odata.maxpagesize=2' } })).body['@odata.nextLink'] as string;
    const archive = await deltaRound(c, `${t.emulator.graphBaseUrl}${deltaUrl('archive')}`);

    const invalidated = await c.admin('/delta/invalidate', 'POST', { user: MEGAN, folder: 'inbox' });
    expect(invalidated.body.invalidatedFolders).toBe(1);
    for (const link of [round.deltaLink, midWalk]) {
      const gone = await c.graph(link);
      expect(gone.status).toBe(410);
      expect(gone.body.error.code).toBe('syncStateNotFound');
      expect(gone.headers.get('location')).toMatch(/\/me\/mailFolders\/inbox\/messages\/delta\?.*\$deltatoken=$/);
    }
    expect((await c.graph(archive.deltaLink)).status).toBe(200);

    const restarted = await c.graph(`${t.emulator.graphBaseUrl}${deltaUrl('inbox', '?$deltatoken=')}`);
    expect(restarted.status).toBe(200);

    const garbled = round.deltaLink.replace(/\$deltatoken=(.)/, (_m, ch: string) => `$deltatoken=${ch === 'A' ? 'B' : 'A'}`);
    const bad = await c.graph(garbled);
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBeDefined();
    expect((await c.graph(deltaUrl('inbox', '?$deltatoken=nonsense'))).status).toBe(400);
    expect((await c.graph(round.deltaLink.replace('/inbox/', '/archive/'))).status).toBe(400);

    await c.admin('/delta/invalidate', 'POST', {});
    expect((await c.graph(archive.deltaLink)).status).toBe(410);
  });

  it('replays some items on a later page when the replay knob is on', async () => {
    await c.admin('/mail-settings', 'PUT', { delta: { replayRate: 1 }, faults: { seed: 5 } });
    const total = await inboxCount();
    const round = await deltaRound(c, `${t.emulator.graphBaseUrl}${deltaUrl('inbox', '?$select=id')}`, { prefer: 'odata.maxpagesize=6' });
    const ids = round.items.map((i) => i.id);
    expect(new Set(ids).size).toBe(total);
    expect(ids.length).toBeGreaterThan(total);
  });
});
