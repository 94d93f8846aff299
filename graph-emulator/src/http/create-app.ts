import express from 'express';
import type { Express, NextFunction, Request, Response } from 'express';
import { adminRouter } from '../admin/admin.router.js';
import { graphAuthMiddleware } from '../graph/graph-auth.js';
import { graphErrorHandler } from '../graph/graph-errors.js';
import { graphRouter } from '../graph/graph.router.js';
import { userInfoHandler } from '../graph/userinfo.handler.js';
import { identityRouter } from '../identity/identity.router.js';
import type { EmulatorContext } from './emulator-context.js';
import { requestIdsMiddleware } from './request-ids.js';

export function createEmulatorApp(context: EmulatorContext): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(requestIdsMiddleware);
  app.use('/_admin', adminRouter(context.store, context.notifications));
  app.use('/v1.0', graphRouter(context));
  app.get('/oidc/userinfo', graphAuthMiddleware(context), userInfoHandler(), graphErrorHandler);
  app.use(identityRouter(context));
  app.use((_req: Request, res: Response) => {
    res.status(404).type('text').send('Not found');
  });
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    console.error('[graph-emulator]', error);
    res.status(500).type('text').send('Internal error');
  });
  return app;
}
