import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

export interface SyncProgress {
  channelId: string;
  importedCount: number;
  estimatedTotal: number | null;
  lastErrorCode: string | null;
  lastErrorMessage: string | null;
  lastErrorAt: Date | null;
}

/** Per-channel progress and last error, in the plugin's own `microsoftSyncProgress` table. */
@Injectable()
export class SyncProgressRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** A full pass begins: what is imported already, what it expects in all, and the folders it leaves out (external ids). */
  async startPass(workspaceId: string, channelId: string, kind: 'mail' | 'calendar', pass: { importedCount: number; estimatedTotal: number; neverImportedFolderIds: string[] }): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO "microsoftSyncProgress" ("channelId", "workspaceId", "kind", "importedCount", "estimatedTotal", "neverImportedFolderIds", "passStartedAt")
       VALUES ($1, $2, $3, $4, $5, $6, now())
       ON CONFLICT ("channelId") DO UPDATE SET "importedCount" = EXCLUDED."importedCount", "estimatedTotal" = EXCLUDED."estimatedTotal",
         "neverImportedFolderIds" = EXCLUDED."neverImportedFolderIds", "passStartedAt" = now(), "updatedAt" = now()`,
      [channelId, workspaceId, kind, pass.importedCount, pass.estimatedTotal, pass.neverImportedFolderIds],
    );
  }

  /** The external ids of the folders the channel's import leaves out, as its last full pass found them. */
  async neverImportedFolderIds(channelId: string): Promise<Set<string>> {
    const [row] = await this.dataSource.query(`SELECT "neverImportedFolderIds" AS "ids" FROM "microsoftSyncProgress" WHERE "channelId" = $1`, [channelId]);
    return new Set<string>(row?.ids ?? []);
  }

  async addImported(channelId: string, count: number): Promise<void> {
    if (count === 0) return;
    await this.dataSource.query(`UPDATE "microsoftSyncProgress" SET "importedCount" = "importedCount" + $2, "updatedAt" = now() WHERE "channelId" = $1`, [channelId, count]);
  }

  async finishPass(channelId: string, importedCount: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE "microsoftSyncProgress" SET "importedCount" = $2, "estimatedTotal" = GREATEST("estimatedTotal", $2), "lastErrorCode" = NULL,
         "lastErrorMessage" = NULL, "lastErrorAt" = NULL, "updatedAt" = now() WHERE "channelId" = $1`,
      [channelId, importedCount],
    );
  }

  async recordError(workspaceId: string, channelId: string, kind: 'mail' | 'calendar', code: string, message: string): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO "microsoftSyncProgress" ("channelId", "workspaceId", "kind", "lastErrorCode", "lastErrorMessage", "lastErrorAt")
       VALUES ($1, $2, $3, $4, $5, now())
       ON CONFLICT ("channelId") DO UPDATE SET "lastErrorCode" = $4, "lastErrorMessage" = $5, "lastErrorAt" = now(), "updatedAt" = now()`,
      [channelId, workspaceId, kind, code, message.slice(0, 1000)],
    );
  }

  async deleteForChannels(channelIds: string[], manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(`DELETE FROM "microsoftSyncProgress" WHERE "channelId" = ANY($1::uuid[])`, [channelIds]);
  }

  async findMany(channelIds: string[]): Promise<SyncProgress[]> {
    if (channelIds.length === 0) return [];
    return this.dataSource.query(
      `SELECT "channelId", "importedCount", "estimatedTotal", "lastErrorCode", "lastErrorMessage", "lastErrorAt"
       FROM "microsoftSyncProgress" WHERE "channelId" = ANY($1::uuid[])`,
      [channelIds],
    );
  }
}
