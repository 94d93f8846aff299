import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface ExpiringSubscription {
  graphSubscriptionId: string;
  workspaceId: string;
  resource: string;
  expiresAt: Date | null;
  reason: string;
}

/** Subscriptions a disconnect could not delete at Graph: they stop at their expiry, and are forgotten then. */
@Injectable()
export class ExpiringSubscriptionRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async record(subscription: ExpiringSubscription): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO "microsoftExpiringSubscription" ("graphSubscriptionId", "workspaceId", "resource", "expiresAt", "reason") VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT ("graphSubscriptionId") DO UPDATE SET "reason" = EXCLUDED."reason"`,
      [subscription.graphSubscriptionId, subscription.workspaceId, subscription.resource, subscription.expiresAt, subscription.reason.slice(0, 500)],
    );
  }

  async list(workspaceId: string): Promise<ExpiringSubscription[]> {
    return this.dataSource.query(`SELECT "graphSubscriptionId", "workspaceId", "resource", "expiresAt", "reason" FROM "microsoftExpiringSubscription" WHERE "workspaceId" = $1`, [workspaceId]);
  }

  /** Those past their expiry: Microsoft has stopped them. A row without an expiry is kept the longest lifetime (3 days). */
  async deleteExpired(): Promise<number> {
    const rows = await this.dataSource.query(
      `DELETE FROM "microsoftExpiringSubscription" WHERE COALESCE("expiresAt", "recordedAt" + interval '3 days') < now() RETURNING 1`,
    );
    return (Array.isArray(rows[0]) ? rows[0] : rows).length;
  }
}
