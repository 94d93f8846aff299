import { GraphError, graph } from '../../errors/error-factory.js';
import type { EmulatorContext } from '../../http/emulator-context.js';
import { expand, type EventInstance } from '../../calendar/event-instances.js';
import { eventJson } from '../../calendar/event-shape.js';
import { parseQuery } from '../../odata/query-options.js';
import { EVENT_RESOURCE } from '../../odata/resources/event-resource.js';
import { preferences, type GraphCall, type GraphResult } from '../graph-call.js';
import { appliedHeader, calendarAccess, calendarOf, eventPreferences, timeWindow } from './calendar-access.js';
import { decodeCalendarDeltaToken, encodeCalendarDeltaToken, type CalendarDeltaState } from './calendar-delta-token.js';

const EVENT_TYPE = '#microsoft.graph.event';

type DeltaItem = Record<string, unknown>;

/**
 * `GET /me/calendarView/delta?startDateTime&endDateTime` (the default calendar; `/me/calendars/{id}/calendarView/delta`
 * for another): first the window's instances in pages (`@odata.nextLink`, `$skiptoken`), then an `@odata.deltaLink`
 * (`$deltatoken`); later rounds give the instances of each changed event in the window, and `@removed` (reason
 * `deleted`) for instances that left it or were deleted, and for changed events that are wholly outside it.
 * `$select`, `$filter`, `$orderby`, `$expand` and `$search` are not supported, as documented
 * (https://learn.microsoft.com/graph/api/event-delta).
 */
export function calendarViewDelta(context: EmulatorContext, call: GraphCall, [userSegment, calendarSegment]: string[]): GraphResult {
  const { user, basePath, basic } = calendarAccess(context, call, userSegment!, 'basic');
  const calendar = calendarOf(context, user.id, calendarSegment!) ?? context.store.calendar.defaultCalendar(user.id);
  const store = context.store.calendar;
  const link = `${call.origin}/v1.0${basePath}${calendarSegment ?? ''}/calendarView/delta`;
  const query = parseQuery(call.query, EVENT_RESOURCE, {
    allowed: ['$skiptoken', '$deltatoken'],
    refuse: (name) => new GraphError(400, 'ErrorInvalidUrlQuery', `The following parameters are not supported with change tracking over the 'Events' resource: '${name}'.`),
  });
  const requested = Number(preferences(call).get('odata.maxpagesize'));
  const preferred = Number.isInteger(requested) && requested > 0 ? requested : undefined;
  const scope = store.deltaScope(user.id, calendar.id);
  const token = query.skiptoken || query.deltatoken;
  let state: CalendarDeltaState;
  if (token) {
    const extra = [...call.query.keys()].filter((key) => !/^\$(skiptoken|deltatoken)$/i.test(key));
    if (extra.length > 0) throw new GraphError(400, 'ErrorInvalidUrlQuery', `'${extra.join("', '")}' cannot be combined with a delta or skip token: the token carries the options of the sync.`);
    const decoded = decodeCalendarDeltaToken(token, store.deltaTokenSecret);
    if (!decoded || decoded.u !== user.id || decoded.c !== calendar.id) throw graph.badDeltaToken();
    if (decoded.e !== scope.epoch || decoded.s + 1 < store.oldestSeq(user.id)) {
      const restart = new URLSearchParams({ startDateTime: decoded.ws, endDateTime: decoded.we, $deltatoken: '' });
      throw graph.syncStateNotFound(`${link}?${restart.toString().replace(/%24/g, '$')}`);
    }
    state = decoded;
  } else {
    const window = timeWindow(call);
    state = { u: user.id, c: calendar.id, e: scope.epoch, from: window.from, until: window.until, ws: window.startText, we: window.endText, p: 'w', s: scope.seq, ...(preferred ? { ps: preferred } : {}) };
  }
  const settings = context.store.mail.getSettings().delta;
  const size = Math.min(preferred ?? state.ps ?? settings.defaultPageSize, settings.maxPageSize);
  const { options, applied } = eventPreferences(call, basic);
  if (preferred !== undefined) applied.unshift(`odata.maxpagesize=${Math.min(preferred, settings.maxPageSize)}`);
  const upsert = (instance: EventInstance): DeltaItem => ({ '@odata.type': EVENT_TYPE, ...eventJson(instance, options) });
  const removed = (id: string): DeltaItem => ({ '@odata.type': EVENT_TYPE, id, '@removed': { reason: 'deleted' } });

  // The mail delta knob `replayRate` replays calendar pages too: delta may return an item more than once.
  const replay = !state.r && context.store.outlookLimits.drawReplay(settings.replayRate);
  const { r: _previousReplay, ...carried } = state;
  let value: DeltaItem[] = [];
  let next: CalendarDeltaState | undefined;
  let delta: CalendarDeltaState | undefined;
  if (state.p === 'w') {
    const [afterStart, afterId] = state.k ?? [-Infinity, ''];
    const all = store.listEvents(user.id, calendar.id)
      .flatMap((record) => expand(record, state.from, state.until))
      // Ids in code-unit order, the order the `>` below resumes in (localeCompare's order differs on case and '_').
      .sort((a, b) => a.startMs - b.startMs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .filter((instance) => instance.startMs > afterStart || (instance.startMs === afterStart && instance.id > afterId));
    const pageItems = all.slice(0, size);
    value = pageItems.map(upsert);
    const last = pageItems[pageItems.length - 1];
    if (replay && pageItems.length > 1) {
      // The last third of this page comes again on the next one.
      const kept = pageItems[pageItems.length - Math.max(1, Math.floor(pageItems.length / 3)) - 1]!;
      next = { ...carried, k: [kept.startMs, kept.id], r: 1 };
    } else if (all.length > size && last) next = { ...carried, k: [last.startMs, last.id] };
    else delta = { ...carried, p: 'c', k: undefined };
  } else {
    const upTo = state.t ?? scope.seq;
    const groups = changedEvents(context, user.id, calendar.id, state.s, upTo);
    let g = state.g ?? 0;
    let i = state.i ?? 0;
    while (g < groups.length && value.length < size) {
      const { eventId, before } = groups[g]!;
      const current = store.getEvent(user.id, eventId);
      const now = current && current.calendarId === calendar.id ? expand(current, state.from, state.until) : [];
      const was = before ? expand(before, state.from, state.until) : [];
      const nowIds = new Set(now.map((instance) => instance.id));
      const items = [...now.map(upsert), ...was.filter((instance) => !nowIds.has(instance.id)).map((instance) => removed(instance.id))];
      if (items.length === 0) items.push(removed(eventId));
      const take = items.slice(i, i + (size - value.length));
      value.push(...take);
      i += take.length;
      if (i >= items.length) {
        g += 1;
        i = 0;
      }
    }
    if (replay && value.length > 0) next = { ...carried, t: upTo, g: state.g ?? 0, i: state.i ?? 0, r: 1 };
    else if (g < groups.length) next = { ...carried, t: upTo, g, i };
    else delta = { ...carried, s: upTo, t: undefined, g: undefined, i: undefined };
  }
  const body: Record<string, unknown> = { '@odata.context': `${call.origin}/v1.0/$metadata#Collection(event)`, value };
  if (next) body['@odata.nextLink'] = `${link}?$skiptoken=${encodeCalendarDeltaToken(next, store.deltaTokenSecret)}`;
  if (delta) body['@odata.deltaLink'] = `${link}?$deltatoken=${encodeCalendarDeltaToken(delta, store.deltaTokenSecret)}`;
  return { status: 200, headers: appliedHeader(applied), body };
}

/** The events of the calendar changed in `(after, upTo]`, once each, with each one's state before its first change. */
function changedEvents(context: EmulatorContext, userId: string, calendarId: string, after: number, upTo: number) {
  const seen = new Map<string, { eventId: string; before: ReturnType<EmulatorContext['store']['calendar']['changes']>[number]['before'] }>();
  for (const change of context.store.calendar.changes(userId, after, upTo)) {
    if (change.calendarId !== calendarId || seen.has(change.eventId)) continue;
    seen.set(change.eventId, { eventId: change.eventId, before: change.before });
  }
  return [...seen.values()];
}
