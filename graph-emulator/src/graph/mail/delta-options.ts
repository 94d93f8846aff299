import { GraphError } from '../../errors/error-factory.js';
import { odataErrors } from '../../odata/odata-errors.js';
import { parseQuery, type OptionName } from '../../odata/query-options.js';
import { MESSAGE_RESOURCE } from '../../odata/resources/message-resource.js';
import type { GraphCall } from '../graph-call.js';
import type { DeltaChangeType, DeltaState } from './delta-token.js';

const DELTA_OPTIONS: OptionName[] = ['$select', '$filter', '$top', '$expand', '$skiptoken', '$deltatoken'];
const CHANGE_TYPES: DeltaChangeType[] = ['created', 'updated', 'deleted'];

const invalid = (message: string) => new GraphError(400, 'ErrorInvalidUrlQuery', message);

/** What a delta request asks for: a token to continue from, or the options of a new sync. */
export type DeltaRequest =
  | { token: string }
  | { token?: undefined; options: Pick<DeltaState, 'sel' | 'top' | 'ct' | 'since' | 'flt'> };

/**
 * Reads a message delta request as Graph documents it: `$select`, `$top`, `$filter` on `receivedDateTime ge|gt`
 * only, `changeType` (created, updated or deleted); `$orderby`, `$search`, `$count` and `$skip` are refused as
 * change tracking refuses them. The options go into the links' tokens, so a token comes alone.
 */
export function readDeltaRequest(call: GraphCall): DeltaRequest {
  const query = parseQuery(call.query, MESSAGE_RESOURCE, {
    allowed: DELTA_OPTIONS,
    refuse: (name) => invalid(`The following parameters are not supported with change tracking over the 'Messages' resource: '${name}'.`),
  });
  if (query.expand) throw odataErrors.notImplemented(`$expand=${query.expand.join(',')} with delta on messages`);
  const changeTypeKeys = [...call.query.keys()].filter((key) => key.toLowerCase() === 'changetype');
  const changeType = changeTypeKeys.length > 0 ? call.query.get(changeTypeKeys[0]!)! : undefined;
  const token = query.skiptoken || query.deltatoken;
  if (token) {
    const extra = [...call.query.keys()].filter((key) => !/^\$(skiptoken|deltatoken)$/i.test(key));
    if (extra.length > 0) throw invalid(`'${extra.join("', '")}' cannot be combined with a delta or skip token: the token carries the options of the sync.`);
    return { token };
  }
  if (changeType !== undefined && !CHANGE_TYPES.includes(changeType.toLowerCase() as DeltaChangeType)) {
    throw invalid(`Invalid value '${changeType}' for changeType: use created, updated or deleted.`);
  }
  const options: Pick<DeltaState, 'sel' | 'top' | 'ct' | 'since' | 'flt'> = {};
  if (query.selectText) options.sel = query.selectText;
  if (query.top !== undefined) {
    if (query.top === 0) throw invalid("Invalid value '0' for $top.");
    options.top = query.top;
  }
  if (changeType !== undefined) options.ct = changeType.toLowerCase() as DeltaChangeType;
  if (query.filter) {
    const node = query.filter;
    const literal = node.kind === 'compare' ? node.right : undefined;
    const supported = node.kind === 'compare' && (node.op === 'ge' || node.op === 'gt') && node.left.kind === 'path'
      && node.left.variable === undefined && node.left.path.join('/') === 'receivedDateTime' && literal?.kind === 'literal';
    const time = supported && literal?.kind === 'literal' ? Date.parse(literal.raw) : NaN;
    if (!supported || Number.isNaN(time)) throw invalid("Only '$filter=receivedDateTime ge|gt {date}' is supported with delta for messages.");
    options.since = node.kind === 'compare' && node.op === 'gt' ? time + 1 : time;
    options.flt = query.filterText!.trim();
  }
  return { options };
}
