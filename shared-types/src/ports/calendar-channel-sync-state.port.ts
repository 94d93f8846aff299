import type { CalendarChannelRecord } from './connected-account-records.port.js';

export interface ClaimedCalendarChannel extends CalendarChannelRecord {
  workspaceId: string;
  accountOwnerId: string;
  handleAliases: string[];
}

/**
 * Twenty's sync stage machine for calendar channels, the same compare-and-set claim and heartbeat as message
 * channels (see MessageChannelSyncStatePort) on the CALENDAR_EVENT_LIST_FETCH_* stages.
 */
export interface CalendarChannelSyncStatePort {
  /** PENDING → ONGOING (or a stale ONGOING taken over); null when another worker holds it or it cannot sync. */
  claim(workspaceId: string, calendarChannelId: string, staleAfterMs: number): Promise<ClaimedCalendarChannel | null>;
  isHeld(workspaceId: string, calendarChannelId: string, staleAfterMs: number): Promise<boolean>;
  heartbeat(workspaceId: string, calendarChannelId: string): Promise<void>;
  /** Done for now: back to PENDING, ACTIVE, syncedAt = now, throttle count cleared. */
  markSynced(workspaceId: string, calendarChannelId: string): Promise<void>;
  /** Will try again later: back to PENDING, status kept; returns the consecutive failures so far. */
  markThrottled(workspaceId: string, calendarChannelId: string, retryAt: Date): Promise<number>;
  markFailed(workspaceId: string, calendarChannelId: string, status: 'FAILED_INSUFFICIENT_PERMISSIONS' | 'FAILED_UNKNOWN'): Promise<void>;
  /** Puts a failed channel back to PENDING (the user's "Retry", a reconnect); others are left alone. */
  resetToPending(workspaceId: string, calendarChannelId: string): Promise<void>;
  /** Channels due for a periodic sync (PENDING, sync enabled, account healthy, not throttled). */
  listDueChannels(limit: number): Promise<Array<{ workspaceId: string; calendarChannelId: string }>>;
  /** Returns ONGOING/SCHEDULED channels whose heartbeat is older than `staleAfterMs` to PENDING. */
  resetStale(staleAfterMs: number): Promise<number>;
}
