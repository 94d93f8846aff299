import type { EntityManager } from 'typeorm';
import { SyncStatus } from '@m365/shared-types';
import { updateReturning } from '../../common/update-returning.util.js';

/** Which of Twenty's channel tables, and its stage names (the message and calendar channels share the columns). */
export interface ChannelStages {
  table: 'messageChannel' | 'calendarChannel';
  pending: string;
  scheduled: string;
  ongoing: string;
  failed: string;
}

/**
 * The part of a channel's stage machine the message and calendar channels share, on Twenty's columns
 * (syncStage, syncStatus, syncStageStartedAt, throttle*); each adapter keeps its own claim.
 */
export class TwentyChannelStages {
  constructor(
    private readonly manager: EntityManager,
    private readonly stages: ChannelStages,
  ) {}

  async isHeld(workspaceId: string, channelId: string, staleAfterMs: number): Promise<boolean> {
    const rows = await this.manager.query(
      `SELECT 1 FROM "${this.stages.table}" WHERE "workspaceId" = $1 AND "id" = $2 AND "syncStage" = $3 AND "syncStageStartedAt" >= now() - make_interval(secs => $4)`,
      [workspaceId, channelId, this.stages.ongoing, staleAfterMs / 1000],
    );
    return rows.length > 0;
  }

  async heartbeat(workspaceId: string, channelId: string): Promise<void> {
    await this.manager.query(`UPDATE "${this.stages.table}" SET "syncStageStartedAt" = now() WHERE "workspaceId" = $1 AND "id" = $2 AND "syncStage" = $3`, [
      workspaceId,
      channelId,
      this.stages.ongoing,
    ]);
  }

  async markSynced(workspaceId: string, channelId: string): Promise<void> {
    await this.manager.query(
      `UPDATE "${this.stages.table}" SET "syncStage" = $3, "syncStatus" = $4, "syncedAt" = now(), "syncStageStartedAt" = NULL,
         "throttleFailureCount" = 0, "throttleRetryAfter" = NULL, "updatedAt" = now()
       WHERE "workspaceId" = $1 AND "id" = $2`,
      [workspaceId, channelId, this.stages.pending, SyncStatus.ACTIVE],
    );
  }

  async markThrottled(workspaceId: string, channelId: string, retryAt: Date): Promise<number> {
    const [row] = await updateReturning<{ throttleFailureCount: number }>(
      this.manager,
      `UPDATE "${this.stages.table}" SET "syncStage" = $3, "syncStageStartedAt" = NULL, "throttleFailureCount" = "throttleFailureCount" + 1,
         "throttleRetryAfter" = $4, "updatedAt" = now()
       WHERE "workspaceId" = $1 AND "id" = $2 RETURNING "throttleFailureCount"`,
      [workspaceId, channelId, this.stages.pending, retryAt],
    );
    return row?.throttleFailureCount ?? 0;
  }

  async markFailed(workspaceId: string, channelId: string, status: 'FAILED_INSUFFICIENT_PERMISSIONS' | 'FAILED_UNKNOWN'): Promise<void> {
    await this.manager.query(
      `UPDATE "${this.stages.table}" SET "syncStage" = $3, "syncStatus" = $4, "syncStageStartedAt" = NULL, "updatedAt" = now() WHERE "workspaceId" = $1 AND "id" = $2`,
      [workspaceId, channelId, this.stages.failed, status],
    );
  }

  async resetToPending(workspaceId: string, channelId: string): Promise<void> {
    await this.manager.query(
      `UPDATE "${this.stages.table}" SET "syncStage" = $3, "syncStatus" = CASE WHEN "syncStatus" LIKE 'FAILED%' THEN 'NOT_SYNCED' ELSE "syncStatus" END,
         "syncStageStartedAt" = NULL, "throttleFailureCount" = 0, "throttleRetryAfter" = NULL, "updatedAt" = now()
       WHERE "workspaceId" = $1 AND "id" = $2 AND ("syncStage" = $4 OR "syncStatus" LIKE 'FAILED%')`,
      [workspaceId, channelId, this.stages.pending, this.stages.failed],
    );
  }

  /** Microsoft channels waiting for their periodic pass, those never synced first. */
  async listDue(limit: number): Promise<Array<{ workspaceId: string; channelId: string }>> {
    return this.manager.query(
      `SELECT c."workspaceId", c."id" AS "channelId" FROM "${this.stages.table}" c
       JOIN "connectedAccount" a ON a."id" = c."connectedAccountId"
       WHERE c."syncStage" = $1 AND c."isSyncEnabled" AND c."deletedAt" IS NULL AND a."provider" = 'microsoft' AND a."authFailedAt" IS NULL
         AND (c."throttleRetryAfter" IS NULL OR c."throttleRetryAfter" <= now())
       ORDER BY c."syncedAt" NULLS FIRST LIMIT $2`,
      [this.stages.pending, limit],
    );
  }

  async resetStale(staleAfterMs: number): Promise<number> {
    const rows = await updateReturning(
      this.manager,
      `UPDATE "${this.stages.table}" SET "syncStage" = $1, "syncStageStartedAt" = NULL, "updatedAt" = now()
       WHERE "syncStage" IN ($2, $4) AND ("syncStageStartedAt" IS NULL OR "syncStageStartedAt" < now() - make_interval(secs => $3))
       RETURNING "id"`,
      [this.stages.pending, this.stages.ongoing, staleAfterMs / 1000, this.stages.scheduled],
    );
    return rows.length;
  }
}
