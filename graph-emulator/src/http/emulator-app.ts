import express from 'express';
import type { Express, NextFunction, Request, Response } from 'express';
import { requestIdsMiddleware } from './request-ids.js';

/** An Express app with the emulator's request ids, `mount` in between, then its plain 404 and 500 answers. */
export function emulatorApp(mount: (app: Express) => void): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(requestIdsMiddleware);
  mount(app);
  app.use((_req: Request, res: Response) => {
    res.status(404).type('text').send('Not found');
  });
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    console.error('[graph-emulator]', error);
    res.status(500).type('text').send('Internal error');
  });
  return app;
}
