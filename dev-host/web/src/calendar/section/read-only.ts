import type { EventWriteState, SectionCalendar, SectionEvent } from './section.types';

/** Why the member cannot change this event in the CRM, or null when they can. The server's reason wins. */
export function readOnlyReason(event: SectionEvent, calendar: SectionCalendar | undefined, writeState: EventWriteState | undefined): string | null {
  if (writeState?.readOnlyReason) return writeState.readOnlyReason;
  if (calendar && !calendar.canEdit) return `${calendar.name} is shared with you read only`;
  const organizer = event.participants.find((participant) => participant.isOrganizer);
  if (organizer && !event.isOrganizer) return `Organised by ${organizer.displayName || organizer.handle}: only the organiser can change it`;
  return null;
}

/** A line about the event's last change from the CRM, when it did not simply reach Outlook. */
export function writeStateNote(writeState: EventWriteState | undefined): { tone: 'info' | 'error'; text: string } | null {
  if (!writeState) return null;
  switch (writeState.status) {
    case 'PENDING':
      return { tone: 'info', text: 'Saving to Outlook…' };
    case 'FAILED':
      return { tone: 'error', text: writeState.message ?? 'Outlook refused the last change.' };
    case 'CONFLICT_LOST':
      return { tone: 'error', text: writeState.message ?? 'This event changed in Outlook at the same time; Outlook’s version was kept.' };
    default:
      return null;
  }
}
