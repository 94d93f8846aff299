import { useTestEmulator } from './support/emulator-suite.js';
import { redeemCode, refresh, signIn } from './support/auth-flow.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('refresh tokens', () => {
  const t = useTestEmulator({}, { resetEachTest: true });

  async function tokensFor(account = 'megan.bowen@contoso.com') {
    const { body } = await redeemCode(t, await signIn(t, { account }));
    return body;
  }

  it('rotates: each use returns a new refresh token and the old one keeps working', async () => {
    const first = await tokensFor();
    const second = await refresh(t, first.refresh_token);
    expect(second.status).toBe(200);
    expect(second.body.refresh_token).toBeTruthy();
    expect(second.body.refresh_token).not.toBe(first.refresh_token);
    expect(second.body.access_token).not.toBe(first.access_token);
    expect(second.body.client_info).toBe(first.client_info);
    const again = await refresh(t, first.refresh_token);
    expect(again.status).toBe(200);
    expect((await refresh(t, second.body.refresh_token)).status).toBe(200);
  });

  it('answers AADSTS50173 after the user\'s sessions are revoked', async () => {
    const tokens = await tokensFor();
    const response = await t.request('/_admin/users/megan.bowen@contoso.com/revoke-sessions', { method: 'POST' });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { revokedRefreshTokens: number }).revokedRefreshTokens).toBe(1);
    const result = await refresh(t, tokens.refresh_token);
    expect(result.status).toBe(400);
    expect(result.body).toMatchObject({ error: 'invalid_grant', error_codes: [50173] });
    const log = (await (await t.request('/_admin/tokens?kind=refresh_token')).json()) as { value: { revoked: boolean }[] };
    expect(log.value.every((entry) => entry.revoked)).toBe(true);
  });

  it('answers AADSTS700082 when the refresh token sat idle beyond its lifetime', async () => {
    const put = await t.request('/_admin/config', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshTokenLifetimeSeconds: 1 }),
    });
    expect(((await put.json()) as { refreshTokenLifetimeSeconds: number }).refreshTokenLifetimeSeconds).toBe(1);
    const tokens = await tokensFor();
    await sleep(1200);
    const result = await refresh(t, tokens.refresh_token);
    expect(result.body).toMatchObject({ error: 'invalid_grant', error_codes: [700082] });
  });

  it('answers AADSTS65001 for scopes beyond the consent', async () => {
    const tokens = await tokensFor();
    const result = await refresh(t, tokens.refresh_token, { scope: 'https://graph.microsoft.com/Calendars.ReadWrite openid offline_access' });
    expect(result.body).toMatchObject({ error: 'invalid_grant', error_codes: [65001], suberror: 'consent_required' });
  });

  it('issues a consented subset of scopes', async () => {
    const tokens = await tokensFor();
    const result = await refresh(t, tokens.refresh_token, { scope: 'https://graph.microsoft.com/Mail.ReadWrite offline_access openid' });
    expect(result.status).toBe(200);
    expect(result.body.scope.split(' ')).toEqual(['Mail.ReadWrite', 'openid', 'offline_access']);
  });

  it('answers AADSTS70000 for an unknown token and AADSTS9002313 for a malformed one', async () => {
    const tokens = await tokensFor();
    const unknown = `${tokens.refresh_token.slice(0, -4)}AAAA`;
    expect((await refresh(t, unknown)).body.error_codes).toEqual([70000]);
    expect((await refresh(t, 'garbage')).body.error_codes).toEqual([9002313]);
  });

  it('refuses a refresh token presented by another client', async () => {
    const tokens = await tokensFor();
    const other = t.emulator.store.registerApp({ clientSecret: 'other-secret', redirectUris: ['https://app.example/cb'] });
    const result = await refresh(t, tokens.refresh_token, { client_id: other.clientId, client_secret: 'other-secret' });
    expect(result.body).toMatchObject({ error: 'invalid_grant', error_codes: [70000] });
  });
});
