import { createHash, randomBytes } from 'node:crypto';
import { GraphError } from '../errors/error-factory.js';
import type { EmulatorStore } from '../store/emulator-store.js';
import type { UserRecord } from '../store/emulator-records.js';
import type { CalendarRecord, EventContent, EventRecord, OccurrenceOverride } from '../store/calendar/calendar-records.js';
import { newChangeKey } from '../store/calendar/in-memory-calendar-store.js';
import { asInstance, findOccurrence, instantOf, inPattern, neighbours, newEventId, parseOccurrenceId, type EventInstance } from './event-instances.js';
import { addressesOf, forEachCopy, sendInvitations } from './meeting-invitations.js';
import { checkTimes, readEventInput, recurrenceFor, type EventInput } from './event-input.js';
import { instantToWall, requireZone, wallDate } from './time-zones.js';
import { ifMatchNames } from './if-match.js';
import { createOnlineMeeting } from '../online-meetings/new-online-meeting.js';

const NEVER = '0001-01-01T00:00:00Z';
const CONTENT_KEYS: (keyof EventContent)[] = [
  'subject', 'body', 'start', 'end', 'isAllDay', 'location', 'locations', 'attendees', 'showAs', 'sensitivity', 'importance',
  'categories', 'isReminderOn', 'reminderMinutesBeforeStart',
];

const now = () => Date.now();


function newICalUId(): string {
  // Outlook's global object id: a fixed class id, a zero date (the series' own), then a unique part.
  return `040000008200E00074C5B7101A82E008000000000000000000000000000000000000000010000000${randomBytes(16).toString('hex').toUpperCase()}`;
}

export interface WriteOptions {
  /** Writes by the admin API ("Outlook" itself) may go to calendars the user cannot edit. */
  asOutlook?: boolean;
  /** Admin API only: a meeting someone else organized (an invitation from outside the emulator). */
  organizer?: { name: string; address: string };
}

/** The event (single or master) an id names, and the occurrence when the id is one. */
export function resolveEvent(store: EmulatorStore, userId: string, id: string): { record: EventRecord; instance: EventInstance } | undefined {
  const direct = store.calendar.getEvent(userId, id);
  if (direct) return { record: direct, instance: asInstance(direct) };
  const occurrence = parseOccurrenceId(id);
  if (!occurrence) return undefined;
  const master = store.calendar.getEvent(userId, occurrence.masterId);
  if (!master?.recurrence) return undefined;
  const instance = findOccurrence(master, occurrence.originalStart);
  return instance ? { record: master, instance } : undefined;
}

function requireEditable(calendar: CalendarRecord, options: WriteOptions): void {
  if (!calendar.canEdit && !options.asOutlook) throw new GraphError(403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.');
}

function onlineMeeting(store: EmulatorStore, user: UserRecord, record: EventRecord, calendar: CalendarRecord, input: EventInput): void {
  // Personal accounts have no online meeting provider: isOnlineMeeting is ignored, as Outlook.com ignores it.
  if (calendar.allowedOnlineMeetingProviders.length === 0) return;
  if (input.onlineMeetingProvider && input.onlineMeetingProvider !== 'unknown' && !calendar.allowedOnlineMeetingProviders.includes(input.onlineMeetingProvider)) {
    throw new GraphError(400, 'ErrorInvalidRequest', `The online meeting provider '${input.onlineMeetingProvider}' is not allowed for this calendar.`);
  }
  if (record.isOnlineMeeting || !input.isOnlineMeeting) return;
  record.isOnlineMeeting = true;
  record.onlineMeetingProvider = input.onlineMeetingProvider && input.onlineMeetingProvider !== 'unknown' ? input.onlineMeetingProvider : calendar.defaultOnlineMeetingProvider;
  const conferenceId = String(createHash('sha256').update(`conference|${record.id}`).digest().readUInt32BE(0) % 1_000_000_000).padStart(9, '0');
  // The same Teams meeting as POST /me/onlineMeetings makes, so its join URL has the same form and is found by it.
  const meeting = createOnlineMeeting(store, user, { subject: record.subject, startDateTime: instantOf(record.start), endDateTime: instantOf(record.end), key: record.id });
  record.onlineMeeting = { joinUrl: meeting.joinWebUrl, conferenceId, tollNumber: null, tollFreeNumbers: [], phones: [], quickDial: null };
}

function applyContent(target: Partial<EventContent>, input: EventInput): void {
  for (const key of CONTENT_KEYS) if (input[key] !== undefined) (target as Record<string, unknown>)[key] = input[key];
}

function checkRecord(record: EventRecord): void {
  checkTimes(record.start, record.end, record.isAllDay, instantOf(record.start), instantOf(record.end));
}

/**
 * `POST …/events`: a single event or a series master, in `calendar`; with a `transactionId` already used in the
 * mailbox, the event made then comes back instead of a second one. Attendees who are users of the emulator get
 * their copy (same iCalUId).
 */
export function createEvent(store: EmulatorStore, user: UserRecord, calendar: CalendarRecord, body: unknown, options: WriteOptions = {}): { record: EventRecord; existed: boolean } {
  requireEditable(calendar, options);
  const input = readEventInput(body);
  if (input.transactionId) {
    const existing = store.calendar.findByTransactionId(user.id, input.transactionId);
    if (existing) return { record: existing, existed: true };
  }
  if (!input.start || !input.end) throw new GraphError(400, 'ErrorInvalidRequest', "An event needs 'start' and 'end'.");
  const at = now();
  const own = { name: user.displayName, address: user.mail ?? user.userPrincipalName };
  const organizer = options.organizer ?? (calendar.canEdit ? own : calendar.owner);
  const isOrganizer = addressesOf(user).includes(organizer.address.toLowerCase());
  const record: EventRecord = {
    id: newEventId(user.id),
    userId: user.id,
    calendarId: calendar.id,
    type: input.recurrence ? 'seriesMaster' : 'singleInstance',
    iCalUId: newICalUId(),
    subject: input.subject ?? '',
    body: input.body ?? { contentType: 'html', content: '' },
    start: input.start,
    end: input.end,
    isAllDay: input.isAllDay ?? false,
    location: input.location ?? { displayName: '', locationType: 'default', uniqueIdType: 'unknown' },
    locations: input.locations ?? (input.location?.displayName ? [input.location] : []),
    attendees: input.attendees ?? [],
    showAs: input.showAs ?? 'busy',
    sensitivity: input.sensitivity ?? 'normal',
    importance: input.importance ?? 'normal',
    categories: input.categories ?? [],
    isReminderOn: input.isReminderOn ?? true,
    reminderMinutesBeforeStart: input.reminderMinutesBeforeStart ?? 15,
    responseStatus: { response: isOrganizer ? 'organizer' : 'notResponded', time: NEVER },
    isCancelled: false,
    originalStartTimeZone: input.start.timeZone,
    originalEndTimeZone: input.end.timeZone,
    recurrence: input.recurrence ? recurrenceFor(input.recurrence, input.start) : null,
    organizer,
    isOrganizer,
    isDraft: input.isDraft ?? false,
    hideAttendees: input.hideAttendees ?? false,
    allowNewTimeProposals: input.allowNewTimeProposals ?? true,
    responseRequested: input.responseRequested ?? true,
    isOnlineMeeting: false,
    onlineMeetingProvider: 'unknown',
    onlineMeeting: null,
    transactionId: input.transactionId ?? null,
    changeKey: newChangeKey(),
    createdDateTime: at,
    lastModifiedDateTime: at,
    overrides: [],
  };
  checkRecord(record);
  onlineMeeting(store, user, record, calendar, input);
  store.calendar.saveEvent(record);
  sendInvitations(store, record, []);
  return { record, existed: false };
}

function checkIfMatch(instance: EventInstance, ifMatch: string | undefined): void {
  if (!ifMatch) return;
  if (!ifMatchNames(ifMatch, instance.changeKey)) {
    throw new GraphError(412, 'ErrorIrresolvableConflict', 'The send or update operation could not be performed because the change key passed in the request does not match the current change key for the item.');
  }
}

/**
 * `PATCH …/events/{id}`. On an occurrence: its exception (ErrorOccurrenceCrossingBoundary when it would move onto
 * or past a neighbouring occurrence's day). On a master: the series changes, and only the exceptions and
 * cancellations whose original start the new pattern still has are kept.
 */
export function updateEvent(store: EmulatorStore, user: UserRecord, id: string, body: unknown, ifMatch: string | undefined, options: WriteOptions = {}): EventInstance {
  const found = resolveEvent(store, user.id, id);
  if (!found) throw new GraphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
  const calendar = store.calendar.getCalendar(user.id, found.record.calendarId)!;
  requireEditable(calendar, options);
  checkIfMatch(found.instance, ifMatch);
  const input = readEventInput(body);
  if (input.transactionId !== undefined) throw new GraphError(400, 'ErrorInvalidRequest', "The property 'transactionId' cannot be changed after the event is created.");
  const record = found.record;
  const before = structuredClone(record);
  const at = now();
  if (found.instance.type === 'occurrence' || found.instance.type === 'exception') {
    if (input.recurrence !== undefined) throw new GraphError(400, 'ErrorInvalidRequest', 'An occurrence cannot have its own recurrence.');
    const originalStart = found.instance.originalStart!;
    let override = record.overrides.find((candidate) => candidate.originalStart === originalStart);
    if (!override) {
      override = { originalStart, cancelled: false, content: {}, changeKey: '', createdDateTime: at, lastModifiedDateTime: at };
      record.overrides.push(override);
    }
    const content: Partial<EventContent> = { ...(override.content ?? {}), start: found.instance.content.start, end: found.instance.content.end };
    applyContent(content, input);
    const startMs = instantOf(content.start!);
    const endMs = instantOf(content.end!);
    checkTimes(content.start!, content.end!, content.isAllDay ?? record.isAllDay, startMs, endMs);
    checkCrossing(record, originalStart, startMs);
    override.content = content;
    override.changeKey = newChangeKey();
    override.lastModifiedDateTime = at;
  } else {
    applyContent(record, input);
    if (input.allowNewTimeProposals !== undefined) record.allowNewTimeProposals = input.allowNewTimeProposals;
    if (input.responseRequested !== undefined) record.responseRequested = input.responseRequested;
    if (input.hideAttendees !== undefined) record.hideAttendees = input.hideAttendees;
    if (input.isDraft !== undefined) record.isDraft = input.isDraft;
    if (input.recurrence === null) {
      record.recurrence = null;
      record.type = 'singleInstance';
      record.overrides = [];
    } else if (input.recurrence !== undefined || (record.recurrence && (input.start || input.end))) {
      const recurrence = input.recurrence !== undefined
        ? input.recurrence as Record<string, unknown>
        : { ...record.recurrence!, range: { ...record.recurrence!.range, startDate: record.start.dateTime.slice(0, 10) } };
      record.recurrence = recurrenceFor(recurrence, record.start);
      record.type = 'seriesMaster';
      record.overrides = record.overrides.filter((override) => inPattern(record, override.originalStart));
    }
    checkRecord(record);
    onlineMeeting(store, user, record, calendar, input);
  }
  // The master holds its exceptions, so it changes with them (its changeKey is the @odata.etag its notification carries).
  record.changeKey = newChangeKey();
  record.lastModifiedDateTime = at;
  store.calendar.saveEvent(record);
  sendInvitations(store, record, before.attendees);
  return resolveEvent(store, user.id, found.instance.type === 'occurrence' || found.instance.type === 'exception' ? found.instance.id : record.id)!.instance;
}

/** ErrorOccurrenceCrossingBoundary: an occurrence may not move onto or past the day of the occurrence before or after it. */
function checkCrossing(master: EventRecord, originalStart: number, newStart: number): void {
  const zone = requireZone(master.recurrence?.range.recurrenceTimeZone || master.start.timeZone);
  const dayOf = (ms: number) => wallDate(instantToWall(ms, zone));
  const { previous, next } = neighbours(master, originalStart);
  const day = dayOf(newStart);
  if ((previous && day <= dayOf(previous.startMs)) || (next && day >= dayOf(next.startMs))) {
    throw new GraphError(400, 'ErrorOccurrenceCrossingBoundary', 'An occurrence cannot be moved onto or past the date of a neighbouring occurrence.');
  }
}

export function cancelOccurrence(record: EventRecord, originalStart: number, at: number): void {
  const override = record.overrides.find((candidate) => candidate.originalStart === originalStart);
  if (override) {
    override.cancelled = true;
    delete override.content;
    override.lastModifiedDateTime = at;
  } else {
    record.overrides.push({ originalStart, cancelled: true, changeKey: newChangeKey(), createdDateTime: at, lastModifiedDateTime: at } satisfies OccurrenceOverride);
  }
}

/**
 * `DELETE …/events/{id}`: a single or a series leaves the calendar; an occurrence is cancelled on its series (left out
 * of `/instances` and calendarView from then on). An organizer's delete cancels the attendees' copies.
 */
export function deleteEvent(store: EmulatorStore, user: UserRecord, id: string, options: WriteOptions = {}, ifMatch?: string): void {
  const found = resolveEvent(store, user.id, id);
  if (!found) throw new GraphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
  const calendar = store.calendar.getCalendar(user.id, found.record.calendarId)!;
  requireEditable(calendar, options);
  checkIfMatch(found.instance, ifMatch);
  const record = found.record;
  const at = now();
  if (found.instance.originalStart !== null) {
    cancelOccurrence(record, found.instance.originalStart, at);
    record.changeKey = newChangeKey();
    record.lastModifiedDateTime = at;
    store.calendar.saveEvent(record);
    if (record.isOrganizer) forEachCopy(store, record, (copy) => cancelOccurrence(copy, found.instance.originalStart!, at));
    return;
  }
  store.calendar.deleteEvent(user.id, record.id);
  if (record.isOrganizer) {
    forEachCopy(store, record, (copy) => {
      copy.isCancelled = true;
      copy.subject = copy.subject.startsWith('Canceled: ') ? copy.subject : `Canceled: ${copy.subject}`;
    });
  }
}

/** `POST …/events/{id}/cancel`: organizer only (400 otherwise, as documented); then as DELETE. */
export function cancelEvent(store: EmulatorStore, user: UserRecord, id: string): void {
  const found = resolveEvent(store, user.id, id);
  if (!found) throw new GraphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
  if (!found.record.isOrganizer) throw new GraphError(400, 'ErrorInvalidRequest', "Your request can't be completed. You need to be an organizer to cancel a meeting.");
  deleteEvent(store, user, id);
}

