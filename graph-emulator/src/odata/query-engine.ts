import type { FilterNode } from './filter-tree.js';
import { compareValues, matchesFilter, type PropertyReader } from './filter-eval.js';
import { odataErrors } from './odata-errors.js';
import type { OrderKey, ParsedQuery } from './query-options.js';
import { findProperty, type ResourceSchema } from './resource-schema.js';
import { matchesSearch, type SearchField } from './search-kql.js';
import { decodeSearchSkiptoken } from './search-skiptoken.js';

/** A collection as the engine reads it. */
export interface QuerySource<T> {
  schema: ResourceSchema;
  /** Every item, in the collection's default order. */
  all(): T[];
  read: PropertyReader<T>;
  /** Text of a `$search` field (only for resources that take `$search`). */
  searchField?(item: T, field: SearchField): string;
  /** Optional shortcut for a plain page (no filter, order or search): the store pages without reading everything. */
  page?(skip: number, top: number): { items: T[]; total: number };
}

export interface QueryPage<T> {
  items: T[];
  /** Items matching the query, before paging (`@odata.count`, `/$count`). */
  total: number;
  /** `$skip` of the next page, when there is one. */
  nextSkip?: number;
}

/** Refuses the combinations Graph refuses, before anything is read. */
export function checkCombinations(schema: ResourceSchema, query: ParsedQuery): void {
  if (query.search) {
    if (query.orderby) throw odataErrors.notSupportedWith('$orderBy', '$search');
    if (query.filter) throw odataErrors.notSupportedWith('$filter', '$search');
  }
  // Only a search's nextLink mints a $skiptoken, and it already says where to go on from.
  if (query.skiptoken !== undefined && query.skip !== undefined) throw odataErrors.notSupportedWith('$skip', '$skiptoken');
  if (schema.orderbyLeadsFilter && query.filter && query.orderby) {
    const filtered = filterPaths(query.filter);
    const ordered = query.orderby.map((key) => key.path.join('/'));
    if (ordered.some((path, index) => filtered[index] !== path)) throw odataErrors.inefficientFilter();
  }
}

/** Property paths of a filter in the order they are written, each once. */
function filterPaths(node: FilterNode, into: string[] = []): string[] {
  const add = (path: string) => {
    if (!into.includes(path)) into.push(path);
  };
  switch (node.kind) {
    case 'and':
    case 'or':
      filterPaths(node.left, into);
      filterPaths(node.right, into);
      break;
    case 'not':
      filterPaths(node.operand, into);
      break;
    case 'compare':
      for (const operand of [node.left, node.right]) if (operand.kind === 'path' && operand.variable === undefined) add(operand.path.join('/'));
      break;
    case 'call':
      for (const operand of node.args) if (operand.kind === 'path' && operand.variable === undefined) add(operand.path.join('/'));
      break;
    case 'any':
    case 'all':
      add(node.path.join('/'));
      break;
    case 'operand':
      if (node.operand.kind === 'path') add(node.operand.path.join('/'));
      break;
  }
  return into;
}

/** Filters, searches, sorts and pages; `pageSize` is what `$top` or `Prefer: odata.maxpagesize` made it. */
export function runQuery<T>(source: QuerySource<T>, query: ParsedQuery, pageSize: number): QueryPage<T> {
  checkCombinations(source.schema, query);
  const skip = query.skiptoken !== undefined ? decodeSearchSkiptoken(query.skiptoken, query.searchText) : query.skip ?? 0;
  const next = (total: number) => (skip + pageSize < total ? { nextSkip: skip + pageSize } : {});
  if (!query.filter && !query.orderby && !query.search && source.page) {
    const { items, total } = source.page(skip, pageSize);
    return { items, total, ...next(total) };
  }
  let items = source.all();
  if (query.filter) items = items.filter((item) => matchesFilter(query.filter!, item, source.read));
  if (query.search) {
    const { search } = query;
    items = items.filter((item) => matchesSearch(search, (field) => source.searchField!(item, field)));
    // Outlook returns search results newest sent first.
    items = sortItems(items, source, [{ path: ['sentDateTime'], descending: true }]);
    if (source.schema.searchMaxResults !== undefined) items = items.slice(0, source.schema.searchMaxResults);
  }
  if (query.orderby) items = sortItems(items, source, query.orderby);
  return { items: items.slice(skip, skip + pageSize), total: items.length, ...next(items.length) };
}

function sortItems<T>(items: T[], source: QuerySource<T>, keys: OrderKey[]): T[] {
  const readers = keys.map((key) => {
    const dates = findProperty(source.schema, key.path[0]!)?.type === 'DateTimeOffset';
    return (item: T): unknown => {
      let value: unknown = source.read(item, key.path[0]!);
      for (const segment of key.path.slice(1)) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[segment] : null;
      return dates && typeof value === 'string' ? Date.parse(value) : value ?? null;
    };
  });
  const decorated = items.map((item, index) => ({ item, index, values: readers.map((read) => read(item)) }));
  decorated.sort((a, b) => {
    for (const [position, key] of keys.entries()) {
      const order = compareValues(a.values[position], b.values[position]);
      if (order !== 0) return key.descending ? -order : order;
    }
    return a.index - b.index;
  });
  return decorated.map((entry) => entry.item);
}
