import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import { aad } from '../errors/error-factory.js';
import type { EmulatorContext } from '../http/emulator-context.js';
import { field } from '../http/form-fields.js';
import { requestIds } from '../http/request-ids.js';
import { sendAuthorizationError, sendAuthorizationResponse, type RedirectTarget } from './authorization-response.js';
import { validateClient } from './authorize-request.js';
import { renderAdminConsentPage } from './admin-consent-page.js';
import { DEFAULT_SCOPE, graphScopeUri, isOidcScope, orderScopes, parseScopeParameter } from './scopes.js';
import { resolveTenantSegment, userAllowed, usersFor } from './tenant-segment.js';
import { canGrantTenantWideConsent } from './directory-roles.js';

type TenantRequest = Request<{ tenant: string }>;
const PENDING_LIFETIME_MS = 30 * 60 * 1000;
// Its error redirects carry admin_consent=True too, which tells them from the authorize flow's
// (https://learn.microsoft.com/entra/identity-platform/v2-admin-consent#error-response).
const ADMIN_CONSENT = { admin_consent: 'True' };

/**
 * `GET /{tenant}/v2.0/adminconsent?client_id&scope&redirect_uri&state`
 * https://learn.microsoft.com/entra/identity-platform/v2-admin-consent
 */
export function adminConsentPageHandler(context: EmulatorContext) {
  return (req: TenantRequest, res: Response): void => {
    const { store } = context;
    const audience = resolveTenantSegment(store, req.params.tenant);
    if (audience.kind === 'consumers') throw aad.adminConsentNotForPersonal();
    const query = req.query as Record<string, unknown>;
    const { app, target } = validateClient(store, audience, query);
    const requested = parseScopeParameter(field(query, 'scope'));
    if (requested.length === 0) {
      sendAuthorizationError(res, target, aad.missingParameter('scope'), requestIds(res), ADMIN_CONSENT);
      return;
    }
    const scopes = orderScopes(
      requested.flatMap((scope) => (scope === DEFAULT_SCOPE ? app.apiPermissions : [scope])).filter((s) => !isOidcScope(s)),
    );
    const now = Date.now();
    const id = randomUUID();
    store.savePendingRequest({
      id,
      kind: 'admin-consent',
      tenantSegment: audience.segment,
      clientId: app.clientId,
      redirectUri: target.redirectUri,
      scopes,
      state: target.state,
      responseMode: 'query',
      clientInfo: false,
      createdAt: now,
      expiresAt: now + PENDING_LIFETIME_MS,
    });
    const users = usersFor(store, audience).filter((user) => store.findTenant(user.tenantId)?.kind !== 'personal');
    res.type('html').send(
      renderAdminConsentPage({
        action: req.originalUrl.split('?')[0]!,
        requestId: id,
        app,
        users,
        tenants: store.listTenants(),
        scopes,
      }),
    );
  };
}

/** `POST /{tenant}/v2.0/adminconsent`: the admin consent form. */
export function adminConsentFormHandler(context: EmulatorContext) {
  return (req: TenantRequest, res: Response): void => {
    const { store } = context;
    const form = req.body as Record<string, unknown> | undefined;
    const pending = store.getPendingRequest(field(form, 'request') ?? '');
    if (!pending || pending.kind !== 'admin-consent' || pending.expiresAt < Date.now()) throw aad.requestExpired();
    const target: RedirectTarget = { redirectUri: pending.redirectUri, responseMode: 'query', state: pending.state };
    if (field(form, 'action') !== 'accept') {
      store.deletePendingRequest(pending.id);
      sendAuthorizationError(res, target, aad.userDeclinedConsent(), requestIds(res), ADMIN_CONSENT);
      return;
    }
    const upn = field(form, 'account');
    if (!upn) throw aad.missingParameter('account');
    const user = store.findUser(upn);
    const audience = resolveTenantSegment(store, pending.tenantSegment);
    if (!user || !userAllowed(store, audience, user) || store.findTenant(user.tenantId)?.kind === 'personal') {
      throw aad.userNotInTenant(upn);
    }
    store.deletePendingRequest(pending.id);
    if (!canGrantTenantWideConsent(user)) {
      sendAuthorizationError(res, target, aad.adminRequired(), requestIds(res), ADMIN_CONSENT);
      return;
    }
    store.grantAdminConsent(user.tenantId, pending.clientId, pending.scopes, user.userPrincipalName);
    sendAuthorizationResponse(res, target, {
      admin_consent: 'True',
      tenant: user.tenantId,
      scope: pending.scopes.map(graphScopeUri).join(' '),
    });
  };
}
