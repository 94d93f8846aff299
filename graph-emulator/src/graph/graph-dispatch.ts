import type { Request, Response } from 'express';
import { requestOrigin, type EmulatorContext } from '../http/emulator-context.js';
import { requestIds } from '../http/request-ids.js';
import { graphCaller } from './graph-auth.js';
import { executeGraphCall, type GraphCall, type GraphResult } from './graph-call.js';
import { sendGraphResult } from './graph-protocol.js';
import { GRAPH_ROUTES } from './graph-routes.js';

export function headerRecord(req: Request): Record<string, string> {
  return Object.fromEntries(
    Object.entries(req.headers)
      .filter(([, value]) => value !== undefined)
      .map(([name, value]) => [name.toLowerCase(), Array.isArray(value) ? value.join(', ') : String(value)]),
  );
}

export function sendResult(res: Response, result: GraphResult): void {
  if (result.lostAnswer) {
    loseAnswer(res, result.lostAnswer);
    return;
  }
  sendGraphResult(res, result);
}

/** The work is done; the client never hears of it: the connection breaks now, or after a silence. */
function loseAnswer(res: Response, lost: NonNullable<GraphResult['lostAnswer']>): void {
  const socket = res.req.socket;
  if (lost.mode === 'reset' || lost.holdMs === 0) {
    // TLS sockets cannot send a TCP RST from Node; closing without an answer is what the client sees either way.
    socket.destroy();
    return;
  }
  const timer = setTimeout(() => socket.destroy(), lost.holdMs);
  socket.once('close', () => clearTimeout(timer));
}

/** Answers every Graph path over HTTP: the routes of GRAPH_ROUTES, a 501 for what Graph has and they lack, else Graph's not-found. */
export function graphDispatcher(context: EmulatorContext) {
  return async (req: Request, res: Response): Promise<void> => {
    const url = new URL(req.originalUrl, 'https://emulator.invalid');
    const call: GraphCall = {
      method: req.method.toUpperCase(),
      path: url.pathname.replace(/^\/v1\.0/i, '') || '/',
      query: url.searchParams,
      headers: headerRecord(req),
      body: req.body,
      caller: graphCaller(res),
      origin: requestOrigin(context, req),
      ids: requestIds(res),
    };
    sendResult(res, await executeGraphCall(context, GRAPH_ROUTES, call, 'request'));
  };
}
