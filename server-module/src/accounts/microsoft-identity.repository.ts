import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

export interface MicrosoftIdentity {
  connectedAccountId: string;
  workspaceId: string;
  homeAccountId: string;
  tenantId: string;
  objectId: string;
  username: string;
}

/** Which Microsoft account (home account id, tenant) stands behind each connected account. */
@Injectable()
export class MicrosoftIdentityRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async upsert(identity: MicrosoftIdentity, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(
      `INSERT INTO "microsoftIdentity" ("connectedAccountId", "workspaceId", "homeAccountId", "tenantId", "objectId", "username")
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT ("connectedAccountId") DO UPDATE SET "homeAccountId" = EXCLUDED."homeAccountId", "tenantId" = EXCLUDED."tenantId",
         "objectId" = EXCLUDED."objectId", "username" = EXCLUDED."username", "updatedAt" = now()`,
      [identity.connectedAccountId, identity.workspaceId, identity.homeAccountId, identity.tenantId, identity.objectId, identity.username],
    );
  }

  async find(workspaceId: string, connectedAccountId: string): Promise<MicrosoftIdentity | null> {
    const rows: MicrosoftIdentity[] = await this.dataSource.query(
      `SELECT "connectedAccountId", "workspaceId", "homeAccountId", "tenantId", "objectId", "username"
       FROM "microsoftIdentity" WHERE "workspaceId" = $1 AND "connectedAccountId" = $2`,
      [workspaceId, connectedAccountId],
    );
    return rows[0] ?? null;
  }

  async findMany(workspaceId: string, connectedAccountIds: string[]): Promise<MicrosoftIdentity[]> {
    if (connectedAccountIds.length === 0) return [];
    return this.dataSource.query(
      `SELECT "connectedAccountId", "workspaceId", "homeAccountId", "tenantId", "objectId", "username"
       FROM "microsoftIdentity" WHERE "workspaceId" = $1 AND "connectedAccountId" = ANY($2::uuid[])`,
      [workspaceId, connectedAccountIds],
    );
  }

  async delete(workspaceId: string, connectedAccountId: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(`DELETE FROM "microsoftIdentity" WHERE "workspaceId" = $1 AND "connectedAccountId" = $2`, [workspaceId, connectedAccountId]);
  }
}
