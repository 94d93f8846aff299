import express from 'express';
import type { Request, Response, Router } from 'express';
import { aad } from '../errors/error-factory.js';
import type { EmulatorContext } from '../http/emulator-context.js';
import { adminConsentFormHandler, adminConsentPageHandler } from './admin-consent.handler.js';
import { authorizeFormHandler, authorizePageHandler } from './authorize.handler.js';
import { discoveryHandler } from './discovery.handler.js';
import { errorPageHandler } from './error-page.handler.js';
import { identityErrorHandler } from './identity-errors.js';
import { jwksHandler } from './jwks.handler.js';
import { logoutHandler } from './logout.handler.js';
import { tokenHandler } from './token.handler.js';

/** The pages a person's browser opens: sign-in and consent, admin consent, sign-out (under `/{tenant}`), and `/error`. */
export function browserPagesRouter(context: EmulatorContext): Router {
  const router = express.Router();
  const form = express.urlencoded({ extended: false });
  router.get('/error', errorPageHandler());
  router.get('/:tenant/oauth2/v2.0/authorize', authorizePageHandler(context));
  router.post('/:tenant/oauth2/v2.0/authorize', form, authorizeFormHandler(context));
  router.get('/:tenant/oauth2/v2.0/logout', logoutHandler());
  router.get('/:tenant/v2.0/adminconsent', adminConsentPageHandler(context));
  router.post('/:tenant/v2.0/adminconsent', form, adminConsentFormHandler(context));
  router.use(identityErrorHandler(context));
  return router;
}

/** The identity platform v2 endpoints, all under `/{tenant}`: the browser pages and what apps call server to server. */
export function identityRouter(context: EmulatorContext): Router {
  const router = express.Router();
  const form = express.urlencoded({ extended: false });
  router.use(browserPagesRouter(context));
  router.get('/:tenant/v2.0/.well-known/openid-configuration', discoveryHandler(context));
  router.get('/:tenant/discovery/v2.0/keys', jwksHandler(context));
  router.post('/:tenant/oauth2/v2.0/token', form, tokenHandler(context));
  router.post('/:tenant/oauth2/v2.0/devicecode', (_req: Request, _res: Response) => {
    throw aad.unsupportedGrantType('device_code');
  });
  router.use(identityErrorHandler(context));
  return router;
}
