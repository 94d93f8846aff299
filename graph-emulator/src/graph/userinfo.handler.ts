import type { Request, Response } from 'express';
import { graphCaller } from './graph-auth.js';
import { pairwiseSubject } from '../tokens/token-format.js';

/** `GET /oidc/userinfo` (the discovery document's userinfo_endpoint). */
export function userInfoHandler() {
  return (_req: Request, res: Response): void => {
    const { user, claims } = graphCaller(res);
    res.json({
      sub: pairwiseSubject(user.id, claims.appid),
      name: user.displayName,
      family_name: user.surname,
      given_name: user.givenName,
      ...(user.mail ?? user.userPrincipalName ? { email: user.mail ?? user.userPrincipalName } : {}),
    });
  };
}
