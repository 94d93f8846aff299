import type { EntityManager } from 'typeorm';
import { MessageChannelSyncStage, SyncStatus, type ClaimedMessageChannel, type MessageChannelSyncStatePort } from '@m365/shared-types';
import { updateReturning } from '../../common/update-returning.util.js';
import { MESSAGE_CHANNEL_COLUMNS, toMessageChannel } from './twenty-row-mappers.js';

const PENDING = MessageChannelSyncStage.MESSAGE_LIST_FETCH_PENDING;
const ONGOING = MessageChannelSyncStage.MESSAGE_LIST_FETCH_ONGOING;
const CHANNEL_COLUMNS = MESSAGE_CHANNEL_COLUMNS.split(', ').map((column) => `c.${column}`).join(', ');

/** The message channel stage machine on Twenty's columns (syncStage, syncStatus, syncStageStartedAt, throttle*). */
export class TwentyMessageChannelSyncStateAdapter implements MessageChannelSyncStatePort {
  constructor(private readonly manager: EntityManager) {}

  async claim(workspaceId: string, messageChannelId: string, staleAfterMs: number, options: { onlyIfActive?: boolean } = {}): Promise<ClaimedMessageChannel | null> {
    const [row] = await updateReturning<Record<string, unknown>>(
      this.manager,
      `UPDATE "messageChannel" c SET "syncStage" = $3, "syncStatus" = $4, "syncStageStartedAt" = now(), "updatedAt" = now()
       FROM "connectedAccount" a
       WHERE c."workspaceId" = $1 AND c."id" = $2 AND a."id" = c."connectedAccountId" AND c."isSyncEnabled" AND c."deletedAt" IS NULL
         AND a."authFailedAt" IS NULL AND (NOT $7 OR c."syncStatus" = $8)
         AND (c."syncStage" IN ($5, 'MESSAGE_LIST_FETCH_SCHEDULED')
              OR (c."syncStage" = $3 AND c."syncStageStartedAt" < now() - make_interval(secs => $6)))
       RETURNING ${CHANNEL_COLUMNS}, c."workspaceId", a."accountOwnerId", a."handleAliases"`,
      [workspaceId, messageChannelId, ONGOING, SyncStatus.ONGOING, PENDING, staleAfterMs / 1000, options.onlyIfActive ?? false, SyncStatus.ACTIVE],
    );
    if (!row) return null;
    return { ...toMessageChannel(row), workspaceId: row.workspaceId as string, accountOwnerId: row.accountOwnerId as string, handleAliases: (row.handleAliases as string[]) ?? [] };
  }

  async isHeld(workspaceId: string, messageChannelId: string, staleAfterMs: number): Promise<boolean> {
    const rows = await this.manager.query(
      `SELECT 1 FROM "messageChannel" WHERE "workspaceId" = $1 AND "id" = $2 AND "syncStage" = $3 AND "syncStageStartedAt" >= now() - make_interval(secs => $4)`,
      [workspaceId, messageChannelId, ONGOING, staleAfterMs / 1000],
    );
    return rows.length > 0;
  }

  async heartbeat(workspaceId: string, messageChannelId: string): Promise<void> {
    await this.manager.query(`UPDATE "messageChannel" SET "syncStageStartedAt" = now() WHERE "workspaceId" = $1 AND "id" = $2 AND "syncStage" = $3`, [workspaceId, messageChannelId, ONGOING]);
  }

  async markSynced(workspaceId: string, messageChannelId: string): Promise<void> {
    await this.manager.query(
      `UPDATE "messageChannel" SET "syncStage" = $3, "syncStatus" = $4, "syncedAt" = now(), "syncStageStartedAt" = NULL,
         "throttleFailureCount" = 0, "throttleRetryAfter" = NULL, "updatedAt" = now()
       WHERE "workspaceId" = $1 AND "id" = $2`,
      [workspaceId, messageChannelId, PENDING, SyncStatus.ACTIVE],
    );
  }

  async markThrottled(workspaceId: string, messageChannelId: string, retryAt: Date): Promise<number> {
    const [row] = await updateReturning<{ throttleFailureCount: number }>(
      this.manager,
      `UPDATE "messageChannel" SET "syncStage" = $3, "syncStageStartedAt" = NULL, "throttleFailureCount" = "throttleFailureCount" + 1,
         "throttleRetryAfter" = $4, "updatedAt" = now()
       WHERE "workspaceId" = $1 AND "id" = $2 RETURNING "throttleFailureCount"`,
      [workspaceId, messageChannelId, PENDING, retryAt],
    );
    return row?.throttleFailureCount ?? 0;
  }

  async markFailed(workspaceId: string, messageChannelId: string, status: 'FAILED_INSUFFICIENT_PERMISSIONS' | 'FAILED_UNKNOWN'): Promise<void> {
    await this.manager.query(
      `UPDATE "messageChannel" SET "syncStage" = $3, "syncStatus" = $4, "syncStageStartedAt" = NULL, "updatedAt" = now() WHERE "workspaceId" = $1 AND "id" = $2`,
      [workspaceId, messageChannelId, MessageChannelSyncStage.FAILED, status],
    );
  }

  async resetToPending(workspaceId: string, messageChannelId: string): Promise<void> {
    await this.manager.query(
      `UPDATE "messageChannel" SET "syncStage" = $3, "syncStatus" = CASE WHEN "syncStatus" LIKE 'FAILED%' THEN 'NOT_SYNCED' ELSE "syncStatus" END,
         "syncStageStartedAt" = NULL, "throttleFailureCount" = 0, "throttleRetryAfter" = NULL, "updatedAt" = now()
       WHERE "workspaceId" = $1 AND "id" = $2 AND ("syncStage" = 'FAILED' OR "syncStatus" LIKE 'FAILED%')`,
      [workspaceId, messageChannelId, PENDING],
    );
  }

  async listDueChannels(limit: number): Promise<Array<{ workspaceId: string; messageChannelId: string }>> {
    return this.manager.query(
      `SELECT c."workspaceId", c."id" AS "messageChannelId" FROM "messageChannel" c
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
      `UPDATE "messageChannel" SET "syncStage" = $1, "syncStageStartedAt" = NULL, "updatedAt" = now()
       WHERE "syncStage" IN ($2, 'MESSAGE_LIST_FETCH_SCHEDULED') AND ("syncStageStartedAt" IS NULL OR "syncStageStartedAt" < now() - make_interval(secs => $3))
       RETURNING "id"`,
      [PENDING, ONGOING, staleAfterMs / 1000],
    );
    return rows.length;
  }
}
