import type { Request, Response } from 'express';
import { aad } from '../errors/error-factory.js';
import { field } from '../http/form-fields.js';
import { requestOrigin, type EmulatorContext } from '../http/emulator-context.js';
import { redeemAuthorizationCode } from './authorization-code.grant.js';
import { authenticateClient } from './client-authentication.js';
import { redeemRefreshToken } from './refresh-token.grant.js';
import { resolveTenantSegment } from './tenant-segment.js';

/** `POST /{tenant}/oauth2/v2.0/token` (form-encoded). */
export function tokenHandler(context: EmulatorContext) {
  return async (req: Request<{ tenant: string }>, res: Response): Promise<void> => {
    const audience = resolveTenantSegment(context.store, req.params.tenant);
    const body = req.body as Record<string, unknown> | undefined;
    const grantType = field(body, 'grant_type');
    if (!grantType) throw aad.missingParameter('grant_type');
    const app = authenticateClient(context.store, audience.segment, req);
    const origin = requestOrigin(context, req);
    let result;
    if (grantType === 'authorization_code') {
      result = await redeemAuthorizationCode(context, audience, app, body, origin);
    } else if (grantType === 'refresh_token') {
      result = await redeemRefreshToken(context, audience, app, body, origin);
    } else {
      throw aad.unsupportedGrantType(grantType);
    }
    res.set({ 'cache-control': 'no-store, no-cache', pragma: 'no-cache' }).json(result);
  };
}
