import { CalendarEventParticipantResponseStatus as Response, type ImportedCalendarEvent, type ImportedCalendarEventParticipant } from '@m365/shared-types';
import { dateAsUtcMidnight, ianaZone, toAllDayDate, toInstant, type GraphDateTimeTimeZone } from './event-time.util.js';

interface GraphEmailAddress {
  name?: string | null;
  address?: string | null;
}

/** An event as calendarView (and its delta) returns it; only what the import reads. */
export interface GraphEvent {
  id: string;
  '@removed'?: { reason: string };
  type?: 'singleInstance' | 'occurrence' | 'exception' | 'seriesMaster';
  seriesMasterId?: string | null;
  originalStart?: string | null;
  originalStartTimeZone?: string | null;
  iCalUId?: string | null;
  subject?: string | null;
  bodyPreview?: string | null;
  body?: { contentType?: string; content?: string } | null;
  location?: { displayName?: string | null } | null;
  start?: GraphDateTimeTimeZone;
  end?: GraphDateTimeTimeZone;
  isAllDay?: boolean;
  isCancelled?: boolean;
  isOrganizer?: boolean;
  sensitivity?: 'normal' | 'personal' | 'private' | 'confidential';
  organizer?: { emailAddress?: GraphEmailAddress } | null;
  attendees?: Array<{ type?: string; emailAddress?: GraphEmailAddress; status?: { response?: string } }> | null;
  responseStatus?: { response?: string } | null;
  isOnlineMeeting?: boolean;
  onlineMeetingProvider?: string | null;
  onlineMeeting?: { joinUrl?: string | null } | null;
  createdDateTime?: string | null;
  lastModifiedDateTime?: string | null;
  changeKey?: string | null;
}

/** Graph's responseType → Twenty's responseStatus; the organizer has accepted their own meeting. */
export function toResponseStatus(response: string | null | undefined): Response {
  switch ((response ?? '').toLowerCase()) {
    case 'accepted':
    case 'organizer':
      return Response.ACCEPTED;
    case 'tentativelyaccepted':
      return Response.TENTATIVE;
    case 'declined':
      return Response.DECLINED;
    default:
      return Response.NEEDS_ACTION;
  }
}

const ONLINE_MEETING_LABELS: Record<string, string> = {
  teamsForBusiness: 'Join Microsoft Teams meeting',
  skypeForBusiness: 'Join Skype meeting',
  skypeForConsumer: 'Join Skype call',
};

/** Whether calendarView's item is one to keep: not a removal, not a series master, not a cancelled occurrence. */
export function isImportable(event: GraphEvent): boolean {
  if (event['@removed'] || event.type === 'seriesMaster') return false;
  // An occurrence cancelled from its series is gone from the calendar, as Outlook shows it.
  return !(event.isCancelled && (event.type === 'occurrence' || event.type === 'exception'));
}

/** One calendarView item as the CRM stores it; `ownHandles` are the account's addresses (its own answer, privacy). */
export function toImportedEvent(event: GraphEvent, calendarExternalId: string, ownHandles: Set<string>): ImportedCalendarEvent {
  if (!event.start || !event.end) throw new Error(`Event ${event.id} has no start or end`);
  const timeZone = ianaZone(event.originalStartTimeZone) ?? ianaZone(event.start.timeZone);
  const isFullDay = event.isAllDay === true;
  const startsAt = isFullDay ? dateAsUtcMidnight(toAllDayDate(event.start, timeZone)) : toInstant(event.start);
  const endsAt = isFullDay ? dateAsUtcMidnight(toAllDayDate(event.end, timeZone)) : toInstant(event.end);
  const provider = event.isOnlineMeeting && event.onlineMeetingProvider && event.onlineMeetingProvider !== 'unknown' ? event.onlineMeetingProvider : null;
  const joinUrl = event.onlineMeeting?.joinUrl ?? null;
  const recurring = event.type === 'occurrence' || event.type === 'exception' ? event.seriesMasterId ?? null : null;
  return {
    externalId: event.id,
    calendarExternalId,
    recurringEventExternalId: recurring,
    replacesOccurrenceAt: event.type === 'exception' && event.originalStart ? originalStartAt(event.originalStart, isFullDay, timeZone) : null,
    iCalUid: event.iCalUId ?? null,
    title: event.subject ?? '',
    description: (event.body?.contentType?.toLowerCase() === 'text' ? event.body.content : event.bodyPreview) ?? '',
    location: event.location?.displayName ?? '',
    isCanceled: event.isCancelled === true,
    isFullDay,
    startsAt,
    endsAt,
    timeZone,
    externalCreatedAt: event.createdDateTime ? new Date(event.createdDateTime) : null,
    externalUpdatedAt: event.lastModifiedDateTime ? new Date(event.lastModifiedDateTime) : null,
    conferenceSolution: provider,
    conferenceLinkUrl: joinUrl,
    conferenceLinkLabel: joinUrl ? ONLINE_MEETING_LABELS[provider ?? ''] ?? 'Join online meeting' : null,
    isPrivate: event.sensitivity === 'private' || event.sensitivity === 'confidential',
    isOwnerOrganizer: event.isOrganizer === true,
    participants: toParticipants(event, ownHandles),
  };
}

/** Where an exception's occurrence was: an instant, or for all-day series the date's UTC midnight as stored. */
function originalStartAt(originalStart: string, isFullDay: boolean, timeZone: string | null): Date {
  const instant = new Date(originalStart);
  if (!isFullDay) return instant;
  return dateAsUtcMidnight(toAllDayDate({ dateTime: instant.toISOString().replace('Z', ''), timeZone: 'UTC' }, timeZone));
}

/** The organizer first, then attendees, each address once. The owner's own answer is the event's responseStatus. */
function toParticipants(event: GraphEvent, ownHandles: Set<string>): ImportedCalendarEventParticipant[] {
  const participants = new Map<string, ImportedCalendarEventParticipant>();
  const organizer = event.organizer?.emailAddress?.address?.trim().toLowerCase();
  if (organizer) {
    participants.set(organizer, { handle: organizer, displayName: event.organizer?.emailAddress?.name ?? '', isOrganizer: true, responseStatus: Response.ACCEPTED });
  }
  for (const attendee of event.attendees ?? []) {
    const handle = attendee.emailAddress?.address?.trim().toLowerCase();
    if (!handle || participants.has(handle)) continue;
    const response = ownHandles.has(handle) && event.responseStatus?.response ? event.responseStatus.response : attendee.status?.response;
    participants.set(handle, { handle, displayName: attendee.emailAddress?.name ?? '', isOrganizer: false, responseStatus: toResponseStatus(response) });
  }
  return [...participants.values()];
}
