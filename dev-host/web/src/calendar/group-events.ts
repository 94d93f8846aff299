import type { TimelineCalendarEvent } from '../api/host.types';

export interface EventDay {
  key: string;
  date: Date;
  events: TimelineCalendarEvent[];
}

export interface EventMonth {
  key: string;
  label: string;
  days: EventDay[];
}

const pad = (value: number) => String(value).padStart(2, '0');

/**
 * The day an event is listed under, as a local Date: a timed event's start in the viewer's zone; an all-day event's own
 * date (kept as that date's UTC midnight, which west of UTC is still the day before locally).
 */
export function eventDay(event: Pick<TimelineCalendarEvent, 'startsAt' | 'isFullDay'>): Date | null {
  if (!event.startsAt) return null;
  const start = new Date(event.startsAt);
  return event.isFullDay ? new Date(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate()) : start;
}

/** Groups events by month, then by day (in the viewer's zone), keeping the order the server sent; events without a start go last. */
export function groupEventsByMonthAndDay(events: TimelineCalendarEvent[]): EventMonth[] {
  const months: EventMonth[] = [];
  for (const event of events) {
    const start = eventDay(event);
    const monthKey = start ? `${start.getFullYear()}-${pad(start.getMonth() + 1)}` : 'undated';
    const dayKey = start ? `${monthKey}-${pad(start.getDate())}` : 'undated';
    let month = months.find((each) => each.key === monthKey);
    if (!month) {
      month = { key: monthKey, label: start ? start.toLocaleDateString(undefined, { month: 'long', year: 'numeric' }) : 'No date', days: [] };
      months.push(month);
    }
    let day = month.days.find((each) => each.key === dayKey);
    if (!day) {
      day = { key: dayKey, date: start ?? new Date(0), events: [] };
      month.days.push(day);
    }
    day.events.push(event);
  }
  return months;
}
