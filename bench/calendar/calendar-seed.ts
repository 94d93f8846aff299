// What the calendar benchmark puts in Outlook: 5 calendars over the import's 3-year window, 5,000 single events and
// 300 series of every kind a CRM user meets (daily, weekly on several days, monthly by date and on the last Friday,
// yearly), with exceptions and cancelled occurrences, between the bench user and the CRM's people. Deterministic: the
// same `today` gives the same calendars. The admin API's bulk form takes each calendar's list as it is.
import { prng } from '@m365/graph-emulator';
import { extraPeople } from '../bench-fixtures.js';

export const CALENDAR_NAMES = ['Calendar', 'Customers', 'Projects', 'Team', 'Travel'];
export const SINGLE_EVENTS = 5_000;
export const SERIES_BY_KIND = { daily: 40, weeklySeveralDays: 80, monthlyByDate: 60, monthlyLastFriday: 60, yearly: 60 } as const;
export const SERIES = Object.values(SERIES_BY_KIND).reduce((sum, count) => sum + count, 0);
/** The import's default window (server-module's DEFAULT_CALENDAR_WINDOW): a year back, two years ahead. */
export const WINDOW_DAYS = { past: 365, future: 730 };
/** Every other series has one exception (retitled, an hour later); every third one a cancelled occurrence. */
export const EXCEPTION_EVERY = 2;
export const CANCELLATION_EVERY = 3;

const DAY_MS = 86_400_000;
// Windows and IANA names, zones with and without DST on both hemispheres, and one with a 30-minute offset.
const ZONES = ['Eastern Standard Time', 'W. Europe Standard Time', 'UTC', 'AUS Eastern Standard Time', 'India Standard Time', 'America/Los_Angeles'];
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const SEVERAL_DAYS = [['monday', 'wednesday', 'friday'], ['tuesday', 'thursday'], ['monday', 'tuesday', 'wednesday', 'thursday']];
const TOPICS = ['Pricing review', 'Quarterly business review', 'Onboarding', 'Demo', 'Renewal call', 'Kickoff', 'Support escalation', 'Roadmap walkthrough'];

export type SeriesKind = keyof typeof SERIES_BY_KIND;

export interface SeedEvent {
  subject: string;
  start: { dateTime: string; timeZone: string };
  end: { dateTime: string; timeZone: string };
  isAllDay?: boolean;
  attendees: Array<{ type: 'required'; emailAddress: { name: string; address: string } }>;
  location?: { displayName: string };
  recurrence?: { pattern: Record<string, unknown>; range: Record<string, unknown> };
  occurrenceEdits?: Array<{ occurrence: number; patch?: Record<string, unknown>; cancel?: true }>;
}

export interface SeedCalendar {
  name: string;
  events: SeedEvent[];
}

export interface CalendarSeed {
  /** The window the events lie in, [start, end) in UTC: the plugin's default window for `today`. */
  window: { start: Date; end: Date };
  calendars: SeedCalendar[];
  singles: number;
  series: Record<SeriesKind, number>;
  exceptions: number;
  cancellations: number;
}


/** Wall-clock text of a UTC-fielded ms value ("floating" time, read in the event's own zone). */
const wall = (ms: number) => new Date(ms).toISOString().slice(0, 19);
const dateOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The last Friday of the month that holds `ms` (at midnight, UTC-fielded). */
function lastFridayOf(ms: number): number {
  const date = new Date(ms);
  let day = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0);
  while (new Date(day).getUTCDay() !== 5) day -= DAY_MS;
  return day;
}

export function calendarSeed(today: Date, people = extraPeople()): CalendarSeed {
  const midnight = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  const window = { start: new Date(midnight - WINDOW_DAYS.past * DAY_MS), end: new Date(midnight + WINDOW_DAYS.future * DAY_MS) };
  const spanDays = WINDOW_DAYS.past + WINDOW_DAYS.future;
  const next = prng(20_261_202); // deterministic: every run seeds the same calendars
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const attendees = (count: number) =>
    Array.from({ length: count }, () => {
      // One attendee in twenty is someone the CRM does not know (contact auto-creation's share of the work).
      const person = next() < 0.05 ? { firstName: 'Guest', lastName: String(Math.floor(next() * 200)), email: `guest${Math.floor(next() * 200)}@partners.example.org` } : pick(people);
      return { type: 'required' as const, emailAddress: { name: `${person.firstName} ${person.lastName}`, address: person.email } };
    });
  const calendars: SeedCalendar[] = CALENDAR_NAMES.map((name) => ({ name, events: [] }));
  // Days strictly inside the window, so that no event straddles its edges.
  const dayInWindow = (from = 1, to = spanDays - 2) => window.start.getTime() + (from + Math.floor(next() * (to - from))) * DAY_MS;

  for (let index = 0; index < SINGLE_EVENTS; index += 1) {
    const zone = pick(ZONES);
    const day = dayInWindow();
    const who = attendees(1 + Math.floor(next() * 3));
    const event: SeedEvent = index % 20 === 0
      ? { subject: `Offsite ${index}`, isAllDay: true, start: { dateTime: wall(day), timeZone: zone }, end: { dateTime: wall(day + DAY_MS), timeZone: zone }, attendees: who }
      : (() => {
          const start = day + (8 + Math.floor(next() * 9)) * 3_600_000 + (next() < 0.5 ? 0 : 30 * 60_000);
          const minutes = pick([30, 45, 60, 90]);
          return {
            subject: `${pick(TOPICS)} with ${who[0]!.emailAddress.name} #${index}`,
            start: { dateTime: wall(start), timeZone: zone },
            end: { dateTime: wall(start + minutes * 60_000), timeZone: zone },
            attendees: who,
            location: { displayName: pick(['Teams', 'Room 4.12', 'Customer site', 'Phone']) },
          };
        })();
    calendars[index % calendars.length]!.events.push(event);
  }

  let seriesIndex = 0;
  let exceptions = 0;
  let cancellations = 0;
  const series: Record<SeriesKind, number> = { daily: 0, weeklySeveralDays: 0, monthlyByDate: 0, monthlyLastFriday: 0, yearly: 0 };
  const addSeries = (kind: SeriesKind, firstDay: number, pattern: Record<string, unknown>, range: Record<string, unknown>) => {
    const zone = pick(ZONES);
    const start = firstDay + (8 + Math.floor(next() * 9)) * 3_600_000;
    const minutes = pick([15, 30, 60]);
    const edits: NonNullable<SeedEvent['occurrenceEdits']> = [];
    if (seriesIndex % EXCEPTION_EVERY === 0) {
      // Its new start and end are set by withExceptionTimes, once the series' start is known.
      edits.push({ occurrence: 1, patch: { subject: `Moved: ${kind} ${seriesIndex}` } });
      exceptions += 1;
    }
    if (seriesIndex % CANCELLATION_EVERY === 0) {
      edits.push({ occurrence: 2, cancel: true });
      cancellations += 1;
    }
    const event: SeedEvent = {
      subject: `${kind} ${seriesIndex}`,
      start: { dateTime: wall(start), timeZone: zone },
      end: { dateTime: wall(start + minutes * 60_000), timeZone: zone },
      attendees: attendees(1 + Math.floor(next() * 4)),
      recurrence: { pattern: { interval: 1, ...pattern }, range: { startDate: dateOf(firstDay), ...range } },
      ...(edits.length > 0 ? { occurrenceEdits: edits } : {}),
    };
    calendars[seriesIndex % calendars.length]!.events.push(event);
    series[kind] += 1;
    seriesIndex += 1;
  };
  for (let n = 0; n < SERIES_BY_KIND.daily; n += 1) {
    const first = dayInWindow(1, spanDays - 120);
    addSeries('daily', first, { type: 'daily' }, n % 2 === 0 ? { type: 'numbered', numberOfOccurrences: 20 + (n % 21) } : { type: 'endDate', endDate: dateOf(first + (21 + (n % 40)) * DAY_MS) });
  }
  for (let n = 0; n < SERIES_BY_KIND.weeklySeveralDays; n += 1) {
    const days = SEVERAL_DAYS[n % SEVERAL_DAYS.length]!;
    let first = dayInWindow(1, spanDays - 300);
    while (!days.includes(WEEKDAYS[new Date(first).getUTCDay()]!)) first += DAY_MS;
    addSeries('weeklySeveralDays', first, { type: 'weekly', daysOfWeek: days, firstDayOfWeek: 'sunday' }, n % 2 === 0 ? { type: 'endDate', endDate: dateOf(first + (60 + (n % 5) * 30) * DAY_MS) } : { type: 'numbered', numberOfOccurrences: 15 + (n % 30) });
  }
  for (let n = 0; n < SERIES_BY_KIND.monthlyByDate; n += 1) {
    const first = dayInWindow(1, 60);
    const dayOfMonth = new Date(first).getUTCDate();
    // Day 29–31 would skip months; the bench keeps to days every month has.
    const onDay = dayOfMonth > 28 ? first - (dayOfMonth - 28) * DAY_MS : first;
    addSeries('monthlyByDate', onDay, { type: 'absoluteMonthly', dayOfMonth: Math.min(dayOfMonth, 28) }, n % 3 === 0 ? { type: 'noEnd' } : n % 3 === 1 ? { type: 'numbered', numberOfOccurrences: 12 + (n % 13) } : { type: 'endDate', endDate: dateOf(onDay + 500 * DAY_MS) });
  }
  for (let n = 0; n < SERIES_BY_KIND.monthlyLastFriday; n += 1) {
    const first = lastFridayOf(dayInWindow(1, 60));
    addSeries('monthlyLastFriday', first < window.start.getTime() + DAY_MS ? lastFridayOf(first + 10 * DAY_MS) : first, { type: 'relativeMonthly', daysOfWeek: ['friday'], index: 'last' }, n % 2 === 0 ? { type: 'noEnd' } : { type: 'numbered', numberOfOccurrences: 10 + (n % 20) });
  }
  for (let n = 0; n < SERIES_BY_KIND.yearly; n += 1) {
    const first = dayInWindow(1, 200);
    const date = new Date(first);
    const onDay = date.getUTCDate() > 28 ? first - (date.getUTCDate() - 28) * DAY_MS : first;
    addSeries('yearly', onDay, { type: 'absoluteYearly', month: date.getUTCMonth() + 1, dayOfMonth: Math.min(date.getUTCDate(), 28) }, { type: 'noEnd' });
  }
  withExceptionTimes(calendars);
  return { window, calendars, singles: SINGLE_EVENTS, series, exceptions, cancellations };
}

/**
 * An exception moves its occurrence an hour later on the same day: its new start is the occurrence's own, which
 * the pattern decides — the 2nd occurrence (index 1) of the series, found here from the pattern without a
 * recurrence engine for the kinds the seed uses.
 */
function withExceptionTimes(calendars: SeedCalendar[]): void {
  for (const event of calendars.flatMap((calendar) => calendar.events)) {
    const edit = event.occurrenceEdits?.find((candidate) => candidate.patch);
    if (!edit || !event.recurrence) continue;
    const startMs = Date.parse(`${event.start.dateTime}Z`);
    const length = Date.parse(`${event.end.dateTime}Z`) - startMs;
    const second = secondOccurrence(startMs, event.recurrence.pattern);
    edit.patch!.start = { dateTime: wall(second + 3_600_000), timeZone: event.start.timeZone };
    edit.patch!.end = { dateTime: wall(second + 3_600_000 + length), timeZone: event.end.timeZone };
  }
}

function secondOccurrence(startMs: number, pattern: Record<string, unknown>): number {
  const date = new Date(startMs);
  const time = startMs - Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  switch (pattern.type) {
    case 'daily':
      return startMs + DAY_MS;
    case 'weekly': {
      const days = pattern.daysOfWeek as string[];
      let next = startMs + DAY_MS;
      while (!days.includes(WEEKDAYS[new Date(next).getUTCDay()]!)) next += DAY_MS;
      return next;
    }
    case 'absoluteMonthly':
      return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, pattern.dayOfMonth as number) + time;
    case 'relativeMonthly':
      return lastFridayOf(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1)) + time;
    case 'absoluteYearly':
      return Date.UTC(date.getUTCFullYear() + 1, date.getUTCMonth(), date.getUTCDate()) + time;
    default:
      throw new Error(`no second occurrence for ${String(pattern.type)}`);
  }
}
