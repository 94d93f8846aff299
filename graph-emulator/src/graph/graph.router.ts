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
  // A simple upload's bytes (PUT …/content). A body over the limit is not read: the handler answers 413 from its Content-Length.
  router.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'PUT' || !/\/content\/?$/i.test(req.path)) return next();
    const limit = context.store.files.getSettings().simpleUploadMaxBytes;
    if (Number(req.get('content-length') ?? '0') > limit) return next();
    express.raw({ type: () => true, limit: limit + 1 })(req, res, next);
  });
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
