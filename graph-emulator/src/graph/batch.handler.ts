import type { Request, Response } from 'express';
import { graph, GraphError } from '../errors/error-factory.js';
import { requestOrigin, type EmulatorContext } from '../http/emulator-context.js';
import { requestIds } from '../http/request-ids.js';
import { graphCaller } from './graph-auth.js';
import { errorResult, executeGraphCall, newItemIds, type GraphCall, type GraphResult } from './graph-call.js';
import { headerRecord, sendResult } from './graph-dispatch.js';
import { responseHeaders } from './graph-protocol.js';
import { GRAPH_ROUTES } from './graph-routes.js';

const MAX_REQUESTS = 20;

interface BatchItem {
  id: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
  dependsOn: string[];
}

function parseItems(body: unknown): BatchItem[] {
  const requests = (body as { requests?: unknown } | undefined)?.requests;
  if (!Array.isArray(requests)) throw graph.batchMalformed("The batch request must contain a 'requests' array.");
  if (requests.length === 0) throw graph.batchMalformed('The batch request must contain at least one request.');
  if (requests.length > MAX_REQUESTS) throw graph.batchTooLarge();
  const items = requests.map((raw: unknown): BatchItem => {
    const item = raw as Record<string, unknown>;
    if (typeof item !== 'object' || item === null) throw graph.batchMalformed('Each batch request must be an object.');
    if (typeof item.id !== 'string' || item.id === '') throw graph.batchMalformed("Each batch request needs a string 'id'.");
    if (typeof item.method !== 'string' || item.method === '') throw graph.batchMalformed(`Request '${item.id}' needs a 'method'.`);
    if (typeof item.url !== 'string' || item.url === '') throw graph.batchMalformed(`Request '${item.id}' needs a 'url'.`);
    if (/^https?:/i.test(item.url)) throw graph.batchMalformed(`Request '${item.id}': the url must be relative, like /me/messages.`);
    const headers = Object.fromEntries(
      Object.entries((item.headers as Record<string, unknown> | undefined) ?? {}).map(([name, value]) => [name.toLowerCase(), String(value)]),
    );
    if (item.body !== undefined && !headers['content-type']) {
      throw graph.batchMalformed(`Request '${item.id}' has a body but no Content-Type header.`);
    }
    const dependsOn = item.dependsOn === undefined ? [] : item.dependsOn;
    if (!Array.isArray(dependsOn) || dependsOn.some((d) => typeof d !== 'string')) {
      throw graph.batchMalformed(`Request '${item.id}': dependsOn must be an array of request ids.`);
    }
    return { id: item.id, method: item.method.toUpperCase(), url: item.url, headers, body: item.body, dependsOn: dependsOn as string[] };
  });
  const ids = new Set<string>();
  for (const item of items) {
    if (ids.has(item.id.toLowerCase())) throw graph.batchMalformed(`Request id '${item.id}' is not unique in the batch.`);
    ids.add(item.id.toLowerCase());
  }
  for (const item of items) {
    const unknown = item.dependsOn.find((dependency) => !ids.has(dependency.toLowerCase()));
    if (unknown) throw graph.batchMalformed(`Request '${item.id}' depends on '${unknown}', which is not in the batch.`);
  }
  // Reject cycles: every item must be reachable by repeatedly taking items whose dependencies are done.
  const done = new Set<string>();
  while (done.size < items.length) {
    const ready = items.filter((item) => !done.has(item.id.toLowerCase()) && item.dependsOn.every((d) => done.has(d.toLowerCase())));
    if (ready.length === 0) throw graph.batchMalformed('The dependsOn graph of the batch has a cycle.');
    ready.forEach((item) => done.add(item.id.toLowerCase()));
  }
  return items;
}

/** JSON batching carries a non-JSON body (an attachment's bytes, MIME content) base64-encoded. */
function batchBody(body: unknown): unknown {
  return Buffer.isBuffer(body) ? body.toString('base64') : body;
}

/** An item's own headers, as a top-level response would carry them (Retry-After of a throttled item among them). */
function itemHeaders(result: GraphResult): Record<string, string> {
  return responseHeaders(result);
}

/**
 * `POST /v1.0/$batch`: up to 20 requests, each answered on its own in completion order; at most
 * `throttling.batchConcurrency` (Outlook: 4) run at a time; a dependent of a failed request gets 424; each item
 * is counted, throttled and fault-injected like a top-level request.
 */
export function batchHandler(context: EmulatorContext) {
  return async (req: Request, res: Response): Promise<void> => {
    const caller = graphCaller(res);
    const ids = requestIds(res);
    const mailbox = caller.user.userPrincipalName.toLowerCase();
    let items: BatchItem[];
    try {
      items = parseItems(req.body);
    } catch (error) {
      context.store.outlookLimits.recordOutcome(caller.claims.appid, mailbox, { status: 400, kind: 'batchEnvelope' });
      sendResult(res, errorResult(error instanceof GraphError ? error : graph.batchMalformed('Invalid batch payload.'), ids));
      return;
    }
    context.store.outlookLimits.recordOutcome(caller.claims.appid, mailbox, { status: 200, kind: 'batchEnvelope' });
    const origin = requestOrigin(context, req);
    const envelopeHeaders = headerRecord(req);
    const statusById = new Map<string, number>();
    const responses: { id: string; status: number; headers: Record<string, string>; body?: unknown }[] = [];
    let lostAnswer: GraphResult['lostAnswer'];
    const pending = [...items];
    const running = new Set<Promise<void>>();
    const limit = context.store.outlookLimits.getSettings().throttling.batchConcurrency;

    const run = async (item: BatchItem): Promise<void> => {
      const itemIds = newItemIds(ids);
      let result: GraphResult;
      if (item.dependsOn.some((dependency) => (statusById.get(dependency.toLowerCase()) ?? 0) >= 400)) {
        result = errorResult(graph.failedDependency(), itemIds);
      } else {
        const url = new URL(item.url.replace(/^\/?(v1\.0\/)?/i, '/'), 'https://emulator.invalid');
        const call: GraphCall = {
          method: item.method,
          path: url.pathname,
          query: url.searchParams,
          headers: { authorization: envelopeHeaders.authorization ?? '', ...item.headers },
          body: item.body,
          caller,
          origin,
          ids: itemIds,
        };
        result = await executeGraphCall(context, GRAPH_ROUTES, call, 'batchItem');
      }
      lostAnswer ??= result.lostAnswer;
      statusById.set(item.id.toLowerCase(), result.status);
      responses.push({ id: item.id, status: result.status, headers: itemHeaders(result), ...(result.body !== undefined && result.status !== 204 ? { body: batchBody(result.body) } : {}) });
    };

    while (pending.length > 0 || running.size > 0) {
      const readyIndex = pending.findIndex((item) => item.dependsOn.every((d) => statusById.has(d.toLowerCase())));
      if (readyIndex >= 0 && running.size < limit) {
        const [item] = pending.splice(readyIndex, 1);
        const promise: Promise<void> = run(item!).finally(() => running.delete(promise));
        running.add(promise);
        continue;
      }
      if (running.size === 0) break;
      await Promise.race(running);
    }
    // A lost item answer loses the envelope's: the items ran, the client hears of none.
    sendResult(res, { status: 200, body: { responses }, ...(lostAnswer ? { lostAnswer } : {}) });
  };
}
