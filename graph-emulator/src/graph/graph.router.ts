import express from 'express';
import type { NextFunction, Request, Response, Router } from 'express';
import type { EmulatorContext } from '../http/emulator-context.js';
import { batchHandler } from './batch.handler.js';
import { graphAuthMiddleware } from './graph-auth.js';
import { graphDispatcher } from './graph-dispatch.js';
import { graphErrorHandler } from './graph-errors.js';

/** Microsoft Graph v1.0, mounted at `/v1.0`: `/me`, the mailbox (see GRAPH_ROUTES) and `$batch`. */
export function graphRouter(context: EmulatorContext): Router {
  const router = express.Router();
  router.use(graphAuthMiddleware(context));
  router.use(express.json({ limit: '4mb' }));
  const batch = batchHandler(context);
  router.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method === 'POST' && /^\/\$batch\/?$/i.test(req.path)) return batch(req, res);
    next();
  });
  router.use(graphDispatcher(context));
  router.use(graphErrorHandler);
  return router;
}
