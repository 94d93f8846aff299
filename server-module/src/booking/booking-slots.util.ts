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
function periodOn(day: DateTime, period: WorkingPeriod): TimeInterval {
  const at = (minutes: number) => (minutes >= 24 * 60 ? day.plus({ days: 1 }) : day.set({ hour: Math.floor(minutes / 60), minute: minutes % 60 }));
  return { start: at(minutesOf(period.start)).toJSDate(), end: at(minutesOf(period.end)).toJSDate() };
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
  let day = DateTime.fromMillis(earliest, { zone: rules.timeZone }).startOf('day');
  const lastDay = DateTime.fromMillis(latest, { zone: rules.timeZone }).startOf('day');
  let cursor = 0;
  while (day <= lastDay) {
    const capped = rules.dailyCap !== null && (perDay.get(day.toISODate()!) ?? 0) >= rules.dailyCap;
    const weekday = WEEKDAYS[day.weekday - 1];
    const periods = capped ? [] : rules.workingHours.filter((period) => period.day === weekday).sort((a, b) => minutesOf(a.start) - minutesOf(b.start));
    for (const period of periods) {
      const window = periodOn(day, period);
      for (let start = window.start.getTime(); start + length <= window.end.getTime(); start += step) {
        if (start < earliest || start + length > latest) continue;
        const blockStart = start - before;
        const blockEnd = start + length + after;
        // Candidates only move forward, and the merged busy times neither overlap nor touch: one pointer is enough.
        while (cursor < busy.length && busy[cursor]![1] <= blockStart) cursor += 1;
        if (cursor >= busy.length || busy[cursor]![0] >= blockEnd) slots.push(new Date(start));
      }
    }
    day = day.plus({ days: 1 });
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
