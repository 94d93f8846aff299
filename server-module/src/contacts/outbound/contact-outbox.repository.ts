import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { ContactSharedField, PersonChangeKind, SharedPersonFields } from '@m365/shared-types';
import { updateReturning } from '../../common/update-returning.util.js';

export type ContactOutboxStatus = 'PENDING' | 'APPLIED' | 'FAILED' | 'SKIPPED';

export interface ContactOutboxRecord {
  id: string;
  workspaceId: string;
  workspaceMemberId: string;
  contactChannelId: string;
  contactExternalId: string;
  personId: string;
  kind: PersonChangeKind;
  fields: Partial<SharedPersonFields>;
  editedAt: Date;
  status: ContactOutboxStatus;
  message: string | null;
  attempts: number;
  resultChangeKey: string | null;
  createdAt: Date;
}

export type NewContactOutboxRow = Pick<ContactOutboxRecord, 'workspaceId' | 'workspaceMemberId' | 'contactChannelId' | 'contactExternalId' | 'personId' | 'kind' | 'fields' | 'editedAt'>;

const LEASE_SECONDS = 60;

/** `microsoftContactOutbox`: CRM person edits and deletes on their way to one Outlook contact each. */
@Injectable()
export class ContactOutboxRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** Inside the host's transaction: the row commits with the CRM change or not at all. */
  async insert(manager: EntityManager, row: NewContactOutboxRow): Promise<void> {
    await manager.query(
      `INSERT INTO "microsoftContactOutbox" ("workspaceId", "workspaceMemberId", "contactChannelId", "contactExternalId", "personId", "kind", "fields", "editedAt")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [row.workspaceId, row.workspaceMemberId, row.contactChannelId, row.contactExternalId, row.personId, row.kind, JSON.stringify(row.fields), row.editedAt],
    );
  }

  /** The contact's oldest pending change, unless another worker holds one of its rows: one write per contact at a time, in order. */
  async claimNext(contactChannelId: string, contactExternalId: string): Promise<ContactOutboxRecord | null> {
    const [row] = await updateReturning<ContactOutboxRecord>(
      this.dataSource.manager,
      `UPDATE "microsoftContactOutbox" SET "leaseUntil" = now() + make_interval(secs => ${LEASE_SECONDS}), "attempts" = "attempts" + 1, "updatedAt" = now()
       WHERE "id" = (SELECT "id" FROM "microsoftContactOutbox" WHERE "contactChannelId" = $1 AND "contactExternalId" = $2 AND "status" = 'PENDING' ORDER BY "createdAt", "id" LIMIT 1)
         AND NOT EXISTS (SELECT 1 FROM "microsoftContactOutbox" o WHERE o."contactChannelId" = $1 AND o."contactExternalId" = $2 AND o."status" = 'PENDING' AND o."leaseUntil" > now())
       RETURNING *`,
      [contactChannelId, contactExternalId],
    );
    return row ?? null;
  }

  async hasPending(contactChannelId: string, contactExternalId: string): Promise<boolean> {
    const [row] = await this.dataSource.query(
      `SELECT 1 FROM "microsoftContactOutbox" WHERE "contactChannelId" = $1 AND "contactExternalId" = $2 AND "status" = 'PENDING' LIMIT 1`,
      [contactChannelId, contactExternalId],
    );
    return Boolean(row);
  }

  /** The contact's pending edits, locked (the import weighs them against Outlook's change under the conflict rule). */
  async pendingUpdates(manager: EntityManager, contactChannelId: string, contactExternalId: string): Promise<ContactOutboxRecord[]> {
    return manager.query(
      `SELECT * FROM "microsoftContactOutbox" WHERE "contactChannelId" = $1 AND "contactExternalId" = $2 AND "status" = 'PENDING' AND "kind" = 'UPDATED'
       ORDER BY "createdAt", "id" FOR UPDATE`,
      [contactChannelId, contactExternalId],
    );
  }

  /** Outlook's value of these fields won: pending edits no longer carry them. */
  async dropFields(manager: EntityManager, rowIds: string[], fields: ContactSharedField[]): Promise<void> {
    if (rowIds.length === 0 || fields.length === 0) return;
    await manager.query(`UPDATE "microsoftContactOutbox" SET "fields" = "fields" - $2::text[], "updatedAt" = now() WHERE "id" = ANY($1::uuid[])`, [rowIds, fields]);
  }

  /** Pending rows of this contact that no longer have anything to write. */
  async skipPending(manager: EntityManager, contactChannelId: string, contactExternalIds: string[], message: string): Promise<void> {
    if (contactExternalIds.length === 0) return;
    await manager.query(
      `UPDATE "microsoftContactOutbox" SET "status" = 'SKIPPED', "message" = $3, "leaseUntil" = NULL, "updatedAt" = now()
       WHERE "contactChannelId" = $1 AND "contactExternalId" = ANY($2::text[]) AND "status" = 'PENDING'`,
      [contactChannelId, contactExternalIds, message],
    );
  }

  /** Whether the plugin's own write produced this changeKey (its echo is not re-applied). */
  async wroteChangeKey(manager: EntityManager, contactChannelId: string, contactExternalId: string, changeKey: string): Promise<boolean> {
    const [row] = await manager.query(
      `SELECT 1 FROM "microsoftContactOutbox" WHERE "contactChannelId" = $1 AND "contactExternalId" = $2 AND "resultChangeKey" = $3 LIMIT 1`,
      [contactChannelId, contactExternalId, changeKey],
    );
    return Boolean(row);
  }

  /** Whether the CRM asked for this contact's delete (the import must not bring it back meanwhile). */
  async deleteRequested(manager: EntityManager, contactChannelId: string, contactExternalId: string): Promise<boolean> {
    const [row] = await manager.query(
      `SELECT 1 FROM "microsoftContactOutbox" WHERE "contactChannelId" = $1 AND "contactExternalId" = $2 AND "kind" = 'DELETED' AND "status" <> 'FAILED' LIMIT 1`,
      [contactChannelId, contactExternalId],
    );
    return Boolean(row);
  }

  async release(id: string, message: string | null): Promise<void> {
    await this.dataSource.query(`UPDATE "microsoftContactOutbox" SET "leaseUntil" = NULL, "message" = $2, "updatedAt" = now() WHERE "id" = $1`, [id, message]);
  }

  async finish(id: string, outcome: { status: ContactOutboxStatus; message: string | null; resultChangeKey?: string | null }, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(
      `UPDATE "microsoftContactOutbox" SET "status" = $2, "message" = $3, "resultChangeKey" = COALESCE($4, "resultChangeKey"), "leaseUntil" = NULL,
         "appliedAt" = CASE WHEN $2 = 'APPLIED' THEN now() ELSE "appliedAt" END, "updatedAt" = now()
       WHERE "id" = $1`,
      [id, outcome.status, outcome.message, outcome.resultChangeKey ?? null],
    );
  }

  async listStranded(olderThanSeconds: number, limit: number): Promise<Array<{ workspaceId: string; contactChannelId: string; contactExternalId: string }>> {
    return this.dataSource.query(
      `SELECT DISTINCT "workspaceId", "contactChannelId", "contactExternalId" FROM (
         SELECT "workspaceId", "contactChannelId", "contactExternalId" FROM "microsoftContactOutbox"
         WHERE "status" = 'PENDING' AND "createdAt" < now() - make_interval(secs => $1) AND ("leaseUntil" IS NULL OR "leaseUntil" < now())
         ORDER BY "createdAt" LIMIT $2) AS stranded`,
      [olderThanSeconds, limit],
    );
  }

  async countPending(contactChannelId: string): Promise<number> {
    const [row] = await this.dataSource.query(`SELECT count(*)::int AS n FROM "microsoftContactOutbox" WHERE "contactChannelId" = $1 AND "status" = 'PENDING'`, [contactChannelId]);
    return row.n;
  }
}
