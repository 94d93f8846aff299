// The calendar bench seeds what it says it seeds: if the generator made fewer events, series of another kind, or
// events outside the import's window, the bench's figures would silently describe a smaller calendar.
import { DEMO_DIRECTORY } from '@m365/graph-emulator';
import { extraPeople, PEOPLE_IN_CRM } from '../bench-fixtures.js';
import { CALENDAR_NAMES, calendarSeed, SERIES_BY_KIND, type SeedEvent } from '../calendar/calendar-seed.js';

const kindOf = (event: SeedEvent): string => {
  const pattern = event.recurrence!.pattern as { type: string; daysOfWeek?: string[]; index?: string };
  if (pattern.type === 'relativeMonthly' && pattern.index === 'last' && pattern.daysOfWeek?.join() === 'friday') return 'monthlyLastFriday';
  if (pattern.type === 'weekly' && (pattern.daysOfWeek?.length ?? 0) >= 2) return 'weeklySeveralDays';
  return { daily: 'daily', absoluteMonthly: 'monthlyByDate', absoluteYearly: 'yearly' }[pattern.type] ?? `unexpected ${pattern.type}`;
};

describe('the calendar bench seed', () => {
  const today = new Date('2026-12-02T00:29:00Z');
  const seed = calendarSeed(today);
  const events = seed.calendars.flatMap((calendar) => calendar.events);

  it('has 5 calendars, 5,000 single events and 300 series of the five kinds, spread over every calendar', () => {
    expect(seed.calendars.map((calendar) => calendar.name)).toEqual(CALENDAR_NAMES);
    expect(CALENDAR_NAMES).toHaveLength(5);
    expect(events.filter((event) => !event.recurrence)).toHaveLength(5_000);
    const series = events.filter((event) => event.recurrence);
    expect(series).toHaveLength(300);
    const byKind: Record<string, number> = {};
    for (const event of series) byKind[kindOf(event)] = (byKind[kindOf(event)] ?? 0) + 1;
    expect(byKind).toEqual(SERIES_BY_KIND);
    expect(seed.series).toEqual(SERIES_BY_KIND);
    for (const calendar of seed.calendars) expect(calendar.events.filter((event) => event.recurrence).length).toBe(60);
    // All three range types are there.
    expect(new Set(series.map((event) => (event.recurrence!.range as { type: string }).type))).toEqual(new Set(['endDate', 'numbered', 'noEnd']));
  });

  it('gives series exceptions and cancelled occurrences, and counts them as it seeds them', () => {
    const edits = events.flatMap((event) => event.occurrenceEdits ?? []);
    expect(edits.filter((edit) => edit.patch)).toHaveLength(seed.exceptions);
    expect(edits.filter((edit) => edit.cancel)).toHaveLength(seed.cancellations);
    expect(seed.exceptions).toBe(150);
    expect(seed.cancellations).toBe(100);
    // An exception moves its own occurrence an hour later, on its day.
    const daily = events.find((event) => event.recurrence && (event.recurrence.pattern as { type: string }).type === 'daily' && event.occurrenceEdits?.some((edit) => edit.patch))!;
    const moved = daily.occurrenceEdits!.find((edit) => edit.patch)!.patch as { start: { dateTime: string } };
    expect(Date.parse(`${moved.start.dateTime}Z`) - Date.parse(`${daily.start.dateTime}Z`)).toBe(25 * 3_600_000);
  });

  it('keeps every event inside the import window (a year back, two years ahead: 3 years)', () => {
    expect(seed.window.end.getTime() - seed.window.start.getTime()).toBe(1_095 * 86_400_000);
    const starts = events.map((event) => Date.parse(`${event.start.dateTime}Z`));
    expect(Math.min(...starts)).toBeGreaterThan(seed.window.start.getTime());
    expect(Math.max(...starts)).toBeLessThan(seed.window.end.getTime());
    const days = new Set(events.map((event) => event.start.dateTime.slice(0, 7)));
    expect(days.size).toBeGreaterThanOrEqual(35);
  });

  it('meets the CRM\'s 2,000 people', () => {
    expect(DEMO_DIRECTORY.people.length + extraPeople().length).toBe(PEOPLE_IN_CRM);
    expect(PEOPLE_IN_CRM).toBe(2_000);
    const known = new Set(extraPeople().map((person) => person.email));
    const attendees = events.flatMap((event) => event.attendees.map((attendee) => attendee.emailAddress.address));
    expect(attendees.filter((address) => known.has(address)).length / attendees.length).toBeGreaterThan(0.9);
  });

  it('is the same for the same day', () => {
    expect(JSON.stringify(calendarSeed(today))).toBe(JSON.stringify(seed));
  });
});
