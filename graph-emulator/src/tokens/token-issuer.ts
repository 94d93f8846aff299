import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import type { JWTPayload } from 'jose';
import type { EmulatorContext } from '../http/emulator-context.js';
import type { AppRegistrationRecord, IssuedTokenKind, TenantRecord, UserRecord } from '../store/emulator-records.js';
import { orderScopes } from '../identity/scopes.js';
import { widsClaim } from '../identity/directory-roles.js';
import {
  GRAPH_RESOURCE_APP_ID,
  encodeClientInfo,
  newRefreshToken,
  pairwiseSubject,
  sha256Base64Url,
} from './token-format.js';

export interface TokenGrant {
  /** `https://host:port` the client called: the id token's issuer host. */
  origin: string;
  app: AppRegistrationRecord;
  user: UserRecord;
  tenant: TenantRecord;
  /** Granted scopes, OIDC ones included. */
  scopes: string[];
  nonce?: string;
  clientInfo: boolean;
  grantType: 'authorization_code' | 'refresh_token';
}

export interface TokenResponseBody {
  token_type: 'Bearer';
  scope: string;
  expires_in: number;
  ext_expires_in: number;
  access_token: string;
  refresh_token?: string;
  id_token?: string;
  client_info?: string;
}

async function sign(context: EmulatorContext, claims: JWTPayload): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: context.signingKey.kid })
    .sign(context.signingKey.privateKey);
}

function logToken(context: EmulatorContext, grant: TokenGrant, kind: IssuedTokenKind, issuedAt: number, expiresAt: number): string {
  const id = randomUUID();
  context.store.logIssuedToken({
    id,
    kind,
    userId: grant.user.id,
    userPrincipalName: grant.user.userPrincipalName,
    tenantId: grant.tenant.id,
    clientId: grant.app.clientId,
    scopes: orderScopes(grant.scopes),
    grantType: grant.grantType,
    issuedAt,
    expiresAt,
    revoked: false,
  });
  return id;
}

function accessTokenClaims(grant: TokenGrant, iat: number, exp: number, uti: string): JWTPayload {
  const { user, tenant, app } = grant;
  const personal = tenant.kind === 'personal';
  const scp = orderScopes(grant.scopes.filter((scope) => scope !== 'offline_access')).join(' ');
  // Graph access tokens are v1.0 tokens issued by sts.windows.net, whatever endpoint issued them.
  return {
    aud: GRAPH_RESOURCE_APP_ID,
    iss: `https://sts.windows.net/${tenant.id}/`,
    iat,
    nbf: iat,
    exp,
    app_displayname: app.displayName,
    appid: app.clientId,
    appidacr: '1',
    family_name: user.surname,
    given_name: user.givenName,
    idtyp: 'user',
    name: user.displayName,
    oid: user.id,
    scp,
    sub: pairwiseSubject(user.id, GRAPH_RESOURCE_APP_ID),
    tid: tenant.id,
    unique_name: personal ? `live.com#${user.userPrincipalName}` : user.userPrincipalName,
    ...(personal ? { email: user.userPrincipalName } : { upn: user.userPrincipalName }),
    uti,
    ver: '1.0',
  };
}

function idTokenClaims(grant: TokenGrant, iat: number, exp: number): JWTPayload {
  const { user, tenant, app } = grant;
  const email = user.mail ?? (tenant.kind === 'personal' ? user.userPrincipalName : undefined);
  const wids = widsClaim(app, user, tenant);
  return {
    aud: app.clientId,
    iss: `${grant.origin}/${tenant.id}/v2.0`,
    iat,
    nbf: iat,
    exp,
    ...(grant.scopes.includes('email') && email ? { email } : {}),
    ...(grant.scopes.includes('profile') ? { name: user.displayName, preferred_username: user.userPrincipalName } : {}),
    ...(grant.nonce ? { nonce: grant.nonce } : {}),
    oid: user.id,
    sub: pairwiseSubject(user.id, app.clientId),
    tid: tenant.id,
    ver: '2.0',
    ...(wids ? { wids } : {}),
  };
}

/** Mints the access token, and the id and refresh tokens when `openid` / `offline_access` were granted. */
export async function issueTokens(context: EmulatorContext, grant: TokenGrant): Promise<TokenResponseBody> {
  const config = context.store.getConfig();
  const now = Date.now();
  const iat = Math.floor(now / 1000);
  const accessExp = iat + config.accessTokenLifetimeSeconds;
  const uti = logToken(context, grant, 'access_token', now, accessExp * 1000);
  const body: TokenResponseBody = {
    token_type: 'Bearer',
    scope: orderScopes(grant.scopes).join(' '),
    expires_in: config.accessTokenLifetimeSeconds,
    ext_expires_in: config.accessTokenLifetimeSeconds,
    access_token: await sign(context, accessTokenClaims(grant, iat, accessExp, uti)),
  };
  if (grant.scopes.includes('offline_access')) {
    const refreshToken = newRefreshToken();
    const lifetimeSeconds = config.refreshTokenLifetimeSeconds;
    const logId = logToken(context, grant, 'refresh_token', now, now + lifetimeSeconds * 1000);
    context.store.saveRefreshToken({
      tokenHash: sha256Base64Url(refreshToken),
      logId,
      clientId: grant.app.clientId,
      userId: grant.user.id,
      tenantId: grant.tenant.id,
      scopes: orderScopes(grant.scopes),
      issuedAt: now,
      lastUsedAt: now,
      lifetimeSeconds,
    });
    body.refresh_token = refreshToken;
  }
  if (grant.scopes.includes('openid')) {
    const idExp = iat + config.idTokenLifetimeSeconds;
    logToken(context, grant, 'id_token', now, idExp * 1000);
    body.id_token = await sign(context, idTokenClaims(grant, iat, idExp));
  }
  if (grant.clientInfo) body.client_info = encodeClientInfo(grant.user.id, grant.tenant.id);
  return body;
}
