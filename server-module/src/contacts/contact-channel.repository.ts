import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ContactCreationPolicy } from '@m365/shared-types';
import { updateReturning } from '../common/update-returning.util.js';
import { ContactSyncStatus } from './contacts-sync.constants.js';

export interface ContactChannelRecord {
  id: string;
  workspaceId: string;
  connectedAccountId: string;
  creationPolicy: ContactCreationPolicy;
  /** Null: every folder of the account. */
  folderExternalId: string | null;
  syncStatus: ContactSyncStatus;
  syncStartedAt: Date | null;
  syncedAt: Date | null;
  contactsSeen: number;
  lastErrorMessage: string | null;
  lastErrorAt: Date | null;
}

export interface ContactFolderRecord {
  id: string;
  contactChannelId: string;
  externalId: string;
  name: string;
  parentExternalId: string | null;
  syncCursor: string | null;
}

/** The contact channel of each account (`microsoftContactChannel`) and its folders with their delta cursors. */
@Injectable()
export class ContactChannelRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async ensure(workspaceId: string, connectedAccountId: string, manager: EntityManager = this.dataSource.manager): Promise<ContactChannelRecord> {
    await manager.query(
      `INSERT INTO "microsoftContactChannel" ("workspaceId", "connectedAccountId") VALUES ($1, $2) ON CONFLICT ("connectedAccountId") DO NOTHING`,
      [workspaceId, connectedAccountId],
    );
    return (await this.findByAccount(workspaceId, connectedAccountId, manager))!;
  }

  async find(workspaceId: string, contactChannelId: string): Promise<ContactChannelRecord | null> {
    const [row] = await this.dataSource.query(`SELECT * FROM "microsoftContactChannel" WHERE "workspaceId" = $1 AND "id" = $2`, [workspaceId, contactChannelId]);
    return row ?? null;
  }

  async findByAccount(workspaceId: string, connectedAccountId: string, manager: EntityManager = this.dataSource.manager): Promise<ContactChannelRecord | null> {
    const [row] = await manager.query(`SELECT * FROM "microsoftContactChannel" WHERE "workspaceId" = $1 AND "connectedAccountId" = $2`, [workspaceId, connectedAccountId]);
    return row ?? null;
  }

  /** Microsoft accounts (the plugin's identities) that have no contact channel yet: connected before contacts sync existed. */
  async accountsWithoutChannel(limit: number): Promise<Array<{ workspaceId: string; connectedAccountId: string }>> {
    return this.dataSource.query(
      `SELECT i."workspaceId", i."connectedAccountId" FROM "microsoftIdentity" i
       WHERE NOT EXISTS (SELECT 1 FROM "microsoftContactChannel" c WHERE c."connectedAccountId" = i."connectedAccountId") LIMIT $1`,
      [limit],
    );
  }

  /** Contact channels with no contacts subscription (push asked for them before it could be made, or they predate it). */
  async withoutSubscription(limit: number): Promise<ContactChannelRecord[]> {
    return this.dataSource.query(
      `SELECT c.* FROM "microsoftContactChannel" c
       WHERE NOT EXISTS (SELECT 1 FROM "microsoftSubscription" s WHERE s."channelId" = c."id" AND s."kind" = 'contacts') LIMIT $1`,
      [limit],
    );
  }

  async listAll(limit: number): Promise<ContactChannelRecord[]> {
    return this.dataSource.query(`SELECT * FROM "microsoftContactChannel" ORDER BY "syncedAt" NULLS FIRST LIMIT $1`, [limit]);
  }

  async updateSettings(contactChannelId: string, patch: { creationPolicy?: ContactCreationPolicy; folderExternalId?: string | null }): Promise<void> {
    await this.dataSource.query(
      `UPDATE "microsoftContactChannel" SET "creationPolicy" = COALESCE($2, "creationPolicy"),
         "folderExternalId" = CASE WHEN $3::boolean THEN $4 ELSE "folderExternalId" END, "updatedAt" = now() WHERE "id" = $1`,
      [contactChannelId, patch.creationPolicy ?? null, patch.folderExternalId !== undefined, patch.folderExternalId ?? null],
    );
  }

  async markStarted(contactChannelId: string): Promise<void> {
    await this.dataSource.query(`UPDATE "microsoftContactChannel" SET "syncStatus" = $2, "syncStartedAt" = now(), "updatedAt" = now() WHERE "id" = $1`, [contactChannelId, ContactSyncStatus.ONGOING]);
  }

  async markSynced(contactChannelId: string, contactsSeen: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE "microsoftContactChannel" SET "syncStatus" = $2, "syncedAt" = now(), "contactsSeen" = $3, "lastErrorMessage" = NULL, "lastErrorAt" = NULL, "updatedAt" = now() WHERE "id" = $1`,
      [contactChannelId, ContactSyncStatus.ACTIVE, contactsSeen],
    );
  }

  async markFailed(contactChannelId: string, status: ContactSyncStatus, message: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE "microsoftContactChannel" SET "syncStatus" = $2, "lastErrorMessage" = $3, "lastErrorAt" = now(), "updatedAt" = now() WHERE "id" = $1`,
      [contactChannelId, status, message.slice(0, 500)],
    );
  }

  async listFolders(contactChannelId: string): Promise<ContactFolderRecord[]> {
    return this.dataSource.query(`SELECT * FROM "microsoftContactFolder" WHERE "contactChannelId" = $1 ORDER BY "name", "externalId"`, [contactChannelId]);
  }

  /** The folders as Outlook lists them now; returns those gone since the last listing (their links go). */
  async replaceFolders(contactChannelId: string, folders: Array<{ externalId: string; name: string; parentExternalId: string | null }>): Promise<ContactFolderRecord[]> {
    return this.dataSource.transaction(async (manager) => {
      if (folders.length > 0) {
        await manager.query(
          `INSERT INTO "microsoftContactFolder" ("contactChannelId", "externalId", "name", "parentExternalId")
           SELECT $1, ext, name, parent FROM unnest($2::text[], $3::text[], $4::text[]) AS t(ext, name, parent)
           ON CONFLICT ("contactChannelId", "externalId") DO UPDATE SET "name" = EXCLUDED."name", "parentExternalId" = EXCLUDED."parentExternalId"`,
          [contactChannelId, folders.map((folder) => folder.externalId), folders.map((folder) => folder.name), folders.map((folder) => folder.parentExternalId)],
        );
      }
      return updateReturning<ContactFolderRecord>(
        manager,
        `DELETE FROM "microsoftContactFolder" WHERE "contactChannelId" = $1 AND NOT ("externalId" = ANY($2::text[])) RETURNING *`,
        [contactChannelId, folders.map((folder) => folder.externalId)],
      );
    });
  }

  async saveCursor(folderId: string, cursor: string | null, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(`UPDATE "microsoftContactFolder" SET "syncCursor" = $2 WHERE "id" = $1`, [folderId, cursor]);
  }

  /** Every folder walks from the start on the next pass (the policy changed: contacts it left out may now be imported). */
  async resetCursors(contactChannelId: string): Promise<void> {
    await this.dataSource.query(`UPDATE "microsoftContactFolder" SET "syncCursor" = NULL WHERE "contactChannelId" = $1`, [contactChannelId]);
  }
}
