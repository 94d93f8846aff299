import type { EntityManager } from 'typeorm';
import { CalendarChannelSyncStage, SyncStatus, type CalendarChannelSyncStatePort, type ClaimedCalendarChannel } from '@m365/shared-types';
import { updateReturning } from '../../common/update-returning.util.js';
import { CALENDAR_CHANNEL_COLUMNS, toCalendarChannel } from './twenty-row-mappers.js';

const PENDING = CalendarChannelSyncStage.CALENDAR_EVENT_LIST_FETCH_PENDING;
const SCHEDULED = CalendarChannelSyncStage.CALENDAR_EVENT_LIST_FETCH_SCHEDULED;
const ONGOING = CalendarChannelSyncStage.CALENDAR_EVENT_LIST_FETCH_ONGOING;
const CHANNEL_COLUMNS = CALENDAR_CHANNEL_COLUMNS.split(', ').map((column) => `c.${column}`).join(', ');

/** The calendar channel stage machine on Twenty's columns, as TwentyMessageChannelSyncStateAdapter does for mail. */
export class TwentyCalendarChannelSyncStateAdapter implements CalendarChannelSyncStatePort {
  constructor(private readonly manager: EntityManager) {}

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

  async isHeld(workspaceId: string, calendarChannelId: string, staleAfterMs: number): Promise<boolean> {
    const rows = await this.manager.query(
      `SELECT 1 FROM "calendarChannel" WHERE "workspaceId" = $1 AND "id" = $2 AND "syncStage" = $3 AND "syncStageStartedAt" >= now() - make_interval(secs => $4)`,
      [workspaceId, calendarChannelId, ONGOING, staleAfterMs / 1000],
    );
    return rows.length > 0;
  }

  async heartbeat(workspaceId: string, calendarChannelId: string): Promise<void> {
    await this.manager.query(`UPDATE "calendarChannel" SET "syncStageStartedAt" = now() WHERE "workspaceId" = $1 AND "id" = $2 AND "syncStage" = $3`, [workspaceId, calendarChannelId, ONGOING]);
  }

  async markSynced(workspaceId: string, calendarChannelId: string): Promise<void> {
    await this.manager.query(
      `UPDATE "calendarChannel" SET "syncStage" = $3, "syncStatus" = $4, "syncedAt" = now(), "syncStageStartedAt" = NULL,
         "throttleFailureCount" = 0, "throttleRetryAfter" = NULL, "updatedAt" = now()
       WHERE "workspaceId" = $1 AND "id" = $2`,
      [workspaceId, calendarChannelId, PENDING, SyncStatus.ACTIVE],
    );
  }

  async markThrottled(workspaceId: string, calendarChannelId: string, retryAt: Date): Promise<number> {
    const [row] = await updateReturning<{ throttleFailureCount: number }>(
      this.manager,
      `UPDATE "calendarChannel" SET "syncStage" = $3, "syncStageStartedAt" = NULL, "throttleFailureCount" = "throttleFailureCount" + 1,
         "throttleRetryAfter" = $4, "updatedAt" = now()
       WHERE "workspaceId" = $1 AND "id" = $2 RETURNING "throttleFailureCount"`,
      [workspaceId, calendarChannelId, PENDING, retryAt],
    );
    return row?.throttleFailureCount ?? 0;
  }

  async markFailed(workspaceId: string, calendarChannelId: string, status: 'FAILED_INSUFFICIENT_PERMISSIONS' | 'FAILED_UNKNOWN'): Promise<void> {
    await this.manager.query(
      `UPDATE "calendarChannel" SET "syncStage" = $3, "syncStatus" = $4, "syncStageStartedAt" = NULL, "updatedAt" = now() WHERE "workspaceId" = $1 AND "id" = $2`,
      [workspaceId, calendarChannelId, CalendarChannelSyncStage.FAILED, status],
    );
  }

  async resetToPending(workspaceId: string, calendarChannelId: string): Promise<void> {
    await this.manager.query(
      `UPDATE "calendarChannel" SET "syncStage" = $3, "syncStatus" = CASE WHEN "syncStatus" LIKE 'FAILED%' THEN 'NOT_SYNCED' ELSE "syncStatus" END,
         "syncStageStartedAt" = NULL, "throttleFailureCount" = 0, "throttleRetryAfter" = NULL, "updatedAt" = now()
       WHERE "workspaceId" = $1 AND "id" = $2 AND ("syncStage" = 'FAILED' OR "syncStatus" LIKE 'FAILED%')`,
      [workspaceId, calendarChannelId, PENDING],
    );
  }

  async listDueChannels(limit: number): Promise<Array<{ workspaceId: string; calendarChannelId: string }>> {
    return this.manager.query(
      `SELECT c."workspaceId", c."id" AS "calendarChannelId" FROM "calendarChannel" c
       JOIN "connectedAccount" a ON a."id" = c."connectedAccountId"
       WHERE c."syncStage" = $1 AND c."isSyncEnabled" AND c."deletedAt" IS NULL AND a."provider" = 'microsoft' AND a."authFailedAt" IS NULL
         AND (c."throttleRetryAfter" IS NULL OR c."throttleRetryAfter" <= now())
       ORDER BY c."syncedAt" NULLS FIRST LIMIT $2`,
      [PENDING, limit],
    );
  }

  async resetStale(staleAfterMs: number): Promise<number> {
    const rows = await updateReturning(
      this.manager,
      `UPDATE "calendarChannel" SET "syncStage" = $1, "syncStageStartedAt" = NULL, "updatedAt" = now()
       WHERE "syncStage" IN ($2, $4) AND ("syncStageStartedAt" IS NULL OR "syncStageStartedAt" < now() - make_interval(secs => $3))
       RETURNING "id"`,
      [PENDING, ONGOING, staleAfterMs / 1000, SCHEDULED],
    );
    return rows.length;
  }
}
