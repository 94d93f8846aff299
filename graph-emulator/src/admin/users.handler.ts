import type { Request, Response } from 'express';
import { AdminError } from '../errors/error-factory.js';
import type { EmulatorStore } from '../store/emulator-store.js';
import type { NewUserInput } from '../store/emulator-records.js';

/** `GET /_admin/users?tenant=` */
export function listUsersHandler(store: EmulatorStore) {
  return (req: Request, res: Response): void => {
    const tenant = typeof req.query.tenant === 'string' ? store.findTenant(req.query.tenant) : undefined;
    if (typeof req.query.tenant === 'string' && !tenant) throw new AdminError(404, `no tenant ${req.query.tenant}`);
    res.json({ value: store.listUsers(tenant?.id) });
  };
}

/** `POST /_admin/users` `{userPrincipalName, tenant?, displayName?, givenName?, surname?, mail?, otherMails?, isAdmin?, directoryRoles?, id?}` */
export function createUserHandler(store: EmulatorStore) {
  return (req: Request, res: Response): void => {
    res.status(201).json(store.addUser((req.body ?? {}) as NewUserInput));
  };
}

/** `POST /_admin/users/:userIdOrUpn/revoke-sessions`: what a password change or "revoke sessions" does. */
export function revokeSessionsHandler(store: EmulatorStore) {
  return (req: Request<{ userIdOrUpn: string }>, res: Response): void => {
    const user = store.findUser(req.params.userIdOrUpn);
    if (!user) throw new AdminError(404, `no user ${req.params.userIdOrUpn}`);
    res.json({ userId: user.id, revokedRefreshTokens: store.revokeSessions(user.id) });
  };
}

/** `PUT /_admin/users/:userIdOrUpn/directory-roles` `{roleTemplateIds}`: the user's directory roles, as the `wids` claim lists them. */
export function setDirectoryRolesHandler(store: EmulatorStore) {
  return (req: Request<{ userIdOrUpn: string }>, res: Response): void => {
    if (!store.findUser(req.params.userIdOrUpn)) throw new AdminError(404, `no user ${req.params.userIdOrUpn}`);
    const { roleTemplateIds } = (req.body ?? {}) as { roleTemplateIds?: string[] };
    res.json(store.setUserDirectoryRoles(req.params.userIdOrUpn, roleTemplateIds as string[]));
  };
}
