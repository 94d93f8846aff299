import { aad } from '../errors/error-factory.js';
import { field } from '../http/form-fields.js';
import type { EmulatorContext } from '../http/emulator-context.js';
import type { AppRegistrationRecord } from '../store/emulator-records.js';
import { sha256Base64Url } from '../tokens/token-format.js';
import { issueTokens, type TokenResponseBody } from '../tokens/token-issuer.js';
import { normalizeScope } from './scopes.js';
import { userAllowed, type TenantAudience } from './tenant-segment.js';

/**
 * The redemption's `scope` names the resource the token is for, and the emulator serves Graph only: a scope of
 * another resource (a URI that is not Graph's) is AADSTS70011. Graph permission names it does not list pass, as before.
 */
function checkRequestedScopes(value: unknown): void {
  for (const requested of typeof value === 'string' ? value.split(/\s+/).filter(Boolean) : []) {
    if (normalizeScope(requested).includes('/')) throw aad.invalidScope(requested);
  }
}

/** `grant_type=authorization_code`: single-use code, bound to client, redirect URI and PKCE challenge. */
export async function redeemAuthorizationCode(
  context: EmulatorContext,
  audience: TenantAudience,
  app: AppRegistrationRecord,
  body: Record<string, unknown> | undefined,
  origin: string,
): Promise<TokenResponseBody> {
  const { store } = context;
  const code = field(body, 'code');
  if (!code) throw aad.missingParameter('code');
  const record = store.getAuthCode(code);
  if (!record) throw aad.invalidGrant('The authorization code is unknown.');
  if (record.clientId !== app.clientId) throw aad.invalidGrant('The authorization code was issued to another client.');
  if (record.redeemedAt !== undefined) throw aad.codeAlreadyRedeemed();
  if (record.expiresAt < Date.now()) throw aad.codeExpired();

  const redirectUri = field(body, 'redirect_uri');
  if (!redirectUri) throw aad.missingParameter('redirect_uri');
  if (redirectUri !== record.redirectUri) throw aad.redirectUriChanged();
  if (record.codeChallenge) {
    const verifier = field(body, 'code_verifier');
    if (!verifier || sha256Base64Url(verifier) !== record.codeChallenge) throw aad.codeVerifierMismatch();
  }

  checkRequestedScopes(field(body, 'scope'));

  const user = store.findUser(record.userId);
  const tenant = store.findTenant(record.tenantId);
  if (!user || !tenant) throw aad.invalidGrant('The user no longer exists.');
  if (!userAllowed(store, audience, user)) throw aad.userNotInTenant(user.userPrincipalName);
  store.markAuthCodeRedeemed(code, Date.now());

  return issueTokens(context, {
    origin,
    app,
    user,
    tenant,
    scopes: record.scopes,
    nonce: record.nonce,
    clientInfo: field(body, 'client_info') === '1',
    grantType: 'authorization_code',
  });
}
