import { CalendarChannelVisibility, MessageChannelVisibility } from '@m365/shared-types';

/** SQL ranking a message channel `mc` (owned through connected account `ca`) for member $memberParam: 3 shares everything. */
export function messageVisibilityRank(memberParam: string): string {
  return `CASE WHEN ca."accountOwnerId" = ${memberParam} THEN 3
    WHEN mc."visibility" = 'SHARE_EVERYTHING' THEN 3 WHEN mc."visibility" = 'SUBJECT' THEN 2 ELSE 1 END`;
}

/**
 * SQL ranking an event's association `a` with calendar channel `cc` (owned through `ca`) for member $memberParam:
 * 2 shares everything, 1 metadata, 0 only "Busy" and the time (the owner marked it private or confidential).
 */
export function calendarVisibilityRank(memberParam: string): string {
  return `CASE WHEN ca."accountOwnerId" = ${memberParam} THEN 2 WHEN a."isPrivate" THEN 0
    WHEN cc."visibility" = 'SHARE_EVERYTHING' THEN 2 ELSE 1 END`;
}

/** What teammates see of an event its owner marked private: this title and the time, nothing else. */
export const PRIVATE_EVENT_TITLE = 'Busy';

/** The most open channel a thread came through decides; the owner of a channel always sees everything. */
export function messageVisibilityFromRank(rank: number | null | undefined): MessageChannelVisibility {
  if (rank === 3) return MessageChannelVisibility.SHARE_EVERYTHING;
  if (rank === 2) return MessageChannelVisibility.SUBJECT;
  return MessageChannelVisibility.METADATA;
}

/** The most open association decides, as for threads; a private event (rank 0) shows as METADATA with less still. */
export function calendarVisibilityFromRank(rank: number | null | undefined): CalendarChannelVisibility {
  return rank === 2 ? CalendarChannelVisibility.SHARE_EVERYTHING : CalendarChannelVisibility.METADATA;
}
