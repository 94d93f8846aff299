import type { TimelineThreadParticipant } from './timeline-participant.model.js';

/** A participant row joined with its person and workspace member (names and avatar preferring the person). */
export interface ParticipantRow {
  handle: string | null;
  displayName: string | null;
  personId: string | null;
  workspaceMemberId: string | null;
  firstName: string | null;
  lastName: string | null;
  avatarUrl: string | null;
}

/** Selects ParticipantRow columns for participant alias `p`, joined as `pe` (person) and `wm` (workspace member). */
export const PARTICIPANT_SELECT = `
  p."handle", p."displayName", p."personId", p."workspaceMemberId",
  COALESCE(pe."nameFirstName", wm."nameFirstName") AS "firstName",
  COALESCE(pe."nameLastName", wm."nameLastName") AS "lastName",
  COALESCE(pe."avatarUrl", wm."avatarUrl") AS "avatarUrl"`;

export const PARTICIPANT_JOINS = `
  LEFT JOIN "person" pe ON pe."id" = p."personId" AND pe."deletedAt" IS NULL
  LEFT JOIN "workspaceMember" wm ON wm."id" = p."workspaceMemberId" AND wm."deletedAt" IS NULL`;

export function toTimelineParticipant(row: ParticipantRow): TimelineThreadParticipant {
  const firstName = row.firstName ?? '';
  const lastName = row.lastName ?? '';
  const handle = row.handle ?? '';
  return {
    personId: row.personId,
    workspaceMemberId: row.workspaceMemberId,
    firstName,
    lastName,
    displayName: `${firstName} ${lastName}`.trim() || row.displayName || handle,
    avatarUrl: row.avatarUrl,
    handle,
  };
}

/** The same person, member or address counts once. */
export function participantKey(row: ParticipantRow): string {
  return row.personId ?? row.workspaceMemberId ?? (row.handle ?? '').toLowerCase();
}
