import { addDays, fullDayDate, fullDayInstant, toLocalDate, toLocalInput } from './local-time';
import type { CalendarEventInput, CalendarEventPatch, SectionEvent } from './section.types';

/** The side panel's fields. Timed events: start/end are "YYYY-MM-DDTHH:mm" in the viewer's zone; all-day: "YYYY-MM-DD", end included. */
export interface EventForm {
  title: string;
  isFullDay: boolean;
  start: string;
  end: string;
  location: string;
  description: string;
  attendees: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function formFromEvent(event: SectionEvent): EventForm {
  return {
    title: event.title ?? '',
    isFullDay: event.isFullDay,
    start: event.isFullDay ? fullDayDate(event.startsAt) : toLocalInput(new Date(event.startsAt)),
    // A stored all-day end is the day after the last one.
    end: event.isFullDay ? addDays(fullDayDate(event.endsAt), -1) : toLocalInput(new Date(event.endsAt)),
    location: event.location ?? '',
    description: event.description ?? '',
    attendees: event.participants
      .filter((participant) => !participant.isOrganizer)
      .map((participant) => participant.handle)
      .join(', '),
  };
}

/** A new event over a range the member dragged (FullCalendar's end is exclusive), or the next half hour from the button. */
export function formFromRange(start: Date, end: Date, allDay: boolean): EventForm {
  return {
    title: '',
    isFullDay: allDay,
    start: allDay ? toLocalDate(start) : toLocalInput(start),
    end: allDay ? addDays(toLocalDate(end), -1) : toLocalInput(end),
    location: '',
    description: '',
    attendees: '',
  };
}

/** Switching "All day" keeps the day and gives a timed event a first half hour at 9:00. */
export function withFullDay(form: EventForm, isFullDay: boolean): EventForm {
  if (isFullDay === form.isFullDay) return form;
  if (isFullDay) return { ...form, isFullDay, start: form.start.slice(0, 10), end: form.end.slice(0, 10) };
  return { ...form, isFullDay, start: `${form.start}T09:00`, end: `${form.start}T09:30` };
}

const parseAttendees = (text: string) =>
  text
    .split(/[\s,;]+/)
    .map((each) => each.trim())
    .filter(Boolean);

/** The form as the write mutations take it, or the first reason it cannot be saved. */
export function toEventInput(form: EventForm, timeZone: string): CalendarEventInput | { error: string } {
  const title = form.title.trim();
  if (!title) return { error: 'Give the event a title.' };
  const attendeeEmails = parseAttendees(form.attendees);
  const wrong = attendeeEmails.find((email) => !EMAIL.test(email));
  if (wrong) return { error: `“${wrong}” is not an email address.` };
  let startsAt: string;
  let endsAt: string;
  if (form.isFullDay) {
    if (!form.start || !form.end || form.end < form.start) return { error: 'The last day cannot be before the first.' };
    startsAt = fullDayInstant(form.start);
    endsAt = fullDayInstant(addDays(form.end, 1));
  } else {
    const start = new Date(form.start);
    const end = new Date(form.end);
    if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) return { error: 'Give a start and an end.' };
    if (end <= start) return { error: 'The end must be after the start.' };
    startsAt = start.toISOString();
    endsAt = end.toISOString();
  }
  return { title, startsAt, endsAt, isFullDay: form.isFullDay, timeZone, location: form.location.trim() || null, description: form.description.trim() || null, attendeeEmails };
}

/** Only what the member changed: times travel together, with the zone they were entered in. */
export function toEventPatch(before: EventForm, after: EventForm, timeZone: string): CalendarEventPatch | { error: string } {
  const input = toEventInput(after, timeZone);
  if ('error' in input) return input;
  const patch: CalendarEventPatch = {};
  if (after.title.trim() !== before.title.trim()) patch.title = input.title;
  if (after.isFullDay !== before.isFullDay || after.start !== before.start || after.end !== before.end) {
    Object.assign(patch, { startsAt: input.startsAt, endsAt: input.endsAt, isFullDay: input.isFullDay, timeZone });
  }
  if (after.location.trim() !== before.location.trim()) patch.location = input.location;
  if (after.description.trim() !== before.description.trim()) patch.description = input.description;
  if (parseAttendees(after.attendees).join(',') !== parseAttendees(before.attendees).join(',')) patch.attendeeEmails = input.attendeeEmails;
  return patch;
}
