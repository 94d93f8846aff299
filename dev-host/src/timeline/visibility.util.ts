import { CalendarChannelVisibility, MessageChannelVisibility } from '@m365/shared-types';

/** SQL ranking a message channel `mc` (owned through connected account `ca`) for member $memberParam: 3 shares everything. */
export function messageVisibilityRank(memberParam: string): string {
  return `CASE WHEN ca."accountOwnerId" = ${memberParam} THEN 3
    WHEN mc."visibility" = 'SHARE_EVERYTHING' THEN 3 WHEN mc."visibility" = 'SUBJECT' THEN 2 ELSE 1 END`;
}

/** SQL ranking a calendar channel `cc` (owned through `ca`) for member $memberParam: 2 shares everything. */
export function calendarVisibilityRank(memberParam: string): string {
  return `CASE WHEN ca."accountOwnerId" = ${memberParam} OR cc."visibility" = 'SHARE_EVERYTHING' THEN 2 ELSE 1 END`;
}

/** The most open channel a thread came through decides; the owner of a channel always sees everything. */
export function messageVisibilityFromRank(rank: number | null | undefined): MessageChannelVisibility {
  if (rank === 3) return MessageChannelVisibility.SHARE_EVERYTHING;
  if (rank === 2) return MessageChannelVisibility.SUBJECT;
  return MessageChannelVisibility.METADATA;
}

export function calendarVisibilityFromRank(rank: number | null | undefined): CalendarChannelVisibility {
  return rank === 2 ? CalendarChannelVisibility.SHARE_EVERYTHING : CalendarChannelVisibility.METADATA;
}
