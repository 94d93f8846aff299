import { graph } from '../../errors/error-factory.js';
import type { EmulatorContext } from '../../http/emulator-context.js';
import { asInstance } from '../../calendar/event-instances.js';
import { eventJson } from '../../calendar/event-shape.js';
import { cancelEvent, createEvent, deleteEvent, resolveEvent, updateEvent } from '../../calendar/event-writes.js';
import { respondToEvent, type Reply } from '../../calendar/meeting-responses.js';
import type { GraphCall, GraphResult } from '../graph-call.js';
import { appliedHeader, calendarAccess, calendarOf, eventPreferences, metadata } from './calendar-access.js';

function requireInCalendar(context: EmulatorContext, userId: string, calendarSegment: string, id: string): void {
  const calendar = calendarOf(context, userId, calendarSegment);
  const found = resolveEvent(context.store, userId, id);
  if (!found || (calendar && found.record.calendarId !== calendar.id)) throw graph.itemNotFound();
}

/** `POST /me/events`, `/me/calendar/events`, `/me/calendars/{id}/events` → 201 with the event (in the `Prefer` zone). */
export function postEvent(context: EmulatorContext, call: GraphCall, [userSegment, calendarSegment]: string[]): GraphResult {
  const { user, basic } = calendarAccess(context, call, userSegment!, 'write');
  const calendar = calendarOf(context, user.id, calendarSegment!) ?? context.store.calendar.defaultCalendar(user.id);
  const { record } = createEvent(context.store, user, calendar, call.body);
  const { options, applied } = eventPreferences(call, basic);
  return {
    status: 201,
    headers: appliedHeader(applied),
    // Create event's examples: `users('…')/events/$entity` for /me/events, the calendar's events under a calendar.
    body: { '@odata.context': metadata(call, user, calendarSegment ? `calendars('${calendar.id}')/events/$entity` : 'events/$entity'), ...eventJson(asInstance(record), options) },
  };
}

/** `PATCH /me/events/{id}` (`If-Match` with the changeKey → 412 when stale) → 200 with the event. */
export function patchEvent(context: EmulatorContext, call: GraphCall, [userSegment, calendarSegment, id]: string[]): GraphResult {
  const { user, basic } = calendarAccess(context, call, userSegment!, 'write');
  requireInCalendar(context, user.id, calendarSegment!, id!);
  const instance = updateEvent(context.store, user, id!, call.body, call.headers['if-match']);
  const { options, applied } = eventPreferences(call, basic);
  return { status: 200, headers: appliedHeader(applied), body: { '@odata.context': metadata(call, user, 'events/$entity'), ...eventJson(instance, options) } };
}

/** `DELETE /me/events/{id}` → 204 (an occurrence id cancels that occurrence; a stale `If-Match` is 412). */
export function removeEvent(context: EmulatorContext, call: GraphCall, [userSegment, calendarSegment, id]: string[]): GraphResult {
  const { user } = calendarAccess(context, call, userSegment!, 'write');
  requireInCalendar(context, user.id, calendarSegment!, id!);
  deleteEvent(context.store, user, id!, {}, call.headers['if-match']);
  return { status: 204 };
}

/** `POST /me/events/{id}/cancel` `{comment?}` → 202. */
export function cancelEventAction(context: EmulatorContext, call: GraphCall, [userSegment, calendarSegment, id]: string[]): GraphResult {
  const { user } = calendarAccess(context, call, userSegment!, 'write');
  requireInCalendar(context, user.id, calendarSegment!, id!);
  cancelEvent(context.store, user, id!);
  return { status: 202 };
}

/** `POST /me/events/{id}/accept|tentativelyAccept|decline` → 202. */
export function respondAction(context: EmulatorContext, call: GraphCall, [userSegment, calendarSegment, id, action]: string[]): GraphResult {
  const { user } = calendarAccess(context, call, userSegment!, 'write');
  requireInCalendar(context, user.id, calendarSegment!, id!);
  const reply = ({ accept: 'accept', tentativelyaccept: 'tentativelyAccept', decline: 'decline' } as Record<string, Reply>)[action!.toLowerCase()]!;
  respondToEvent(context.store, user, id!, reply, call.body);
  return { status: 202 };
}
