import type { Response } from 'express';
import type { GraphResult } from './graph-call.js';

/** What Graph sends as Content-Type with an OData JSON payload (the json-batching article's item headers show it). */
export const ODATA_JSON_CONTENT_TYPE =
  'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

/**
 * The protocol headers of a Graph response, before the handler's own: successes are OData 4.0 responses (with the
 * OData JSON type when they have a body); errors are plain `application/json`, as Graph's error items show them.
 */
export function protocolHeaders(result: GraphResult): Record<string, string> {
  const hasBody = result.body !== undefined && result.status !== 204;
  if (result.status >= 400) return { 'Cache-Control': 'no-cache', ...(hasBody ? { 'Content-Type': 'application/json' } : {}) };
  return { 'Cache-Control': 'no-cache', 'OData-Version': '4.0', ...(hasBody ? { 'Content-Type': ODATA_JSON_CONTENT_TYPE } : {}) };
}

/** Protocol headers, then the handler's (which win, e.g. Retry-After or another Content-Type). */
export function responseHeaders(result: GraphResult): Record<string, string> {
  return { ...protocolHeaders(result), ...result.headers };
}

/** Writes a result with its headers exactly as given (Express would reformat a Content-Type set beside a string body). */
export function sendGraphResult(res: Response, result: GraphResult): void {
  res.status(result.status);
  // setHeader, not res.set: Express would add a charset to a bare application/json.
  for (const [name, value] of Object.entries(responseHeaders(result))) res.setHeader(name, value);
  if (result.body === undefined || result.status === 204) {
    res.end();
    return;
  }
  const body = result.body;
  res.send(Buffer.isBuffer(body) ? body : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body), 'utf8'));
}
