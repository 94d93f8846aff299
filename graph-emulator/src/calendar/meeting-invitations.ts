import type { EmulatorStore } from '../store/emulator-store.js';
import type { UserRecord } from '../store/emulator-records.js';
import type { Attendee, EventContent, EventRecord } from '../store/calendar/calendar-records.js';
import { newChangeKey } from '../store/calendar/in-memory-calendar-store.js';
import { newEventId } from './event-instances.js';

const NEVER = '0001-01-01T00:00:00Z';
// What an organizer's change carries to the attendees' copies (their own response and reminders stay theirs).
const SHARED_KEYS: (keyof EventContent)[] = ['subject', 'body', 'start', 'end', 'isAllDay', 'location', 'locations', 'attendees', 'sensitivity', 'importance', 'isCancelled'];
const now = () => Date.now();

export function addressesOf(user: UserRecord): string[] {
  return [user.mail, user.userPrincipalName, ...user.otherMails].filter((value): value is string => !!value).map((value) => value.toLowerCase());
}

export function forEachCopy(store: EmulatorStore, organizerRecord: EventRecord, change: (copy: EventRecord) => void): void {
  for (const attendee of organizerRecord.attendees) {
    const user = store.findUser(attendee.emailAddress.address);
    if (!user || user.id === organizerRecord.userId) continue;
    const copy = store.calendar.findByICalUId(user.id, organizerRecord.iCalUId);
    if (!copy) continue;
    change(copy);
    copy.changeKey = newChangeKey();
    copy.lastModifiedDateTime = now();
    store.calendar.saveEvent(copy);
  }
}

/**
 * Meeting requests and updates: each attendee who is a user of the emulator has the meeting in their default calendar
 * (same iCalUId, `isOrganizer: false`, their own response); attendees removed from the meeting get it cancelled.
 */
export function sendInvitations(store: EmulatorStore, record: EventRecord, previousAttendees: Attendee[]): void {
  if (!record.isOrganizer) return;
  const current = new Set(record.attendees.map((entry) => entry.emailAddress.address.toLowerCase()));
  for (const attendee of record.attendees) {
    const user = store.findUser(attendee.emailAddress.address);
    if (!user || user.id === record.userId) continue;
    const existing = store.calendar.findByICalUId(user.id, record.iCalUId);
    const shared = Object.fromEntries(SHARED_KEYS.map((key) => [key, structuredClone(record[key])]));
    if (existing) {
      Object.assign(existing, shared, {
        recurrence: structuredClone(record.recurrence), type: record.type, changeKey: newChangeKey(), lastModifiedDateTime: now(),
        overrides: record.overrides.map((override) => {
          const mine = existing.overrides.find((candidate) => candidate.originalStart === override.originalStart);
          return { ...structuredClone(override), ...(mine?.content?.responseStatus && override.content ? { content: { ...override.content, responseStatus: mine.content.responseStatus } } : {}) };
        }),
        onlineMeeting: structuredClone(record.onlineMeeting), isOnlineMeeting: record.isOnlineMeeting, onlineMeetingProvider: record.onlineMeetingProvider,
      });
      store.calendar.saveEvent(existing);
      continue;
    }
    const at = now();
    const copy: EventRecord = {
      ...structuredClone(record),
      id: newEventId(user.id),
      userId: user.id,
      calendarId: store.calendar.defaultCalendar(user.id).id,
      isOrganizer: false,
      responseStatus: { response: 'notResponded', time: NEVER },
      transactionId: null,
      changeKey: newChangeKey(),
      createdDateTime: at,
      lastModifiedDateTime: at,
      sentFrom: { userId: record.userId, eventId: record.id },
    };
    store.calendar.saveEvent(copy);
  }
  for (const attendee of previousAttendees) {
    const address = attendee.emailAddress.address.toLowerCase();
    if (current.has(address)) continue;
    const user = store.findUser(address);
    if (!user || user.id === record.userId) continue;
    const copy = store.calendar.findByICalUId(user.id, record.iCalUId);
    if (!copy || copy.isCancelled) continue;
    copy.isCancelled = true;
    copy.changeKey = newChangeKey();
    copy.lastModifiedDateTime = now();
    store.calendar.saveEvent(copy);
  }
}
