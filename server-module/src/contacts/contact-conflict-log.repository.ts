import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { ContactSharedField } from '@m365/shared-types';
import type { SharedValue } from './shared-fields.util.js';

export interface ContactConflictRecord {
  id: string;
  contactChannelId: string;
  personId: string | null;
  contactExternalId: string;
  field: ContactSharedField;
  keptSide: 'CRM' | 'OUTLOOK';
  keptValue: SharedValue | null;
  lostValue: SharedValue | null;
  crmEditedAt: Date;
  outlookModifiedAt: Date;
  createdAt: Date;
}

export type NewContactConflict = Omit<ContactConflictRecord, 'id' | 'createdAt'> & { workspaceId: string };

/** `microsoftContactConflict`: every field both sides changed, which side was kept and the value the other lost. */
@Injectable()
export class ContactConflictLogRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async record(manager: EntityManager, conflicts: NewContactConflict[]): Promise<void> {
    for (const conflict of conflicts) {
      await manager.query(
        `INSERT INTO "microsoftContactConflict" ("workspaceId", "contactChannelId", "personId", "contactExternalId", "field", "keptSide", "keptValue", "lostValue", "crmEditedAt", "outlookModifiedAt")
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [conflict.workspaceId, conflict.contactChannelId, conflict.personId, conflict.contactExternalId, conflict.field, conflict.keptSide,
          JSON.stringify(conflict.keptValue), JSON.stringify(conflict.lostValue), conflict.crmEditedAt, conflict.outlookModifiedAt],
      );
    }
  }

  async recent(contactChannelId: string, limit: number): Promise<ContactConflictRecord[]> {
    return this.dataSource.query(`SELECT * FROM "microsoftContactConflict" WHERE "contactChannelId" = $1 ORDER BY "createdAt" DESC, "id" LIMIT $2`, [contactChannelId, limit]);
  }
}
