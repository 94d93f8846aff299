import { createHash, randomBytes } from 'node:crypto';

/** Microsoft Graph's application id: the `aud` of Graph access tokens. */
export const GRAPH_RESOURCE_APP_ID = '00000003-0000-0000-c000-000000000000';
export const GRAPH_RESOURCE_URI = 'https://graph.microsoft.com';

const REFRESH_TOKEN_PREFIX = '0.EMU.';
const REFRESH_TOKEN_BYTES = 96;

/** Opaque, like the platform's refresh tokens; only its hash is stored. */
export function newRefreshToken(): string {
  return `${REFRESH_TOKEN_PREFIX}${randomBytes(REFRESH_TOKEN_BYTES).toString('base64url')}`;
}

export function looksLikeRefreshToken(token: string): boolean {
  return token.startsWith(REFRESH_TOKEN_PREFIX) && /^[A-Za-z0-9_-]{128}$/.test(token.slice(REFRESH_TOKEN_PREFIX.length));
}

export function newAuthorizationCode(): string {
  return `1.EMU.${randomBytes(48).toString('base64url')}`;
}

export function sha256Base64Url(value: string): string {
  return createHash('sha256').update(value).digest('base64url');
}

/** The id token's `sub`: pairwise per user and application. */
export function pairwiseSubject(userId: string, clientId: string): string {
  return sha256Base64Url(`${userId}|${clientId.toLowerCase()}`);
}

export function encodeClientInfo(userId: string, tenantId: string): string {
  return Buffer.from(JSON.stringify({ uid: userId, utid: tenantId })).toString('base64url');
}
