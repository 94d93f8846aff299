import type { Request, Response } from 'express';
import { AdminError } from '../errors/error-factory.js';
import type { EmulatorStore } from '../store/emulator-store.js';
import { adminConsentJson, userConsentJson } from './admin-serializers.js';
import { isOidcScope, normalizeScope } from '../identity/scopes.js';

/** `GET /_admin/consents`: tenant-wide admin consents and per-user consents. */
export function listConsentsHandler(store: EmulatorStore) {
  return (_req: Request, res: Response): void => {
    res.json({
      adminConsents: store.listAdminConsents().map(adminConsentJson),
      userConsents: store.listUserConsents().map(userConsentJson),
    });
  };
}

/** `POST /_admin/consents` `{tenant, clientId, scopes}`: grant tenant-wide admin consent without the browser flow. */
export function grantAdminConsentHandler(store: EmulatorStore) {
  return (req: Request, res: Response): void => {
    const body = (req.body ?? {}) as { tenant?: string; clientId?: string; scopes?: string[] };
    const tenant = body.tenant ? store.findTenant(body.tenant) : undefined;
    if (!tenant || tenant.kind === 'personal') throw new AdminError(400, 'tenant must be an organization tenant id or domain');
    if (!body.clientId || !store.getApp(body.clientId)) throw new AdminError(400, 'clientId must be a registered app');
    if (!Array.isArray(body.scopes) || body.scopes.length === 0) throw new AdminError(400, 'scopes must be a non-empty array');
    res.status(201).json(adminConsentJson(store.grantAdminConsent(tenant.id, body.clientId, body.scopes, 'admin-api')));
  };
}

/**
 * `POST /_admin/consents/withdraw` `{user, clientId, scope}`: the user removes one permission from the app, as on
 * their account's app permissions page. Access tokens already issued keep it until they expire; the next token
 * (a refresh) is issued without it.
 */
export function withdrawUserConsentHandler(store: EmulatorStore) {
  return (req: Request, res: Response): void => {
    const body = (req.body ?? {}) as { user?: string; clientId?: string; scope?: string };
    const user = body.user ? store.findUser(body.user) : undefined;
    if (!user) throw new AdminError(400, 'user must be a user id or userPrincipalName');
    if (!body.clientId || !store.getApp(body.clientId)) throw new AdminError(400, 'clientId must be a registered app');
    if (typeof body.scope !== 'string' || body.scope.trim() === '') throw new AdminError(400, 'scope must name one permission');
    if (isOidcScope(normalizeScope(body.scope))) throw new AdminError(400, 'OpenID Connect scopes are not permissions that can be withdrawn');
    const record = store.withdrawUserConsent(user.id, body.clientId, body.scope);
    if (!record) throw new AdminError(404, `${user.userPrincipalName} has not consented to ${body.clientId}`);
    res.json(userConsentJson(record));
  };
}
