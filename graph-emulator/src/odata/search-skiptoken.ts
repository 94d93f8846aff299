import { odataErrors } from './odata-errors.js';

/**
 * The `$skiptoken` of a `$search` page's nextLink: an opaque position bound to the search it continues. Graph pages
 * message search results through nextLink, up to 1000 results:
 * https://learn.microsoft.com/en-us/graph/search-query-parameter#using-search-on-message-collections
 */
export function encodeSearchSkiptoken(offset: number, searchText: string): string {
  return Buffer.from(JSON.stringify({ o: offset, s: searchText }), 'utf8').toString('base64url');
}

/** The offset a token names; 400 for a token that is not one, or that continues another search. */
export function decodeSearchSkiptoken(token: string, searchText: string | undefined): number {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    decoded = undefined;
  }
  const { o, s } = (decoded ?? {}) as { o?: unknown; s?: unknown };
  if (searchText === undefined || s !== searchText || typeof o !== 'number' || !Number.isSafeInteger(o) || o < 0) {
    throw odataErrors.invalidValue('$skiptoken', token);
  }
  return o;
}
