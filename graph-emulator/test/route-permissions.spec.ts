import { GRAPH_ROUTES } from '../src/graph/graph-routes.js';
import { ROUTE_PERMISSIONS, type RoutePermission } from '../src/graph/route-permissions.js';
import { findGraphPermission } from '../src/identity/graph-permissions.js';
import { MEGAN, useSeededMailbox } from './support/emulator-suite.js';
import { mailClient, type Json } from './support/mail-client.js';
import { appTokenWithScopes, tokenWithScopes } from './support/scoped-token.js';

const ENTRIES: RoutePermission[] = Object.values(ROUTE_PERMISSIONS);

describe('the permissions table', () => {
  it('gives every route an entry of ROUTE_PERMISSIONS, so a new route cannot go without one', () => {
    for (const route of GRAPH_ROUTES) {
      const where = `${route.method} ${route.pattern}`;
      expect({ where, known: ENTRIES.includes(route.permission) }).toEqual({ where, known: true });
    }
  });

  it("keys each entry by its API reference page and names only permissions the identity side knows, in the reference's spelling", () => {
    for (const [key, permission] of Object.entries(ROUTE_PERMISSIONS) as [string, RoutePermission][]) {
      expect({ key, page: key === permission.doc || key.startsWith(`${permission.doc}-`) }).toEqual({ key, page: true });
      const lists = permission.delegated === 'per-resource' ? [] : [permission.delegated, permission.personal ?? []];
      if (permission.delegated !== 'per-resource') expect(permission.delegated.length).toBeGreaterThan(0);
      for (const name of lists.flat()) expect({ name, known: findGraphPermission(name)?.name }).toEqual({ name, known: name });
    }
  });
});

describe('permissions per route, as each API reference page lists them', () => {
  const { t, c } = useSeededMailbox({ messages: 6, seed: 5 });
  let messageId = '';
  beforeEach(async () => {
    messageId = (await c.graph('/me/messages?$top=1&$select=subject')).body.value[0].id as string;
  });

  /** A request per permission entry the mail routes use, and the scopes that pass it. */
  const mailRequests = (id: string): { method: string; path: string; body?: Json; allowedWith: string[] }[] => [
    { method: 'GET', path: '/me/mailFolders', allowedWith: ['Mail.ReadBasic', 'Mail.Read', 'Mail.ReadWrite'] },
    { method: 'GET', path: '/me/mailFolders/inbox', allowedWith: ['Mail.ReadBasic', 'Mail.Read', 'Mail.ReadWrite'] },
    { method: 'GET', path: '/me/mailFolders/inbox/childFolders', allowedWith: ['Mail.ReadBasic', 'Mail.Read', 'Mail.ReadWrite'] },
    { method: 'GET', path: '/me/messages', allowedWith: ['Mail.ReadBasic', 'Mail.Read', 'Mail.ReadWrite'] },
    { method: 'GET', path: `/users/${MEGAN}/messages/${id}`, allowedWith: ['Mail.ReadBasic', 'Mail.Read', 'Mail.ReadWrite'] },
    { method: 'GET', path: '/me/mailFolders/inbox/messages/delta', allowedWith: ['Mail.ReadBasic', 'Mail.Read', 'Mail.ReadWrite'] },
    { method: 'PATCH', path: `/me/messages/${id}`, body: { isRead: true }, allowedWith: ['Mail.ReadWrite'] },
    { method: 'POST', path: `/me/messages/${id}/move`, body: { destinationId: 'archive' }, allowedWith: ['Mail.ReadWrite'] },
    { method: 'DELETE', path: `/me/messages/${id}`, allowedWith: ['Mail.ReadWrite'] },
  ];

  it('answers 403 ErrorAccessDenied to a token without any of the listed permissions, and lets each listed one through', async () => {
    const tokens: Record<string, string> = {};
    for (const scope of ['Mail.ReadBasic', 'Mail.Read', 'Mail.ReadWrite', 'Mail.Send']) tokens[scope] = await tokenWithScopes(t, ['User.Read', scope]);
    for (const request of mailRequests(messageId)) {
      for (const [scope, token] of Object.entries(tokens)) {
        // Write requests change the mailbox: only the refusals are tried, then one allowed write at the end of the list.
        const allowed = request.allowedWith.includes(scope);
        if (allowed && request.method !== 'GET') continue;
        const answer = await mailClient(t, token).graph(request.path, { method: request.method, ...(request.body ? { body: request.body } : {}) });
        const what = `${request.method} ${request.path} with ${scope}`;
        if (allowed) expect({ what, status: answer.status }).toEqual({ what, status: 200 });
        else {
          expect({ what, status: answer.status }).toEqual({ what, status: 403 });
          expect(answer.body.error).toMatchObject({ code: 'ErrorAccessDenied', message: 'Access is denied. Check credentials and try again.' });
        }
      }
    }
    const writer = mailClient(t, tokens['Mail.ReadWrite']!);
    expect((await writer.graph(`/me/messages/${messageId}`, { method: 'PATCH', body: { isRead: true } })).status).toBe(200);
    expect((await writer.graph(`/me/messages/${messageId}`, { method: 'DELETE' })).status).toBe(204);
  });

  it('checks inside $batch too', async () => {
    const basic = mailClient(t, await tokenWithScopes(t, ['User.Read', 'Mail.ReadBasic']));
    const batch = await basic.graph('/$batch', {
      method: 'POST',
      body: { requests: [
        { id: '1', method: 'GET', url: '/me/messages?$select=subject' },
        { id: '2', method: 'PATCH', url: `/me/messages/${messageId}`, headers: { 'content-type': 'application/json' }, body: { isRead: true } },
      ] },
    });
    const byId = Object.fromEntries((batch.body.responses as Json[]).map((r) => [r.id, r]));
    expect(byId['1']!.status).toBe(200);
    expect(byId['2']!.status).toBe(403);
    expect(byId['2']!.body.error.code).toBe('ErrorAccessDenied');
  });

  it('needs User.Read or higher for /me: Authorization_RequestDenied, the directory 403, without it', async () => {
    const mailOnly = mailClient(t, await appTokenWithScopes(t, ['Mail.Read']));
    const denied = await mailOnly.graph('/me');
    expect(denied.status).toBe(403);
    expect(denied.body.error).toMatchObject({ code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' });
    expect((await mailOnly.graph('/me/messages?$top=1')).status).toBe(200);
    const readAll = mailClient(t, await appTokenWithScopes(t, ['User.ReadWrite']));
    expect((await readAll.graph('/me')).status).toBe(200);
  });
});
