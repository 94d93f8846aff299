import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { RequestIds } from '../errors/error-factory.js';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Gives every response Graph's `request-id` and echoes the caller's `client-request-id` (or mints one). */
export function requestIdsMiddleware(req: Request, res: Response, next: NextFunction): void {
  const requestId = randomUUID();
  const sent = req.get('client-request-id');
  const clientRequestId = sent && GUID.test(sent) ? sent : sent ? sent.slice(0, 64) : randomUUID();
  res.locals.requestIds = { requestId, clientRequestId } satisfies RequestIds;
  res.set({ 'request-id': requestId, 'x-ms-request-id': requestId, 'client-request-id': clientRequestId });
  next();
}

export function requestIds(res: Response): RequestIds {
  return res.locals.requestIds as RequestIds;
}
