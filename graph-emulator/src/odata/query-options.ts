import { GraphError } from '../errors/error-factory.js';
import { parseFilter, type FilterNode } from './filter-tree.js';
import { checkFilter } from './filter-check.js';
import { odataErrors } from './odata-errors.js';
import { findProperty, type ResourceSchema } from './resource-schema.js';
import { parseSearch, type SearchTerm } from './search-kql.js';

export type OptionName = '$select' | '$filter' | '$orderby' | '$top' | '$skip' | '$count' | '$search' | '$expand' | '$skiptoken' | '$deltatoken';

export interface OrderKey {
  path: string[];
  descending: boolean;
}

/** A request's query options, checked against the resource: canonical property names, parsed trees. */
export interface ParsedQuery {
  /** Canonical names in the order asked, `id` left out (always returned); undefined = the default set. */
  select?: string[];
  selectText?: string;
  filter?: FilterNode;
  filterText?: string;
  orderby?: OrderKey[];
  top?: number;
  skip?: number;
  count: boolean;
  search?: SearchTerm[];
  searchText?: string;
  expand?: string[];
  skiptoken?: string;
  deltatoken?: string;
}

const KNOWN: OptionName[] = ['$select', '$filter', '$orderby', '$top', '$skip', '$count', '$search', '$expand', '$skiptoken', '$deltatoken'];
// OData system query options Graph knows of that the engine does not evaluate.
const NOT_EVALUATED = ['$format', '$apply', '$compute', '$index', '$levels', '$schemaversion', '$id'];

export interface ParseContext {
  /** The options this request takes; another known one is answered by `refuse` (default: 400 not supported). */
  allowed: OptionName[];
  refuse?: (name: OptionName) => GraphError;
}

/**
 * Reads the `$` options of a request. Names are case-insensitive and each may appear once (as OData has it);
 * an unknown `$` option is Graph's 400, a known one the engine does not evaluate is 501. Parameters without `$`
 * are custom query options, which Graph leaves to the handler (delta's `changeType`).
 */
export function parseQuery(query: URLSearchParams, schema: ResourceSchema, context: ParseContext): ParsedQuery {
  const raw = new Map<OptionName, string>();
  for (const [key, value] of query) {
    if (!key.startsWith('$')) continue;
    const name = key.toLowerCase();
    if (NOT_EVALUATED.includes(name)) throw odataErrors.notImplemented(`the ${name} query option`);
    if (!KNOWN.includes(name as OptionName)) throw odataErrors.unknownOption(key);
    const option = name as OptionName;
    if (raw.has(option)) {
      throw new GraphError(400, 'BadRequest', `Query option '${option}' was specified more than once, but it must be specified at most once.`);
    }
    if (!context.allowed.includes(option)) throw context.refuse?.(option) ?? odataErrors.unknownOption(key);
    raw.set(option, value);
  }
  const parsed: ParsedQuery = { count: false };
  const select = raw.get('$select');
  if (select !== undefined) {
    parsed.select = parseSelect(select, schema);
    parsed.selectText = select;
  }
  const filter = raw.get('$filter');
  if (filter !== undefined) {
    parsed.filter = parseFilter(filter);
    checkFilter(parsed.filter, schema);
    parsed.filterText = filter;
  }
  const orderby = raw.get('$orderby');
  if (orderby !== undefined) parsed.orderby = parseOrderby(orderby, schema);
  const top = raw.get('$top');
  if (top !== undefined) parsed.top = integer('$top', top, schema.maxTop);
  const skip = raw.get('$skip');
  if (skip !== undefined) parsed.skip = integer('$skip', skip, Number.MAX_SAFE_INTEGER);
  const count = raw.get('$count');
  if (count !== undefined) {
    if (!/^(true|false)$/i.test(count)) throw odataErrors.invalidValue('$count', count);
    parsed.count = count.toLowerCase() === 'true';
  }
  const search = raw.get('$search');
  if (search !== undefined) {
    if (!schema.search) throw new GraphError(400, 'BadRequest', `The query parameter '$search' is not supported on 'microsoft.graph.${schema.type}'.`);
    parsed.search = parseSearch(search);
    parsed.searchText = search;
  }
  const expand = raw.get('$expand');
  if (expand !== undefined) parsed.expand = parseExpand(expand, schema);
  const skiptoken = raw.get('$skiptoken');
  if (skiptoken !== undefined) parsed.skiptoken = skiptoken;
  const deltatoken = raw.get('$deltatoken');
  if (deltatoken !== undefined) parsed.deltatoken = deltatoken;
  return parsed;
}

function parts(text: string): string[] {
  return text.split(',').map((part) => part.trim()).filter(Boolean);
}

function integer(option: string, text: string, max: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value)) throw odataErrors.invalidValue(option, text);
  if (value > max) throw odataErrors.tooLarge(option, max);
  return value;
}

/** `$select`, case-insensitive as Graph's; `*` is every property. */
export function parseSelect(text: string, schema: ResourceSchema): string[] {
  const names: string[] = [];
  for (const part of parts(text)) {
    const found = part === '*' ? schema.properties : [findProperty(schema, part)];
    for (const property of found) {
      if (!property) throw odataErrors.unknownProperty(part, schema.type);
      if (property.name !== 'id' && !names.includes(property.name)) names.push(property.name);
    }
  }
  return names;
}

function parseOrderby(text: string, schema: ResourceSchema): OrderKey[] {
  return parts(text).map((part) => {
    const match = /^([A-Za-z_][\w/]*)(?:\s+(asc|desc))?$/i.exec(part);
    if (!match) throw odataErrors.syntax('$orderby', text);
    const path = match[1]!.split('/');
    const property = findProperty(schema, path[0]!);
    if (!property) throw odataErrors.unknownProperty(path[0]!, schema.type);
    if (!property.sort) throw odataErrors.notImplemented(`$orderby on '${property.name}' of ${schema.type}`);
    const canonical = [property.name];
    let type = property.type;
    for (const segment of path.slice(1)) {
      const member = typeof type === 'string' ? undefined : Object.keys(type).find((key) => key.toLowerCase() === segment.toLowerCase());
      if (member === undefined || typeof type === 'string') throw odataErrors.unknownProperty(segment, schema.type);
      canonical.push(member);
      type = type[member]!;
    }
    if (typeof type !== 'string') throw new GraphError(400, 'BadRequest', 'The $orderby expression must evaluate to a single value of primitive type.');
    return { path: canonical, descending: match[2]?.toLowerCase() === 'desc' };
  });
}

/** `$expand`: relationship names, each optionally behind a derived type's cast (`microsoft.graph.itemAttachment/item`). */
function parseExpand(text: string, schema: ResourceSchema): string[] {
  return parts(text).map((part) => {
    const match = /^(?:microsoft\.graph\.\w+\/)?([A-Za-z_]\w*)(.*)$/is.exec(part);
    const name = match?.[1] ?? part;
    const relationship = Object.keys(schema.expand).find((key) => key.toLowerCase() === name.toLowerCase());
    if (!relationship) throw odataErrors.unknownProperty(name, schema.type);
    const lacks = schema.expand[relationship];
    if (lacks) throw odataErrors.notImplemented(`$expand=${relationship} on ${schema.type} (${lacks})`);
    if (match?.[2]) throw odataErrors.notImplemented(`query options inside $expand=${relationship}`);
    return relationship;
  });
}
