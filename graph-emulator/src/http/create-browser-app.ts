import express from 'express';
import type { Express, NextFunction, Request, Response } from 'express';
import { browserPagesRouter } from '../identity/identity.router.js';
import type { EmulatorContext } from './emulator-context.js';
import { requestIdsMiddleware } from './request-ids.js';

/**
 * The app of the plain-http loopback listener: only the pages a browser opens. Tokens, discovery, keys, Graph and the
 * admin API answer 404 here, so nothing an app calls server to server is ever reachable without TLS.
 */
export function createBrowserPagesApp(context: EmulatorContext): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(requestIdsMiddleware);
  app.use(browserPagesRouter(context));
  app.use((_req: Request, res: Response) => {
    res.status(404).type('text').send('Not found');
  });
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    console.error('[graph-emulator]', error);
    res.status(500).type('text').send('Internal error');
  });
  return app;
}
