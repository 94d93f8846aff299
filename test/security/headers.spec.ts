import { chromium, type Browser } from 'playwright-core';
import { startTestHost, type TestHost, type TestResponse } from '../../test-support/index.js';
import { ensureFrontBuilt } from '../../dev-host/test/browser/support/ensure-front-built.js';
import { CHROMIUM_PATH } from '../../dev-host/test/browser/support/launch-chromium.js';
import { signInThroughLoginPage } from '../../dev-host/test/browser/support/sign-in.js';

const MEGAN = 'megan.bowen@contoso.com';

/** The directives of a Content-Security-Policy header, by name. */
function directives(policy: string | null): Map<string, string[]> {
  return new Map((policy ?? '').split(';').map((part) => part.trim().split(/\s+/)).filter(([name]) => name).map(([name, ...values]) => [name!.toLowerCase(), values]));
}

/** The policy keeps injected inline script from running: script-src (or default-src) without 'unsafe-inline' or 'unsafe-eval'. */
function blocksInlineScript(policy: string | null): boolean {
  const parsed = directives(policy);
  const scripts = parsed.get('script-src') ?? parsed.get('default-src');
  return Boolean(scripts) && !scripts!.some((value) => ["'unsafe-inline'", "'unsafe-eval'", '*', 'data:', 'http:', 'https:'].includes(value));
}

function expectSecurityHeaders(route: string, response: TestResponse): void {
  const policy = response.headers.get('content-security-policy');
  const frameAncestors = directives(policy).get('frame-ancestors');
  expect({
    route,
    blocksInlineScript: blocksInlineScript(policy),
    noSniff: response.headers.get('x-content-type-options'),
    framing: frameAncestors?.join(' ') === "'none'" || /^(deny|sameorigin)$/i.test(response.headers.get('x-frame-options') ?? ''),
    referrerPolicy: /^(no-referrer|same-origin|strict-origin|strict-origin-when-cross-origin)$/.test(response.headers.get('referrer-policy') ?? ''),
  }).toEqual({ route, blocksInlineScript: true, noSniff: 'nosniff', framing: true, referrerPolicy: true });
}

function cookieAttributes(response: TestResponse, name: string): string[] {
  const line = response.setCookies.find((cookie) => cookie.startsWith(`${name}=`));
  if (!line) throw new Error(`No ${name} cookie in ${JSON.stringify(response.setCookies)}`);
  return line.split(';').slice(1).map((attribute) => attribute.trim().toLowerCase().split('=')[0]!);
}

/**
 * Headers: every route family — the web app's pages and assets, GraphQL, the dev host's sign-in, and the plugin's
 * OAuth, webhook and upload routes (on both webhook stacks) — sends a CSP that keeps injected script from running,
 * nosniff, a frame policy and a Referrer-Policy; session and OAuth cookies are HttpOnly and SameSite, and Secure when
 * the CRM is served over https. The built web app loads in Chromium under its CSP with no violation.
 */
describe.each([
  ['served over http, webhooks on the bare HTTP server', 'http', true],
  ['served over https, webhooks through Nest', 'https', false],
] as const)('Security — headers (%s)', (_label, scheme, webhookFastPath) => {
  let host: TestHost;

  beforeAll(async () => {
    ensureFrontBuilt();
    host = await startTestHost({ webhookFastPath, ...(scheme === 'https' ? { publicUrl: 'https://crm.example.test' } : {}) });
  });

  afterAll(async () => {
    await host?.close();
  });

  it('the web app, its assets, GraphQL and sign-in', async () => {
    const client = host.newClient();
    const index = await client.get('/', { accept: 'text/html' });
    expect(index.status).toBe(200);
    expectSecurityHeaders('GET / (the app shell)', index);
    expectSecurityHeaders('GET /settings/accounts (a deep link)', await client.get('/settings/accounts', { accept: 'text/html' }));
    const script = /<script[^>]+src="([^"]+)"/.exec(index.text)![1]!;
    const asset = await client.get(script);
    expect(asset.status).toBe(200);
    expectSecurityHeaders(`GET ${script}`, asset);
    expectSecurityHeaders('POST /graphql', await client.post('/graphql', { query: '{ __typename }' }));
    const signIn = await client.post('/graphql', { query: `mutation { signIn(email: "${MEGAN}", password: "demo-password") { id } }` });
    expectSecurityHeaders('POST /graphql signIn', signIn);
    const session = cookieAttributes(signIn, 'devHostSession');
    expect(session).toEqual(expect.arrayContaining(['httponly', 'samesite']));
    expect(session.includes('secure')).toBe(scheme === 'https');
    expectSecurityHeaders('POST /auth/sign-in (refused)', await host.newClient().post('/auth/sign-in', { email: MEGAN, password: 'wrong' }));
  });

  it("the plugin's OAuth, webhook and upload routes", async () => {
    const client = host.newClient();
    await client.signIn(MEGAN, 'demo-password');
    expectSecurityHeaders('GET /auth/microsoft-apis (signed out: 401)', await host.newClient().get('/auth/microsoft-apis'));
    const link = await client.graphql<{ createMicrosoftConnectLink: { url: string } }>(`mutation { createMicrosoftConnectLink { url } }`);
    const url = new URL(link.data!.createMicrosoftConnectLink.url);
    const start = await client.get(`${url.pathname}${url.search}`);
    expect(start.status).toBe(302);
    expectSecurityHeaders('GET /auth/microsoft-apis (302 to Microsoft)', start);
    const nonce = cookieAttributes(start, 'm365_oauth_nonce');
    expect(nonce).toEqual(expect.arrayContaining(['httponly', 'samesite']));
    expect(nonce.includes('secure')).toBe(scheme === 'https');
    expectSecurityHeaders('GET /auth/microsoft-apis/get-access-token (400)', await client.get('/auth/microsoft-apis/get-access-token?code=x&state=y.z'));
    expectSecurityHeaders('POST /webhooks/microsoft/messaging (handshake)', await client.post('/webhooks/microsoft/messaging?validationToken=abc', ''));
    expectSecurityHeaders('POST /webhooks/microsoft/messaging (400)', await client.post('/webhooks/microsoft/messaging', { value: 'nope' }));
    expectSecurityHeaders('POST /webhooks/microsoft/lifecycle (400)', await client.post('/webhooks/microsoft/lifecycle', { value: [] }));
    expectSecurityHeaders('PUT /microsoft/compose/drafts/…/attachments (signed out: 401)', await host.newClient().request('PUT', '/microsoft/compose/drafts/00000000-0000-4000-8000-000000000000/attachments?name=a.txt&size=1', { body: 'a' }));
    expectSecurityHeaders('PUT /microsoft/compose/drafts/…/attachments (404)', await client.request('PUT', '/microsoft/compose/drafts/00000000-0000-4000-8000-000000000000/attachments?name=a.txt&size=1', { body: 'a' }));
  });

  if (scheme === 'http') {
    describe('in Chromium', () => {
      let browser: Browser;

      beforeAll(async () => {
        browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
      });

      afterAll(async () => {
        await browser?.close();
      });

      it('the built app loads and signs in under its CSP with no violation, and a script injected into the page does not run', async () => {
        const page = await browser.newPage();
        const violations: string[] = [];
        page.on('console', (message) => {
          if (/content security policy/i.test(message.text())) violations.push(message.text());
        });
        page.on('pageerror', (error) => violations.push(`page error: ${error.message}`));
        await page.addInitScript({ content: "window.__violations = []; document.addEventListener('securitypolicyviolation', (event) => window.__violations.push(event.violatedDirective + ' ' + event.blockedURI));" });
        await signInThroughLoginPage(page, host.url, MEGAN);
        await page.goto(`${host.url}/settings/accounts`);
        await page.waitForLoadState('networkidle');
        expect(violations).toEqual([]);
        expect(await page.evaluate('window.__violations')).toEqual([]);

        // What an XSS would do: markup with inline script and an inline handler put into the page.
        const ran = await page.evaluate(`(async () => {
          const script = document.createElement('script');
          script.textContent = 'window.__injected = true;';
          document.body.append(script);
          const holder = document.createElement('div');
          holder.innerHTML = '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" onload="window.__handler = true">';
          document.body.append(holder);
          await new Promise((resolve) => setTimeout(resolve, 300));
          return { injected: window.__injected ?? false, handler: window.__handler ?? false, violations: window.__violations.length };
        })()`);
        expect(ran).toEqual({ injected: false, handler: false, violations: 2 });
        await page.close();
      });
    });
  }
});
