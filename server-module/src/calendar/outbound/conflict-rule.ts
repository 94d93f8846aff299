import type { ImportedCalendarEvent } from '@m365/shared-types';
import type { StoredFields } from './calendar-outbox.repository.js';

/**
 * Both sides edited the same event before a sync: per field group, the later edit wins. A group the CRM changed
 * keeps the CRM's values unless Outlook changed that group too (its values differ from what the CRM had before
 * the edit) and Outlook's lastModifiedDateTime is later than the CRM edit (to the second; a tie goes to Outlook). Groups the CRM did not touch stay
 * as Outlook has them.
 */
export const FIELD_GROUPS = {
  time: ['startsAt', 'endsAt', 'isFullDay', 'timeZone'],
  text: ['title', 'location', 'description'],
  attendees: ['attendeeEmails'],
  conference: ['conferenceSolution'],
} as const satisfies Record<string, ReadonlyArray<keyof StoredFields>>;

export interface ConflictDecision {
  /** The CRM's fields that win, to write to Outlook. */
  winning: StoredFields;
  /** The CRM's fields Outlook's later edit kept. */
  lost: Array<keyof StoredFields>;
}

/** Outlook's current values in the CRM's terms. */
export function currentFields(event: ImportedCalendarEvent): StoredFields {
  return {
    title: event.title,
    description: event.description,
    location: event.location,
    startsAt: event.startsAt.toISOString(),
    endsAt: event.endsAt.toISOString(),
    isFullDay: event.isFullDay,
    timeZone: event.timeZone ?? undefined,
    attendeeEmails: event.participants.filter((participant) => !participant.isOrganizer).map((participant) => participant.handle),
    conferenceSolution: event.conferenceSolution,
  };
}

const normalise = (key: keyof StoredFields, value: unknown): string => {
  if (value === undefined || value === null) return '';
  if (key === 'attendeeEmails') return [...(value as string[])].map((address) => address.trim().toLowerCase()).sort().join(',');
  if (key === 'startsAt' || key === 'endsAt') return new Date(value as string).toISOString();
  return String(value).replace(/\r\n/g, '\n').trim();
};

/** `current` null: Outlook's values are unknown, and it counts as having changed every group if it changed the event later. */
export function decideConflict(fields: StoredFields, previous: StoredFields, current: StoredFields | null, outlookModifiedAt: Date | null, editedAt: Date): ConflictDecision {
  // Outlook reports lastModifiedDateTime to the second: compared at that precision, a tie goes to Outlook (the CRM's
  // loss is then reported on the event, never silent).
  const outlookIsLater = outlookModifiedAt !== null && outlookModifiedAt.getTime() >= Math.floor(editedAt.getTime() / 1000) * 1000;
  const winning: StoredFields = {};
  const lost: Array<keyof StoredFields> = [];
  for (const group of Object.values(FIELD_GROUPS)) {
    const edited = group.filter((key) => fields[key] !== undefined);
    if (edited.length === 0) continue;
    const outlookChanged = current === null || edited.some((key) => normalise(key, current[key]) !== normalise(key, previous[key]));
    if (outlookChanged && outlookIsLater) lost.push(...edited);
    else for (const key of group) if (fields[key] !== undefined) (winning as Record<string, unknown>)[key] = fields[key];
  }
  return { winning, lost };
}

export function conflictMessage(lost: Array<keyof StoredFields>): string {
  return `Outlook has a later edit of ${lost.join(', ')}: Outlook's version was kept for ${lost.length === 1 ? 'that field' : 'those fields'}`;
}
