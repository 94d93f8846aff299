import { GraphError, graph } from '../../errors/error-factory.js';
import type { EmulatorContext } from '../../http/emulator-context.js';
import { odataErrors } from '../../odata/odata-errors.js';
import { parseQuery, parseSelect, type OptionName } from '../../odata/query-options.js';
import type { ResourceSchema } from '../../odata/resource-schema.js';
import type { LoggedChange } from '../../store/pim/change-log.js';
import { openDeltaPosition, sealDeltaPosition, type ContainerDeltaPosition } from '../container-delta-token.js';
import { preferences, type GraphCall, type GraphResult } from '../graph-call.js';

/** A contacts or tasks delta link: its position (`f` the folder or list) and the first request's page size. */
interface ItemDeltaState extends ContainerDeltaPosition {
  /** `$top` or `Prefer: odata.maxpagesize` of the first request. */
  ps?: number;
}

export interface ItemDeltaSource<T> {
  /** Keeps contacts links from being taken for tasks links. */
  purpose: string;
  secret: Buffer;
  schema: ResourceSchema;
  /** `#microsoft.graph.contact` */
  odataType: string;
  /** The plural the refusal names ('Contacts'). */
  resourceName: string;
  userId: string;
  containerId: string;
  /** The delta URL as the client wrote it, without its query. */
  link: string;
  context: string;
  /** The options a first request may carry besides `$select` (`$top` for tasks). */
  options: OptionName[];
  scope(): { seq: number; epoch: number };
  oldestSeq(): number;
  /** Up to `limit` of the container's items with a key above `after`, by key, and whether more follow. */
  itemsAfter(after: number, limit: number): { items: T[]; more: boolean };
  keyOf(item: T): number;
  /** The item as it is now, if it is still in the container. */
  current(id: string): T | undefined;
  changes(after: number, upTo: number): LoggedChange[];
  json(item: T, select: string[] | undefined): Record<string, unknown>;
}

const TOKEN_OPTIONS = /^\$(skiptoken|deltatoken)$/i;

/**
 * One page of a delta round over a container, as Graph's delta function answers it: the initial walk in pages
 * (`@odata.nextLink` with `$skiptoken`) ending in an `@odata.deltaLink` (`$deltatoken`); later rounds return each
 * item changed since once, and `@removed` (reason `deleted`) for those gone. The mail delta knob `replayRate`
 * replays pages here too; an invalidated token is 410 with a restart link.
 */
export function itemDelta<T>(context: EmulatorContext, call: GraphCall, source: ItemDeltaSource<T>): GraphResult {
  const query = parseQuery(call.query, source.schema, {
    allowed: ['$select', '$skiptoken', '$deltatoken', ...source.options],
    refuse: (name) => new GraphError(400, 'ErrorInvalidUrlQuery', `The following parameters are not supported with change tracking over the '${source.resourceName}' resource: '${name}'.`),
  });
  if (query.expand) throw odataErrors.notImplemented(`$expand with delta on ${source.resourceName.toLowerCase()}`);
  if (query.filter) throw odataErrors.notImplemented(`$filter with delta on ${source.resourceName.toLowerCase()}`);
  const settings = context.store.mail.getSettings().delta;
  const requested = Number(preferences(call).get('odata.maxpagesize'));
  const preferred = Number.isInteger(requested) && requested > 0 ? Math.min(requested, settings.maxPageSize) : undefined;
  const scope = source.scope();
  const token = query.skiptoken || query.deltatoken;
  let state: ItemDeltaState;
  if (token) {
    const extra = [...call.query.keys()].filter((key) => !TOKEN_OPTIONS.test(key));
    if (extra.length > 0) throw new GraphError(400, 'ErrorInvalidUrlQuery', `'${extra.join("', '")}' cannot be combined with a delta or skip token: the token carries the options of the sync.`);
    const decoded = openDeltaPosition<ItemDeltaState>(token, source.secret, source.purpose);
    if (!decoded || decoded.u !== source.userId || decoded.f !== source.containerId) throw graph.badDeltaToken();
    if (decoded.e !== scope.epoch || decoded.s + 1 < source.oldestSeq()) {
      const restart = new URLSearchParams();
      if (decoded.sel) restart.set('$select', decoded.sel);
      restart.set('$deltatoken', '');
      throw graph.syncStateNotFound(`${source.link}?${restart.toString().replace(/%24/g, '$')}`);
    }
    state = decoded;
  } else {
    if (query.top === 0) throw new GraphError(400, 'ErrorInvalidUrlQuery', "Invalid value '0' for $top.");
    const size = query.top ?? preferred;
    state = { u: source.userId, f: source.containerId, e: scope.epoch, p: 'w', s: scope.seq, k: -1, ...(query.selectText ? { sel: query.selectText } : {}), ...(size ? { ps: size } : {}) };
  }
  const size = Math.min(preferred ?? state.ps ?? settings.defaultPageSize, settings.maxPageSize);
  const select = state.sel ? parseSelect(state.sel, source.schema) : undefined;
  const upsert = (item: T) => ({ '@odata.type': source.odataType, ...source.json(item, select) });
  const removed = (id: string) => ({ '@odata.type': source.odataType, id, '@removed': { reason: 'deleted' } });
  const replay = !state.r && context.store.outlookLimits.drawReplay(settings.replayRate);
  const { r: _previousReplay, ...carried } = state;

  const value: Record<string, unknown>[] = [];
  let next: ItemDeltaState | undefined;
  let delta: ItemDeltaState | undefined;
  if (state.p === 'w') {
    const { items: page, more } = source.itemsAfter(state.k ?? -1, size);
    value.push(...page.map(upsert));
    if (replay && page.length > 1) {
      // The last third of this page comes again on the next one.
      const kept = page[page.length - Math.max(1, Math.floor(page.length / 3)) - 1]!;
      next = { ...carried, k: source.keyOf(kept), r: 1 };
    } else if (more) next = { ...carried, k: source.keyOf(page[page.length - 1]!) };
    else delta = { ...carried, p: 'c', k: undefined };
  } else {
    const upTo = state.t ?? scope.seq;
    const round = source.changes(state.s, upTo).filter((change) => change.containerId === source.containerId);
    // Each item once per round, at its last change.
    const last = new Map<string, number>();
    for (const change of round) last.set(change.itemId, change.seq);
    const from = state.c ?? state.s;
    let reached = from;
    for (const change of round) {
      if (change.seq <= from) continue;
      if (value.length >= size) break;
      reached = change.seq;
      if (last.get(change.itemId) !== change.seq) continue;
      const item = source.current(change.itemId);
      value.push(item ? upsert(item) : removed(change.itemId));
    }
    const more = round.some((change) => change.seq > reached);
    if (replay && value.length > 0) next = { ...carried, t: upTo, c: from, r: 1 };
    else if (more) next = { ...carried, t: upTo, c: reached };
    else delta = { ...carried, s: upTo, t: undefined, c: undefined };
  }
  const body: Record<string, unknown> = { '@odata.context': source.context, value };
  if (next) body['@odata.nextLink'] = `${source.link}?$skiptoken=${sealDeltaPosition(next, source.secret, source.purpose)}`;
  if (delta) body['@odata.deltaLink'] = `${source.link}?$deltatoken=${sealDeltaPosition(delta, source.secret, source.purpose)}`;
  return { status: 200, headers: preferred !== undefined ? { 'Preference-Applied': `odata.maxpagesize=${preferred}` } : {}, body };
}
