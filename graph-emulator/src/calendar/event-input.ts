import { GraphError } from '../errors/error-factory.js';
import type { Attendee, DateTimeTimeZone, EventContent, Location, OnlineMeetingProvider } from '../store/calendar/calendar-records.js';
import { readRecurrence } from './recurrence.js';
import { formatWall, isMidnight, parseWall, requireZone } from './time-zones.js';

const WRITABLE = new Set([
  'subject', 'body', 'start', 'end', 'isAllDay', 'location', 'locations', 'attendees', 'showAs', 'sensitivity', 'importance',
  'categories', 'isReminderOn', 'reminderMinutesBeforeStart', 'recurrence', 'isOnlineMeeting', 'onlineMeetingProvider',
  'transactionId', 'allowNewTimeProposals', 'responseRequested', 'hideAttendees', 'isDraft',
]);
const READ_ONLY = new Set([
  'id', 'createdDateTime', 'lastModifiedDateTime', 'changeKey', 'originalStartTimeZone', 'originalEndTimeZone', 'iCalUId',
  'hasAttachments', 'bodyPreview', 'isCancelled', 'isOrganizer', 'seriesMasterId', 'type', 'webLink', 'onlineMeetingUrl',
  'originalStart', 'responseStatus', 'organizer', 'onlineMeeting',
]);
const ENUMS: Record<string, string[]> = {
  showAs: ['free', 'tentative', 'busy', 'oof', 'workingElsewhere', 'unknown'],
  sensitivity: ['normal', 'personal', 'private', 'confidential'],
  importance: ['low', 'normal', 'high'],
  onlineMeetingProvider: ['unknown', 'teamsForBusiness', 'skypeForBusiness', 'skypeForConsumer'],
};
const NEVER = '0001-01-01T00:00:00Z';

const bad = (message: string) => new GraphError(400, 'ErrorInvalidRequest', message);
const validation = (message: string) => new GraphError(400, 'ErrorPropertyValidationFailure', `At least one property failed validation. ${message}`);

/** What a POST or PATCH body sets, read and checked; only the properties present. */
export interface EventInput extends Partial<EventContent> {
  recurrence?: unknown;
  isOnlineMeeting?: boolean;
  onlineMeetingProvider?: OnlineMeetingProvider;
  transactionId?: string;
  allowNewTimeProposals?: boolean;
  responseRequested?: boolean;
  hideAttendees?: boolean;
  isDraft?: boolean;
}

function dateTimeTimeZone(value: unknown, name: string): DateTimeTimeZone {
  const input = value as { dateTime?: unknown; timeZone?: unknown } | null;
  if (!input || typeof input !== 'object' || typeof input.dateTime !== 'string') throw bad(`'${name}' must be a dateTimeTimeZone {dateTime, timeZone}.`);
  const wall = parseWall(input.dateTime.replace(/Z$/i, ''));
  if (wall === undefined) throw bad(`'${name}.dateTime' is not a date and time: '${input.dateTime}'.`);
  const timeZone = typeof input.timeZone === 'string' && input.timeZone !== '' ? input.timeZone : 'UTC';
  requireZone(timeZone);
  return { dateTime: formatWall(wall), timeZone };
}

function text(value: unknown, name: string): string {
  if (typeof value !== 'string') throw bad(`'${name}' must be a string.`);
  return value;
}

function bool(value: unknown, name: string): boolean {
  if (typeof value !== 'boolean') throw bad(`'${name}' must be true or false.`);
  return value;
}

function oneOf<T extends string>(value: unknown, name: string): T {
  if (typeof value !== 'string' || !ENUMS[name]!.includes(value)) throw bad(`'${String(value)}' is not a valid value for '${name}'.`);
  return value as T;
}

function location(value: unknown): Location {
  const input = (value ?? {}) as { displayName?: unknown; locationType?: unknown; address?: Record<string, string> };
  return {
    displayName: input.displayName === undefined ? '' : text(input.displayName, 'location.displayName'),
    locationType: typeof input.locationType === 'string' ? input.locationType : 'default',
    uniqueIdType: input.displayName ? 'private' : 'unknown',
    ...(input.address ? { address: input.address } : {}),
  };
}

function attendees(value: unknown): Attendee[] {
  if (!Array.isArray(value)) throw bad("'attendees' must be an array.");
  if (value.length > 500) throw bad('An event can have at most 500 attendees.');
  return value.map((entry: { type?: unknown; emailAddress?: { name?: unknown; address?: unknown } }) => {
    const address = entry?.emailAddress?.address;
    if (typeof address !== 'string' || !/^[^@\s]+@[^@\s]+$/.test(address)) throw bad("Each attendee needs 'emailAddress.address'.");
    const type = entry.type ?? 'required';
    if (type !== 'required' && type !== 'optional' && type !== 'resource') throw bad(`'${String(type)}' is not an attendee type.`);
    const name = typeof entry.emailAddress?.name === 'string' ? entry.emailAddress.name : address;
    return { type, status: { response: 'none', time: NEVER }, emailAddress: { name, address } } as Attendee;
  });
}

/**
 * Reads an event body as Graph takes it: unknown properties are Graph's 400, read-only ones are refused rather than
 * dropped, and every value is checked. The recurrence is checked later, against the start it goes with.
 */
export function readEventInput(body: unknown): EventInput {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw bad('The request body must be a JSON object.');
  const input: EventInput = {};
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    if (key.startsWith('@odata.')) continue;
    if (READ_ONLY.has(key)) throw bad(`The property '${key}' is read-only and cannot be set.`);
    if (!WRITABLE.has(key)) throw new GraphError(400, 'RequestBodyRead', `The property '${key}' does not exist on type 'microsoft.graph.event'. Make sure to only use property names that are defined by the type or mark the type as open type.`);
    switch (key) {
      case 'subject': input.subject = text(value, key); break;
      case 'body': {
        const b = value as { contentType?: unknown; content?: unknown };
        const contentType = (typeof b?.contentType === 'string' ? b.contentType.toLowerCase() : 'text');
        if (contentType !== 'text' && contentType !== 'html') throw bad("'body.contentType' must be text or html.");
        input.body = { contentType, content: b?.content === undefined ? '' : text(b.content, 'body.content') };
        break;
      }
      case 'start': input.start = dateTimeTimeZone(value, key); break;
      case 'end': input.end = dateTimeTimeZone(value, key); break;
      case 'isAllDay': input.isAllDay = bool(value, key); break;
      case 'location': input.location = location(value); break;
      case 'locations':
        if (!Array.isArray(value)) throw bad("'locations' must be an array.");
        input.locations = value.map(location);
        break;
      case 'attendees': input.attendees = attendees(value); break;
      case 'showAs': input.showAs = oneOf(value, key); break;
      case 'sensitivity': input.sensitivity = oneOf(value, key); break;
      case 'importance': input.importance = oneOf(value, key); break;
      case 'categories':
        if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) throw bad("'categories' must be an array of strings.");
        input.categories = value as string[];
        break;
      case 'isReminderOn': input.isReminderOn = bool(value, key); break;
      case 'reminderMinutesBeforeStart':
        if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw bad("'reminderMinutesBeforeStart' must be a non-negative integer.");
        input.reminderMinutesBeforeStart = value;
        break;
      case 'recurrence': input.recurrence = value; break;
      case 'isOnlineMeeting': input.isOnlineMeeting = bool(value, key); break;
      case 'onlineMeetingProvider': input.onlineMeetingProvider = oneOf(value, key); break;
      case 'transactionId': input.transactionId = text(value, key); break;
      case 'allowNewTimeProposals': input.allowNewTimeProposals = bool(value, key); break;
      case 'responseRequested': input.responseRequested = bool(value, key); break;
      case 'hideAttendees': input.hideAttendees = bool(value, key); break;
      case 'isDraft': input.isDraft = bool(value, key); break;
    }
  }
  return input;
}

/**
 * The documented rules on an event's times: an end not before its start, and an all-day event starting and ending
 * at midnight in one zone (https://learn.microsoft.com/graph/api/resources/event, isAllDay).
 */
export function checkTimes(start: DateTimeTimeZone, end: DateTimeTimeZone, isAllDay: boolean, startMs: number, endMs: number): void {
  if (endMs < startMs) throw validation("The event's end is before its start.");
  if (!isAllDay) return;
  const midnight = (value: DateTimeTimeZone) => isMidnight(parseWall(value.dateTime)!);
  if (!midnight(start) || !midnight(end)) throw validation('An all-day event must start and end at midnight.');
  if (requireZone(start.timeZone) !== requireZone(end.timeZone)) throw validation('An all-day event must start and end in the same time zone.');
  if (endMs === startMs) throw validation('An all-day event lasts at least one day.');
}

/** The recurrence of a series starting at `start`, checked; a range without its zone takes the start's, as Outlook answers. */
export function recurrenceFor(value: unknown, start: DateTimeTimeZone) {
  const recurrence = readRecurrence(value, start.dateTime.slice(0, 10));
  if (!recurrence.range.recurrenceTimeZone) recurrence.range.recurrenceTimeZone = start.timeZone;
  return recurrence;
}
