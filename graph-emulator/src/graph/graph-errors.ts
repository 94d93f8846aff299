import type { NextFunction, Request, Response } from 'express';
import { GraphError, graphErrorBody } from '../errors/error-factory.js';
import { requestIds } from '../http/request-ids.js';

/** Graph-shaped errors for everything under /v1.0 (and /oidc/userinfo). */
export function graphErrorHandler(error: unknown, _req: Request, res: Response, _next: NextFunction): void {
  const ids = requestIds(res);
  if (error instanceof GraphError) {
    res.set(error.headers);
    if (error.status === 401) {
      res.set('www-authenticate', 'Bearer realm="", error="invalid_token", client_id="00000003-0000-0000-c000-000000000000"');
    }
    res.status(error.status).json(graphErrorBody(error.code, error.message, ids));
    return;
  }
  const status = (error as { status?: number }).status;
  if (status === 400) {
    res.status(400).json(graphErrorBody('BadRequest', 'Unable to read JSON request payload.', ids));
    return;
  }
  console.error('[graph-emulator]', error);
  res.status(500).json(graphErrorBody('generalException', 'General exception while processing.', ids));
}

export function graphNotFound(req: Request, res: Response): void {
  res
    .status(400)
    .json(graphErrorBody('BadRequest', `Resource not found for the segment '${req.path.split('/').filter(Boolean).pop() ?? ''}'.`, requestIds(res)));
}
