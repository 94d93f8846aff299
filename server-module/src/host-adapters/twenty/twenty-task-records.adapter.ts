import type { DataSource, EntityManager } from 'typeorm';
import type { CrmTaskSnapshot, CrmTaskStatus, SharedTaskFields, TaskRecordsPort } from '@m365/shared-types';

interface TaskRow {
  id: string;
  title: string | null;
  body: string | null;
  dueAt: Date | null;
  status: CrmTaskStatus;
  personId: string | null;
  companyId: string | null;
}

/** Twenty's `task` rows: title, body, dueAt, status (`TODO` | `IN_PROGRESS` | `DONE`), soft deletion. */
export class TwentyTaskRecordsAdapter implements TaskRecordsPort {
  constructor(private readonly dataSource: DataSource) {}

  async findTask(workspaceId: string, taskId: string, transaction?: unknown, options: { forUpdate?: boolean } = {}): Promise<CrmTaskSnapshot | null> {
    const [row]: TaskRow[] = await this.manager(transaction).query(
      `SELECT "id", "title", "body", "dueAt", "status", "personId", "companyId" FROM "task" WHERE "workspaceId" = $1 AND "id" = $2 AND "deletedAt" IS NULL${options.forUpdate ? ' FOR UPDATE' : ''}`,
      [workspaceId, taskId],
    );
    if (!row) return null;
    return {
      taskId: row.id, title: (row.title ?? '').trim(), body: (row.body ?? '').trim(), dueAt: row.dueAt ? new Date(row.dueAt).toISOString() : null,
      status: row.status, personId: row.personId, companyId: row.companyId,
    };
  }

  async updateTask(workspaceId: string, taskId: string, fields: Partial<SharedTaskFields>, transaction?: unknown): Promise<void> {
    const sets: string[] = [];
    const params: unknown[] = [workspaceId, taskId];
    const set = (column: string, value: unknown) => {
      params.push(value);
      sets.push(`"${column}" = $${params.length}`);
    };
    if (fields.title !== undefined) set('title', fields.title);
    if (fields.body !== undefined) set('body', fields.body || null);
    if (fields.dueAt !== undefined) set('dueAt', fields.dueAt);
    if (fields.status !== undefined) set('status', fields.status);
    if (sets.length === 0) return;
    await this.manager(transaction).query(`UPDATE "task" SET ${sets.join(', ')}, "updatedAt" = now() WHERE "workspaceId" = $1 AND "id" = $2 AND "deletedAt" IS NULL`, params);
  }

  private manager(transaction?: unknown): EntityManager {
    return (transaction as EntityManager | undefined) ?? this.dataSource.manager;
  }
}
