import type { Request, Response } from 'express';
import { AdminError } from '../errors/error-factory.js';
import type { EmulatorStore } from '../store/emulator-store.js';
import { adminConsentJson, userConsentJson } from './admin-serializers.js';

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
