import { addDays, fullDayInstant, toLocalDate, viewerTimeZone } from './local-time';
import type { CalendarEventPatch, SectionEvent } from './section.types';

/** FullCalendar gives a timed event dragged out of the all-day row no end: it lasts an hour, as its default says. */
const DEFAULT_TIMED_MS = 60 * 60_000;

/**
 * Where the member dragged or stretched an event, as the update mutation takes it: the times together, in the
 * event's own zone (a move is not a reason to change the zone Outlook shows it in). All-day: FullCalendar's dates
 * are local midnights, the CRM keeps their UTC midnights; the end is the day after the last.
 */
export function patchFromMove(event: SectionEvent, move: { start: Date; end: Date | null; allDay: boolean }): CalendarEventPatch {
  const timeZone = event.timeZone ?? viewerTimeZone();
  if (move.allDay) {
    const first = toLocalDate(move.start);
    return { startsAt: fullDayInstant(first), endsAt: fullDayInstant(move.end ? toLocalDate(move.end) : addDays(first, 1)), isFullDay: true, timeZone };
  }
  const end = move.end ?? new Date(move.start.getTime() + DEFAULT_TIMED_MS);
  return { startsAt: move.start.toISOString(), endsAt: end.toISOString(), isFullDay: false, timeZone };
}
