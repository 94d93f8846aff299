import { useSeededMailbox } from './support/emulator-suite.js';
import type { Json } from './support/mail-client.js';

describe('OData on mailFolders: every option honoured or refused', () => {
  const { c } = useSeededMailbox({ messages: 40, seed: 5, folders: ['Projects', 'Clients', 'Partners'], until: '2025-06-01T00:00:00Z', spanDays: 40 });

  const folders = async (query: string) => c.graph(`/me/mailFolders?${query}`);
  const everything = async (): Promise<Json[]> => (await folders('$top=100')).body.value as Json[];
  const names = (list: Json[]) => list.map((f) => f.displayName as string);

  it('$filter on names and counts gives the folders that match', async () => {
    const all = await everything();
    const inbox = await folders("$filter=displayName eq 'Inbox'");
    expect(inbox.status).toBe(200);
    expect(names(inbox.body.value)).toEqual(['Inbox']);
    expect(names((await folders("$filter=startswith(displayName,'p')&$top=100")).body.value)).toEqual(names(all.filter((f) => /^p/i.test(f.displayName))));
    const busy = await folders('$filter=totalItemCount gt 0 and not (wellKnownName eq null)&$top=100');
    expect(names(busy.body.value)).toEqual(names(all.filter((f) => f.totalItemCount > 0 && f.wellKnownName !== null)));
    const unread = await folders('$filter=unreadItemCount ge 1 or childFolderCount ge 1&$top=100');
    expect(names(unread.body.value)).toEqual(names(all.filter((f) => f.unreadItemCount >= 1 || f.childFolderCount >= 1)));
    const projects = all.find((f) => f.displayName === 'Projects')!;
    const children = await c.graph(`/me/mailFolders/${projects.id}/childFolders?$filter=parentFolderId eq '${projects.id}'&$count=true`);
    expect(children.body['@odata.count']).toBe(projects.childFolderCount);
  });

  it('$orderby, $count, /$count, $top/$skip and $select work together', async () => {
    const all = await everything();
    const sorted = await folders('$orderby=displayName desc&$top=100&$select=displayName');
    expect(names(sorted.body.value)).toEqual(names(all).sort((a, b) => b.localeCompare(a, 'en', { sensitivity: 'base' })));
    const byCount = await folders('$orderby=totalItemCount desc,displayName&$top=3&$count=true&$select=DISPLAYNAME,totalitemcount');
    expect(byCount.body['@odata.count']).toBe(all.length);
    expect(Object.keys(byCount.body.value[0]).sort()).toEqual(['displayName', 'id', 'totalItemCount']);
    const counts = byCount.body.value.map((f: Json) => f.totalItemCount as number);
    expect(counts).toEqual([...all.map((f) => f.totalItemCount as number)].sort((a, b) => b - a).slice(0, 3));
    expect(byCount.body['@odata.nextLink']).toContain('$skip=3');
    const counted = await c.graph('/me/mailFolders/$count');
    expect(counted.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(counted.body).toBe(all.length);
    expect((await c.graph("/me/mailFolders/$count?$filter=startswith(displayName,'p')")).body).toBe(all.filter((f) => /^p/i.test(f.displayName)).length);
  });

  it('refuses unknown properties and options, and answers 501 for what the emulator lacks', async () => {
    const unknown = await folders("$filter=colour eq 'red'");
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toBe("Could not find a property named 'colour' on type 'microsoft.graph.mailFolder'.");
    expect((await folders('$select=nope')).body.error.message).toBe("Could not find a property named 'nope' on type 'microsoft.graph.mailFolder'.");
    expect((await folders('$search="inbox"')).status).toBe(400);
    const expand = await folders('$expand=childFolders');
    expect(expand.status).toBe(501);
    expect(expand.body.error).toMatchObject({ code: 'NotImplemented', message: expect.stringContaining('$expand=childFolders') });
    expect((await c.graph('/me/mailFolders/inbox?$filter=isHidden eq false')).status).toBe(400);
    expect((await c.graph('/me/mailFolders/inbox?$select=displayname')).body).toEqual(expect.objectContaining({ displayName: 'Inbox' }));
  });
});
