import type { GraphRoute } from '../graph-call.js';
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
const route = (method: string, path: string, handle: GraphRoute['handle']): GraphRoute => ({
  method,
  pattern: new RegExp(`${MAILBOX}${path}/?$`, 'i'),
  outlook: true,
  handle,
});

/** Calendars and events (Outlook resources: counted with mail against the mailbox's limits). */
export const CALENDAR_ROUTES: GraphRoute[] = [
  route('GET', '/calendars', listCalendars),
  route('GET', '/calendar', getCalendar),
  route('GET', `/calendars/${SEG}`, getCalendar),
  route('GET', `${IN_CALENDAR}/calendarView/delta(?:\\(\\))?`, calendarViewDelta),
  route('GET', `${IN_CALENDAR}/calendarView`, calendarView),
  route('GET', `${IN_CALENDAR}/events`, listEvents),
  route('GET', `${IN_CALENDAR}/events/${COUNT}`, countEvents),
  route('GET', `${IN_CALENDAR}/events/${SEG}/instances`, listInstances),
  route('GET', `${IN_CALENDAR}/events/${SEG}`, getEvent),
  route('POST', `${IN_CALENDAR}/events`, postEvent),
  route('PATCH', `${IN_CALENDAR}/events/${SEG}`, patchEvent),
  route('DELETE', `${IN_CALENDAR}/events/${SEG}`, removeEvent),
  route('POST', `${IN_CALENDAR}/events/${SEG}/cancel`, cancelEventAction),
  route('POST', `${IN_CALENDAR}/events/${SEG}/(accept|tentativelyAccept|decline)`, respondAction),
];
