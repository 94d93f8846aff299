import type { NextFunction, Request, Response } from 'express';
import { GraphError, graphErrorBody } from '../errors/error-factory.js';
import { requestIds } from '../http/request-ids.js';
import { sendGraphResult } from './graph-protocol.js';

/** Graph-shaped errors for everything under /v1.0 (and /oidc/userinfo). */
export function graphErrorHandler(error: unknown, _req: Request, res: Response, _next: NextFunction): void {
  const ids = requestIds(res);
  if (error instanceof GraphError) {
    const challenge: Record<string, string> =
      error.status === 401 ? { 'www-authenticate': 'Bearer realm="", error="invalid_token", client_id="00000003-0000-0000-c000-000000000000"' } : {};
    sendGraphResult(res, {
      status: error.status,
      headers: { ...error.headers, ...challenge },
      body: graphErrorBody(error.code, error.message, ids, new Date(), error.innerError),
    });
    return;
  }
  const status = (error as { status?: number }).status;
  if (status === 413) {
    sendGraphResult(res, { status: 413, body: graphErrorBody('requestEntityTooLarge', 'The request body is larger than this request takes.', ids) });
    return;
  }
  if (status === 400) {
    sendGraphResult(res, { status: 400, body: graphErrorBody('BadRequest', 'Unable to read JSON request payload.', ids) });
    return;
  }
  console.error('[graph-emulator]', error);
  sendGraphResult(res, { status: 500, body: graphErrorBody('generalException', 'General exception while processing.', ids) });
}
