import type { EntityManager } from 'typeorm';
import { CalendarChannelSyncStage, SyncStatus, type CalendarChannelSyncStatePort, type ClaimedCalendarChannel } from '@m365/shared-types';
import { updateReturning } from '../../common/update-returning.util.js';
import { TwentyChannelStages } from './twenty-channel-stages.js';
import { CALENDAR_CHANNEL_COLUMNS, toCalendarChannel } from './twenty-row-mappers.js';

const PENDING = CalendarChannelSyncStage.CALENDAR_EVENT_LIST_FETCH_PENDING;
const SCHEDULED = CalendarChannelSyncStage.CALENDAR_EVENT_LIST_FETCH_SCHEDULED;
const ONGOING = CalendarChannelSyncStage.CALENDAR_EVENT_LIST_FETCH_ONGOING;
const CHANNEL_COLUMNS = CALENDAR_CHANNEL_COLUMNS.split(', ').map((column) => `c.${column}`).join(', ');

/** The calendar channel stage machine on Twenty's columns, as TwentyMessageChannelSyncStateAdapter does for mail. */
export class TwentyCalendarChannelSyncStateAdapter implements CalendarChannelSyncStatePort {
  private readonly stages: TwentyChannelStages;

  constructor(private readonly manager: EntityManager) {
    this.stages = new TwentyChannelStages(manager, { table: 'calendarChannel', pending: PENDING, scheduled: SCHEDULED, ongoing: ONGOING, failed: CalendarChannelSyncStage.FAILED });
  }

  async claim(workspaceId: string, calendarChannelId: string, staleAfterMs: number): Promise<ClaimedCalendarChannel | null> {
    const [row] = await updateReturning<Record<string, unknown>>(
      this.manager,
      `UPDATE "calendarChannel" c SET "syncStage" = $3, "syncStatus" = $4, "syncStageStartedAt" = now(), "updatedAt" = now()
       FROM "connectedAccount" a
       WHERE c."workspaceId" = $1 AND c."id" = $2 AND a."id" = c."connectedAccountId" AND c."isSyncEnabled" AND c."deletedAt" IS NULL
         AND a."authFailedAt" IS NULL
         AND (c."syncStage" IN ($5, $7) OR (c."syncStage" = $3 AND c."syncStageStartedAt" < now() - make_interval(secs => $6)))
       RETURNING ${CHANNEL_COLUMNS}, c."workspaceId", a."accountOwnerId", a."handleAliases"`,
      [workspaceId, calendarChannelId, ONGOING, SyncStatus.ONGOING, PENDING, staleAfterMs / 1000, SCHEDULED],
    );
    if (!row) return null;
    return { ...toCalendarChannel(row), workspaceId: row.workspaceId as string, accountOwnerId: row.accountOwnerId as string, handleAliases: (row.handleAliases as string[]) ?? [] };
  }

  isHeld(workspaceId: string, calendarChannelId: string, staleAfterMs: number): Promise<boolean> {
    return this.stages.isHeld(workspaceId, calendarChannelId, staleAfterMs);
  }

  heartbeat(workspaceId: string, calendarChannelId: string): Promise<void> {
    return this.stages.heartbeat(workspaceId, calendarChannelId);
  }

  markSynced(workspaceId: string, calendarChannelId: string): Promise<void> {
    return this.stages.markSynced(workspaceId, calendarChannelId);
  }

  markThrottled(workspaceId: string, calendarChannelId: string, retryAt: Date): Promise<number> {
    return this.stages.markThrottled(workspaceId, calendarChannelId, retryAt);
  }

  markFailed(workspaceId: string, calendarChannelId: string, status: 'FAILED_INSUFFICIENT_PERMISSIONS' | 'FAILED_UNKNOWN'): Promise<void> {
    return this.stages.markFailed(workspaceId, calendarChannelId, status);
  }

  resetToPending(workspaceId: string, calendarChannelId: string): Promise<void> {
    return this.stages.resetToPending(workspaceId, calendarChannelId);
  }

  async listDueChannels(limit: number): Promise<Array<{ workspaceId: string; calendarChannelId: string }>> {
    return (await this.stages.listDue(limit)).map(({ workspaceId, channelId }) => ({ workspaceId, calendarChannelId: channelId }));
  }

  resetStale(staleAfterMs: number): Promise<number> {
    return this.stages.resetStale(staleAfterMs);
  }
}
