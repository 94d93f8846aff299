import { DEMO_USERS } from '../src/index.js';
import { MEGAN, useSeededMailbox } from './support/emulator-suite.js';
import { mailClient, type Json } from './support/mail-client.js';
import { tokenWithScopes } from './support/scoped-token.js';

describe('GET /me and GET /users/{id | userPrincipalName}', () => {
  const { t, c } = useSeededMailbox({ messages: 1, seed: 1 });
  const megan = DEMO_USERS.find((user) => user.userPrincipalName === MEGAN)!;
  const alex = DEMO_USERS.find((user) => user.userPrincipalName === 'alex.wilber@contoso.com')!;

  const expectError = (answer: { status: number; body: Json }, status: number, code: string, message?: string | RegExp) => {
    expect({ status: answer.status, code: answer.body.error?.code }).toEqual({ status, code });
    if (message !== undefined) expect(answer.body.error.message).toMatch(message);
  };

  it('answers the signed-in user under /users by id and by userPrincipalName, as /me does', async () => {
    const me = await c.graph('/me');
    expect(me.status).toBe(200);
    for (const path of [megan.id, MEGAN, MEGAN.toUpperCase()].map((segment) => `/users/${encodeURIComponent(segment)}`).concat(`/users('${MEGAN}')`)) {
      const user = await c.graph(path);
      expect(user.status).toBe(200);
      expect(user.body).toEqual(me.body);
    }
    const selected = await c.graph(`/users/${MEGAN}?$select=displayName,MAIL`);
    expect(selected.body).toEqual({ '@odata.context': expect.stringMatching(/\$metadata#users\(displayName,mail\)\/\$entity$/), displayName: 'Megan Bowen', mail: MEGAN });
  });

  it('validates $select through the user schema: unknown is 400, documented but not kept is 501; $expand is 501; other options 400', async () => {
    expectError(await c.graph('/me?$select=displayName,nope'), 400, 'BadRequest', "Could not find a property named 'nope' on type 'microsoft.graph.user'.");
    expectError(await c.graph(`/users/${MEGAN}?$select=nope`), 400, 'BadRequest', /'nope' on type 'microsoft\.graph\.user'/);
    expectError(await c.graph('/me?$select=department'), 501, 'NotImplemented', /'department'/);
    expectError(await c.graph('/me?$expand=manager'), 501, 'NotImplemented', /\$expand=manager/);
    expectError(await c.graph('/me?$expand=nope'), 400, 'BadRequest', /'nope'/);
    expectError(await c.graph("/me?$filter=displayName eq 'x'"), 400, 'BadRequest', "The query parameter '$filter' is not supported.");
    const all = await c.graph('/me?$select=*');
    expect(Object.keys(all.body)).toEqual(expect.arrayContaining(['id', 'otherMails', 'businessPhones']));
  });

  it('answers 404 Request_ResourceNotFound for a user it does not know, or of another tenant', async () => {
    expectError(await c.graph('/users/nobody@contoso.com'), 404, 'Request_ResourceNotFound', "Resource 'nobody@contoso.com' does not exist or one of its queried reference-property objects are not present.");
    const otherTenant = DEMO_USERS.find((user) => user.tenantId !== megan.tenantId)!;
    expectError(await c.graph(`/users/${otherTenant.id}`), 404, 'Request_ResourceNotFound');
  });

  it('reads another user only with a directory permission: 403 with User.Read, basic properties with User.ReadBasic.All', async () => {
    expectError(await c.graph(`/users/${alex.userPrincipalName}`), 403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
    const basic = mailClient(t, await tokenWithScopes(t, ['User.Read', 'User.ReadBasic.All']));
    const basicRead = await basic.graph(`/users/${alex.id}?$select=id,displayName,mail`);
    expect(basicRead.status).toBe(200);
    expect(basicRead.body).toMatchObject({ id: alex.id, displayName: alex.displayName, mail: alex.mail });
    expectError(await basic.graph(`/users/${alex.id}`), 501, 'NotImplemented', /User\.ReadBasic\.All/);
  });
});

describe('GET /subscriptions takes no OData query options', () => {
  const { c } = useSeededMailbox({ messages: 1, seed: 1 });

  it('refuses them on the list as documented, and answers 501 on one subscription', async () => {
    expect((await c.graph('/subscriptions')).status).toBe(200);
    const listed = await c.graph('/subscriptions?$top=1');
    expect(listed.status).toBe(400);
    expect(listed.body.error).toMatchObject({ code: 'BadRequest', message: "The query parameter '$top' is not supported." });
    const one = await c.graph('/subscriptions/7f1e4d3c-0000-4000-8000-000000000001?$select=id');
    expect(one.status).toBe(501);
    expect(one.body.error.code).toBe('NotImplemented');
  });
});
