import { DateTime } from 'luxon';
import { findIana } from 'windows-iana';

/** Graph's dateTimeTimeZone: a wall-clock time without offset, and the zone it is in (a Windows or an IANA name). */
export interface GraphDateTimeTimeZone {
  dateTime: string;
  timeZone: string;
}

/**
 * An IANA zone for a zone name as Outlook gives it: IANA names as they are, Windows names through the CLDR table
 * (windows-iana), first match; null for a name neither knows (such as `tzone://Microsoft/Custom`, a legacy custom zone).
 */
export function ianaZone(name: string | null | undefined): string | null {
  if (!name) return null;
  if (/^(utc|gmt|etc\/utc|etc\/gmt|z)$/i.test(name.trim())) return 'UTC';
  if (DateTime.local().setZone(name).isValid && name.includes('/')) return name;
  const iana = findIana(name)?.[0];
  return iana && DateTime.local().setZone(iana).isValid ? iana : null;
}

/** The instant a dateTimeTimeZone names. An unknown zone is an error: a wrong instant would be silently wrong. */
export function toInstant(value: GraphDateTimeTimeZone): Date {
  const zone = ianaZone(value.timeZone);
  if (!zone) throw new Error(`Unknown time zone "${value.timeZone}"`);
  const parsed = DateTime.fromISO(value.dateTime, { zone });
  if (!parsed.isValid) throw new Error(`Unreadable date-time "${value.dateTime}" (${parsed.invalidExplanation ?? parsed.invalidReason})`);
  return parsed.toJSDate();
}

/**
 * An all-day event's date. Outlook keeps all-day events at midnight in their own zone; a response converted to
 * another zone (UTC, the default) can shift that midnight to the day before or after, so the date is read in the
 * event's own zone when the value is not at midnight where it is given.
 */
export function toAllDayDate(value: GraphDateTimeTimeZone, ownZone: string | null): string {
  const zone = ianaZone(value.timeZone) ?? 'UTC';
  const given = DateTime.fromISO(value.dateTime, { zone });
  if (!given.isValid) throw new Error(`Unreadable date-time "${value.dateTime}"`);
  const atMidnight = given.hour === 0 && given.minute === 0 && given.second === 0;
  const local = atMidnight || !ownZone ? given : given.setZone(ownZone);
  // Past noon in its own zone: the midnight it came from is the next day's (a zone east of the response's).
  const day = local.hour >= 12 ? local.plus({ days: 1 }) : local;
  return day.toISODate()!;
}

/** The first instant of a date, in UTC: how all-day events' dates are stored (isFullDay tells readers to show the date). */
export function dateAsUtcMidnight(date: string): Date {
  return new Date(`${date}T00:00:00.000Z`);
}
