import type { EntityManager } from 'typeorm';
import type { CrmRecordDirectoryPort, CrmRecordObject } from '@m365/shared-types';

const TABLES: Record<CrmRecordObject, string> = { person: '"person"', company: '"company"' };

/** People and companies of the Twenty-style schema, as files on records see them. */
export class TwentyCrmRecordDirectoryAdapter implements CrmRecordDirectoryPort {
  constructor(private readonly manager: EntityManager) {}

  async recordExists(workspaceId: string, object: CrmRecordObject, recordId: string): Promise<boolean> {
    const rows: unknown[] = await this.manager.query(`SELECT 1 FROM ${TABLES[object]} WHERE "workspaceId" = $1 AND "id" = $2 AND "deletedAt" IS NULL`, [workspaceId, recordId]);
    return rows.length > 0;
  }
}
