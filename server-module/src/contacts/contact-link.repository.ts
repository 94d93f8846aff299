import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { SharedPersonFields } from '@m365/shared-types';
import { updateReturning } from '../common/update-returning.util.js';

export interface ContactLinkRecord {
  id: string;
  workspaceId: string;
  contactChannelId: string;
  contactExternalId: string;
  folderExternalId: string;
  /** The changeKey both sides last agreed on (the import's, or the one the plugin's own write got back). */
  changeKey: string | null;
  personId: string | null;
  createdBySync: boolean;
  editedInCrm: boolean;
  detachedReason: string | null;
  /** The shared fields as Outlook and the CRM last agreed on them: the base each side's change is told from. */
  syncedFields: SharedPersonFields;
  outlookModifiedAt: Date | null;
}

export type NewContactLink = Pick<ContactLinkRecord, 'workspaceId' | 'contactChannelId' | 'contactExternalId' | 'folderExternalId' | 'changeKey' | 'personId' | 'createdBySync' | 'syncedFields' | 'outlookModifiedAt'>;

/** `microsoftContactLink`: which person each Outlook contact is (never two people for one contact). */
@Injectable()
export class ContactLinkRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** The links of these contacts, locked for the caller's transaction (the import's page, an outbound write). */
  async lockMany(manager: EntityManager, contactChannelId: string, contactExternalIds: string[]): Promise<Map<string, ContactLinkRecord>> {
    if (contactExternalIds.length === 0) return new Map();
    const rows: ContactLinkRecord[] = await manager.query(
      `SELECT * FROM "microsoftContactLink" WHERE "contactChannelId" = $1 AND "contactExternalId" = ANY($2::text[]) ORDER BY "contactExternalId" FOR UPDATE`,
      [contactChannelId, contactExternalIds],
    );
    return new Map(rows.map((row) => [row.contactExternalId, row]));
  }

  async find(contactChannelId: string, contactExternalId: string, manager: EntityManager = this.dataSource.manager): Promise<ContactLinkRecord | null> {
    const [row] = await manager.query(`SELECT * FROM "microsoftContactLink" WHERE "contactChannelId" = $1 AND "contactExternalId" = $2`, [contactChannelId, contactExternalId]);
    return row ?? null;
  }

  /** The live links of a person, in every contact channel of the workspace. */
  async findForPerson(manager: EntityManager, workspaceId: string, personId: string): Promise<ContactLinkRecord[]> {
    return manager.query(
      `SELECT * FROM "microsoftContactLink" WHERE "workspaceId" = $1 AND "personId" = $2 AND "detachedReason" IS NULL ORDER BY "createdAt" FOR UPDATE`,
      [workspaceId, personId],
    );
  }

  async insert(manager: EntityManager, link: NewContactLink): Promise<void> {
    await manager.query(
      `INSERT INTO "microsoftContactLink" ("workspaceId", "contactChannelId", "contactExternalId", "folderExternalId", "changeKey", "personId", "createdBySync", "syncedFields", "outlookModifiedAt")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT ("contactChannelId", "contactExternalId") DO NOTHING`,
      [link.workspaceId, link.contactChannelId, link.contactExternalId, link.folderExternalId, link.changeKey, link.personId, link.createdBySync, JSON.stringify(link.syncedFields), link.outlookModifiedAt],
    );
  }

  async agree(manager: EntityManager, linkId: string, agreed: { changeKey: string | null; syncedFields: SharedPersonFields; outlookModifiedAt: Date | null; folderExternalId?: string }): Promise<void> {
    await manager.query(
      `UPDATE "microsoftContactLink" SET "changeKey" = $2, "syncedFields" = $3, "outlookModifiedAt" = $4, "folderExternalId" = COALESCE($5, "folderExternalId"), "updatedAt" = now() WHERE "id" = $1`,
      [linkId, agreed.changeKey, JSON.stringify(agreed.syncedFields), agreed.outlookModifiedAt, agreed.folderExternalId ?? null],
    );
  }

  /** A member edited the person: every link to them says so, resting ones too (disconnect then keeps the person). */
  async markEditedInCrm(manager: EntityManager, workspaceId: string, personId: string): Promise<void> {
    await manager.query(`UPDATE "microsoftContactLink" SET "editedInCrm" = true, "updatedAt" = now() WHERE "workspaceId" = $1 AND "personId" = $2 AND NOT "editedInCrm"`, [workspaceId, personId]);
  }

  async detach(manager: EntityManager, linkIds: string[], reason: string): Promise<void> {
    if (linkIds.length === 0) return;
    await manager.query(`UPDATE "microsoftContactLink" SET "detachedReason" = $2, "updatedAt" = now() WHERE "id" = ANY($1::uuid[])`, [linkIds, reason]);
  }

  /** Unlinks: the link goes, the person stays. */
  async remove(manager: EntityManager, linkIds: string[]): Promise<void> {
    if (linkIds.length === 0) return;
    await manager.query(`DELETE FROM "microsoftContactLink" WHERE "id" = ANY($1::uuid[])`, [linkIds]);
  }

  /** A folder gone from Outlook or left out by the member: its contacts are unlinked (their people stay). */
  async removeForFolders(contactChannelId: string, folderExternalIds: string[]): Promise<number> {
    if (folderExternalIds.length === 0) return 0;
    const removed = await updateReturning(
      this.dataSource.manager,
      `DELETE FROM "microsoftContactLink" WHERE "contactChannelId" = $1 AND "folderExternalId" = ANY($2::text[]) RETURNING "id"`,
      [contactChannelId, folderExternalIds],
    );
    return removed.length;
  }

  /** Links of these folders stop carrying changes (the folders were left out); their people stay. */
  async detachForFolders(contactChannelId: string, folderExternalIds: string[], reason: string): Promise<void> {
    if (folderExternalIds.length === 0) return;
    await this.dataSource.query(
      `UPDATE "microsoftContactLink" SET "detachedReason" = $3, "updatedAt" = now() WHERE "contactChannelId" = $1 AND "folderExternalId" = ANY($2::text[]) AND "detachedReason" IS NULL`,
      [contactChannelId, folderExternalIds, reason],
    );
  }

  async revive(manager: EntityManager, linkId: string): Promise<void> {
    await manager.query(`UPDATE "microsoftContactLink" SET "detachedReason" = NULL, "updatedAt" = now() WHERE "id" = $1`, [linkId]);
  }

  /**
   * After a folder's walk from the start: links of its contacts the walk did not see are of contacts deleted in
   * Outlook meanwhile (a fresh delta lists no removals). They are unlinked; their people stay.
   */
  async removeUnseen(contactChannelId: string, folderExternalId: string, seen: string[]): Promise<number> {
    const removed = await updateReturning(
      this.dataSource.manager,
      `DELETE FROM "microsoftContactLink" WHERE "contactChannelId" = $1 AND "folderExternalId" = $2 AND NOT ("contactExternalId" = ANY($3::text[])) RETURNING "id"`,
      [contactChannelId, folderExternalId, seen],
    );
    return removed.length;
  }

  async countLinked(contactChannelId: string): Promise<{ linked: number; createdBySync: number }> {
    const [row] = await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE "detachedReason" IS NULL AND "personId" IS NOT NULL)::int AS linked,
              count(*) FILTER (WHERE "detachedReason" IS NULL AND "createdBySync")::int AS "createdBySync"
       FROM "microsoftContactLink" WHERE "contactChannelId" = $1`,
      [contactChannelId],
    );
    return { linked: row.linked, createdBySync: row.createdBySync };
  }

  async linksOfPeople(workspaceId: string, personIds: string[]): Promise<Array<{ personId: string; contactChannelId: string; contactExternalId: string }>> {
    if (personIds.length === 0) return [];
    return this.dataSource.query(
      `SELECT "personId", "contactChannelId", "contactExternalId" FROM "microsoftContactLink" WHERE "workspaceId" = $1 AND "personId" = ANY($2::uuid[]) AND "detachedReason" IS NULL`,
      [workspaceId, personIds],
    );
  }
}
