import type { EventInput } from '@fullcalendar/core';
import { calendarColor } from '@m365/front-module';
import { fullDayDate } from './local-time';
import type { SectionCalendar, SectionEvent } from './section.types';

export interface SectionEventMeta {
  event: SectionEvent;
  readOnlyReason: string | null;
}

/** An event as FullCalendar draws it: timed ones at their instants (shown in the browser's zone), all-day ones on their dates. */
export function toCalendarEvent(event: SectionEvent, calendar: SectionCalendar | undefined, readOnlyReason: string | null): EventInput {
  const color = calendarColor(calendar);
  return {
    id: event.id,
    title: event.title ?? (event.isPrivate ? 'Private event' : '(no title)'),
    start: event.isFullDay ? fullDayDate(event.startsAt) : event.startsAt,
    end: event.isFullDay ? fullDayDate(event.endsAt) : event.endsAt,
    allDay: event.isFullDay,
    backgroundColor: color,
    borderColor: color,
    classNames: readOnlyReason ? ['is-read-only'] : [],
    // Dragged to move, stretched to end later or sooner, unless the member may not change it.
    editable: readOnlyReason === null,
    extendedProps: { event, readOnlyReason } satisfies SectionEventMeta,
  };
}
