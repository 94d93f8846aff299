import type { GraphRoute } from '../graph-call.js';
import { ROUTE_PERMISSIONS as P, type RoutePermission } from '../route-permissions.js';
import { calendarViewDelta } from './calendar-delta.handler.js';
import { getCalendar, listCalendars } from './calendars.handler.js';
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
  permission,
  pattern: new RegExp(`${MAILBOX}${path}/?$`, 'i'),
  outlook: true,
  handle,
});

/** Calendars and events (Outlook resources: counted with mail against the mailbox's limits). */
export const CALENDAR_ROUTES: GraphRoute[] = [
  route('GET', '/calendars', P['user-list-calendars'], listCalendars),
  route('GET', '/calendar', P['calendar-get'], getCalendar),
  route('GET', `/calendars/${SEG}`, P['calendar-get'], getCalendar),
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
  // event-accept, event-tentativelyaccept and event-decline list the same permissions.
  route('POST', `${IN_CALENDAR}/events/${SEG}/(accept|tentativelyAccept|decline)`, P['event-accept'], respondAction),
];
