import { preferences, type GraphCall, type GraphResult } from '../graph/graph-call.js';
import type { ParsedQuery } from './query-options.js';
import type { QueryPage } from './query-engine.js';
import type { ResourceSchema } from './resource-schema.js';
import { encodeSearchSkiptoken } from './search-skiptoken.js';

export interface PageSize {
  size: number;
  /** `odata.maxpagesize=N` when the preference was honoured. */
  applied?: string;
}

/** The page size: `$top`, else `Prefer: odata.maxpagesize` (up to the resource's maximum), else the default. */
export function pageSize(call: GraphCall, schema: ResourceSchema, query: ParsedQuery): PageSize {
  const raw = preferences(call).get('odata.maxpagesize');
  let preferred: number | undefined;
  // A preference is a hint (RFC 7240): one that cannot be read is not applied, and Preference-Applied says so.
  if (raw !== undefined && /^\d+$/.test(raw) && Number(raw) > 0) preferred = Math.min(Number(raw), schema.maxTop);
  if (query.top !== undefined) return { size: preferred !== undefined ? Math.min(query.top, preferred) : query.top, ...(preferred !== undefined ? { applied: `odata.maxpagesize=${preferred}` } : {}) };
  if (preferred !== undefined) return { size: preferred, applied: `odata.maxpagesize=${preferred}` };
  return { size: schema.defaultTop };
}

/**
 * A collection page as Graph writes it: `@odata.context`, `@odata.count` when asked, `value`, and an
 * `@odata.nextLink` that repeats the request with the next `$skip` (a search's, with a `$skiptoken`). `linkPath` is the path as the client wrote it.
 */
export function collectionBody(call: GraphCall, options: {
  context: string; linkPath: string; query: ParsedQuery; page: QueryPage<unknown>; values: unknown[]; size: number;
}): Record<string, unknown> {
  const body: Record<string, unknown> = { '@odata.context': options.context };
  if (options.query.count) body['@odata.count'] = options.page.total;
  body.value = options.values;
  if (options.page.nextSkip !== undefined) {
    const next = new URLSearchParams(call.query);
    for (const key of [...next.keys()]) if (/^\$(top|skip|skiptoken)$/i.test(key)) next.delete(key);
    next.set('$top', String(options.size));
    // A search pages by $skiptoken, as Graph's message search does; other collections by $skip.
    const { searchText } = options.query;
    if (searchText !== undefined) next.set('$skiptoken', encodeSearchSkiptoken(options.page.nextSkip, searchText));
    else next.set('$skip', String(options.page.nextSkip));
    body['@odata.nextLink'] = `${call.origin}/v1.0${options.linkPath}?${next.toString().replace(/%24/g, '$')}`;
  }
  return body;
}

/** `…/$count`: the number as text/plain, as Graph answers it. */
export function countResult(total: number): GraphResult {
  return { status: 200, headers: { 'Content-Type': 'text/plain' }, body: String(total) };
}
