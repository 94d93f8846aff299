import { aad } from '../errors/error-factory.js';
import { field } from '../http/form-fields.js';
import type { EmulatorContext } from '../http/emulator-context.js';
import type { AppRegistrationRecord, RefreshTokenRecord } from '../store/emulator-records.js';
import { looksLikeRefreshToken, sha256Base64Url } from '../tokens/token-format.js';
import { issueTokens, type TokenResponseBody } from '../tokens/token-issuer.js';
import { DEFAULT_SCOPE, OIDC_SCOPES, isOidcScope, parseScopeParameter } from './scopes.js';
import { userAllowed, type TenantAudience } from './tenant-segment.js';

function checkUsable(record: RefreshTokenRecord, app: AppRegistrationRecord): void {
  if (record.clientId !== app.clientId) throw aad.invalidGrant('The refresh token was issued to a different client.');
  if (record.revokedAt !== undefined) throw aad.freshTokenNeeded();
  const inactiveMs = Date.now() - record.lastUsedAt;
  if (inactiveMs > record.lifetimeSeconds * 1000) {
    throw aad.refreshTokenInactive(new Date(record.issuedAt), Math.floor(inactiveMs / 1000));
  }
}

/**
 * `grant_type=refresh_token`. Refresh tokens rotate: each use returns a new one and the old one stays valid
 * until it is revoked or goes unused for its lifetime.
 * https://learn.microsoft.com/entra/identity-platform/refresh-tokens
 * A token that is not in the emulator's format answers AADSTS9002313 (malformed); a well-formed unknown one AADSTS70000.
 */
export async function redeemRefreshToken(
  context: EmulatorContext,
  audience: TenantAudience,
  app: AppRegistrationRecord,
  body: Record<string, unknown> | undefined,
  origin: string,
): Promise<TokenResponseBody> {
  const { store } = context;
  const token = field(body, 'refresh_token');
  if (!token) throw aad.missingParameter('refresh_token');
  if (!looksLikeRefreshToken(token)) throw aad.malformedRefreshToken();
  const hash = sha256Base64Url(token);
  const record = store.getRefreshToken(hash);
  if (!record) throw aad.invalidGrant('The refresh token is unknown.');
  checkUsable(record, app);

  const user = store.findUser(record.userId);
  const tenant = store.findTenant(record.tenantId);
  if (!user || !tenant) throw aad.invalidGrant('The user no longer exists.');
  if (!userAllowed(store, audience, user)) throw aad.userNotInTenant(user.userPrincipalName);

  const consented = [
    ...store.userConsentedScopes(user.id, app.clientId),
    ...store.adminConsentedScopes(user.tenantId, app.clientId),
  ].filter((scope) => !isOidcScope(scope));
  const requested = parseScopeParameter(field(body, 'scope'));
  const allowed = new Set([...OIDC_SCOPES, ...consented].map((scope) => scope.toLowerCase()));
  // A permission the user withdrew is left out of the new token (the grant changed; the refresh token still
  // stands). Asking for one the grant never held is a consent error.
  const withdrawn = new Set(
    [...record.scopes, ...(store.listUserConsents().find((consent) => consent.userId === user.id && consent.clientId === app.clientId.toLowerCase())?.withdrawnScopes ?? [])]
      .map((scope) => scope.toLowerCase())
      .filter((scope) => !allowed.has(scope)),
  );
  const scopes = (requested.length === 0 ? record.scopes : requested.flatMap((scope) => (scope === DEFAULT_SCOPE ? consented : [scope])))
    .filter((scope) => !withdrawn.has(scope.toLowerCase()));
  if (scopes.some((scope) => !allowed.has(scope.toLowerCase()))) throw aad.consentMissing(app.clientId, app.displayName);

  store.touchRefreshToken(hash, Date.now());
  return issueTokens(context, {
    origin,
    app,
    user,
    tenant,
    scopes,
    clientInfo: field(body, 'client_info') === '1',
    grantType: 'refresh_token',
  });
}
