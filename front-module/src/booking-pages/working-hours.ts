import type { Weekday, WorkingPeriod } from './booking-pages.types';

export const WEEKDAYS: ReadonlyArray<{ day: Weekday; label: string }> = [
  { day: 'monday', label: 'Monday' },
  { day: 'tuesday', label: 'Tuesday' },
  { day: 'wednesday', label: 'Wednesday' },
  { day: 'thursday', label: 'Thursday' },
  { day: 'friday', label: 'Friday' },
  { day: 'saturday', label: 'Saturday' },
  { day: 'sunday', label: 'Sunday' },
];

export interface TimeRange {
  start: string;
  end: string;
}

/** The form's working hours: per weekday, whether it is bookable and its time ranges. */
export type WeekHours = Record<Weekday, { available: boolean; ranges: TimeRange[] }>;

const DEFAULT_RANGE: TimeRange = { start: '09:00', end: '17:00' };
const TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** The server's list of periods as the form shows it: every weekday present, each day's ranges in order. */
export function weekHoursFromPeriods(periods: WorkingPeriod[]): WeekHours {
  const week = {} as WeekHours;
  for (const { day } of WEEKDAYS) {
    const ranges = periods
      .filter((period) => period.day.toLowerCase() === day)
      .map((period) => ({ start: period.start.slice(0, 5), end: period.end.slice(0, 5) }))
      .sort((a, b) => minutes(a.start) - minutes(b.start));
    week[day] = ranges.length > 0 ? { available: true, ranges } : { available: false, ranges: [{ ...DEFAULT_RANGE }] };
  }
  return week;
}

/** The form's hours as the contract's periods: the bookable days only, Monday first. */
export function periodsFromWeekHours(week: WeekHours): WorkingPeriod[] {
  return WEEKDAYS.flatMap(({ day }) => (week[day].available ? week[day].ranges.map((range) => ({ day, start: range.start, end: range.end })) : []));
}

/** Turns a weekday on or off; its ranges are kept so turning it back on restores them. */
export const setDayAvailable = (week: WeekHours, day: Weekday, available: boolean): WeekHours => ({ ...week, [day]: { ...week[day], available } });

export function setRange(week: WeekHours, day: Weekday, index: number, range: Partial<TimeRange>): WeekHours {
  const ranges = week[day].ranges.map((each, at) => (at === index ? { ...each, ...range } : each));
  return { ...week, [day]: { ...week[day], ranges } };
}

/** Adds a range after the day's last one, an hour after it ends; on a day that is off, turns it on with the hours it had. */
export function addRange(week: WeekHours, day: Weekday): WeekHours {
  if (!week[day].available) return setDayAvailable(week, day, true);
  const last = week[day].ranges.at(-1);
  const start = last ? Math.min(minutes(last.end) + 60, 23 * 60) : minutes(DEFAULT_RANGE.start);
  const next = last ? { start: clock(start), end: clock(Math.min(start + 60, 24 * 60)) } : { ...DEFAULT_RANGE };
  return { ...week, [day]: { available: true, ranges: [...week[day].ranges, next] } };
}

/** Removes a range; the last one left turns the day off instead. */
export function removeRange(week: WeekHours, day: Weekday, index: number): WeekHours {
  if (week[day].ranges.length <= 1) return setDayAvailable(week, day, false);
  return { ...week, [day]: { ...week[day], ranges: week[day].ranges.filter((_, at) => at !== index) } };
}

/** Copies a day's hours to every other bookable day (Outlook's "same hours every day"). */
export function copyToBookableDays(week: WeekHours, from: Weekday): WeekHours {
  const copy = {} as WeekHours;
  for (const { day } of WEEKDAYS) copy[day] = week[day].available && day !== from ? { available: true, ranges: week[from].ranges.map((range) => ({ ...range })) } : week[day];
  return copy;
}

const clock = (total: number) => `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;

/** What is wrong with the week, per day (keyed by weekday) and overall; empty when the server would accept it. */
export function weekHoursProblems(week: WeekHours): { days: Partial<Record<Weekday, string>>; overall: string | null } {
  const days: Partial<Record<Weekday, string>> = {};
  for (const { day, label } of WEEKDAYS) {
    if (!week[day].available) continue;
    const ranges = week[day].ranges;
    if (ranges.some((range) => !TIME_PATTERN.test(range.start) || !TIME_PATTERN.test(range.end))) {
      days[day] = `${label}: enter times as hh:mm`;
    } else if (ranges.some((range) => minutes(range.end) <= minutes(range.start))) {
      days[day] = `${label}: each range must end after it starts`;
    } else {
      const sorted = [...ranges].sort((a, b) => minutes(a.start) - minutes(b.start));
      if (sorted.some((range, at) => at > 0 && minutes(range.start) < minutes(sorted[at - 1]!.end))) days[day] = `${label}: the ranges overlap`;
    }
  }
  const overall = WEEKDAYS.some(({ day }) => week[day].available) ? null : 'Choose at least one day guests can book';
  return { days, overall };
}
