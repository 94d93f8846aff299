import type { MessageChannelRecord } from './connected-account-records.port.js';

export interface ClaimedMessageChannel extends MessageChannelRecord {
  workspaceId: string;
  accountOwnerId: string;
  handleAliases: string[];
}

/**
 * Twenty's sync stage machine for message channels. Stages move by compare-and-set so that one worker at a time
 * owns a channel; a worker proves it is alive by heartbeats, and a silent one's claim can be taken over.
 */
export interface MessageChannelSyncStatePort {
  /**
   * PENDING → ONGOING (or a stale ONGOING taken over). Null when another worker holds the channel, or, with
   * `onlyIfActive`, when its last pass did not succeed (a first import, a retry or a failure waits for a full pass).
   */
  claim(workspaceId: string, messageChannelId: string, staleAfterMs: number, options?: { onlyIfActive?: boolean }): Promise<ClaimedMessageChannel | null>;
  /** Whether a live worker holds the channel now (so a failed claim means "busy", not "cannot sync"). */
  isHeld(workspaceId: string, messageChannelId: string, staleAfterMs: number): Promise<boolean>;
  heartbeat(workspaceId: string, messageChannelId: string): Promise<void>;
  /** Done for now: back to PENDING, ACTIVE, syncedAt = now, throttle count cleared. */
  markSynced(workspaceId: string, messageChannelId: string): Promise<void>;
  /** Will try again later: back to PENDING, status kept, throttle bookkeeping updated. */
  markThrottled(workspaceId: string, messageChannelId: string, retryAt: Date): Promise<number>;
  markFailed(workspaceId: string, messageChannelId: string, status: 'FAILED_INSUFFICIENT_PERMISSIONS' | 'FAILED_UNKNOWN'): Promise<void>;
  /** Puts a failed channel back to PENDING for a fresh attempt, as the user's "Retry" and a reconnect do; others are left alone. */
  resetToPending(workspaceId: string, messageChannelId: string): Promise<void>;
  /** Channels due for a periodic sync (PENDING, sync enabled, account healthy, not throttled). */
  listDueChannels(limit: number): Promise<Array<{ workspaceId: string; messageChannelId: string }>>;
  /** Returns ONGOING/SCHEDULED channels whose heartbeat is older than `staleAfterMs` to PENDING. */
  resetStale(staleAfterMs: number): Promise<number>;
}
