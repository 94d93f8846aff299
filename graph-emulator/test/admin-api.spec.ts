import { DEMO_APP, DEMO_DIRECTORY, DEMO_USERS } from '../src/index.js';
import { useTestEmulator } from './support/emulator-suite.js';
import { openConsentPage, redeemCode, signIn, submitConsent } from './support/auth-flow.js';
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

  it("lets only administrators consent when the tenant says so, until an administrator consents for everyone", async () => {
    const policy = await t.request('/_admin/tenants/contoso.com/user-consent', json('PUT', { userConsent: 'admin-only' }));
    expect(policy.status).toBe(200);
    expect(((await policy.json()) as { userConsent: string }).userConsent).toBe('admin-only');
    expect((await t.request('/_admin/tenants/contoso.com/user-consent', json('PUT', { userConsent: 'sometimes' }))).status).toBe(400);

    const member = await submitConsent(t, await openConsentPage(t, { codeChallenge: pkcePair().challenge }), { account: 'alex.wilber@contoso.com' });
    expect(member.searchParams.get('error')).toBe('access_denied');
    expect(member.searchParams.get('error_description')).toMatch(/^AADSTS90094:/);
    expect(member.searchParams.get('code')).toBeNull();
    // An administrator is not held back, and once one consents for the tenant its members may sign in.
    await signIn(t, { account: 'megan.bowen@contoso.com' });
    const form = await openConsentPage(t, { codeChallenge: pkcePair().challenge });
    t.emulator.store.grantAdminConsent(DEMO_USERS[0]!.tenantId, DEMO_APP.clientId, form.scopes.map((scope) => scope.value), 'megan.bowen@contoso.com');
    expect((await submitConsent(t, form, { account: 'alex.wilber@contoso.com' })).searchParams.get('code')).toBeTruthy();
  });

  it('rotates the client secret: the old one is refused with AADSTS7000215, the new one works', async () => {
    const first = await signIn(t);
    const rotated = await t.request(`/_admin/apps/${DEMO_APP.clientId}/secret`, json('PUT', { clientSecret: 'rotated-secret-1234' }));
    expect(rotated.status).toBe(200);
    const refused = await redeemCode(t, first);
    expect(refused.status).toBe(401);
    expect(refused.body).toMatchObject({ error: 'invalid_client', error_codes: [7000215] });
    const second = await signIn(t);
    expect((await redeemCode(t, second, { client_secret: 'rotated-secret-1234' })).status).toBe(200);
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
