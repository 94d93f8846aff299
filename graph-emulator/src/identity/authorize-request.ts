import { randomUUID } from 'node:crypto';
import { AadError, aad } from '../errors/error-factory.js';
import { field } from '../http/form-fields.js';
import type { EmulatorStore } from '../store/emulator-store.js';
import type { AppRegistrationRecord, PendingRequestRecord } from '../store/emulator-records.js';
import type { RedirectTarget } from './authorization-response.js';
import { scopesToRequest } from './consent-scopes.js';
import { redirectUriRegistered } from './redirect-uri.js';
import { parseScopeParameter } from './scopes.js';
import type { TenantAudience } from './tenant-segment.js';

const PENDING_LIFETIME_MS = 30 * 60 * 1000;
const RESPONSE_MODES = ['query', 'fragment', 'form_post'] as const;
const S256_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;

export type AuthorizeParseResult =
  | { ok: true; request: PendingRequestRecord; app: AppRegistrationRecord }
  | { ok: false; error: AadError; target: RedirectTarget };

/** The client and redirect URI, checked before anything can be redirected (errors here are shown as a page). */
export function validateClient(
  store: EmulatorStore,
  audience: TenantAudience,
  query: Record<string, unknown>,
): { app: AppRegistrationRecord; target: RedirectTarget } {
  const clientId = field(query, 'client_id');
  if (!clientId) throw aad.missingParameter('client_id');
  const app = store.getApp(clientId);
  if (!app) throw aad.unknownClient(clientId, audience.segment);
  const redirectUri = field(query, 'redirect_uri');
  if (!redirectUri) throw aad.missingParameter('redirect_uri');
  if (!redirectUriRegistered(app, redirectUri)) throw aad.redirectUriMismatch(redirectUri, app.clientId);
  const mode = field(query, 'response_mode');
  const responseMode = RESPONSE_MODES.find((m) => m === mode) ?? 'query';
  return { app, target: { redirectUri, responseMode, state: field(query, 'state') } };
}

function checkPkce(store: EmulatorStore, query: Record<string, unknown>): string | undefined {
  const challenge = field(query, 'code_challenge');
  const method = field(query, 'code_challenge_method');
  if (challenge) {
    if (method !== 'S256') throw aad.invalidCodeChallengeMethod();
    if (!S256_CHALLENGE.test(challenge)) throw aad.invalidCodeChallenge();
    return challenge;
  }
  if (method) throw aad.missingParameter('code_challenge');
  if (store.getConfig().requirePkce) throw aad.pkceRequired();
  return undefined;
}

/** Validates a `GET /authorize` query into a pending request. */
export function parseAuthorizeRequest(
  store: EmulatorStore,
  audience: TenantAudience,
  query: Record<string, unknown>,
): AuthorizeParseResult {
  const { app, target } = validateClient(store, audience, query);
  try {
    const responseType = field(query, 'response_type');
    if (!responseType) throw aad.missingParameter('response_type');
    if (responseType !== 'code') throw aad.unsupportedResponseType(responseType);
    const requested = parseScopeParameter(field(query, 'scope'));
    if (requested.length === 0) throw aad.missingParameter('scope');
    const codeChallenge = checkPkce(store, query);
    if (field(query, 'prompt') === 'none') throw aad.loginRequired();
    const now = Date.now();
    const request: PendingRequestRecord = {
      id: randomUUID(),
      kind: 'authorize',
      tenantSegment: audience.segment,
      clientId: app.clientId,
      redirectUri: target.redirectUri,
      scopes: scopesToRequest(app, requested),
      state: target.state,
      nonce: field(query, 'nonce'),
      codeChallenge,
      responseMode: target.responseMode,
      clientInfo: field(query, 'client_info') === '1',
      loginHint: field(query, 'login_hint'),
      createdAt: now,
      expiresAt: now + PENDING_LIFETIME_MS,
    };
    return { ok: true, request, app };
  } catch (error) {
    if (error instanceof AadError) return { ok: false, error, target };
    throw error;
  }
}
