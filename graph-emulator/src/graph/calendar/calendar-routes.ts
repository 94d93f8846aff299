import { odataErrors } from '../../odata/odata-errors.js';
import type { GraphRoute } from '../graph-call.js';
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
const route = (method: string, path: string, handle: GraphRoute['handle']): GraphRoute => ({
  method,
  pattern: new RegExp(`${MAILBOX}${path}/?$`, 'i'),
  outlook: true,
  handle,
});

/** A route Graph serves that the emulator does not: 501 naming it, so it never reads as "not in Graph". */
const lacking = (what: string): GraphRoute['handle'] => () => {
  throw odataErrors.notImplemented(what);
};

/** Calendars and events (Outlook resources: counted with mail against the mailbox's limits). */
export const CALENDAR_ROUTES: GraphRoute[] = [
  route('GET', '/calendars', listCalendars),
  route('GET', '/calendar', getCalendar),
  route('GET', `/calendars/${SEG}`, getCalendar),
  route('POST', '/calendars', postCalendar),
  route('PATCH', `/calendars/${SEG}`, lacking('updating a calendar')),
  route('DELETE', `/calendars/${SEG}`, lacking('deleting a calendar')),
  route('GET', '/calendarGroups(?:/.*)?', lacking('calendar groups (use /calendars)')),
  route('POST', '/calendarGroups(?:/.*)?', lacking('calendar groups (use /calendars)')),
  // The v1.0 reference lists only the primary calendar's delta (/me/calendarView/delta); the per-calendar route is in
  // the beta reference and in v1.0's metadata (https://learn.microsoft.com/graph/api/event-delta?view=graph-rest-beta).
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
  route('GET', `${IN_CALENDAR}/events/${SEG}/attachments(?:/.*)?`, lacking('event attachments')),
  route('POST', `${IN_CALENDAR}/events/${SEG}/attachments(?:/.*)?`, lacking('event attachments')),
  route('POST', `${IN_CALENDAR}/events/${SEG}/(?:forward|snoozeReminder|dismissReminder)`, lacking('forwarding events and reminders')),
  route('POST', '/calendar/getSchedule', lacking('getSchedule (free/busy)')),
  route('POST', '/findMeetingTimes', lacking('findMeetingTimes')),
  route('GET', '/outlook/supportedTimeZones.*', lacking('supportedTimeZones')),
];
