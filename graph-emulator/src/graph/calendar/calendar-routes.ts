import { odataErrors } from '../../odata/odata-errors.js';
import type { GraphRoute } from '../graph-call.js';
import { ROUTE_PERMISSIONS as P, type RoutePermission } from '../route-permissions.js';
import { calendarViewDelta } from './calendar-delta.handler.js';
import { getCalendar, listCalendars, postCalendar } from './calendars.handler.js';
import { cancelEventAction, patchEvent, postEvent, removeEvent, respondAction } from './event-writes.handler.js';
import { calendarView, countEvents, getEvent, listEvents, listInstances } from './events.handler.js';

// `/me/…` or `/users/{id | upn}/…`; the first capture is the user segment ('' for /me). Segments are case-insensitive.
const MAILBOX = String.raw`^/(?:me|users/([^/]+))`;
const SEG = '([^/]+)';
// `/calendar` (the default) or `/calendars/{id}`, captured whole ('' when absent: the whole mailbox).
const IN_CALENDAR = '(/calendar|/calendars/[^/]+)?';
const COUNT = String.raw`(?:\$|%24)count`;
const route = (method: string, path: string, permission: RoutePermission, handle: GraphRoute['handle']): GraphRoute => ({
  method,
  pattern: new RegExp(`${MAILBOX}${path}/?$`, 'i'),
  outlook: true,
  permission,
  handle,
});

/** A route Graph serves that the emulator does not: 501 naming it, so it never reads as "not in Graph". */
const lacking = (what: string): GraphRoute['handle'] => () => {
  throw odataErrors.notImplemented(what);
};

/** Calendars and events (Outlook resources: counted with mail against the mailbox's limits). */
export const CALENDAR_ROUTES: GraphRoute[] = [
  route('GET', '/calendars', P['user-list-calendars'], listCalendars),
  route('GET', '/calendar', P['calendar-get'], getCalendar),
  route('GET', `/calendars/${SEG}`, P['calendar-get'], getCalendar),
  route('POST', '/calendars', P['user-post-calendars'], postCalendar),
  route('PATCH', `/calendars/${SEG}`, P['calendar-update'], lacking('updating a calendar')),
  route('DELETE', `/calendars/${SEG}`, P['calendar-delete'], lacking('deleting a calendar')),
  route('GET', '/calendarGroups(?:/.*)?', P['user-list-calendargroups'], lacking('calendar groups (use /calendars)')),
  route('POST', '/calendarGroups(?:/.*)?', P['user-list-calendargroups'], lacking('calendar groups (use /calendars)')),
  // The v1.0 reference lists only the primary calendar's delta (/me/calendarView/delta); the per-calendar route is in
  // the beta reference and in v1.0's metadata (https://learn.microsoft.com/graph/api/event-delta?view=graph-rest-beta).
  route('GET', `${IN_CALENDAR}/calendarView/delta(?:\\(\\))?`, P['event-delta'], calendarViewDelta),
  route('GET', `${IN_CALENDAR}/calendarView`, P['user-list-calendarview'], calendarView),
  route('GET', `${IN_CALENDAR}/events`, P['user-list-events'], listEvents),
  route('GET', `${IN_CALENDAR}/events/${COUNT}`, P['user-list-events'], countEvents),
  route('GET', `${IN_CALENDAR}/events/${SEG}/instances`, P['event-list-instances'], listInstances),
  route('GET', `${IN_CALENDAR}/events/${SEG}`, P['event-get'], getEvent),
  route('POST', `${IN_CALENDAR}/events`, P['user-post-events'], postEvent),
  route('PATCH', `${IN_CALENDAR}/events/${SEG}`, P['event-update'], patchEvent),
  route('DELETE', `${IN_CALENDAR}/events/${SEG}`, P['event-delete'], removeEvent),
  route('POST', `${IN_CALENDAR}/events/${SEG}/cancel`, P['event-cancel'], cancelEventAction),
  route('POST', `${IN_CALENDAR}/events/${SEG}/(accept)`, P['event-accept'], respondAction),
  route('POST', `${IN_CALENDAR}/events/${SEG}/(tentativelyAccept)`, P['event-tentativelyaccept'], respondAction),
  route('POST', `${IN_CALENDAR}/events/${SEG}/(decline)`, P['event-decline'], respondAction),
  route('GET', `${IN_CALENDAR}/events/${SEG}/attachments(?:/.*)?`, P['event-list-attachments'], lacking('event attachments')),
  route('POST', `${IN_CALENDAR}/events/${SEG}/attachments(?:/.*)?`, P['event-post-attachments'], lacking('event attachments')),
  route('POST', `${IN_CALENDAR}/events/${SEG}/forward`, P['event-forward'], lacking('forwarding events')),
  route('POST', `${IN_CALENDAR}/events/${SEG}/(?:snoozeReminder|dismissReminder)`, P['event-snoozereminder'], lacking('event reminders')),
  route('POST', '/calendar/getSchedule', P['calendar-getschedule'], lacking('getSchedule (free/busy)')),
  route('POST', '/findMeetingTimes', P['user-findmeetingtimes'], lacking('findMeetingTimes')),
  route('GET', '/outlook/supportedTimeZones.*', P['outlookuser-supportedtimezones'], lacking('supportedTimeZones')),
];
