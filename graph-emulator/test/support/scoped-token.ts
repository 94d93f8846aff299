import type { TestEmulator } from './emulator-harness.js';
import { decodeJwtPayload, formBody } from './emulator-harness.js';
import { redeemCode, signIn } from './auth-flow.js';

const GRAPH = 'https://graph.microsoft.com/';

/**
 * An access token of the demo app carrying exactly `scopes` (plus the app's required User.Read), for least-privilege
 * tests. Throws when the token's `scp` is not what was asked.
 */
export async function tokenWithScopes(t: TestEmulator, scopes: string[], account = 'megan.bowen@contoso.com'): Promise<string> {
  const scope = `${scopes.map((name) => `${GRAPH}${name}`).join(' ')} openid offline_access`;
  const { body } = await redeemCode(t, await signIn(t, { scope, scopes, account }), { scope });
  if (!body.access_token) throw new Error(`no access token: ${JSON.stringify(body)}`);
  const granted = String(decodeJwtPayload(body.access_token as string).scp).split(' ');
  for (const name of scopes) if (!granted.includes(name)) throw new Error(`token lacks ${name}: ${granted.join(' ')}`);
  return body.access_token as string;
}

/** A token of a freshly registered app that requires nothing, carrying only `scopes` (no User.Read unless asked). */
export async function appTokenWithScopes(t: TestEmulator, scopes: string[]): Promise<string> {
  const redirectUri = 'https://crm.example/callback';
  const registered = await t.request('/_admin/apps', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ clientSecret: 'least-privilege', redirectUris: [redirectUri], requiredScopes: [] }),
  });
  const app = (await registered.json()) as { clientId: string };
  const scope = `${scopes.map((name) => `${GRAPH}${name}`).join(' ')} openid`;
  const result = await signIn(t, { clientId: app.clientId, redirectUri, scope, scopes });
  const response = await t.request('/common/oauth2/v2.0/token', {
    method: 'POST',
    body: formBody({
      client_id: app.clientId, client_secret: 'least-privilege', grant_type: 'authorization_code', code: result.code,
      redirect_uri: redirectUri, code_verifier: result.verifier, scope,
    }),
  });
  const body = (await response.json()) as { access_token?: string };
  if (!body.access_token) throw new Error(`no access token: ${JSON.stringify(body)}`);
  return body.access_token;
}
