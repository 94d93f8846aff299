import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { CrmRecordObject } from '@m365/shared-types';
import type { DriveItemRef } from './drive-item.types.js';
import { updateReturning } from '../common/update-returning.util.js';
import { RECORD_FILES_SHOWN } from './files.constants.js';

export interface FileLinkRecord {
  id: string;
  workspaceId: string;
  recordObject: CrmRecordObject;
  recordId: string;
  connectedAccountId: string;
  driveId: string;
  itemId: string;
  driveType: string;
  name: string;
  webUrl: string | null;
  size: number | null;
  mimeType: string | null;
  isFolder: boolean;
  lastModifiedAt: Date | null;
  goneAt: Date | null;
  refreshedAt: Date;
  attachedByMemberId: string;
  attachedAt: Date;
}

const COLUMNS = `"id", "workspaceId", "recordObject", "recordId", "connectedAccountId", "driveId", "itemId", "driveType", "name", "webUrl",
  "size"::float8 AS "size", "mimeType", "isFolder", "lastModifiedAt", "goneAt", "refreshedAt", "attachedByMemberId", "attachedAt"`;

/** Links from people and companies to OneDrive and SharePoint items, by drive and item id. */
@Injectable()
export class FileLinkRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async listForRecord(workspaceId: string, recordObject: CrmRecordObject, recordId: string): Promise<FileLinkRecord[]> {
    return this.dataSource.query(
      `SELECT ${COLUMNS} FROM "microsoftFileLink" WHERE "workspaceId" = $1 AND "recordObject" = $2 AND "recordId" = $3 ORDER BY "attachedAt" DESC, "id" LIMIT ${RECORD_FILES_SHOWN}`,
      [workspaceId, recordObject, recordId],
    );
  }

  async find(workspaceId: string, id: string): Promise<FileLinkRecord | null> {
    const rows: FileLinkRecord[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM "microsoftFileLink" WHERE "workspaceId" = $1 AND "id" = $2`, [workspaceId, id]);
    return rows[0] ?? null;
  }

  /** Attaching what the record already carries refreshes the cached facts and keeps the one link. */
  async attach(input: { workspaceId: string; recordObject: CrmRecordObject; recordId: string; connectedAccountId: string; attachedByMemberId: string; item: DriveItemRef }): Promise<FileLinkRecord> {
    const { item } = input;
    const rows: FileLinkRecord[] = await this.dataSource.query(
      `INSERT INTO "microsoftFileLink" ("workspaceId", "recordObject", "recordId", "connectedAccountId", "driveId", "itemId", "driveType", "name", "webUrl", "size", "mimeType", "isFolder", "lastModifiedAt", "attachedByMemberId")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
       ON CONFLICT ("workspaceId", "recordObject", "recordId", "driveId", "itemId") DO UPDATE SET "name" = EXCLUDED."name", "webUrl" = EXCLUDED."webUrl",
         "size" = EXCLUDED."size", "mimeType" = EXCLUDED."mimeType", "isFolder" = EXCLUDED."isFolder", "lastModifiedAt" = EXCLUDED."lastModifiedAt", "goneAt" = NULL, "refreshedAt" = now()
       RETURNING ${COLUMNS}`,
      [input.workspaceId, input.recordObject, input.recordId, input.connectedAccountId, item.driveId, item.itemId, item.driveType, item.name, item.webUrl, item.size, item.mimeType, item.isFolder, item.lastModifiedAt, input.attachedByMemberId],
    );
    return rows[0]!;
  }

  async refreshed(id: string, item: DriveItemRef): Promise<void> {
    await this.dataSource.query(
      `UPDATE "microsoftFileLink" SET "name" = $2, "webUrl" = $3, "size" = $4, "mimeType" = $5, "isFolder" = $6, "lastModifiedAt" = $7, "goneAt" = NULL, "refreshedAt" = now() WHERE "id" = $1`,
      [id, item.name, item.webUrl, item.size, item.mimeType, item.isFolder, item.lastModifiedAt],
    );
  }

  async markGone(id: string): Promise<void> {
    await this.dataSource.query(`UPDATE "microsoftFileLink" SET "goneAt" = COALESCE("goneAt", now()), "refreshedAt" = now() WHERE "id" = $1`, [id]);
  }

  async delete(workspaceId: string, id: string): Promise<boolean> {
    const rows = await updateReturning(this.dataSource.manager, `DELETE FROM "microsoftFileLink" WHERE "workspaceId" = $1 AND "id" = $2 RETURNING "id"`, [workspaceId, id]);
    return rows.length > 0;
  }

  /** Disconnect: the account's links go; the files stay at Microsoft. */
  async deleteForAccount(workspaceId: string, connectedAccountId: string, manager: EntityManager = this.dataSource.manager): Promise<number> {
    const rows = await updateReturning(manager, `DELETE FROM "microsoftFileLink" WHERE "workspaceId" = $1 AND "connectedAccountId" = $2 RETURNING "id"`, [workspaceId, connectedAccountId]);
    return rows.length;
  }
}
