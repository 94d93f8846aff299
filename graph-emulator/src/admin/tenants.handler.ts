import type { Request, Response } from 'express';
import type { EmulatorStore } from '../store/emulator-store.js';
import type { NewTenantInput } from '../store/emulator-records.js';

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
