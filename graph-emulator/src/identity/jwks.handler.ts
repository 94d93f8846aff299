import type { Request, Response } from 'express';
import type { EmulatorContext } from '../http/emulator-context.js';
import { resolveTenantSegment } from './tenant-segment.js';

/** `GET /{tenant}/discovery/v2.0/keys` */
export function jwksHandler(context: EmulatorContext) {
  return (req: Request<{ tenant: string }>, res: Response): void => {
    resolveTenantSegment(context.store, req.params.tenant);
    res.json({ keys: [context.signingKey.publicJwk] });
  };
}
