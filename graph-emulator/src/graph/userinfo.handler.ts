import type { Request, Response } from 'express';
import { graphCaller } from './graph-auth.js';
import { pairwiseSubject } from '../tokens/token-format.js';

/**
 * `GET` or `POST /oidc/userinfo` (the discovery document's userinfo_endpoint): the names only with the `profile`
 * scope, the email only with `email` (https://learn.microsoft.com/entra/identity-platform/userinfo).
 */
export function userInfoHandler() {
  return (_req: Request, res: Response): void => {
    const { user, claims, scopes } = graphCaller(res);
    const granted = new Set(scopes.map((scope) => scope.toLowerCase()));
    const email = user.mail ?? user.userPrincipalName;
    res.json({
      sub: pairwiseSubject(user.id, claims.appid),
      ...(granted.has('profile') ? { name: user.displayName, family_name: user.surname, given_name: user.givenName } : {}),
      ...(granted.has('email') && email ? { email } : {}),
    });
  };
}
