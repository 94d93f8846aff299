import type { TestEmulator } from './emulator-harness.js';
import { DEMO_REDIRECT_URI, formBody, parseForm, pkcePair, submittedScopes, type ParsedForm } from './emulator-harness.js';

export interface AuthorizeOptions {
  tenant?: string;
  clientId?: string;
  redirectUri?: string;
  scope?: string;
  loginHint?: string;
  nonce?: string;
  state?: string;
  extra?: Record<string, string>;
  codeChallenge?: string;
}

export function authorizeUrl(t: TestEmulator, options: AuthorizeOptions = {}): string {
  const params = new URLSearchParams({
    client_id: options.clientId ?? t.emulator.demoApp.clientId,
    response_type: 'code',
    redirect_uri: options.redirectUri ?? DEMO_REDIRECT_URI,
    scope: options.scope ?? 'https://graph.microsoft.com/User.Read https://graph.microsoft.com/Mail.ReadWrite openid profile offline_access',
    state: options.state ?? 'state-123',
    response_mode: 'query',
    client_info: '1',
    ...(options.codeChallenge ? { code_challenge: options.codeChallenge, code_challenge_method: 'S256' } : {}),
    ...(options.nonce ? { nonce: options.nonce } : {}),
    ...(options.loginHint ? { login_hint: options.loginHint } : {}),
    ...options.extra,
  });
  return `${t.emulator.baseUrl}/${options.tenant ?? 'common'}/oauth2/v2.0/authorize?${params}`;
}

export async function openConsentPage(t: TestEmulator, options: AuthorizeOptions = {}): Promise<ParsedForm> {
  const response = await t.request(authorizeUrl(t, options));
  const html = await response.text();
  if (response.status !== 200) throw new Error(`authorize answered ${response.status}: ${html}`);
  return parseForm(html, 'consent-form');
}

export async function submitConsent(
  t: TestEmulator,
  form: ParsedForm,
  fields: { account?: string; scopes?: string[]; action?: 'accept' | 'cancel' },
): Promise<URL> {
  const response = await t.request(form.action, {
    method: 'POST',
    body: formBody({
      request: form.request,
      account: fields.account ?? form.accounts.find((a) => a.checked)!.value,
      scope: fields.scopes ?? submittedScopes(form),
      action: fields.action ?? 'accept',
    }),
  });
  if (response.status !== 302) throw new Error(`consent answered ${response.status}: ${await response.text()}`);
  return new URL(response.headers.get('location')!);
}

export interface SignInResult {
  code: string;
  verifier: string;
  location: URL;
}

/**
 * Authorize → consent page → Accept, returning the code (PKCE S256). Consent is incremental (a code covers all the
 * user granted the app), so unless `keepGrant` is set the account's earlier consent is withdrawn first: each test's
 * token carries what that test granted, whatever ran before it.
 */
export async function signIn(
  t: TestEmulator,
  options: AuthorizeOptions & { account?: string; dropScopes?: string[]; scopes?: string[]; keepGrant?: boolean } = {},
): Promise<SignInResult> {
  if (!options.keepGrant) forgetUserConsent(t, options.account ?? 'megan.bowen@contoso.com', options.clientId ?? t.emulator.demoApp.clientId);
  const { verifier, challenge } = pkcePair();
  const form = await openConsentPage(t, { ...options, codeChallenge: challenge });
  const location = await submitConsent(t, form, {
    account: options.account ?? 'megan.bowen@contoso.com',
    scopes: options.scopes ?? submittedScopes(form, options.dropScopes),
  });
  const code = location.searchParams.get('code');
  if (!code) throw new Error(`no code in ${location}`);
  return { code, verifier, location };
}

export async function redeemCode(
  t: TestEmulator,
  signInResult: SignInResult,
  overrides: Record<string, string> = {},
  tenant = 'common',
) {
  const response = await t.request(`/${tenant}/oauth2/v2.0/token`, {
    method: 'POST',
    body: formBody({
      client_id: t.emulator.demoApp.clientId,
      client_secret: t.emulator.demoApp.clientSecret,
      grant_type: 'authorization_code',
      code: signInResult.code,
      redirect_uri: DEMO_REDIRECT_URI,
      code_verifier: signInResult.verifier,
      scope: 'https://graph.microsoft.com/User.Read openid profile offline_access',
      client_info: '1',
      ...overrides,
    }),
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- loosely typed JSON in assertions
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

export async function refresh(t: TestEmulator, refreshToken: string, overrides: Record<string, string> = {}) {
  const response = await t.request('/common/oauth2/v2.0/token', {
    method: 'POST',
    body: formBody({
      client_id: t.emulator.demoApp.clientId,
      client_secret: t.emulator.demoApp.clientSecret,
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      scope: 'https://graph.microsoft.com/User.Read openid profile offline_access',
      client_info: '1',
      ...overrides,
    }),
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- loosely typed JSON in assertions
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

function forgetUserConsent(t: TestEmulator, account: string, clientId: string): void {
  const user = t.emulator.store.findUser(account);
  if (!user) return;
  for (const scope of t.emulator.store.userConsentedScopes(user.id, clientId)) t.emulator.store.withdrawUserConsent(user.id, clientId, scope);
}
