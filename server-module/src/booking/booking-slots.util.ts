import { DateTime } from 'luxon';
import type { TimeInterval } from '../scheduling/free-slots.util.js';
import type { BookingPageFields, WorkingPeriod } from './booking-page.record.js';

const MINUTE = 60_000;
const DAY = 86_400_000;
const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

export type SlotRules = Pick<BookingPageFields, 'timeZone' | 'workingHours' | 'bufferBeforeMinutes' | 'bufferAfterMinutes' | 'minimumNoticeMinutes' | 'horizonDays' | 'dailyCap'>;

export interface SlotQuery {
  rules: SlotRules;
  durationMinutes: number;
  /** The range asked for (a guest's week); clipped to [now + notice, now + horizon). */
  from: Date;
  until: Date;
  now: Date;
  /** Outlook's busy times and the bookings held or confirmed on the account (any page): none may touch a slot's buffers. */
  busy: TimeInterval[];
  /** Starts of this page's held or confirmed bookings: counted against the daily cap, per day in the page's zone. */
  pageBookingStarts: Date[];
}

/** Slots start every 15 minutes, every 30 for lengths in half hours, every length itself under 15 minutes. */
export const stepFor = (durationMinutes: number) => (durationMinutes < 15 ? durationMinutes : durationMinutes % 30 === 0 ? 30 : 15);

const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** [start, end) of one working period on one local day, built in the zone: a DST change moves instants, not hours. */
function periodOn(day: DateTime, period: WorkingPeriod): [number, number] {
  const at = (minutes: number) => (minutes >= 24 * 60 ? day.plus({ days: 1 }) : day.set({ hour: Math.floor(minutes / 60), minute: minutes % 60 }));
  return [at(minutesOf(period.start)).toMillis(), at(minutesOf(period.end)).toMillis()];
}

interface WorkingDay {
  /** The local date (yyyy-MM-dd), for the daily cap. */
  date: string;
  windows: Array<[number, number]>;
}

const WORKING_DAYS_KEPT = 200;
// Zone arithmetic is most of a slot computation (each local day and period costs luxon several offset lookups), and
// a page asks for the same days again and again: the days' working windows are kept per zone, hours and range.
const workingDaysKept = new Map<string, WorkingDay[]>();

/** Every local day from `first` to `last` (start of day in the zone) with its working windows, earliest first. */
function workingDays(zone: string, hours: WorkingPeriod[], first: DateTime, last: DateTime): WorkingDay[] {
  const key = JSON.stringify([zone, hours, first.toMillis(), last.toMillis()]);
  const kept = workingDaysKept.get(key);
  if (kept) return kept;
  const days: WorkingDay[] = [];
  for (let day = first; day <= last; day = day.plus({ days: 1 })) {
    const weekday = WEEKDAYS[day.weekday - 1];
    const periods = hours.filter((period) => period.day === weekday).sort((a, b) => minutesOf(a.start) - minutesOf(b.start));
    days.push({ date: day.toISODate()!, windows: periods.map((period) => periodOn(day, period)) });
  }
  if (workingDaysKept.size >= WORKING_DAYS_KEPT) workingDaysKept.delete(workingDaysKept.keys().next().value!);
  workingDaysKept.set(key, days);
  return days;
}

/**
 * The free slots' starts, earliest first: inside the page's working hours in its zone, at least the notice ahead
 * of now, before the horizon, clear of every busy time by the buffers, on days under the daily cap.
 */
export function bookableSlots(query: SlotQuery): Date[] {
  const { rules, durationMinutes } = query;
  const earliest = Math.max(query.from.getTime(), query.now.getTime() + rules.minimumNoticeMinutes * MINUTE);
  const latest = Math.min(query.until.getTime(), query.now.getTime() + rules.horizonDays * DAY);
  if (earliest >= latest) return [];
  const length = durationMinutes * MINUTE;
  const before = rules.bufferBeforeMinutes * MINUTE;
  const after = rules.bufferAfterMinutes * MINUTE;
  const step = stepFor(durationMinutes) * MINUTE;
  const busy = mergedBusy(query.busy);
  const perDay = new Map<string, number>();
  for (const start of query.pageBookingStarts) {
    const key = DateTime.fromJSDate(start, { zone: rules.timeZone }).toISODate()!;
    perDay.set(key, (perDay.get(key) ?? 0) + 1);
  }
  const slots: Date[] = [];
  const first = DateTime.fromMillis(earliest, { zone: rules.timeZone }).startOf('day');
  const last = DateTime.fromMillis(latest, { zone: rules.timeZone }).startOf('day');
  let cursor = 0;
  for (const day of workingDays(rules.timeZone, rules.workingHours, first, last)) {
    if (rules.dailyCap !== null && (perDay.get(day.date) ?? 0) >= rules.dailyCap) continue;
    for (const [windowStart, windowEnd] of day.windows) {
      for (let start = windowStart; start + length <= windowEnd; start += step) {
        if (start < earliest || start + length > latest) continue;
        const blockStart = start - before;
        const blockEnd = start + length + after;
        // Candidates only move forward, and the merged busy times neither overlap nor touch: one pointer is enough.
        while (cursor < busy.length && busy[cursor]![1] <= blockStart) cursor += 1;
        if (cursor >= busy.length || busy[cursor]![0] >= blockEnd) slots.push(new Date(start));
      }
    }
  }
  return slots;
}

/** The busy times as [start, end) in epoch ms, sorted and merged where they overlap or touch. */
function mergedBusy(busy: TimeInterval[]): Array<[number, number]> {
  const sorted = busy.map((block): [number, number] => [block.start.getTime(), block.end.getTime()]).filter(([start, end]) => end > start).sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const block of sorted) {
    const last = merged.at(-1);
    if (last && block[0] <= last[1]) last[1] = Math.max(last[1], block[1]);
    else merged.push(block);
  }
  return merged;
}
