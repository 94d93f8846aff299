import { DateTime } from 'luxon';

export interface TimeInterval {
  start: Date;
  end: Date;
}

/** Someone's working week as Outlook keeps it: days (`monday`…), wall-clock times, and the zone they are in (IANA). */
export interface WeeklyWorkingHours {
  daysOfWeek: string[];
  /** `HH:mm` or Graph's `HH:mm:ss.fffffff`. */
  startTime: string;
  endTime: string;
  timeZone: string;
}

export interface SlotParticipant {
  /** Times that count as taken (busy, tentative, out of office). */
  busy: TimeInterval[];
  /** Null when unknown: then only the others' hours bound the slot. */
  workingHours: WeeklyWorkingHours | null;
}

export interface FreeSlotRequest {
  participants: SlotParticipant[];
  from: Date;
  until: Date;
  durationMinutes: number;
  /** Slots start on multiples of this many minutes (since the epoch, so :00/:15/:30/:45 in every whole-hour zone). */
  stepMinutes?: number;
  count?: number;
}

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const MINUTE = 60_000;

function minutesOfDay(time: string): number {
  const match = /^(\d{1,2}):(\d{2})/.exec(time.trim());
  if (!match) throw new Error(`Unreadable time of day "${time}"`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/**
 * The working windows that overlap [from, until), as instants. Each local day's window is built in its own zone, so
 * a DST change moves the instants, never the wall-clock hours; an end at or before the start runs past midnight.
 */
export function workingWindows(hours: WeeklyWorkingHours, from: Date, until: Date): TimeInterval[] {
  const days = new Set(hours.daysOfWeek.map((day) => day.toLowerCase()));
  const startMinutes = minutesOfDay(hours.startTime);
  const endMinutes = minutesOfDay(hours.endTime);
  const windows: TimeInterval[] = [];
  let day = DateTime.fromJSDate(from, { zone: hours.timeZone }).startOf('day').minus({ days: 1 });
  const last = DateTime.fromJSDate(until, { zone: hours.timeZone }).startOf('day');
  while (day <= last) {
    if (days.has(WEEKDAYS[day.weekday - 1]!)) {
      const start = day.set({ hour: Math.floor(startMinutes / 60), minute: startMinutes % 60 });
      const endDay = endMinutes <= startMinutes ? day.plus({ days: 1 }) : day;
      const end = endMinutes === 24 * 60 ? endDay.plus({ days: 1 }).startOf('day') : endDay.set({ hour: Math.floor(endMinutes / 60), minute: endMinutes % 60 });
      if (end.toMillis() > from.getTime() && start.toMillis() < until.getTime()) windows.push({ start: start.toJSDate(), end: end.toJSDate() });
    }
    day = day.plus({ days: 1 });
  }
  return windows;
}

const overlaps = (a: TimeInterval, startMs: number, endMs: number) => a.start.getTime() < endMs && a.end.getTime() > startMs;

/**
 * The first `count` slots of `durationMinutes` between `from` and `until` in which every participant is inside
 * their working hours and has nothing that counts as busy.
 */
export function findFreeSlots(request: FreeSlotRequest): TimeInterval[] {
  const step = (request.stepMinutes ?? 30) * MINUTE;
  const duration = request.durationMinutes * MINUTE;
  const count = request.count ?? 5;
  if (duration <= 0 || step <= 0) throw new Error('Duration and step must be positive');
  const untilMs = request.until.getTime();
  const people = request.participants.map((participant) => ({
    busy: [...participant.busy].sort((a, b) => a.start.getTime() - b.start.getTime()),
    windows: participant.workingHours ? workingWindows(participant.workingHours, request.from, request.until) : null,
  }));
  const slots: TimeInterval[] = [];
  let start = Math.ceil(request.from.getTime() / step) * step;
  while (start + duration <= untilMs && slots.length < count) {
    const end = start + duration;
    const blocker = firstBlocker(people, start, end);
    if (blocker === null) {
      slots.push({ start: new Date(start), end: new Date(end) });
      start = end;
      start = Math.ceil(start / step) * step;
    } else {
      // Jump past what blocked this slot: to the end of the busy time, or the next working window.
      start = Math.max(start + step, Math.ceil(blocker / step) * step);
    }
  }
  return slots;
}

/** Null when [start, end) suits everyone; otherwise the earliest instant worth trying next. */
function firstBlocker(people: Array<{ busy: TimeInterval[]; windows: TimeInterval[] | null }>, start: number, end: number): number | null {
  let next: number | null = null;
  const later = (candidate: number) => (next = next === null ? candidate : Math.max(next, candidate));
  for (const person of people) {
    if (person.windows) {
      const inside = person.windows.some((window) => window.start.getTime() <= start && window.end.getTime() >= end);
      if (!inside) {
        const upcoming = person.windows.find((window) => window.start.getTime() > start);
        later(upcoming ? upcoming.start.getTime() : Number.POSITIVE_INFINITY);
        continue;
      }
    }
    for (const busy of person.busy) {
      if (busy.start.getTime() >= end) break;
      if (overlaps(busy, start, end)) later(busy.end.getTime());
    }
  }
  return next;
}
