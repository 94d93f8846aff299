import { ConfidentialClientApplication, CryptoProvider, InteractionRequiredAuthError } from '@azure/msal-node';
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';
import { fetch } from 'undici';
import { CONTOSO_TENANT_ID } from '../src/index.js';
import { DEMO_REDIRECT_URI, formBody, parseForm, startTestEmulator, submittedScopes, type TestEmulator } from './support/emulator-harness.js';

/** MSAL's network module over undici, trusting only the emulator's CA. */
function networkClient(t: TestEmulator): INetworkModule {
  const send = async <T>(method: string, url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> => {
    const response = await fetch(url, { method, headers: options?.headers, body: options?.body, dispatcher: t.agent });
    return { status: response.status, headers: Object.fromEntries(response.headers), body: (await response.json()) as T };
  };
  return {
    sendGetRequestAsync: (url, options) => send('GET', url, options),
    sendPostRequestAsync: (url, options) => send('POST', url, options),
  };
}

describe('@azure/msal-node against the emulator', () => {
  let t: TestEmulator;
  let msal: ConfidentialClientApplication;

  beforeAll(async () => {
    t = await startTestEmulator();
    msal = new ConfidentialClientApplication({
      auth: {
        clientId: t.emulator.demoApp.clientId,
        clientSecret: t.emulator.demoApp.clientSecret,
        authority: `${t.emulator.baseUrl}/common`,
        knownAuthorities: [t.emulator.authorityHost],
      },
      system: { networkClient: networkClient(t) },
    });
  });
  afterAll(() => t.close());

  it('signs in with PKCE, then refreshes silently until sessions are revoked', async () => {
    const { verifier, challenge } = await new CryptoProvider().generatePkceCodes();
    const scopes = ['https://graph.microsoft.com/User.Read', 'https://graph.microsoft.com/Mail.ReadWrite'];
    const url = await msal.getAuthCodeUrl({
      scopes,
      redirectUri: DEMO_REDIRECT_URI,
      codeChallenge: challenge,
      codeChallengeMethod: 'S256',
      state: 'msal-state',
      loginHint: 'alex.wilber@contoso.com',
    });
    const page = await t.request(url);
    expect(page.status).toBe(200);
    const form = parseForm(await page.text(), 'consent-form');
    expect(form.accounts.find((a) => a.checked)?.value).toBe('alex.wilber@contoso.com');
    const consent = await t.request(form.action, {
      method: 'POST',
      body: formBody({ request: form.request, account: 'alex.wilber@contoso.com', scope: submittedScopes(form), action: 'accept' }),
    });
    const location = new URL(consent.headers.get('location')!);
    expect(location.searchParams.get('state')).toBe('msal-state');

    const result = await msal.acquireTokenByCode({
      code: location.searchParams.get('code')!,
      scopes,
      redirectUri: DEMO_REDIRECT_URI,
      codeVerifier: verifier,
    });
    expect(result.account?.username).toBe('alex.wilber@contoso.com');
    expect(result.account?.tenantId).toBe(CONTOSO_TENANT_ID);
    expect(result.account?.homeAccountId).toBe(`${result.account?.localAccountId}.${CONTOSO_TENANT_ID}`);
    expect(result.scopes).toEqual(expect.arrayContaining(['User.Read', 'Mail.ReadWrite']));

    const me = await t.request(`${t.emulator.graphBaseUrl}/me`, { headers: { authorization: `Bearer ${result.accessToken}` } });
    expect(((await me.json()) as { displayName: string }).displayName).toBe('Alex Wilber');

    const silent = await msal.acquireTokenSilent({ account: result.account!, scopes, forceRefresh: true });
    expect(silent.accessToken).not.toBe(result.accessToken);

    t.emulator.store.revokeSessions('alex.wilber@contoso.com');
    await expect(msal.acquireTokenSilent({ account: result.account!, scopes, forceRefresh: true })).rejects.toBeInstanceOf(
      InteractionRequiredAuthError,
    );
  });
});
