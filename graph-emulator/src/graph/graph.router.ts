import express from 'express';
import type { Router } from 'express';
import type { EmulatorContext } from '../http/emulator-context.js';
import { graphAuthMiddleware } from './graph-auth.js';
import { graphErrorHandler, graphNotFound } from './graph-errors.js';
import { meHandler } from './me.handler.js';

/** Microsoft Graph v1.0, mounted at `/v1.0`. */
export function graphRouter(context: EmulatorContext): Router {
  const router = express.Router();
  router.use(graphAuthMiddleware(context));
  router.use(express.json());
  router.get('/me', meHandler(context));
  router.use(graphNotFound);
  router.use(graphErrorHandler);
  return router;
}
