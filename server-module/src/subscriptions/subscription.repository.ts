import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { updateReturning } from '../common/update-returning.util.js';
import { SecretKind, SecretVaultService } from '../vault/secret-vault.service.js';
import { SubscriptionStatus } from './subscription.constants.js';

export interface SubscriptionRecord {
  id: string;
  workspaceId: string;
  connectedAccountId: string;
  channelId: string;
  kind: string;
  resource: string;
  graphSubscriptionId: string | null;
  status: SubscriptionStatus;
  expiresAt: Date | null;
  lastNotificationAt: Date | null;
  lastError: string | null;
}

const COLUMNS = `"id", "workspaceId", "connectedAccountId", "channelId", "kind", "resource", "graphSubscriptionId", "status", "expiresAt", "lastNotificationAt", "lastError"`;

/** The plugin's Graph subscriptions; each clientState is sealed in the vault under the subscription's id. */
@Injectable()
export class SubscriptionRepository {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(SecretVaultService) private readonly vault: SecretVaultService,
  ) {}

  /** The channel's subscription row (created PENDING if absent) with a fresh clientState to register with Graph. */
  async prepare(input: { workspaceId: string; connectedAccountId: string; channelId: string; kind: string; resource: string }, clientState: string): Promise<SubscriptionRecord> {
    return this.dataSource.transaction(async (manager) => {
      const [row] = await manager.query(
        `INSERT INTO "microsoftSubscription" ("workspaceId", "connectedAccountId", "channelId", "kind", "resource", "status")
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT ("channelId", "kind") DO UPDATE SET "resource" = EXCLUDED."resource", "updatedAt" = now()
         RETURNING ${COLUMNS}`,
        [input.workspaceId, input.connectedAccountId, input.channelId, input.kind, input.resource, SubscriptionStatus.PENDING],
      );
      await this.vault.put(SecretKind.SUBSCRIPTION_CLIENT_STATE, row.id, input.workspaceId, clientState, manager);
      return row;
    });
  }

  async activate(id: string, graphSubscriptionId: string, expiresAt: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE "microsoftSubscription" SET "graphSubscriptionId" = $2, "expiresAt" = $3, "status" = $4, "lastError" = NULL, "updatedAt" = now() WHERE "id" = $1`,
      [id, graphSubscriptionId, expiresAt, SubscriptionStatus.ACTIVE],
    );
  }

  async setStatus(id: string, status: SubscriptionStatus, lastError: string | null = null): Promise<void> {
    await this.dataSource.query(`UPDATE "microsoftSubscription" SET "status" = $2, "lastError" = $3, "updatedAt" = now() WHERE "id" = $1`, [id, status, lastError]);
  }

  async renewed(id: string, expiresAt: Date): Promise<void> {
    await this.dataSource.query(`UPDATE "microsoftSubscription" SET "expiresAt" = $2, "status" = $3, "lastError" = NULL, "updatedAt" = now() WHERE "id" = $1`, [id, expiresAt, SubscriptionStatus.ACTIVE]);
  }

  async findByGraphId(graphSubscriptionId: string): Promise<SubscriptionRecord | null> {
    const rows = await this.dataSource.query(`SELECT ${COLUMNS} FROM "microsoftSubscription" WHERE "graphSubscriptionId" = $1`, [graphSubscriptionId]);
    return rows[0] ?? null;
  }

  async findByChannel(channelId: string, kind: string): Promise<SubscriptionRecord | null> {
    const rows = await this.dataSource.query(`SELECT ${COLUMNS} FROM "microsoftSubscription" WHERE "channelId" = $1 AND "kind" = $2`, [channelId, kind]);
    return rows[0] ?? null;
  }

  async findByChannels(channelIds: string[]): Promise<SubscriptionRecord[]> {
    if (channelIds.length === 0) return [];
    return this.dataSource.query(`SELECT ${COLUMNS} FROM "microsoftSubscription" WHERE "channelId" = ANY($1::uuid[])`, [channelIds]);
  }

  async findByAccount(workspaceId: string, connectedAccountId: string): Promise<SubscriptionRecord[]> {
    return this.dataSource.query(`SELECT ${COLUMNS} FROM "microsoftSubscription" WHERE "workspaceId" = $1 AND "connectedAccountId" = $2`, [workspaceId, connectedAccountId]);
  }

  /** Active subscriptions lapsing before `before`, and ones whose last attempt failed. */
  async findDueForRenewal(before: Date, limit: number): Promise<SubscriptionRecord[]> {
    return this.dataSource.query(
      `SELECT ${COLUMNS} FROM "microsoftSubscription" WHERE ("status" = $2 AND "expiresAt" < $1) OR "status" IN ($3, $4) ORDER BY "expiresAt" NULLS FIRST LIMIT $5`,
      [before, SubscriptionStatus.ACTIVE, SubscriptionStatus.FAILED, SubscriptionStatus.REAUTHORIZATION_REQUIRED, limit],
    );
  }

  /** Accounts holding a subscription of kind `present` and none of kind `missing` (connected before that kind existed). */
  async accountsWithout(present: string, missing: string, limit: number): Promise<Array<{ workspaceId: string; connectedAccountId: string }>> {
    return this.dataSource.query(
      `SELECT DISTINCT s."workspaceId", s."connectedAccountId" FROM "microsoftSubscription" s
       WHERE s."kind" = $1 AND NOT EXISTS (
         SELECT 1 FROM "microsoftSubscription" o WHERE o."connectedAccountId" = s."connectedAccountId" AND o."kind" = $2)
       LIMIT $3`,
      [present, missing, limit],
    );
  }

  clientState(subscriptionId: string): Promise<string | null> {
    return this.vault.get(SecretKind.SUBSCRIPTION_CLIENT_STATE, subscriptionId);
  }

  async deleteForAccount(workspaceId: string, connectedAccountId: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    const rows = await updateReturning<{ id: string; channelId: string }>(
      manager,
      `DELETE FROM "microsoftSubscription" WHERE "workspaceId" = $1 AND "connectedAccountId" = $2 RETURNING "id", "channelId"`,
      [workspaceId, connectedAccountId],
    );
    for (const row of rows) await this.vault.delete(SecretKind.SUBSCRIPTION_CLIENT_STATE, row.id, manager);
    await manager.query(`DELETE FROM "microsoftNotification" WHERE "channelId" = ANY($1::uuid[])`, [rows.map((row) => row.channelId)]);
  }

  /** One subscription gone (deleted at Graph, or left to expire there): its row, its clientState, its pending notifications. */
  async deleteOne(record: SubscriptionRecord): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`DELETE FROM "microsoftSubscription" WHERE "id" = $1`, [record.id]);
      await this.vault.delete(SecretKind.SUBSCRIPTION_CLIENT_STATE, record.id, manager);
    });
  }
}
