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

export interface FolderRolesInput {
  neverImportedFolderIds: string[];
  inboxFolderId: string | null;
}

export interface FolderRoles {
  neverImported: Set<string>;
  inboxExternalId: string | null;
}

/** Per-channel progress and last error, in the plugin's own `microsoftSyncProgress` table. */
@Injectable()
export class SyncProgressRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** A full pass begins: what is imported already, what it expects in all, and its folders' roles (external ids). */
  async startPass(workspaceId: string, channelId: string, kind: 'mail' | 'calendar', pass: { importedCount: number; estimatedTotal: number } & FolderRolesInput): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO "microsoftSyncProgress" ("channelId", "workspaceId", "kind", "importedCount", "estimatedTotal", "neverImportedFolderIds", "inboxFolderId", "passStartedAt")
       VALUES ($1, $2, $3, $4, $5, $6, $7, now())
       ON CONFLICT ("channelId") DO UPDATE SET "importedCount" = EXCLUDED."importedCount", "estimatedTotal" = EXCLUDED."estimatedTotal",
         "neverImportedFolderIds" = EXCLUDED."neverImportedFolderIds", "inboxFolderId" = EXCLUDED."inboxFolderId", "passStartedAt" = now(), "updatedAt" = now()`,
      [channelId, workspaceId, kind, pass.importedCount, pass.estimatedTotal, pass.neverImportedFolderIds, pass.inboxFolderId],
    );
  }

  /** Which of the channel's folders are its Inbox and which its import leaves out, as its last full pass found them. */
  async folderRoles(channelId: string): Promise<FolderRoles> {
    const [row] = await this.dataSource.query(`SELECT "neverImportedFolderIds" AS "ids", "inboxFolderId" FROM "microsoftSyncProgress" WHERE "channelId" = $1`, [channelId]);
    return { neverImported: new Set<string>(row?.ids ?? []), inboxExternalId: row?.inboxFolderId ?? null };
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
