import type { SectionCalendar, SectionCalendarChannel, SectionEvent } from './section.types';

const key = (calendarChannelId: string, externalId: string) => `${calendarChannelId} ${externalId}`;

/** Finds an event's Outlook calendar (colour, canEdit) by its channel and the association's calendarExternalId. */
export function calendarLookup(channels: SectionCalendarChannel[]): (event: Pick<SectionEvent, 'calendarChannelId' | 'calendarExternalId'>) => SectionCalendar | undefined {
  const byKey = new Map<string, SectionCalendar>();
  for (const channel of channels) for (const calendar of channel.calendars) byKey.set(key(channel.id, calendar.externalId), calendar);
  return (event) => (event.calendarExternalId ? byKey.get(key(event.calendarChannelId, event.calendarExternalId)) : undefined);
}

export interface WritableCalendar {
  calendarChannelId: string;
  handle: string;
  calendar: SectionCalendar;
}

/** The calendars a new event can go to: synced and editable, each account's default first. */
export function writableCalendars(channels: SectionCalendarChannel[]): WritableCalendar[] {
  return channels.flatMap((channel) =>
    channel.calendars
      .filter((calendar) => calendar.canEdit && calendar.isSynced)
      .sort((a, b) => Number(b.isDefaultCalendar) - Number(a.isDefaultCalendar))
      .map((calendar) => ({ calendarChannelId: channel.id, handle: channel.handle, calendar })),
  );
}
