import { fetch } from 'undici';
import type { RequestInit } from 'undici';
import { CONTOSO_TENANT_ID } from '../src/index.js';
import { DEMO_REDIRECT_URI, formBody, parseForm, pkcePair, submittedScopes } from './support/emulator-harness.js';
import { useTestEmulator } from './support/emulator-suite.js';
import { authorizeUrl, redeemCode } from './support/auth-flow.js';

type Json = Record<string, string>;

describe('the browser pages on a plain-http loopback origin', () => {
  const t = useTestEmulator({ browserPort: 0 }, { resetEachTest: true });
  const browserBase = () => t.emulator.browserBaseUrl!;
  // A stock browser: plain fetch, no CA, no redirects followed.
  const browser = (url: string, init: RequestInit = {}) => fetch(url, { redirect: 'manual', ...init });

  it('listens on http://localhost and is advertised as the authorize and logout endpoints; tokens and keys stay on TLS', async () => {
    expect(browserBase()).toMatch(/^http:\/\/localhost:\d+$/);
    const common = (await (await t.request('/common/v2.0/.well-known/openid-configuration')).json()) as Json;
    expect(common.authorization_endpoint).toBe(`${browserBase()}/common/oauth2/v2.0/authorize`);
    expect(common.end_session_endpoint).toBe(`${browserBase()}/common/oauth2/v2.0/logout`);
    expect(common.token_endpoint).toBe(`${t.emulator.baseUrl}/common/oauth2/v2.0/token`);
    expect(common.jwks_uri).toBe(`${t.emulator.baseUrl}/common/discovery/v2.0/keys`);
    expect(common.issuer).toBe(`${t.emulator.baseUrl}/{tenantid}/v2.0`);

    const tenant = (await (await t.request('/contoso.com/v2.0/.well-known/openid-configuration')).json()) as Json;
    expect(tenant.authorization_endpoint).toBe(`${browserBase()}/${CONTOSO_TENANT_ID}/oauth2/v2.0/authorize`);
  });

  it('keeps the browser origin on the host name the client used for discovery', async () => {
    const port = new URL(t.emulator.baseUrl).port;
    const doc = (await (await t.request(`https://127.0.0.1:${port}/common/v2.0/.well-known/openid-configuration`)).json()) as Json;
    expect(new URL(doc.authorization_endpoint!).host).toBe(`127.0.0.1:${new URL(browserBase()).port}`);
  });

  it('walks authorize → account picker → consent over http, and the code is redeemed on the https token endpoint', async () => {
    const { verifier, challenge } = pkcePair();
    const pageUrl = authorizeUrl(t, { codeChallenge: challenge }).replace(t.emulator.baseUrl, browserBase());
    const page = await browser(pageUrl);
    expect(page.status).toBe(200);
    const form = parseForm(await page.text(), 'consent-form');
    expect(form.accounts.map((account) => account.value)).toContain('megan.bowen@contoso.com');
    const action = new URL(form.action, pageUrl);
    expect(action.origin).toBe(browserBase());

    const submitted = await browser(action.toString(), {
      method: 'POST',
      body: formBody({ request: form.request, account: 'megan.bowen@contoso.com', scope: submittedScopes(form), action: 'accept' }),
    });
    expect(submitted.status).toBe(302);
    const location = new URL(submitted.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe(DEMO_REDIRECT_URI);
    expect(location.searchParams.get('state')).toBe('state-123');

    const redeemed = await redeemCode(t, { code: location.searchParams.get('code')!, verifier, location });
    expect(redeemed.status).toBe(200);
    expect(redeemed.body.access_token).toBeTruthy();
  });

  it('still serves the authorize page on https, in Microsoft’s URL shape', async () => {
    const response = await t.request(authorizeUrl(t, { codeChallenge: pkcePair().challenge }));
    expect(response.status).toBe(200);
    expect(parseForm(await response.text(), 'consent-form').action).toBe('/common/oauth2/v2.0/authorize');
  });

  it('shows identity errors as pages on the http origin too', async () => {
    const pageUrl = authorizeUrl(t, { clientId: '99999999-9999-4999-8999-999999999999', codeChallenge: pkcePair().challenge });
    const response = await browser(pageUrl.replace(t.emulator.baseUrl, browserBase()));
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('AADSTS700016');
  });

  it('serves admin consent and logout on http', async () => {
    const params = new URLSearchParams({
      client_id: t.emulator.demoApp.clientId,
      scope: 'https://graph.microsoft.com/Sites.Read.All',
      redirect_uri: DEMO_REDIRECT_URI,
      state: 'admin-state',
    });
    const pageUrl = `${browserBase()}/organizations/v2.0/adminconsent?${params}`;
    const page = await browser(pageUrl);
    expect(page.status).toBe(200);
    const form = parseForm(await page.text(), 'admin-consent-form');
    const submitted = await browser(new URL(form.action, pageUrl).toString(), {
      method: 'POST',
      body: formBody({ request: form.request, account: 'megan.bowen@contoso.com', action: 'accept' }),
    });
    expect(submitted.status).toBe(302);
    expect(new URL(submitted.headers.get('location')!).searchParams.get('admin_consent')).toBe('True');

    const logout = await browser(`${browserBase()}/common/oauth2/v2.0/logout?post_logout_redirect_uri=${encodeURIComponent('http://localhost:3000/')}`);
    expect(logout.status).toBe(302);
    expect(logout.headers.get('location')).toBe('http://localhost:3000/');
  });

  it('refuses with 404 everything that is not a browser page: token, discovery, keys, devicecode, userinfo, Graph, admin API', async () => {
    const token = await browser(`${browserBase()}/common/oauth2/v2.0/token`, {
      method: 'POST',
      body: formBody({ grant_type: 'client_credentials', client_id: t.emulator.demoApp.clientId, client_secret: t.emulator.demoApp.clientSecret }),
    });
    expect(token.status).toBe(404);
    const refused: Array<[string, string]> = [
      ['GET', '/common/v2.0/.well-known/openid-configuration'],
      ['GET', '/common/discovery/v2.0/keys'],
      ['POST', '/common/oauth2/v2.0/devicecode'],
      ['GET', '/oidc/userinfo'],
      ['GET', '/v1.0/me'],
      ['GET', '/_admin/users'],
      ['POST', '/_admin/reset'],
    ];
    for (const [method, path] of refused) {
      const response = await browser(`${browserBase()}${path}`, { method });
      expect([method, path, response.status]).toEqual([method, path, 404]);
    }
  });
});

describe('without a browser port', () => {
  const t = useTestEmulator();

  it('advertises the https authorize endpoint and has no browser origin', async () => {
    expect(t.emulator.browserBaseUrl).toBeUndefined();
    const doc = (await (await t.request('/common/v2.0/.well-known/openid-configuration')).json()) as Json;
    expect(doc.authorization_endpoint).toBe(`${t.emulator.baseUrl}/common/oauth2/v2.0/authorize`);
  });
});
