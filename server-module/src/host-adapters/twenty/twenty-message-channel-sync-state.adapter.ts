import type { EntityManager } from 'typeorm';
import { MessageChannelSyncStage, SyncStatus, type ClaimedMessageChannel, type MessageChannelSyncStatePort } from '@m365/shared-types';
import { updateReturning } from '../../common/update-returning.util.js';
import { TwentyChannelStages } from './twenty-channel-stages.js';
import { MESSAGE_CHANNEL_COLUMNS, toMessageChannel } from './twenty-row-mappers.js';

const PENDING = MessageChannelSyncStage.MESSAGE_LIST_FETCH_PENDING;
const ONGOING = MessageChannelSyncStage.MESSAGE_LIST_FETCH_ONGOING;
const CHANNEL_COLUMNS = MESSAGE_CHANNEL_COLUMNS.split(', ').map((column) => `c.${column}`).join(', ');

/** The message channel stage machine on Twenty's columns (syncStage, syncStatus, syncStageStartedAt, throttle*). */
export class TwentyMessageChannelSyncStateAdapter implements MessageChannelSyncStatePort {
  private readonly stages: TwentyChannelStages;

  constructor(private readonly manager: EntityManager) {
    this.stages = new TwentyChannelStages(manager, { table: 'messageChannel', pending: PENDING, scheduled: MessageChannelSyncStage.MESSAGE_LIST_FETCH_SCHEDULED, ongoing: ONGOING, failed: MessageChannelSyncStage.FAILED });
  }

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

  isHeld(workspaceId: string, messageChannelId: string, staleAfterMs: number): Promise<boolean> {
    return this.stages.isHeld(workspaceId, messageChannelId, staleAfterMs);
  }

  heartbeat(workspaceId: string, messageChannelId: string): Promise<void> {
    return this.stages.heartbeat(workspaceId, messageChannelId);
  }

  markSynced(workspaceId: string, messageChannelId: string): Promise<void> {
    return this.stages.markSynced(workspaceId, messageChannelId);
  }

  markThrottled(workspaceId: string, messageChannelId: string, retryAt: Date): Promise<number> {
    return this.stages.markThrottled(workspaceId, messageChannelId, retryAt);
  }

  markFailed(workspaceId: string, messageChannelId: string, status: 'FAILED_INSUFFICIENT_PERMISSIONS' | 'FAILED_UNKNOWN'): Promise<void> {
    return this.stages.markFailed(workspaceId, messageChannelId, status);
  }

  resetToPending(workspaceId: string, messageChannelId: string): Promise<void> {
    return this.stages.resetToPending(workspaceId, messageChannelId);
  }

  async listDueChannels(limit: number): Promise<Array<{ workspaceId: string; messageChannelId: string }>> {
    return (await this.stages.listDue(limit)).map(({ workspaceId, channelId }) => ({ workspaceId, messageChannelId: channelId }));
  }

  resetStale(staleAfterMs: number): Promise<number> {
    return this.stages.resetStale(staleAfterMs);
  }
}
