import { GraphError, graph } from '../../errors/error-factory.js';
import type { EmulatorContext } from '../../http/emulator-context.js';
import { calendarJson, calendarProperty } from '../../calendar/event-shape.js';
import { collectionBody, pageSize } from '../../odata/collection-response.js';
import { parseQuery, type OptionName } from '../../odata/query-options.js';
import { runQuery } from '../../odata/query-engine.js';
import { CALENDAR_RESOURCE } from '../../odata/resources/calendar-resource.js';
import type { CalendarColor, CalendarRecord } from '../../store/calendar/calendar-records.js';
import type { GraphCall, GraphResult } from '../graph-call.js';
import { appliedHeader, calendarAccess, calendarOdataId, metadata } from './calendar-access.js';

const LIST_OPTIONS: OptionName[] = ['$select', '$filter', '$orderby', '$top', '$skip', '$count', '$expand'];

/** `GET /me/calendars`: the default calendar first, then the user's others and those shared with them. */
export function listCalendars(context: EmulatorContext, call: GraphCall, [userSegment]: string[]): GraphResult {
  const { user, basePath } = calendarAccess(context, call, userSegment!, 'basic');
  const query = parseQuery(call.query, CALENDAR_RESOURCE, { allowed: LIST_OPTIONS });
  const size = pageSize(call, CALENDAR_RESOURCE, query);
  const page = runQuery<CalendarRecord>({
    schema: CALENDAR_RESOURCE,
    all: () => context.store.calendar.listCalendars(user.id),
    read: calendarProperty,
  }, query, size.size);
  const body = collectionBody(call, {
    context: metadata(call, user, 'calendars'),
    linkPath: `${basePath}/calendars`,
    query,
    page,
    values: page.items.map((calendar) => ({ '@odata.id': calendarOdataId(call, user, calendar.id), ...calendarJson(calendar, query.select) })),
    size: size.size,
  });
  return { status: 200, headers: appliedHeader(size.applied ? [size.applied] : []), body };
}

/** `GET /me/calendar` and `GET /me/calendars/{id}` (`$select`). */
export function getCalendar(context: EmulatorContext, call: GraphCall, [userSegment, id]: string[]): GraphResult {
  const { user } = calendarAccess(context, call, userSegment!, 'basic');
  const calendar = id ? context.store.calendar.getCalendar(user.id, id) : context.store.calendar.defaultCalendar(user.id);
  if (!calendar) throw graph.itemNotFound();
  const { select } = parseQuery(call.query, CALENDAR_RESOURCE, { allowed: ['$select', '$expand'] });
  // The default calendar's context names the calendars set, as Get calendar's example for `/me/calendar` does.
  return { status: 200, body: { '@odata.context': metadata(call, user, 'calendars/$entity'), '@odata.id': calendarOdataId(call, user, calendar.id), ...calendarJson(calendar, select) } };
}

const COLORS: CalendarColor[] = ['auto', 'lightBlue', 'lightGreen', 'lightOrange', 'lightGray', 'lightYellow', 'lightTeal', 'lightPink', 'lightBrown', 'lightRed', 'maxColor'];

/** `POST /me/calendars` `{name, color?}` → 201 (a name the mailbox already has is Outlook's 409 ErrorFolderExists). */
export function postCalendar(context: EmulatorContext, call: GraphCall, [userSegment]: string[]): GraphResult {
  const { user } = calendarAccess(context, call, userSegment!, 'write');
  const body = (call.body ?? {}) as Record<string, unknown>;
  for (const key of Object.keys(body)) {
    if (key !== 'name' && key !== 'color' && !key.startsWith('@odata.')) throw new GraphError(400, 'ErrorInvalidRequest', `The property '${key}' cannot be set on a new calendar here.`);
  }
  if (typeof body.name !== 'string' || body.name.trim() === '') throw new GraphError(400, 'ErrorInvalidRequest', "A calendar needs a 'name'.");
  if (body.color !== undefined && !COLORS.includes(body.color as CalendarColor)) throw new GraphError(400, 'ErrorInvalidRequest', `'${String(body.color)}' is not a calendar color.`);
  if (context.store.calendar.listCalendars(user.id).some((calendar) => calendar.name.toLowerCase() === (body.name as string).toLowerCase())) {
    throw new GraphError(409, 'ErrorFolderExists', 'A folder with the specified name already exists.');
  }
  const calendar = context.store.calendar.addCalendar(user.id, { name: body.name, ...(body.color ? { color: body.color as CalendarColor } : {}) });
  return { status: 201, body: { '@odata.context': metadata(call, user, 'calendars/$entity'), '@odata.id': calendarOdataId(call, user, calendar.id), ...calendarJson(calendar) } };
}
