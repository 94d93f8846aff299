import { MEGAN, useSeededMailbox } from './support/emulator-suite.js';
import type { Json } from './support/mail-client.js';

describe('Graph paths the emulator does not serve: 501 naming them; paths Graph does not have: its 400', () => {
  const { c } = useSeededMailbox({ messages: 3, seed: 2 });

  const expectLacking = (answer: { status: number; body: Json }, what: string) => {
    expect({ what, status: answer.status, code: answer.body.error?.code }).toEqual({ what, status: 501, code: 'NotImplemented' });
    expect(answer.body.error.message).toBe(`The Graph emulator does not implement ${what}.`);
    expect(answer.body.error.innerError['request-id']).toBeTruthy();
  };

  it('answers 501 for what Graph has under /me and /users/{id}, and at the root', async () => {
    const id = (await c.graph('/me/messages?$top=1&$select=subject')).body.value[0].id as string;
    const cases: [string, string, string][] = [
      ['GET', '/me/contacts/AAMk1/photo', 'GET /me/contacts/{id}/…'],
      ['GET', '/me/planner/tasks', 'GET /me/planner/…'],
      ['GET', '/me/outlook/masterCategories', 'GET /me/outlook/…'],
      ['POST', `/me/messages/${id}/copy`, 'POST /me/messages/{id}/copy'],
      ['GET', '/me/todo/lists/AAMk1/tasks/AAMk2/checklistItems', 'GET /me/todo/…'],
      ['GET', '/me/drive/items/AAA/thumbnails', 'GET /me/drive/items/{id}/thumbnails'],
      ['POST', '/me/drive/items/AAA/copy', 'POST /me/drive/items/{id}/copy'],
      ['GET', '/me/drive/root/permissions', 'GET /me/drive/root/permissions'],
      ['GET', '/me/drive/root:/Folder/a.txt:/thumbnails', 'GET /me/drive/…'],
      ['GET', '/me/drive/special/approot', 'GET /me/drive/special/{id}'],
      ['GET', '/drives/b!abc/root/delta', 'GET /drives/{id}/root/delta'],
      ['GET', '/sites/abc/lists', 'GET /sites/{id}/lists'],
      ['GET', '/me/chats', 'GET /me/chats'],
      ['GET', '/me/joinedTeams', 'GET /me/joinedTeams'],
      ['GET', '/me/memberOf', 'GET /me/memberOf'],
      ['PATCH', '/me', 'PATCH /me'],
      ['POST', '/me/mailFolders', 'POST /me/mailFolders'],
      ['GET', '/me/mailFolders/delta', 'mail folder delta (GET /me/mailFolders/delta)'],
      ['GET', '/me/mailFolders/inbox/messageRules', 'GET /me/mailFolders/{id}/messageRules'],
      ['GET', '/me/mailFolders/inbox/childFolders/AAMk1/messages', 'GET /me/mailFolders/{id}/childFolders/{id}/messages'],
      ['GET', `/users/${MEGAN}/presence`, 'GET /users/{id}/presence'],
      ['GET', '/users', 'GET /users'],
      ['GET', '/groups', 'GET /groups'],
      ['GET', '/groups/abc/members', 'GET /groups/…'],
      ['GET', '/shares/abc/driveItem', 'GET /shares/…'],
      ['GET', '/$metadata', 'GET /$metadata'],
      ['GET', '/subscriptions/abc/reauthorize', 'GET /subscriptions/{id}/reauthorize'],
      ['PUT', '/subscriptions/abc', 'PUT /subscriptions/{id}'],
    ];
    for (const [method, path, what] of cases) expectLacking(await c.graph(path, { method, ...(method === 'GET' ? {} : { body: {} }) }), what);
  });

  it("keeps Graph's 400 for segments Graph does not have", async () => {
    for (const [path, segment] of [['/me/nonsense', 'nonsense'], ['/me/messages/AAMk1/nonsense', 'nonsense'], ['/nonsense', 'nonsense'], ['/me/drive/items/AAA/nonsense', 'nonsense'], ['/sites/abc/nonsense', 'nonsense']]) {
      const answer = await c.graph(path!);
      expect({ path, status: answer.status }).toEqual({ path, status: 400 });
      expect(answer.body.error).toMatchObject({ code: 'BadRequest', message: `Resource not found for the segment '${segment}'.` });
    }
  });

  it('answers the same inside $batch', async () => {
    const batch = await c.graph('/$batch', {
      method: 'POST',
      body: { requests: [{ id: '1', method: 'GET', url: '/me/presence' }, { id: '2', method: 'GET', url: '/me/nonsense' }] },
    });
    const byId = Object.fromEntries((batch.body.responses as Json[]).map((r) => [r.id, r]));
    expect(byId['1']).toMatchObject({ status: 501, body: { error: { code: 'NotImplemented', message: 'The Graph emulator does not implement GET /me/presence.' } } });
    expect(byId['2']).toMatchObject({ status: 400, body: { error: { code: 'BadRequest' } } });
  });
});
