import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { GraphQLError } from 'graphql';
import { DataSource, type EntityManager } from 'typeorm';
import { TASK_CHANGE_PORT, TaskChangeKind, type RecordedTaskChange, type TaskChangePort, type WorkspaceMemberRef } from '@m365/shared-types';
import { isUuid } from '../records/uuid.util.js';
import type { TaskInput, TaskPatch, TaskRow } from './task.model.js';

const userError = (message: string, code = 'BAD_USER_INPUT') => new GraphQLError(message, { extensions: { code } });
const COLUMNS = `t."id", t."title", t."body", t."dueAt", t."status", t."assigneeId", t."personId", t."companyId", t."createdAt", t."updatedAt",
  NULLIF(trim(concat_ws(' ', p."nameFirstName", p."nameLastName")), '') AS "personName", c."name" AS "companyName"`;
const FROM = `"task" t LEFT JOIN "person" p ON p."id" = t."personId" AND p."deletedAt" IS NULL LEFT JOIN "company" c ON c."id" = t."companyId" AND c."deletedAt" IS NULL`;
const MAX_TITLE = 500;
const MAX_BODY = 20_000;

/**
 * Members list, create, edit and delete tasks. An edit or delete tells the plugin through the task change port in the
 * same transaction (a synced task's change then reaches Microsoft To Do); the plugin's job starts after the commit.
 */
@Injectable()
export class TasksService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly moduleRef: ModuleRef,
  ) {}

  private get port(): TaskChangePort {
    return this.moduleRef.get<TaskChangePort>(TASK_CHANGE_PORT, { strict: false });
  }

  async list(workspaceId: string, filter: { personId?: string | null; companyId?: string | null }): Promise<TaskRow[]> {
    const params: unknown[] = [workspaceId];
    const where = [`t."workspaceId" = $1`, `t."deletedAt" IS NULL`];
    for (const [column, value] of [['personId', filter.personId], ['companyId', filter.companyId]] as const) {
      if (value == null) continue;
      if (!isUuid(value)) return [];
      params.push(value);
      where.push(`t."${column}" = $${params.length}`);
    }
    return this.dataSource.query(`SELECT ${COLUMNS} FROM ${FROM} WHERE ${where.join(' AND ')} ORDER BY t."status" = 'DONE', t."dueAt" NULLS LAST, t."createdAt" DESC LIMIT 500`, params);
  }

  async find(workspaceId: string, taskId: string): Promise<TaskRow | null> {
    if (!isUuid(taskId)) return null;
    const [row] = await this.dataSource.query(`SELECT ${COLUMNS} FROM ${FROM} WHERE t."workspaceId" = $1 AND t."id" = $2 AND t."deletedAt" IS NULL`, [workspaceId, taskId]);
    return row ?? null;
  }

  async create(member: WorkspaceMemberRef, input: TaskInput): Promise<string> {
    const title = this.title(input.title);
    await this.checkRecord(member.workspaceId, 'person', input.personId);
    await this.checkRecord(member.workspaceId, 'company', input.companyId);
    const [{ id }] = await this.dataSource.query(
      `INSERT INTO "task" ("workspaceId", "title", "body", "dueAt", "status", "assigneeId", "personId", "companyId") VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING "id"`,
      [member.workspaceId, title, this.body(input.body), input.dueAt ?? null, input.status ?? 'TODO', member.workspaceMemberId, input.personId || null, input.companyId || null],
    );
    return id;
  }

  async update(member: WorkspaceMemberRef, taskId: string, patch: TaskPatch): Promise<void> {
    const recorded = await this.dataSource.transaction(async (manager) => {
      await this.liveTask(manager, member.workspaceId, taskId);
      const sets: string[] = [];
      const params: unknown[] = [member.workspaceId, taskId];
      const set = (column: string, value: unknown) => {
        params.push(value);
        sets.push(`"${column}" = $${params.length}`);
      };
      if (patch.title != null) set('title', this.title(patch.title));
      if (patch.body != null) set('body', this.body(patch.body));
      if (patch.clearDueAt) set('dueAt', null);
      else if (patch.dueAt != null) set('dueAt', patch.dueAt);
      if (patch.status != null) set('status', patch.status);
      if (sets.length === 0) throw userError('Nothing to change: the patch sets no field');
      await manager.query(`UPDATE "task" SET ${sets.join(', ')}, "updatedAt" = now() WHERE "workspaceId" = $1 AND "id" = $2`, params);
      return this.port.recordChange({ kind: TaskChangeKind.UPDATED, transaction: manager, workspaceId: member.workspaceId, workspaceMemberId: member.workspaceMemberId, taskId, editedAt: new Date() });
    });
    await this.dispatch(recorded);
  }

  /** Twenty deletes softly: the row stays with deletedAt set. */
  async remove(member: WorkspaceMemberRef, taskId: string): Promise<void> {
    const recorded = await this.dataSource.transaction(async (manager) => {
      await this.liveTask(manager, member.workspaceId, taskId);
      await manager.query(`UPDATE "task" SET "deletedAt" = now(), "updatedAt" = now() WHERE "workspaceId" = $1 AND "id" = $2`, [member.workspaceId, taskId]);
      return this.port.recordChange({ kind: TaskChangeKind.DELETED, transaction: manager, workspaceId: member.workspaceId, workspaceMemberId: member.workspaceMemberId, taskId, editedAt: new Date() });
    });
    await this.dispatch(recorded);
  }

  private title(value: string): string {
    const title = value.trim();
    if (!title) throw userError('A task needs a title');
    if (title.length > MAX_TITLE) throw userError(`A title has at most ${MAX_TITLE} characters`);
    return title;
  }

  private body(value: string | null | undefined): string | null {
    if (value == null) return null;
    if (value.length > MAX_BODY) throw userError(`A body has at most ${MAX_BODY} characters`);
    return value.trim() || null;
  }

  private async checkRecord(workspaceId: string, table: 'person' | 'company', id: string | null | undefined): Promise<void> {
    if (!id) return;
    const [row] = isUuid(id) ? await this.dataSource.query(`SELECT 1 FROM "${table}" WHERE "workspaceId" = $1 AND "id" = $2 AND "deletedAt" IS NULL`, [workspaceId, id]) : [];
    if (!row) throw userError(`No such ${table} in this workspace`, 'NOT_FOUND');
  }

  private async liveTask(manager: EntityManager, workspaceId: string, taskId: string): Promise<void> {
    const [row] = isUuid(taskId)
      ? await manager.query(`SELECT "id" FROM "task" WHERE "workspaceId" = $1 AND "id" = $2 AND "deletedAt" IS NULL FOR UPDATE`, [workspaceId, taskId])
      : [];
    if (!row) throw userError('No such task in this workspace', 'NOT_FOUND');
  }

  private async dispatch(recorded: RecordedTaskChange): Promise<void> {
    // The change is committed; a failure to start its job is caught up by the plugin's resume cron.
    await recorded.dispatch().catch(() => undefined);
  }
}
