import type { Request, Response } from 'express';
import type { EmulatorStore } from '../store/emulator-store.js';
import type { NewAppInput } from '../store/emulator-records.js';

/** `GET /_admin/apps` */
export function listAppsHandler(store: EmulatorStore) {
  return (_req: Request, res: Response): void => {
    res.json({ value: store.listApps() });
  };
}

/** `POST /_admin/apps` `{clientId?, clientSecret?, displayName?, redirectUris, requiredScopes?, apiPermissions?}` */
export function registerAppHandler(store: EmulatorStore) {
  return (req: Request, res: Response): void => {
    res.status(201).json(store.registerApp((req.body ?? {}) as NewAppInput));
  };
}

/** `PUT /_admin/apps/:clientId/secret` `{clientSecret}`: a rotated secret; the old one is refused from then on. */
export function setAppSecretHandler(store: EmulatorStore) {
  return (req: Request<{ clientId: string }>, res: Response): void => {
    const { clientSecret } = (req.body ?? {}) as { clientSecret?: string };
    res.json(store.setAppSecret(req.params.clientId, clientSecret as string));
  };
}

/** `PUT /_admin/apps/:clientId/group-membership-claims` `{groupMembershipClaims}`: the manifest property behind the `wids` claim. */
export function setAppGroupMembershipClaimsHandler(store: EmulatorStore) {
  return (req: Request<{ clientId: string }>, res: Response): void => {
    const { groupMembershipClaims } = (req.body ?? {}) as { groupMembershipClaims?: NewAppInput['groupMembershipClaims'] };
    res.json(store.setAppGroupMembershipClaims(req.params.clientId, groupMembershipClaims));
  };
}
