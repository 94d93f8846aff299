import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { GraphError, graph, graphErrorBody, type RequestIds } from '../errors/error-factory.js';
import type { EmulatorContext } from '../http/emulator-context.js';
import type { GraphCaller } from './graph-auth.js';
import { checkRoutePermission, type RoutePermission } from './route-permissions.js';
import { unservedFeature } from './unserved-paths.js';

/**
 * One Graph request, whether it came over HTTP or as a `$batch` item: handlers are plain functions of it, so the
 * same code answers both, and throttling, faults and counting wrap both the same way.
 */
export interface GraphCall {
  method: string;
  /** Path under `/v1.0`, e.g. `/me/mailFolders/inbox/messages`. */
  path: string;
  query: URLSearchParams;
  /** Lower-cased names. */
  headers: Record<string, string>;
  body: unknown;
  caller: GraphCaller;
  /** `https://localhost:PORT` */
  origin: string;
  ids: RequestIds;
}

export interface GraphResult {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** The call was performed but its answer is to be lost (the lost-answer fault knob): the HTTP layer drops it. */
  lostAnswer?: { mode: 'reset' | 'timeout'; holdMs: number };
}

export interface GraphRoute {
  method: string;
  pattern: RegExp;
  /** Whether the route is an Outlook (mailbox) resource: those count against the mailbox limits. */
  outlook: boolean;
  /** Its entry in ROUTE_PERMISSIONS, checked before the handler runs. */
  permission: RoutePermission;
  handle(context: EmulatorContext, call: GraphCall, params: string[]): GraphResult | Promise<GraphResult>;
}

export type CallKind = 'request' | 'batchItem';

export function errorResult(error: unknown, ids: RequestIds): GraphResult {
  if (error instanceof GraphError) {
    return { status: error.status, headers: { ...error.headers }, body: graphErrorBody(error.code, error.message, ids, new Date(), error.innerError) };
  }
  console.error('[graph-emulator]', error);
  return { status: 500, body: graphErrorBody('generalException', 'General exception while processing.', ids) };
}

/** `Prefer` preferences by lower-cased name, quotes removed (`odata.maxpagesize`, `idtype`, `outlook.body-content-type`). */
export function preferences(call: GraphCall): Map<string, string> {
  const result = new Map<string, string>();
  for (const part of (call.headers.prefer ?? '').split(',')) {
    const [name, ...rest] = part.split('=');
    if (!name?.trim()) continue;
    result.set(name.trim().toLowerCase(), rest.join('=').trim().replace(/^"(.*)"$/, '$1'));
  }
  return result;
}

/** The mailbox a path names (`/users/{id|upn}/…`), or the caller's. */
export function targetMailbox(context: EmulatorContext, call: GraphCall): string {
  const match = /^\/users\/([^/]+)/i.exec(call.path);
  if (!match) return call.caller.user.userPrincipalName.toLowerCase();
  const segment = decodeURIComponent(match[1]!);
  return (context.store.findUser(segment)?.userPrincipalName ?? segment).toLowerCase();
}

function notFound(call: GraphCall): GraphError {
  const segment = call.path.split('/').filter(Boolean).pop() ?? '';
  return new GraphError(400, 'BadRequest', `Resource not found for the segment '${segment}'.`);
}

export function matchRoute(routes: GraphRoute[], call: GraphCall): { route: GraphRoute; params: string[] } | undefined {
  for (const route of routes) {
    if (route.method !== call.method) continue;
    const match = route.pattern.exec(call.path);
    if (match) return { route, params: match.slice(1).map((value) => (value === undefined ? '' : decodeURIComponent(value))) };
  }
  return undefined;
}

/**
 * Runs one call: route lookup, then (for a known route) the request is counted against (app, mailbox), the
 * limits decide (429 ApplicationThrottled / TooManyRequests), the fault knobs may fail it, the latency knob
 * delays it while it holds its concurrency slot, and the handler answers.
 */
export async function executeGraphCall(context: EmulatorContext, routes: GraphRoute[], call: GraphCall, kind: CallKind): Promise<GraphResult> {
  const matched = matchRoute(routes, call);
  if (!matched) return errorResult(unservedFeature(call) ?? notFound(call), call.ids);
  const limits = context.store.outlookLimits;
  const appId = call.caller.claims.appid;
  const mailbox = targetMailbox(context, call);
  if (!matched.route.outlook) {
    // Directory resources (/me) are not Outlook's: recorded, never counted against the mailbox limits.
    const result = await runHandler(context, matched, call);
    limits.recordOutcome(appId, mailbox, { status: result.status, kind });
    return result;
  }
  const admission = limits.admit(appId, mailbox);
  if (!admission.ok) {
    const error = admission.reason === 'concurrency'
      ? graph.concurrencyThrottled(admission.retryAfterSeconds ?? 1)
      : graph.rateThrottled(admission.retryAfterSeconds ?? 1);
    limits.recordOutcome(appId, mailbox, { status: 429, kind, throttled: true });
    return errorResult(error, call.ids);
  }
  try {
    const { latencyMs, retryAfterSeconds } = limits.getSettings().faults;
    if (latencyMs > 0) await sleep(latencyMs);
    const fault = limits.drawFault();
    if (fault !== null) {
      limits.recordOutcome(appId, mailbox, { status: fault, kind, fault: true });
      return errorResult(graph.injected(fault, retryAfterSeconds), call.ids);
    }
    const result = await runHandler(context, matched, call);
    const faults = limits.getSettings().faults;
    const lose = result.status < 400 && faults.lostAnswerRate > 0 && faults.lostAnswerRoutes.includes(matched.route.permission.doc) && limits.drawReplay(faults.lostAnswerRate);
    limits.recordOutcome(appId, mailbox, { status: result.status, kind, lostAnswer: lose });
    return lose ? { ...result, lostAnswer: { mode: faults.lostAnswerMode, holdMs: faults.lostAnswerHoldMs } } : result;
  } finally {
    limits.release(appId, mailbox);
  }
}

async function runHandler(context: EmulatorContext, matched: { route: GraphRoute; params: string[] }, call: GraphCall): Promise<GraphResult> {
  try {
    checkRoutePermission(matched.route.permission, call.caller);
    return await matched.route.handle(context, call, matched.params);
  } catch (error) {
    return errorResult(error, call.ids);
  }
}

export function newItemIds(envelope: RequestIds): RequestIds {
  return { requestId: randomUUID(), clientRequestId: envelope.clientRequestId };
}
