import { DateTime } from 'luxon';
import { ianaZone, toInstant, type GraphDateTimeTimeZone } from '../calendar/event-time.util.js';
import type { TimeInterval, WeeklyWorkingHours } from './free-slots.util.js';

/** getSchedule's scheduleInformation, as documented (resources/scheduleinformation.md). */
export interface GraphScheduleInformation {
  scheduleId: string;
  availabilityView?: string | null;
  scheduleItems?: Array<{ status?: string; start?: GraphDateTimeTimeZone; end?: GraphDateTimeTimeZone }> | null;
  workingHours?: {
    daysOfWeek?: string[] | null;
    startTime?: string | null;
    endTime?: string | null;
    timeZone?: { name?: string | null; '@odata.type'?: string; bias?: number | null } | null;
  } | null;
  error?: { message?: string | null; responseCode?: string | null } | null;
}

export enum BusyStatus {
  BUSY = 'BUSY',
  TENTATIVE = 'TENTATIVE',
  OOF = 'OOF',
  WORKING_ELSEWHERE = 'WORKING_ELSEWHERE',
}

export interface BusyBlock extends TimeInterval {
  status: BusyStatus;
}

export interface PersonAvailability {
  email: string;
  /** False when Outlook has no free/busy for the address (someone outside the tenant, or an error item). */
  known: boolean;
  busy: BusyBlock[];
  workingHours: WeeklyWorkingHours | null;
}

const STATUSES: Record<string, BusyStatus | null> = {
  free: null,
  tentative: BusyStatus.TENTATIVE,
  busy: BusyStatus.BUSY,
  oof: BusyStatus.OOF,
  workingelsewhere: BusyStatus.WORKING_ELSEWHERE,
  // Outlook could not tell: taken, so that no slot is proposed over it.
  unknown: BusyStatus.BUSY,
};
// availabilityView digits (resources/scheduleinformation.md): 0 free, 1 tentative, 2 busy, 3 oof, 4 working elsewhere.
const DIGITS: Array<BusyStatus | null> = [null, BusyStatus.TENTATIVE, BusyStatus.BUSY, BusyStatus.OOF, BusyStatus.WORKING_ELSEWHERE];

/** Which statuses take the time for finding a meeting time: tentative does; working elsewhere does not. */
export const BLOCKING = new Set([BusyStatus.BUSY, BusyStatus.TENTATIVE, BusyStatus.OOF]);

/** A custom zone (#microsoft.graph.customTimeZone) as a fixed offset: `bias` is minutes to add to local time for UTC. */
function workingZone(zone: NonNullable<NonNullable<GraphScheduleInformation['workingHours']>['timeZone']>): string {
  const named = ianaZone(zone.name);
  if (named) return named;
  if (typeof zone.bias === 'number') {
    const offset = -zone.bias;
    return offset === 0 ? 'UTC' : `UTC${offset > 0 ? '+' : '-'}${Math.floor(Math.abs(offset) / 60)}${Math.abs(offset) % 60 ? `:${String(Math.abs(offset) % 60).padStart(2, '0')}` : ''}`;
  }
  return 'UTC';
}

const hhmm = (time: string) => time.slice(0, 5);

export function toWorkingHours(hours: GraphScheduleInformation['workingHours']): WeeklyWorkingHours | null {
  if (!hours?.startTime || !hours.endTime || !hours.daysOfWeek?.length) return null;
  return {
    daysOfWeek: hours.daysOfWeek.map((day) => day.toLowerCase()),
    startTime: hhmm(hours.startTime),
    endTime: hhmm(hours.endTime),
    timeZone: hours.timeZone ? workingZone(hours.timeZone) : 'UTC',
  };
}

/** Busy blocks from availabilityView when no scheduleItems came: one digit per interval from the window's start. */
function fromAvailabilityView(view: string, windowStart: Date, intervalMinutes: number): BusyBlock[] {
  const blocks: BusyBlock[] = [];
  [...view].forEach((digit, index) => {
    const status = DIGITS[Number(digit)] ?? null;
    if (!status) return;
    const start = new Date(windowStart.getTime() + index * intervalMinutes * 60_000);
    const end = new Date(start.getTime() + intervalMinutes * 60_000);
    const previous = blocks.at(-1);
    if (previous && previous.status === status && previous.end.getTime() === start.getTime()) previous.end = end;
    else blocks.push({ start, end, status });
  });
  return blocks;
}

export function toPersonAvailability(info: GraphScheduleInformation, window: { start: Date; intervalMinutes: number }): PersonAvailability {
  if (info.error) return { email: info.scheduleId, known: false, busy: [], workingHours: null };
  const items = info.scheduleItems;
  const busy: BusyBlock[] = items
    ? items.flatMap((item) => {
        const status = STATUSES[(item.status ?? 'unknown').toLowerCase()] ?? null;
        if (!status || !item.start || !item.end) return [];
        return [{ start: toInstant(item.start), end: toInstant(item.end), status }];
      })
    : fromAvailabilityView(info.availabilityView ?? '', window.start, window.intervalMinutes);
  busy.sort((a, b) => a.start.getTime() - b.start.getTime());
  return { email: info.scheduleId, known: true, busy, workingHours: toWorkingHours(info.workingHours) };
}

/** getSchedule's dateTimeTimeZone for an instant, in UTC. */
export function utcDateTime(instant: Date): GraphDateTimeTimeZone {
  return { dateTime: DateTime.fromJSDate(instant, { zone: 'UTC' }).toFormat("yyyy-MM-dd'T'HH:mm:ss"), timeZone: 'UTC' };
}
