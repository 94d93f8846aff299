import { pkcePair } from './support/emulator-harness.js';
import { useTestEmulator } from './support/emulator-suite.js';
import { authorizeUrl, openConsentPage } from './support/auth-flow.js';

describe('authorize request validation', () => {
  const t = useTestEmulator();

  async function page(url: string): Promise<{ status: number; html: string; location: string | null }> {
    const response = await t.request(url);
    return { status: response.status, html: await response.text(), location: response.headers.get('location') };
  }

  it('shows AADSTS700016 for an unknown client, without redirecting', async () => {
    const result = await page(authorizeUrl(t, { clientId: '99999999-9999-4999-8999-999999999999', codeChallenge: pkcePair().challenge }));
    expect(result.status).toBe(400);
    expect(result.location).toBeNull();
    expect(result.html).toContain('AADSTS700016');
  });

  it('accepts a loopback redirect URI on another port', async () => {
    for (const redirectUri of ['http://localhost:51234/auth/microsoft-apis/get-access-token', 'http://127.0.0.1:8080/auth/microsoft-apis/get-access-token']) {
      const form = await openConsentPage(t, { redirectUri, codeChallenge: pkcePair().challenge });
      expect(form.request).toBeTruthy();
    }
  });

  it('shows AADSTS50011 for an unregistered redirect URI, without redirecting', async () => {
    for (const redirectUri of [
      'https://evil.example/auth/microsoft-apis/get-access-token',
      'http://localhost:3000/other/path',
      'https://localhost:3000/auth/microsoft-apis/get-access-token',
    ]) {
      const result = await page(authorizeUrl(t, { redirectUri, codeChallenge: pkcePair().challenge }));
      expect(result.status).toBe(400);
      expect(result.location).toBeNull();
      expect(result.html).toContain('AADSTS50011');
    }
  });

  it('redirects with invalid_request when code_challenge_method is missing or not S256', async () => {
    const { challenge } = pkcePair();
    const cases: Record<string, string>[] = [{ code_challenge: challenge }, { code_challenge: challenge, code_challenge_method: 'plain' }];
    for (const extra of cases) {
      const result = await page(authorizeUrl(t, { extra }));
      expect(result.status).toBe(302);
      const location = new URL(result.location!);
      expect(location.searchParams.get('error')).toBe('invalid_request');
      expect(location.searchParams.get('state')).toBe('state-123');
    }
  });

  it('redirects with invalid_request when PKCE is missing (requirePkce is on by default)', async () => {
    const result = await page(authorizeUrl(t));
    expect(new URL(result.location!).searchParams.get('error')).toBe('invalid_request');
  });

  it('redirects unsupported response types', async () => {
    const result = await page(authorizeUrl(t, { codeChallenge: pkcePair().challenge, extra: { response_type: 'token' } }));
    expect(new URL(result.location!).searchParams.get('error')).toBe('unsupported_response_type');
  });

  it('offers only work accounts on /organizations and only personal ones on /consumers', async () => {
    const organizations = await openConsentPage(t, { tenant: 'organizations', codeChallenge: pkcePair().challenge });
    const orgAccounts = organizations.accounts.map((a) => a.value);
    expect(orgAccounts).toEqual(expect.arrayContaining(['megan.bowen@contoso.com', 'lee.gu@fabrikam.com']));
    expect(orgAccounts).not.toContain('demo.user@outlook.com');

    const consumers = await openConsentPage(t, { tenant: 'consumers', codeChallenge: pkcePair().challenge });
    expect(consumers.accounts.map((a) => a.value)).toEqual(['demo.user@outlook.com']);

    const contoso = await openConsentPage(t, { tenant: 'contoso.com', codeChallenge: pkcePair().challenge });
    expect(contoso.accounts.map((a) => a.value).sort()).toEqual(['alex.wilber@contoso.com', 'megan.bowen@contoso.com']);
  });

  it('refuses a personal account posted to an /organizations request', async () => {
    const form = await openConsentPage(t, { tenant: 'organizations', codeChallenge: pkcePair().challenge });
    const response = await t.request(form.action, {
      method: 'POST',
      body: new URLSearchParams({ request: form.request, account: 'demo.user@outlook.com', action: 'accept' }),
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('AADSTS50020');
  });

  it('marks admin-consent scopes as needing admin approval and not grantable', async () => {
    const form = await openConsentPage(t, { scope: 'User.Read Sites.Read.All openid profile offline_access', codeChallenge: pkcePair().challenge });
    const sites = form.scopes.find((s) => s.value === 'Sites.Read.All')!;
    expect(sites).toMatchObject({ checked: false, disabled: true });
    const response = await t.request(authorizeUrl(t, { scope: 'User.Read Sites.Read.All openid', codeChallenge: pkcePair().challenge }));
    expect(await response.text()).toContain('needs admin approval');
  });

  it('answers prompt=none with login_required', async () => {
    const result = await page(authorizeUrl(t, { codeChallenge: pkcePair().challenge, extra: { prompt: 'none' } }));
    expect(new URL(result.location!).searchParams.get('error')).toBe('login_required');
  });

  it('shows an error for a form posted with an unknown request id', async () => {
    const response = await t.request('/common/oauth2/v2.0/authorize', {
      method: 'POST',
      body: new URLSearchParams({ request: 'nope', account: 'megan.bowen@contoso.com', action: 'accept' }),
    });
    expect(response.status).toBe(400);
  });
});
