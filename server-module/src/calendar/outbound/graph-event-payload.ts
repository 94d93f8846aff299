import { DateTime } from 'luxon';
import { findWindows } from 'windows-iana';
import type { GraphDateTimeTimeZone } from '../event-time.util.js';
import type { StoredFields } from './calendar-outbox.repository.js';

/**
 * Outlook's own name for an IANA zone (the CLDR table in windows-iana), so that Outlook shows the zone as its users
 * know it; an IANA name Outlook also accepts is sent as it is when the table has no Windows name for it.
 */
export function windowsZone(iana: string): string {
  if (/^(utc|etc\/utc|gmt)$/i.test(iana)) return 'UTC';
  return findWindows(iana)[0] ?? iana;
}

/** A CRM instant as Outlook's wall-clock time in the event's zone; a full-day event's date at midnight. */
export function toGraphDateTime(instant: Date, zone: string, isFullDay: boolean): GraphDateTimeTimeZone {
  const dateTime = isFullDay
    ? `${instant.toISOString().slice(0, 10)}T00:00:00`
    : DateTime.fromJSDate(instant).setZone(zone).toFormat("yyyy-MM-dd'T'HH:mm:ss");
  return { dateTime, timeZone: windowsZone(zone) };
}

export const TEAMS_FOR_BUSINESS = 'teamsForBusiness';

export const TIME_FIELDS = ['startsAt', 'endsAt', 'isFullDay', 'timeZone'] as const;

/** The Graph event properties for these CRM fields (only those present). */
export function toGraphEventBody(fields: StoredFields): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (fields.title !== undefined) body.subject = fields.title;
  if (fields.description !== undefined) body.body = { contentType: 'text', content: fields.description };
  if (fields.location !== undefined) body.location = { displayName: fields.location };
  if (fields.attendeeEmails !== undefined) body.attendees = fields.attendeeEmails.map((address) => ({ type: 'required', emailAddress: { address } }));
  // Outlook makes the Teams meeting and its join link; it cannot be turned off again (resources/event.md).
  if (fields.conferenceSolution === TEAMS_FOR_BUSINESS) {
    body.isOnlineMeeting = true;
    body.onlineMeetingProvider = TEAMS_FOR_BUSINESS;
  }
  if (fields.startsAt !== undefined && fields.endsAt !== undefined) {
    const zone = fields.timeZone ?? 'UTC';
    const isFullDay = fields.isFullDay ?? false;
    body.isAllDay = isFullDay;
    body.start = toGraphDateTime(new Date(fields.startsAt), zone, isFullDay);
    body.end = toGraphDateTime(new Date(fields.endsAt), zone, isFullDay);
  }
  return body;
}
