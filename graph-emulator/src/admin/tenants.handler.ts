import type { Request, Response } from 'express';
import type { EmulatorStore } from '../store/emulator-store.js';
import type { NewTenantInput, UserConsentPolicy } from '../store/emulator-records.js';

/** `GET /_admin/tenants` */
export function listTenantsHandler(store: EmulatorStore) {
  return (_req: Request, res: Response): void => {
    res.json({ value: store.listTenants() });
  };
}

/** `POST /_admin/tenants` `{id?, displayName, domains, kind?}` */
export function createTenantHandler(store: EmulatorStore) {
  return (req: Request, res: Response): void => {
    res.status(201).json(store.addTenant((req.body ?? {}) as NewTenantInput));
  };
}

/**
 * `PUT /_admin/tenants/:tenant/admin-only-permissions` `{permissions: ['Sites.Read.All']}`: the permissions users
 * of the tenant may not consent to themselves (granted once an administrator consented for the app). `[]` leaves
 * only Microsoft's own admin-consent permissions.
 */
export function setAdminOnlyPermissionsHandler(store: EmulatorStore) {
  return (req: Request<{ tenant: string }>, res: Response): void => {
    const { permissions } = (req.body ?? {}) as { permissions?: string[] };
    res.json(store.setAdminOnlyPermissions(req.params.tenant, permissions as string[]));
  };
}

/** `PUT /_admin/tenants/:tenant/user-consent` `{userConsent: allowed | admin-only}`: Entra's "Users can consent to apps". */
export function setUserConsentHandler(store: EmulatorStore) {
  return (req: Request<{ tenant: string }>, res: Response): void => {
    const { userConsent } = (req.body ?? {}) as { userConsent?: UserConsentPolicy };
    res.json(store.setUserConsentPolicy(req.params.tenant, userConsent as UserConsentPolicy));
  };
}
