import { graph } from '../../errors/error-factory.js';
import type { EmulatorContext } from '../../http/emulator-context.js';
import { asInstance, expand, type EventInstance } from '../../calendar/event-instances.js';
import { eventJson, eventProperty, type EventShapeOptions } from '../../calendar/event-shape.js';
import { resolveEvent } from '../../calendar/event-writes.js';
import { collectionBody, countResult, pageSize } from '../../odata/collection-response.js';
import { parseQuery, type OptionName } from '../../odata/query-options.js';
import { runQuery } from '../../odata/query-engine.js';
import { EVENT_RESOURCE } from '../../odata/resources/event-resource.js';
import type { GraphCall, GraphResult } from '../graph-call.js';
import { appliedHeader, calendarAccess, calendarOdataId, calendarOf, eventPreferences, metadata, timeWindow } from './calendar-access.js';

const LIST_OPTIONS: OptionName[] = ['$select', '$filter', '$orderby', '$top', '$skip', '$count', '$expand'];

const selectSuffix = (select: string[] | undefined) => (select ? `(${select.join(',')})` : '');

function page(call: GraphCall, options: { basePath: string; context: string; items: () => EventInstance[]; basic: boolean; countOnly?: boolean }): GraphResult {
  const query = parseQuery(call.query, EVENT_RESOURCE, { allowed: options.countOnly ? ['$filter'] : LIST_OPTIONS });
  const { options: shape, applied } = eventPreferences(call, options.basic);
  const size = pageSize(call, EVENT_RESOURCE, query);
  if (size.applied) applied.unshift(size.applied);
  const result = runQuery<EventInstance>({
    schema: EVENT_RESOURCE,
    all: options.items,
    read: (instance, name) => eventProperty(instance, name, shape),
  }, query, options.countOnly ? 0 : size.size);
  if (options.countOnly) return countResult(result.total);
  const full: EventShapeOptions = { ...shape, ...(query.select ? { select: query.select } : {}) };
  const body = collectionBody(call, {
    context: `${options.context}${selectSuffix(query.select)}`,
    linkPath: `${options.basePath}${call.path.replace(/^\/(me|users\/[^/]+)/i, '')}`,
    query,
    page: result,
    values: result.items.map((instance) => eventJson(instance, full)),
    size: size.size,
  });
  return { status: 200, headers: appliedHeader(applied), body };
}

/**
 * `GET /me/events` (the default calendar's, as documented: "from the user's default calendar or from a specified
 * calendar"), `/me/calendar/events`, `/me/calendars/{id}/events`: singles and series masters, no occurrences.
 */
export function listEvents(context: EmulatorContext, call: GraphCall, [userSegment, calendarSegment]: string[]): GraphResult {
  const { user, basePath, basic } = calendarAccess(context, call, userSegment!, 'basic');
  const calendar = calendarOf(context, user.id, calendarSegment!) ?? context.store.calendar.defaultCalendar(user.id);
  return page(call, {
    basePath, basic,
    context: metadata(call, user, calendarSegment ? `calendars('${calendar.id}')/events` : 'events'),
    items: () => context.store.calendar.listEvents(user.id, calendar.id).map(asInstance),
  });
}

/** `GET /me/events/$count` */
export function countEvents(context: EmulatorContext, call: GraphCall, [userSegment, calendarSegment]: string[]): GraphResult {
  const { user, basePath, basic } = calendarAccess(context, call, userSegment!, 'basic');
  const calendar = calendarOf(context, user.id, calendarSegment!) ?? context.store.calendar.defaultCalendar(user.id);
  return page(call, { basePath, basic, context: '', countOnly: true, items: () => context.store.calendar.listEvents(user.id, calendar.id).map(asInstance) });
}

function windowItems(context: EmulatorContext, userId: string, calendarId: string | undefined, from: number, until: number): EventInstance[] {
  return context.store.calendar.listEvents(userId, calendarId)
    .flatMap((record) => expand(record, from, until))
    .sort((a, b) => a.startMs - b.startMs || a.id.localeCompare(b.id));
}

/**
 * `GET /me/calendarView`, `/me/calendar/calendarView`, `/me/calendars/{id}/calendarView` `?startDateTime&endDateTime`:
 * singles, occurrences and exceptions overlapping the window, by start; never series masters. `/me/calendarView`
 * is the default calendar's.
 */
export function calendarView(context: EmulatorContext, call: GraphCall, [userSegment, calendarSegment]: string[]): GraphResult {
  const { user, basePath, basic } = calendarAccess(context, call, userSegment!, 'basic');
  const calendar = calendarOf(context, user.id, calendarSegment!) ?? context.store.calendar.defaultCalendar(user.id);
  const { from, until } = timeWindow(call);
  return page(call, {
    basePath, basic,
    context: metadata(call, user, calendarSegment ? `calendars('${calendar.id}')/calendarView` : 'calendarView'),
    items: () => windowItems(context, user.id, calendar.id, from, until),
  });
}

/** `GET /me/events/{id}/instances?startDateTime&endDateTime`: a series' occurrences and exceptions in the window (cancelled ones left out). */
export function listInstances(context: EmulatorContext, call: GraphCall, [userSegment, calendarSegment, id]: string[]): GraphResult {
  const { user, basePath, basic } = calendarAccess(context, call, userSegment!, 'basic');
  const calendar = calendarOf(context, user.id, calendarSegment!);
  const { from, until } = timeWindow(call);
  const found = resolveEvent(context.store, user.id, id!);
  if (!found || (calendar && found.record.calendarId !== calendar.id)) throw graph.itemNotFound();
  const items = () => (found.instance.type === 'seriesMaster' ? expand(found.record, from, until) : []);
  return page(call, { basePath, basic, context: metadata(call, user, `events('${found.record.id}')/instances`), items });
}

/** `GET /me/events/{id}` (also a occurrence's or exception's id), under `/calendar` or `/calendars/{id}` too. */
export function getEvent(context: EmulatorContext, call: GraphCall, [userSegment, calendarSegment, id]: string[]): GraphResult {
  const { user, basic } = calendarAccess(context, call, userSegment!, 'basic');
  const calendar = calendarOf(context, user.id, calendarSegment!);
  const found = resolveEvent(context.store, user.id, id!);
  if (!found || (calendar && found.record.calendarId !== calendar.id)) throw graph.itemNotFound();
  const { select } = parseQuery(call.query, EVENT_RESOURCE, { allowed: ['$select', '$expand'] });
  const { options, applied } = eventPreferences(call, basic);
  return {
    status: 200,
    headers: appliedHeader(applied),
    body: {
      '@odata.context': metadata(call, user, `events${selectSuffix(select)}/$entity`),
      ...eventJson(found.instance, { ...options, ...(select ? { select } : {}) }),
      // Get event's examples carry the event's calendar as navigation links, whatever `$select` chose.
      'calendar@odata.associationLink': `${calendarOdataId(call, user, found.record.calendarId)}/$ref`,
      'calendar@odata.navigationLink': calendarOdataId(call, user, found.record.calendarId),
    },
  };
}
