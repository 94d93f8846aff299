import type { DataSource } from 'typeorm';
import { PARTICIPANT_JOINS, PARTICIPANT_SELECT, toTimelineParticipant, type ParticipantRow } from './timeline-participant.mapper.js';
import type { TimelineThreadParticipant } from './timeline-participant.model.js';

interface EventParticipantRow extends ParticipantRow {
  calendarEventId: string;
  isOrganizer: boolean;
  responseStatus: string;
}

export type CalendarEventParticipantView = TimelineThreadParticipant & { isOrganizer: boolean; responseStatus: string };

/** The participants of these events, organizer first, with their person or workspace member matched. */
export async function loadCalendarEventParticipants(dataSource: DataSource, workspaceId: string, eventIds: string[]): Promise<Map<string, CalendarEventParticipantView[]>> {
  const byEvent = new Map<string, CalendarEventParticipantView[]>();
  if (eventIds.length === 0) return byEvent;
  const rows: EventParticipantRow[] = await dataSource.query(
    `SELECT p."calendarEventId", p."isOrganizer", p."responseStatus", ${PARTICIPANT_SELECT}
     FROM "calendarEventParticipant" p ${PARTICIPANT_JOINS}
     WHERE p."workspaceId" = $1 AND p."calendarEventId" = ANY($2::uuid[]) AND p."deletedAt" IS NULL
     ORDER BY p."isOrganizer" DESC, p."createdAt", p."id"`,
    [workspaceId, eventIds],
  );
  for (const row of rows) {
    const participant = { ...toTimelineParticipant(row), isOrganizer: row.isOrganizer, responseStatus: row.responseStatus };
    byEvent.set(row.calendarEventId, [...(byEvent.get(row.calendarEventId) ?? []), participant]);
  }
  return byEvent;
}
