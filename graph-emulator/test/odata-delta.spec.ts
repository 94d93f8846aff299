import { MEGAN, useSeededMailbox } from './support/emulator-suite.js';
import { deltaRound, type Json } from './support/mail-client.js';

describe('OData on message delta: changeType, $top and the documented limits', () => {
  const { t, c } = useSeededMailbox({ messages: 50, seed: 13, until: '2025-06-01T00:00:00Z', spanDays: 50 });

  const deltaUrl = (query = '') => `${t.emulator.graphBaseUrl}/me/mailFolders/inbox/messages/delta${query}`;

  /** A round after the walk with one message delivered, one marked read (or unread) and one deleted. */
  async function changes(query: string) {
    const walk = await deltaRound(c, deltaUrl(query), { prefer: 'odata.maxpagesize=100' });
    const [updated, deleted] = walk.items as Json[];
    const delivered = await c.admin(`/mailboxes/${MEGAN}/messages`, 'POST', { subject: 'Fresh', body: 'New mail' });
    await c.admin(`/mailboxes/${MEGAN}/messages/${updated!.id}`, 'PATCH', { isRead: !updated!.isRead });
    expect((await c.admin(`/mailboxes/${MEGAN}/messages/${deleted!.id}?permanent=true`, 'DELETE')).status).toBe(204);
    const round = await deltaRound(c, walk.deltaLink);
    return { walk, round, created: delivered.body.id as string, updated: updated!.id as string, deleted: deleted!.id as string };
  }

  it('changeType=created keeps only new messages in later rounds, after a full initial walk', async () => {
    const total = (await c.graph('/me/mailFolders/inbox')).body.totalItemCount as number;
    const { walk, round, created } = await changes('?$select=subject,isRead&changeType=created');
    expect(walk.items).toHaveLength(total);
    expect(round.items.map((m) => m.id)).toEqual([created]);
    expect(round.items[0]).toMatchObject({ subject: 'Fresh' });
    expect(Object.keys(round.items[0]!).sort()).toEqual(['@odata.etag', '@odata.type', 'id', 'isRead', 'subject']);
  });

  it('changeType=updated and changeType=deleted keep only their kind; without it every change comes', async () => {
    const updates = await changes('?$select=isRead&changeType=updated');
    expect(updates.round.items.map((m) => m.id)).toEqual([updates.updated]);
    const deletions = await changes('?$select=isRead&changeType=deleted');
    expect(deletions.round.items).toEqual([expect.objectContaining({ id: deletions.deleted, '@removed': { reason: 'deleted' } })]);
    const every = await changes('?$select=isRead');
    expect(new Set(every.round.items.map((m) => m.id))).toEqual(new Set([every.created, every.updated, every.deleted]));
    expect((await c.graph(deltaUrl('?changeType=moved'))).status).toBe(400);
  });

  it('$top sets the page size of every page of the sync, carried in the links', async () => {
    const round = await deltaRound(c, deltaUrl('?$top=4&$select=subject'));
    expect(round.pages.length).toBeGreaterThan(2);
    for (const page of round.pages.slice(0, -1)) expect(page.value).toHaveLength(4);
    expect(round.pages.slice(0, -1).every((page) => !/\$top/.test(page['@odata.nextLink']))).toBe(true);
    expect(Object.keys(round.items[0]!).sort()).toEqual(['@odata.etag', '@odata.type', 'id', 'subject']);
  });

  it('refuses $orderby, $search, $count and $skip as change tracking does, and 501 for $expand', async () => {
    for (const query of ['$orderby=receivedDateTime desc', '$search="x"', '$count=true', '$skip=2']) {
      const answer = await c.graph(deltaUrl(`?${query}`));
      expect(answer.status).toBe(400);
      expect(answer.body.error.code).toBe('ErrorInvalidUrlQuery');
      expect(answer.body.error.message).toContain("not supported with change tracking over the 'Messages' resource");
    }
    expect((await c.graph(deltaUrl("?$filter=isRead eq false"))).status).toBe(400);
    expect((await c.graph(deltaUrl('?$expand=attachments'))).status).toBe(501);
    const first = await c.graph(deltaUrl('?$top=2'));
    const withExtra = await c.graph(`${first.body['@odata.nextLink']}&$select=subject`);
    expect(withExtra.status).toBe(400);
    expect(withExtra.body.error.message).toContain('cannot be combined with a delta or skip token');
  });

  it('a restart after an invalidated token keeps changeType and $top', async () => {
    const walk = await deltaRound(c, deltaUrl('?$top=5&changeType=created'));
    await c.admin('/delta/invalidate', 'POST', { user: MEGAN, folder: 'inbox' });
    const gone = await c.graph(walk.deltaLink);
    expect(gone.status).toBe(410);
    const location = gone.headers.get('location')!;
    expect(location).toContain('changeType=created');
    expect(location).toContain('$top=5');
    expect((await c.graph(location)).body.value).toHaveLength(5);
  });
});
