import type { GraphRoute } from '../graph-call.js';
import { ROUTE_PERMISSIONS as P } from '../route-permissions.js';
import { calendarViewDelta } from './calendar-delta.handler.js';
import { getCalendar, listCalendars, postCalendar } from './calendars.handler.js';
import { cancelEventAction, patchEvent, postEvent, removeEvent, respondAction } from './event-writes.handler.js';
import { calendarView, countEvents, getEvent, listEvents, listInstances } from './events.handler.js';
import { getSchedule } from './get-schedule.handler.js';
import { SEG, COUNT, mailboxRoute, lacking } from '../mailbox-route.js';

// `/calendar` (the default) or `/calendars/{id}`, captured whole ('' when absent: the whole mailbox).
const IN_CALENDAR = '(/calendar|/calendars/[^/]+)?';

/** Calendars and events (Outlook resources: counted with mail against the mailbox's limits). */
export const CALENDAR_ROUTES: GraphRoute[] = [
  mailboxRoute('GET', '/calendars', P['user-list-calendars'], listCalendars),
  mailboxRoute('GET', '/calendar', P['calendar-get'], getCalendar),
  mailboxRoute('GET', `/calendars/${SEG}`, P['calendar-get'], getCalendar),
  mailboxRoute('POST', '/calendars', P['user-post-calendars'], postCalendar),
  mailboxRoute('PATCH', `/calendars/${SEG}`, P['calendar-update'], lacking('updating a calendar')),
  mailboxRoute('DELETE', `/calendars/${SEG}`, P['calendar-delete'], lacking('deleting a calendar')),
  mailboxRoute('GET', '/calendarGroups(?:/.*)?', P['user-list-calendargroups'], lacking('calendar groups (use /calendars)')),
  mailboxRoute('POST', '/calendarGroups(?:/.*)?', P['user-list-calendargroups'], lacking('calendar groups (use /calendars)')),
  // The v1.0 reference lists only the primary calendar's delta (/me/calendarView/delta); the per-calendar route is in
  // the beta reference and in v1.0's metadata (https://learn.microsoft.com/graph/api/event-delta?view=graph-rest-beta).
  mailboxRoute('GET', `${IN_CALENDAR}/calendarView/delta(?:\\(\\))?`, P['event-delta'], calendarViewDelta),
  mailboxRoute('GET', `${IN_CALENDAR}/calendarView`, P['user-list-calendarview'], calendarView),
  mailboxRoute('GET', `${IN_CALENDAR}/events`, P['user-list-events'], listEvents),
  mailboxRoute('GET', `${IN_CALENDAR}/events/${COUNT}`, P['user-list-events'], countEvents),
  mailboxRoute('GET', `${IN_CALENDAR}/events/${SEG}/instances`, P['event-list-instances'], listInstances),
  mailboxRoute('GET', `${IN_CALENDAR}/events/${SEG}`, P['event-get'], getEvent),
  mailboxRoute('POST', `${IN_CALENDAR}/events`, P['user-post-events'], postEvent),
  mailboxRoute('PATCH', `${IN_CALENDAR}/events/${SEG}`, P['event-update'], patchEvent),
  mailboxRoute('DELETE', `${IN_CALENDAR}/events/${SEG}`, P['event-delete'], removeEvent),
  mailboxRoute('POST', `${IN_CALENDAR}/events/${SEG}/cancel`, P['event-cancel'], cancelEventAction),
  mailboxRoute('POST', `${IN_CALENDAR}/events/${SEG}/(accept)`, P['event-accept'], respondAction),
  mailboxRoute('POST', `${IN_CALENDAR}/events/${SEG}/(tentativelyAccept)`, P['event-tentativelyaccept'], respondAction),
  mailboxRoute('POST', `${IN_CALENDAR}/events/${SEG}/(decline)`, P['event-decline'], respondAction),
  mailboxRoute('GET', `${IN_CALENDAR}/events/${SEG}/attachments(?:/.*)?`, P['event-list-attachments'], lacking('event attachments')),
  mailboxRoute('POST', `${IN_CALENDAR}/events/${SEG}/attachments(?:/.*)?`, P['event-post-attachments'], lacking('event attachments')),
  mailboxRoute('POST', `${IN_CALENDAR}/events/${SEG}/forward`, P['event-forward'], lacking('forwarding events')),
  mailboxRoute('POST', `${IN_CALENDAR}/events/${SEG}/(?:snoozeReminder|dismissReminder)`, P['event-snoozereminder'], lacking('event reminders')),
  mailboxRoute('POST', '/calendar/getSchedule', P['calendar-getschedule'], getSchedule),
  mailboxRoute('POST', '/findMeetingTimes', P['user-findmeetingtimes'], lacking('findMeetingTimes')),
  mailboxRoute('GET', '/outlook/supportedTimeZones.*', P['outlookuser-supportedtimezones'], lacking('supportedTimeZones')),
];
