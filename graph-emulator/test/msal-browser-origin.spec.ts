import { ConfidentialClientApplication, CryptoProvider } from '@azure/msal-node';
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';
import { fetch } from 'undici';
import { DEMO_REDIRECT_URI, formBody, parseForm, startTestEmulator, submittedScopes, type TestEmulator } from './support/emulator-harness.js';

/**
 * MSAL Node resolves `authority.authorizationEndpoint` from the discovery document's `authorization_endpoint` (msal-common
 * Authority.authorizationEndpoint → metadata.authorization_endpoint; only the configured authority is required to be
 * https). So an https authority whose discovery names an http authorize page sends the browser there, while every
 * request MSAL itself makes stays on the https authority.
 */
describe('@azure/msal-node with the emulator’s browser pages on http', () => {
  let t: TestEmulator;
  const calledByMsal: string[] = [];

  function networkClient(): INetworkModule {
    const send = async <T>(method: string, url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> => {
      calledByMsal.push(`${method} ${url}`);
      const response = await fetch(url, { method, headers: options?.headers, body: options?.body, dispatcher: t.agent });
      return { status: response.status, headers: Object.fromEntries(response.headers), body: (await response.json()) as T };
    };
    return {
      sendGetRequestAsync: (url, options) => send('GET', url, options),
      sendPostRequestAsync: (url, options) => send('POST', url, options),
    };
  }

  beforeAll(async () => {
    t = await startTestEmulator({ browserPort: 0 });
  });
  afterAll(() => t.close());

  it('builds the authorize URL on the http origin from discovery, and redeems the code on https', async () => {
    const msal = new ConfidentialClientApplication({
      auth: {
        clientId: t.emulator.demoApp.clientId,
        clientSecret: t.emulator.demoApp.clientSecret,
        authority: `${t.emulator.baseUrl}/common`,
        knownAuthorities: [t.emulator.authorityHost],
      },
      system: { networkClient: networkClient() },
    });
    const { verifier, challenge } = await new CryptoProvider().generatePkceCodes();
    const scopes = ['https://graph.microsoft.com/User.Read', 'https://graph.microsoft.com/Mail.ReadWrite'];
    const url = new URL(
      await msal.getAuthCodeUrl({ scopes, redirectUri: DEMO_REDIRECT_URI, codeChallenge: challenge, codeChallengeMethod: 'S256', state: 'msal-state' }),
    );
    expect(url.origin).toBe(t.emulator.browserBaseUrl);
    expect(url.protocol).toBe('http:');
    expect(url.pathname).toBe('/common/oauth2/v2.0/authorize');
    expect(url.searchParams.get('code_challenge')).toBe(challenge);
    expect(calledByMsal).toEqual([`GET ${t.emulator.baseUrl}/common/v2.0/.well-known/openid-configuration`]);

    // The browser's part, without the emulator's CA.
    const page = await fetch(url, { redirect: 'manual' });
    expect(page.status).toBe(200);
    const form = parseForm(await page.text(), 'consent-form');
    const consent = await fetch(new URL(form.action, url), {
      method: 'POST',
      redirect: 'manual',
      body: formBody({ request: form.request, account: 'alex.wilber@contoso.com', scope: submittedScopes(form), action: 'accept' }),
    });
    const location = new URL(consent.headers.get('location')!);
    expect(location.searchParams.get('state')).toBe('msal-state');

    const result = await msal.acquireTokenByCode({ code: location.searchParams.get('code')!, scopes, redirectUri: DEMO_REDIRECT_URI, codeVerifier: verifier });
    expect(result.account?.username).toBe('alex.wilber@contoso.com');
    expect(calledByMsal.map((call) => call.split('?')[0])).toEqual([
      `GET ${t.emulator.baseUrl}/common/v2.0/.well-known/openid-configuration`,
      `POST ${t.emulator.baseUrl}/common/oauth2/v2.0/token`,
    ]);
  });
});
