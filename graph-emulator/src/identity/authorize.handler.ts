import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import { aad } from '../errors/error-factory.js';
import type { EmulatorContext } from '../http/emulator-context.js';
import { field, fieldList } from '../http/form-fields.js';
import { requestIds } from '../http/request-ids.js';
import type { AppRegistrationRecord, PendingRequestRecord, UserRecord } from '../store/emulator-records.js';
import type { EmulatorStore } from '../store/emulator-store.js';
import { encodeClientInfo, newAuthorizationCode } from '../tokens/token-format.js';
import { sendAuthorizationError, sendAuthorizationResponse, type RedirectTarget } from './authorization-response.js';
import { parseAuthorizeRequest } from './authorize-request.js';
import { consentRows, grantedScopes, withoutConsented } from './consent-scopes.js';
import { renderConsentPage } from './consent-page.js';
import { isOidcScope, orderScopes } from './scopes.js';
import { resolveTenantSegment, userAllowed, usersFor } from './tenant-segment.js';
import { canGrantTenantWideConsent } from './directory-roles.js';

type TenantRequest = Request<{ tenant: string }>;

function targetOf(pending: PendingRequestRecord): RedirectTarget {
  return { redirectUri: pending.redirectUri, responseMode: pending.responseMode, state: pending.state };
}

function renderPage(context: EmulatorContext, req: TenantRequest, res: Response, pending: PendingRequestRecord, app: AppRegistrationRecord): void {
  const { store } = context;
  const users = usersFor(store, resolveTenantSegment(store, pending.tenantSegment));
  const tenantIds = [...new Set(users.map((user) => user.tenantId))];
  const hinted = pending.loginHint ? users.find((user) => user.userPrincipalName.toLowerCase() === pending.loginHint!.toLowerCase()) : undefined;
  const rows = consentRows(store, app, pending.scopes, tenantIds);
  res.type('html').send(
    renderConsentPage({
      action: req.originalUrl.split('?')[0]!,
      requestId: pending.id,
      app,
      users,
      tenants: store.listTenants(),
      loginHint: pending.loginHint,
      rows: hinted ? withoutConsented(rows, store.userConsentedScopes(hinted.id, app.clientId)) : rows,
    }),
  );
}

/** `GET /{tenant}/oauth2/v2.0/authorize`: validates the request and shows the sign-in and consent page. */
export function authorizePageHandler(context: EmulatorContext) {
  return (req: TenantRequest, res: Response): void => {
    const audience = resolveTenantSegment(context.store, req.params.tenant);
    const parsed = parseAuthorizeRequest(context.store, audience, req.query as Record<string, unknown>);
    if (!parsed.ok) {
      sendAuthorizationError(res, parsed.target, parsed.error, requestIds(res));
      return;
    }
    context.store.savePendingRequest(parsed.request);
    renderPage(context, req, res, parsed.request, parsed.app);
  };
}

/** In a tenant where members may not consent, a member who is not an administrator needs every scope approved for the tenant. */
function needsAdminApproval(store: EmulatorStore, clientId: string, user: UserRecord, scopes: string[]): boolean {
  if (canGrantTenantWideConsent(user) || store.findTenant(user.tenantId)?.userConsent !== 'admin-only') return false;
  const approved = new Set(store.adminConsentedScopes(user.tenantId, clientId).map((scope) => scope.toLowerCase()));
  return scopes.some((scope) => !isOidcScope(scope) && !approved.has(scope.toLowerCase()));
}

/** `POST /{tenant}/oauth2/v2.0/authorize`: the consent form's Accept or Cancel. */
export function authorizeFormHandler(context: EmulatorContext) {
  return (req: TenantRequest, res: Response): void => {
    const { store } = context;
    const form = req.body as Record<string, unknown> | undefined;
    const pending = store.getPendingRequest(field(form, 'request') ?? '');
    if (!pending || pending.kind !== 'authorize' || pending.expiresAt < Date.now()) throw aad.requestExpired();
    const app = store.getApp(pending.clientId);
    if (!app) throw aad.unknownClient(pending.clientId, pending.tenantSegment);
    const target = targetOf(pending);

    if (field(form, 'action') !== 'accept') {
      store.deletePendingRequest(pending.id);
      sendAuthorizationError(res, target, aad.userDeclinedConsent(), requestIds(res));
      return;
    }
    const upn = field(form, 'account');
    if (!upn) throw aad.missingParameter('account');
    const user = store.findUser(upn);
    if (!user || !userAllowed(store, resolveTenantSegment(store, pending.tenantSegment), user)) throw aad.userNotInTenant(upn);
    if (needsAdminApproval(store, app.clientId, user, pending.scopes)) {
      store.deletePendingRequest(pending.id);
      sendAuthorizationError(res, target, aad.adminRequired(), requestIds(res));
      return;
    }

    const previouslyConsented = store.userConsentedScopes(user.id, app.clientId);
    const rows = withoutConsented(consentRows(store, app, pending.scopes, [user.tenantId]), previouslyConsented);
    const granted = grantedScopes(rows, fieldList(form, 'scope'));
    const decided = rows.filter((row) => row.state !== 'needs-admin').map((row) => row.scope);
    const consent = store.recordUserConsent(user.id, app.clientId, decided, granted);

    const now = Date.now();
    const code = newAuthorizationCode();
    store.saveAuthCode({
      code,
      clientId: app.clientId,
      redirectUri: pending.redirectUri,
      codeChallenge: pending.codeChallenge,
      userId: user.id,
      tenantId: user.tenantId,
      // The code stands for the whole grant: what was asked for now plus what the user granted the app before.
      scopes: orderScopes([...granted, ...consent.scopes.filter((scope) => !isOidcScope(scope))]),
      nonce: pending.nonce,
      issuedAt: now,
      expiresAt: now + store.getConfig().authCodeLifetimeSeconds * 1000,
    });
    store.deletePendingRequest(pending.id);
    sendAuthorizationResponse(res, target, {
      code,
      ...(pending.clientInfo ? { client_info: encodeClientInfo(user.id, user.tenantId) } : {}),
      session_state: randomUUID(),
    });
  };
}
