import { DEMO_APP, DEMO_DIRECTORY, DEMO_USERS } from '../src/index.js';
import { useTestEmulator } from './support/emulator-suite.js';
import { openConsentPage, redeemCode, signIn } from './support/auth-flow.js';
import { pkcePair } from './support/emulator-harness.js';

describe('admin API and seed', () => {
  const t = useTestEmulator({}, { resetEachTest: true });

  const json = (method: string, body: unknown) => ({
    method,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

  it('seeds the demo tenants, users and app', async () => {
    const users = (await (await t.request('/_admin/users')).json()) as { value: { userPrincipalName: string }[] };
    expect(users.value.map((u) => u.userPrincipalName)).toEqual(DEMO_USERS.map((u) => u.userPrincipalName));
    expect(t.emulator.demoApp).toEqual({ clientId: DEMO_APP.clientId, clientSecret: 'demo-client-secret' });
  });

  it('has a demo directory of 10 companies and 50 people', () => {
    expect(DEMO_DIRECTORY.companies).toHaveLength(10);
    expect(DEMO_DIRECTORY.people).toHaveLength(50);
    const domains = new Set(DEMO_DIRECTORY.companies.map((c) => c.domain));
    expect(DEMO_DIRECTORY.people.every((p) => domains.has(p.companyDomain))).toBe(true);
    expect(new Set(DEMO_DIRECTORY.people.map((p) => p.email)).size).toBe(50);
    expect(DEMO_DIRECTORY.people.map((p) => p.email)).toEqual(
      expect.arrayContaining(['megan.bowen@contoso.com', 'alex.wilber@contoso.com', 'lee.gu@fabrikam.com']),
    );
  });

  it('adds tenants and users, who can then sign in', async () => {
    const tenant = await t.request('/_admin/tenants', json('POST', { displayName: 'Northwind', domains: ['northwindtraders.com'] }));
    expect(tenant.status).toBe(201);
    const user = await t.request('/_admin/users', json('POST', { userPrincipalName: 'nina@northwindtraders.com', displayName: 'Nina Patel' }));
    expect(user.status).toBe(201);
    expect(await user.json()).toMatchObject({ givenName: 'Nina', surname: 'Patel', mail: 'nina@northwindtraders.com', isAdmin: false });
    const form = await openConsentPage(t, { tenant: 'northwindtraders.com', codeChallenge: pkcePair().challenge });
    expect(form.accounts.map((a) => a.value)).toEqual(['nina@northwindtraders.com']);
    expect((await t.request('/_admin/users', json('POST', { userPrincipalName: 'x@unknown.example' }))).status).toBe(400);
  });

  it('registers apps with their own redirect URIs and required scopes', async () => {
    const response = await t.request('/_admin/apps', json('POST', {
      clientSecret: 's3cret', redirectUris: ['https://crm.example/callback'], requiredScopes: ['User.Read', 'Mail.Read'],
    }));
    expect(response.status).toBe(201);
    const app = (await response.json()) as { clientId: string; requiredScopes: string[] };
    expect(app.requiredScopes).toEqual(['Mail.Read', 'User.Read']);
    const form = await openConsentPage(t, { clientId: app.clientId, redirectUri: 'https://crm.example/callback', scope: 'openid', codeChallenge: pkcePair().challenge });
    expect(form.scopes.find((s) => s.value === 'Mail.Read')).toMatchObject({ checked: true, disabled: true });
  });

  it('updates the config and rejects bad values', async () => {
    const ok = await t.request('/_admin/config', json('PUT', { accessTokenLifetimeSeconds: 120 }));
    expect(await ok.json()).toMatchObject({ accessTokenLifetimeSeconds: 120 });
    const { body } = await redeemCode(t, await signIn(t));
    expect(body.expires_in).toBe(120);
    expect((await t.request('/_admin/config', json('PUT', { accessTokenLifetimeSeconds: -1 }))).status).toBe(400);
  });

  it('resets to the seed', async () => {
    await t.request('/_admin/users', json('POST', { userPrincipalName: 'temp@contoso.com' }));
    await redeemCode(t, await signIn(t));
    expect((await t.request('/_admin/reset', { method: 'POST' })).status).toBe(204);
    const users = (await (await t.request('/_admin/users')).json()) as { value: unknown[] };
    expect(users.value).toHaveLength(DEMO_USERS.length);
    expect(((await (await t.request('/_admin/tokens')).json()) as { value: unknown[] }).value).toEqual([]);
  });

  it('answers 404 for unknown users on revoke-sessions', async () => {
    expect((await t.request('/_admin/users/nobody@contoso.com/revoke-sessions', { method: 'POST' })).status).toBe(404);
  });
});
