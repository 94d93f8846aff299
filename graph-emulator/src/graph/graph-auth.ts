import type { NextFunction, Request, Response } from 'express';
import { GraphError } from '../errors/error-factory.js';
import type { EmulatorContext } from '../http/emulator-context.js';
import type { UserRecord } from '../store/emulator-records.js';
import { verifyGraphAccessToken, type GraphAccessTokenClaims } from '../tokens/access-token-verifier.js';

export interface GraphCaller {
  claims: GraphAccessTokenClaims;
  user: UserRecord;
  scopes: string[];
}

/** Verifies the bearer token of every Graph request and exposes the caller as `res.locals.caller`. */
export function graphAuthMiddleware(context: EmulatorContext) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const claims = await verifyGraphAccessToken(context, req.get('authorization'));
    const user = context.store.findUser(claims.oid);
    if (!user) throw new GraphError(401, 'InvalidAuthenticationToken', 'Access token validation failure. The user does not exist.');
    res.locals.caller = { claims, user, scopes: claims.scp.split(' ').filter(Boolean) } satisfies GraphCaller;
    next();
  };
}

export function graphCaller(res: Response): GraphCaller {
  return res.locals.caller as GraphCaller;
}
