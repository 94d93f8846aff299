import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

export interface TenantAdminConsentRecord {
  workspaceId: string;
  tenantId: string;
  scopes: string[];
  grantedByMemberId: string;
  grantedByUsername: string;
  grantedAt: Date;
}

/** Who granted SharePoint for a Microsoft tenant from this workspace, and whose attempt Microsoft refused. */
@Injectable()
export class TenantAdminConsentRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async find(workspaceId: string, tenantId: string): Promise<TenantAdminConsentRecord | null> {
    const rows: TenantAdminConsentRecord[] = await this.dataSource.query(
      `SELECT "workspaceId", "tenantId", "scopes", "grantedByMemberId", "grantedByUsername", "grantedAt" FROM "microsoftTenantAdminConsent" WHERE "workspaceId" = $1 AND "tenantId" = $2`,
      [workspaceId, tenantId],
    );
    return rows[0] ?? null;
  }

  /** Whether any workspace saw this tenant's administrator grant these scopes (a fact about the tenant, nothing of the workspace). */
  async tenantGranted(tenantId: string, scopes: string[]): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM "microsoftTenantAdminConsent" WHERE "tenantId" = $1 AND "scopes" @> $2::text[] LIMIT 1`, [tenantId, scopes]);
    return rows.length > 0;
  }

  async record(consent: Omit<TenantAdminConsentRecord, 'grantedAt'>): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO "microsoftTenantAdminConsent" ("workspaceId", "tenantId", "scopes", "grantedByMemberId", "grantedByUsername") VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT ("workspaceId", "tenantId") DO UPDATE SET "scopes" = EXCLUDED."scopes", "grantedByMemberId" = EXCLUDED."grantedByMemberId",
         "grantedByUsername" = EXCLUDED."grantedByUsername", "grantedAt" = now()`,
      [consent.workspaceId, consent.tenantId, consent.scopes, consent.grantedByMemberId, consent.grantedByUsername],
    );
  }

  async refusal(connectedAccountId: string): Promise<{ reason: string; refusedAt: Date } | null> {
    const rows: Array<{ reason: string; refusedAt: Date }> = await this.dataSource.query(`SELECT "reason", "refusedAt" FROM "microsoftAdminConsentRefusal" WHERE "connectedAccountId" = $1`, [connectedAccountId]);
    return rows[0] ?? null;
  }

  async recordRefusal(workspaceId: string, connectedAccountId: string, reason: string): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO "microsoftAdminConsentRefusal" ("connectedAccountId", "workspaceId", "reason") VALUES ($1, $2, $3)
       ON CONFLICT ("connectedAccountId") DO UPDATE SET "reason" = EXCLUDED."reason", "refusedAt" = now()`,
      [connectedAccountId, workspaceId, reason],
    );
  }

  async clearRefusal(connectedAccountId: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(`DELETE FROM "microsoftAdminConsentRefusal" WHERE "connectedAccountId" = $1`, [connectedAccountId]);
  }
}
