import { createLocalJWKSet, jwtVerify } from 'jose';
import type { JSONWebKeySet } from 'jose';
import { CONTOSO_TENANT_ID, DEMO_USERS, GRAPH_RESOURCE_APP_ID } from '../src/index.js';
import { DEMO_REDIRECT_URI, decodeJwtPayload, formBody, pkcePair, submittedScopes } from './support/emulator-harness.js';
import { useTestEmulator } from './support/emulator-suite.js';
import { openConsentPage, redeemCode, signIn, submitConsent } from './support/auth-flow.js';

const megan = DEMO_USERS.find((u) => u.userPrincipalName === 'megan.bowen@contoso.com')!;

describe('authorization code flow with PKCE', () => {
  const t = useTestEmulator();

  it('renders a consent page with accounts, scopes and stable field names', async () => {
    const form = await openConsentPage(t, { codeChallenge: pkcePair().challenge, loginHint: 'alex.wilber@contoso.com' });
    expect(form.action).toBe('/common/oauth2/v2.0/authorize');
    expect(form.request).toMatch(/^[0-9a-f-]{36}$/);
    expect(form.accounts.map((a) => a.value)).toEqual(expect.arrayContaining(['megan.bowen@contoso.com', 'lee.gu@fabrikam.com', 'demo.user@outlook.com']));
    expect(form.accounts.find((a) => a.checked)?.value).toBe('alex.wilber@contoso.com');
    const byScope = Object.fromEntries(form.scopes.map((s) => [s.value, s]));
    expect(byScope['User.Read']).toMatchObject({ checked: true, disabled: true });
    expect(byScope['openid']).toMatchObject({ checked: true, disabled: true });
    expect(byScope['offline_access']).toMatchObject({ checked: true, disabled: true });
    expect(byScope['Mail.ReadWrite']).toMatchObject({ checked: true, disabled: false });
  });

  it('issues tokens whose id_token verifies against the JWKS, with client_info', async () => {
    const result = await signIn(t, { nonce: 'nonce-abc', state: 'xyz' });
    expect(result.location.origin + result.location.pathname).toBe(DEMO_REDIRECT_URI);
    expect(result.location.searchParams.get('state')).toBe('xyz');
    expect(result.location.searchParams.get('client_info')).toBeTruthy();

    const { status, body } = await redeemCode(t, result);
    expect(status).toBe(200);
    expect(body.token_type).toBe('Bearer');
    expect(body.expires_in).toBe(3600);
    expect(body.ext_expires_in).toBe(3600);
    expect(body.scope.split(' ')).toEqual(['User.Read', 'Mail.ReadWrite', 'openid', 'profile', 'offline_access']);
    expect(typeof body.refresh_token).toBe('string');

    const jwks = (await (await t.request('/common/discovery/v2.0/keys')).json()) as JSONWebKeySet;
    const { payload, protectedHeader } = await jwtVerify(body.id_token, createLocalJWKSet(jwks), {
      issuer: `${t.emulator.baseUrl}/${CONTOSO_TENANT_ID}/v2.0`,
      audience: t.emulator.demoApp.clientId,
    });
    expect(protectedHeader).toMatchObject({ alg: 'RS256', kid: jwks.keys[0]!.kid });
    expect(payload).toMatchObject({
      tid: CONTOSO_TENANT_ID,
      oid: megan.id,
      name: 'Megan Bowen',
      preferred_username: 'megan.bowen@contoso.com',
      nonce: 'nonce-abc',
    });
    expect(payload.sub).toBeTruthy();

    const access = await jwtVerify(body.access_token, createLocalJWKSet(jwks), { audience: GRAPH_RESOURCE_APP_ID });
    expect(access.payload).toMatchObject({
      iss: `https://sts.windows.net/${CONTOSO_TENANT_ID}/`,
      tid: CONTOSO_TENANT_ID,
      oid: megan.id,
      upn: 'megan.bowen@contoso.com',
      appid: t.emulator.demoApp.clientId,
    });
    expect(String(access.payload.scp).split(' ')).toEqual(['User.Read', 'Mail.ReadWrite', 'openid', 'profile']);

    const clientInfo = JSON.parse(Buffer.from(body.client_info, 'base64url').toString('utf8'));
    expect(clientInfo).toEqual({ uid: megan.id, utid: CONTOSO_TENANT_ID });
  });

  it('leaves an unticked optional scope out of the token', async () => {
    const result = await signIn(t, {
      scope: 'User.Read Mail.ReadWrite Calendars.ReadWrite openid profile offline_access',
      dropScopes: ['Calendars.ReadWrite'],
    });
    const { body } = await redeemCode(t, result);
    expect(body.scope.split(' ')).toContain('Mail.ReadWrite');
    expect(body.scope.split(' ')).not.toContain('Calendars.ReadWrite');
    expect(String(decodeJwtPayload(body.access_token).scp).split(' ')).not.toContain('Calendars.ReadWrite');
  });

  it('grants required scopes even when the form omits them', async () => {
    const result = await signIn(t, { scopes: [] });
    const { body } = await redeemCode(t, result);
    expect(body.scope.split(' ')).toEqual(['User.Read', 'openid', 'profile', 'offline_access']);
  });

  it('redirects with access_denied when the user cancels', async () => {
    const form = await openConsentPage(t, { codeChallenge: pkcePair().challenge, state: 's1' });
    const location = await submitConsent(t, form, { action: 'cancel' });
    expect(location.searchParams.get('error')).toBe('access_denied');
    expect(location.searchParams.get('error_description')).toMatch(/^AADSTS65004: User declined to consent to access the app\./);
    expect(location.searchParams.get('state')).toBe('s1');
    expect(location.searchParams.get('code')).toBeNull();
  });

  it('rejects a wrong code_verifier with AADSTS501481', async () => {
    const result = await signIn(t);
    const { status, body } = await redeemCode(t, result, { code_verifier: pkcePair().verifier });
    expect(status).toBe(400);
    expect(body.error).toBe('invalid_grant');
    expect(body.error_codes).toEqual([501481]);
    expect(body).toHaveProperty('trace_id');
    expect(body).toHaveProperty('correlation_id');
    expect(body).toHaveProperty('timestamp');
    expect(body).toHaveProperty('error_uri');
  });

  it('rejects a reused code with AADSTS54005', async () => {
    const result = await signIn(t);
    expect((await redeemCode(t, result)).status).toBe(200);
    const second = await redeemCode(t, result);
    expect(second.status).toBe(400);
    expect(second.body.error).toBe('invalid_grant');
    expect(second.body.error_codes).toEqual([54005]);
  });

  it('rejects a code redeemed with another redirect_uri (AADSTS500117) and an unknown code (AADSTS70000)', async () => {
    const result = await signIn(t);
    const moved = await redeemCode(t, result, { redirect_uri: 'http://localhost:3000/elsewhere' });
    expect(moved.body.error_codes).toEqual([500117]);
    const unknown = await redeemCode(t, { ...result, code: 'not-a-code' });
    expect(unknown.body).toMatchObject({ error: 'invalid_grant', error_codes: [70000] });
  });

  it("rejects a redemption whose scope names another resource than Graph with AADSTS70011, and keeps the code", async () => {
    const result = await signIn(t);
    const foreign = await redeemCode(t, result, { scope: 'https://foo.microsoft.com/mail.read openid' });
    expect(foreign.status).toBe(400);
    expect(foreign.body).toMatchObject({ error: 'invalid_scope', error_codes: [70011] });
    expect(foreign.body.error_description).toContain('https://foo.microsoft.com/mail.read');
    expect((await redeemCode(t, result, { scope: 'Mail.ReadWrite https://graph.microsoft.com/.default offline_access' })).status).toBe(200);
  });

  it('rejects an expired code with AADSTS70008', async () => {
    const result = await signIn(t);
    t.emulator.store.saveAuthCode({ ...t.emulator.store.getAuthCode(result.code)!, expiresAt: Date.now() - 1 });
    expect((await redeemCode(t, result)).body.error_codes).toEqual([70008]);
  });

  it('authenticates the client: wrong secret → 401 invalid_client, unknown client → unauthorized_client, Basic works', async () => {
    const result = await signIn(t);
    const wrong = await redeemCode(t, result, { client_secret: 'nope' });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({ error: 'invalid_client', error_codes: [7000215] });

    const unknown = await redeemCode(t, result, { client_id: '11111111-2222-3333-4444-555555555555' });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ error: 'unauthorized_client', error_codes: [700016] });

    const basic = Buffer.from(`${t.emulator.demoApp.clientId}:${t.emulator.demoApp.clientSecret}`).toString('base64');
    const response = await t.request('/common/oauth2/v2.0/token', {
      method: 'POST',
      headers: { authorization: `Basic ${basic}` },
      body: formBody({ grant_type: 'authorization_code', code: result.code, redirect_uri: DEMO_REDIRECT_URI, code_verifier: result.verifier }),
    });
    expect(response.status).toBe(200);
  });

  it('logs issued tokens without their values', async () => {
    const log = (await (await t.request('/_admin/tokens?user=megan.bowen@contoso.com')).json()) as { value: Record<string, unknown>[] };
    expect(log.value.length).toBeGreaterThan(0);
    expect(log.value[0]).toEqual(expect.objectContaining({
      kind: expect.any(String), userId: megan.id, clientId: t.emulator.demoApp.clientId, scopes: expect.any(Array),
      issuedAt: expect.any(String), expiresAt: expect.any(String), revoked: false,
    }));
    expect(JSON.stringify(log)).not.toMatch(/eyJ|0\.EMU\./);
  });

  it('lets a browser submit only the ticked, enabled scope boxes', async () => {
    const { challenge } = pkcePair();
    const form = await openConsentPage(t, { codeChallenge: challenge });
    expect(submittedScopes(form)).toEqual(['Mail.ReadWrite']);
  });
});
