import { GraphError } from '../errors/error-factory.js';
import type { EmulatorStore } from '../store/emulator-store.js';
import type { UserRecord } from '../store/emulator-records.js';
import type { Attendee, ResponseType } from '../store/calendar/calendar-records.js';
import { newChangeKey } from '../store/calendar/in-memory-calendar-store.js';
import { cancelOccurrence, resolveEvent } from './event-writes.js';
import { addressesOf } from './meeting-invitations.js';

const isoNow = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
const now = () => Date.now();

export type Reply = 'accept' | 'tentativelyAccept' | 'decline';
const RESPONSE: Record<Reply, ResponseType> = { accept: 'accepted', tentativelyAccept: 'tentativelyAccepted', decline: 'declined' };

/**
 * `POST …/events/{id}/accept|tentativelyAccept|decline` `{comment?, sendResponse?, proposedNewTime?}`: the attendee's
 * copy takes the response (a declined meeting leaves the calendar, as in Outlook); with sendResponse (the default)
 * the organizer's copy records it on the attendee.
 */
export function respondToEvent(store: EmulatorStore, user: UserRecord, id: string, reply: Reply, body: unknown): void {
  const found = resolveEvent(store, user.id, id);
  if (!found) throw new GraphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
  const input = (body ?? {}) as { sendResponse?: unknown; proposedNewTime?: unknown; comment?: unknown };
  if (input.comment !== undefined && typeof input.comment !== 'string') throw new GraphError(400, 'ErrorInvalidRequest', "'comment' must be a string.");
  if (input.sendResponse !== undefined && typeof input.sendResponse !== 'boolean') throw new GraphError(400, 'ErrorInvalidRequest', "'sendResponse' must be true or false.");
  const sendResponse = input.sendResponse !== false;
  if (input.proposedNewTime !== undefined) {
    if (reply !== 'decline' && reply !== 'tentativelyAccept') throw new GraphError(400, 'ErrorInvalidRequest', 'Only decline and tentativelyAccept take proposedNewTime.');
    if (!found.record.allowNewTimeProposals) throw new GraphError(400, 'ErrorInvalidRequest', 'The organizer does not allow new time proposals for this meeting.');
    if (!sendResponse) throw new GraphError(400, 'ErrorInvalidRequest', 'A new time proposal needs sendResponse to be true.');
  }
  const record = found.record;
  if (record.isOrganizer) throw new GraphError(400, 'ErrorInvalidRequest', "Your request can't be completed. You can't respond to a meeting you organized.");
  const status = { response: RESPONSE[reply], time: isoNow() };
  const at = now();
  const occurrence = found.instance.originalStart;
  if (occurrence !== null) {
    if (reply === 'decline') cancelOccurrence(record, occurrence, at);
    else {
      let override = record.overrides.find((candidate) => candidate.originalStart === occurrence);
      if (!override) {
        override = { originalStart: occurrence, cancelled: false, content: {}, changeKey: newChangeKey(), createdDateTime: at, lastModifiedDateTime: at };
        record.overrides.push(override);
      }
      override.content = { ...override.content, responseStatus: status };
      override.changeKey = newChangeKey();
    }
    record.changeKey = newChangeKey();
    record.lastModifiedDateTime = at;
    store.calendar.saveEvent(record);
  } else if (reply === 'decline') {
    store.calendar.deleteEvent(user.id, record.id);
  } else {
    record.responseStatus = status;
    record.changeKey = newChangeKey();
    record.lastModifiedDateTime = at;
    store.calendar.saveEvent(record);
  }
  if (sendResponse && record.sentFrom) recordResponse(store, record.sentFrom, user, status, occurrence);
}

function recordResponse(store: EmulatorStore, from: { userId: string; eventId: string }, attendee: UserRecord, status: Attendee['status'], occurrence: number | null): void {
  const organizerCopy = store.calendar.getEvent(from.userId, from.eventId);
  if (!organizerCopy) return;
  const mine = new Set(addressesOf(attendee));
  const mark = (list: Attendee[]) => list.map((entry) => (mine.has(entry.emailAddress.address.toLowerCase()) ? { ...entry, status } : entry));
  if (occurrence === null) {
    organizerCopy.attendees = mark(organizerCopy.attendees);
  } else {
    const override = organizerCopy.overrides.find((candidate) => candidate.originalStart === occurrence);
    if (override?.cancelled) return;
    if (override) override.content = { ...override.content, attendees: mark(override.content?.attendees ?? organizerCopy.attendees) };
    else organizerCopy.overrides.push({ originalStart: occurrence, cancelled: false, content: { attendees: mark(organizerCopy.attendees) }, changeKey: newChangeKey(), createdDateTime: now(), lastModifiedDateTime: now() });
  }
  organizerCopy.changeKey = newChangeKey();
  organizerCopy.lastModifiedDateTime = now();
  store.calendar.saveEvent(organizerCopy);
}
