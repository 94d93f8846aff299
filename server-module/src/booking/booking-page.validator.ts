import { badInput } from './booking.exception.js';
import { BookingLocationKind, WEEKDAYS, type BookingPageFields, type WorkingPeriod } from './booking-page.record.js';
import { isZoneName } from './time-zone-name.util.js';

export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{1,58})[a-z0-9]$/;
/** Paths of the public routes under /book/. */
const RESERVED_SLUGS = new Set(['static', 'manage']);
const MAX_TITLE = 200;
const MAX_DESCRIPTION = 2_000;
const MAX_DETAIL = 500;
const MAX_BUFFER_MINUTES = 240;
const MAX_NOTICE_MINUTES = 60 * 24 * 60;
const MAX_DURATIONS = 8;
const MAX_PERIODS = 28;
const MAX_DAILY_CAP = 100;

export interface BookingPageInput extends Omit<BookingPageFields, 'description' | 'locationDetail' | 'dailyCap'> {
  description?: string | null;
  locationDetail?: string | null;
  dailyCap?: number | null;
}

const wholeIn = (value: number, min: number, max: number) => Number.isInteger(value) && value >= min && value <= max;
const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
const TIME = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

function checkedPeriods(periods: WorkingPeriod[]): WorkingPeriod[] {
  if (!periods.length) throw badInput('Working hours: give at least one period in the week.');
  if (periods.length > MAX_PERIODS) throw badInput(`Working hours: at most ${MAX_PERIODS} periods.`);
  const checked = periods.map((period) => {
    const day = period.day.trim().toLowerCase();
    if (!(WEEKDAYS as readonly string[]).includes(day)) throw badInput(`Working hours: "${period.day.slice(0, 20)}" is not a day of the week (monday … sunday).`);
    if (!TIME.test(period.start) || !TIME.test(period.end)) throw badInput('Working hours: times are HH:mm, e.g. 09:00.');
    if (minutesOf(period.end) <= minutesOf(period.start)) throw badInput(`Working hours: on ${day} the end must be after the start.`);
    return { day, start: period.start, end: period.end };
  });
  for (const day of WEEKDAYS) {
    const sameDay = checked.filter((period) => period.day === day).sort((a, b) => minutesOf(a.start) - minutesOf(b.start));
    sameDay.slice(1).forEach((period, index) => {
      if (minutesOf(period.start) < minutesOf(sameDay[index]!.end)) throw badInput(`Working hours: the periods of ${day} overlap.`);
    });
  }
  return checked;
}

function checkedLocation(kind: BookingLocationKind, detail: string | null): string | null {
  if (!Object.values(BookingLocationKind).includes(kind)) throw badInput('Location: choose Teams meeting, phone, in person or a custom link.');
  if (kind === BookingLocationKind.TEAMS) return detail;
  if (!detail) throw badInput(kind === BookingLocationKind.PHONE ? 'Location: give the phone number.' : kind === BookingLocationKind.IN_PERSON ? 'Location: give the address.' : 'Location: give the link.');
  if (kind === BookingLocationKind.CUSTOM_LINK) {
    let url: URL | null = null;
    try {
      url = new URL(detail);
    } catch {
      url = null;
    }
    if (!url || url.protocol !== 'https:') throw badInput('Location: the link must be an https:// address.');
  }
  return detail;
}

/** The page's fields, trimmed and checked; a refusal names the field in plain words. Calendars are checked by the caller. */
export function checkedPageFields(input: BookingPageInput): BookingPageFields {
  const title = input.title.trim();
  if (!title || title.length > MAX_TITLE) throw badInput(`Title: 1 to ${MAX_TITLE} characters.`);
  const slug = input.slug.trim();
  if (RESERVED_SLUGS.has(slug)) throw badInput('That address is taken: pick another slug.');
  if (!SLUG_PATTERN.test(slug) || slug.includes('--')) throw badInput('Slug: 3 to 60 lowercase letters, digits and single hyphens, starting and ending with a letter or digit.');
  const description = input.description?.trim() || null;
  if (description && description.length > MAX_DESCRIPTION) throw badInput(`Description: at most ${MAX_DESCRIPTION} characters.`);
  const durations = [...new Set(input.durationsMinutes)].sort((a, b) => a - b);
  if (!durations.length) throw badInput('Durations: give at least one meeting length.');
  if (durations.length > MAX_DURATIONS || durations.some((minutes) => !wholeIn(minutes, 5, 480))) throw badInput(`Durations: up to ${MAX_DURATIONS} lengths of 5 to 480 minutes.`);
  const detail = input.locationDetail?.trim() || null;
  if (detail && (detail.length > MAX_DETAIL || /[\r\n]/.test(detail))) throw badInput(`Location: at most ${MAX_DETAIL} characters on one line.`);
  if (!isZoneName(input.timeZone)) throw badInput('Time zone: not a time zone name (e.g. Europe/Paris).');
  if (!wholeIn(input.bufferBeforeMinutes, 0, MAX_BUFFER_MINUTES) || !wholeIn(input.bufferAfterMinutes, 0, MAX_BUFFER_MINUTES)) throw badInput(`Buffers: 0 to ${MAX_BUFFER_MINUTES} minutes.`);
  if (!wholeIn(input.minimumNoticeMinutes, 0, MAX_NOTICE_MINUTES)) throw badInput('Minimum notice: 0 minutes to 60 days.');
  if (!wholeIn(input.horizonDays, 1, 365)) throw badInput('Booking horizon: 1 to 365 days.');
  const dailyCap = input.dailyCap ?? null;
  if (dailyCap !== null && !wholeIn(dailyCap, 1, MAX_DAILY_CAP)) throw badInput(`Daily cap: 1 to ${MAX_DAILY_CAP} bookings, or none.`);
  return {
    title,
    slug,
    description,
    durationsMinutes: durations,
    locationKind: input.locationKind,
    locationDetail: checkedLocation(input.locationKind, detail),
    timeZone: input.timeZone,
    workingHours: checkedPeriods(input.workingHours),
    bufferBeforeMinutes: input.bufferBeforeMinutes,
    bufferAfterMinutes: input.bufferAfterMinutes,
    minimumNoticeMinutes: input.minimumNoticeMinutes,
    horizonDays: input.horizonDays,
    dailyCap,
    busyCalendarIds: [...new Set(input.busyCalendarIds)],
    enabled: input.enabled,
  };
}
