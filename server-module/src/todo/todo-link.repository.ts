import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { SharedTaskFields } from '@m365/shared-types';

export type TodoLinkState = 'CREATING' | 'LINKED' | 'REMOVING';

export interface TodoLinkRecord {
  id: string;
  workspaceId: string;
  connectedAccountId: string;
  workspaceMemberId: string;
  taskId: string;
  todoListId: string;
  todoTaskExternalId: string | null;
  changeKey: string | null;
  syncedFields: Partial<SharedTaskFields>;
  state: TodoLinkState;
  outboundPendingAt: Date | null;
  crmEditedAt: Date | null;
  attempts: number;
  lastError: string | null;
}

/** With the list's externalId, for what reads a link together with its list. */
export interface TodoLinkWithList extends TodoLinkRecord {
  listExternalId: string;
  listDisplayName: string;
}

const WITH_LIST = `SELECT k.*, l."externalId" AS "listExternalId", l."displayName" AS "listDisplayName" FROM "microsoftTodoLink" k JOIN "microsoftTodoList" l ON l."id" = k."todoListId"`;

/** `microsoftTodoLink`: one synced CRM task and its To Do task. */
@Injectable()
export class TodoLinkRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async insertCreating(manager: EntityManager, row: { workspaceId: string; connectedAccountId: string; workspaceMemberId: string; taskId: string; todoListId: string }): Promise<TodoLinkRecord> {
    const [link] = await manager.query(
      `INSERT INTO "microsoftTodoLink" ("workspaceId", "connectedAccountId", "workspaceMemberId", "taskId", "todoListId") VALUES ($1, $2, $3, $4, $5) RETURNING *`,
      [row.workspaceId, row.connectedAccountId, row.workspaceMemberId, row.taskId, row.todoListId],
    );
    return link;
  }

  async findForTask(workspaceId: string, taskId: string, manager: EntityManager = this.dataSource.manager): Promise<TodoLinkWithList | null> {
    const [row] = await manager.query(`${WITH_LIST} WHERE k."workspaceId" = $1 AND k."taskId" = $2`, [workspaceId, taskId]);
    return row ?? null;
  }

  async findById(linkId: string, manager: EntityManager = this.dataSource.manager): Promise<TodoLinkWithList | null> {
    const [row] = await manager.query(`${WITH_LIST} WHERE k."id" = $1`, [linkId]);
    return row ?? null;
  }

  async lock(manager: EntityManager, linkId: string): Promise<TodoLinkRecord | null> {
    const [row] = await manager.query(`SELECT * FROM "microsoftTodoLink" WHERE "id" = $1 FOR UPDATE`, [linkId]);
    return row ?? null;
  }

  async findByTodoTask(connectedAccountId: string, todoTaskExternalId: string, manager: EntityManager = this.dataSource.manager): Promise<TodoLinkRecord | null> {
    const [row] = await manager.query(`SELECT * FROM "microsoftTodoLink" WHERE "connectedAccountId" = $1 AND "todoTaskExternalId" = $2`, [connectedAccountId, todoTaskExternalId]);
    return row ?? null;
  }

  /** A link of this account for a CRM task id (what a To Do task's linked resource names as its externalId). */
  async findByTaskOfAccount(connectedAccountId: string, taskId: string, manager: EntityManager = this.dataSource.manager): Promise<TodoLinkRecord | null> {
    if (!/^[0-9a-f-]{36}$/i.test(taskId)) return null;
    const [row] = await manager.query(`SELECT * FROM "microsoftTodoLink" WHERE "connectedAccountId" = $1 AND "taskId" = $2`, [connectedAccountId, taskId]);
    return row ?? null;
  }

  /** The To Do task made (or found again): the link carries changes from now on. */
  async linked(manager: EntityManager, linkId: string, values: { todoListId: string; todoTaskExternalId: string; changeKey: string | null; syncedFields: SharedTaskFields }): Promise<void> {
    await manager.query(
      `UPDATE "microsoftTodoLink" SET "state" = CASE WHEN "state" = 'REMOVING' THEN 'REMOVING' ELSE 'LINKED' END, "todoListId" = $2, "todoTaskExternalId" = $3,
         "changeKey" = $4, "syncedFields" = $5, "lastError" = NULL, "updatedAt" = now() WHERE "id" = $1`,
      [linkId, values.todoListId, values.todoTaskExternalId, values.changeKey, JSON.stringify(values.syncedFields)],
    );
  }

  async agree(manager: EntityManager, linkId: string, values: { changeKey: string | null; syncedFields: SharedTaskFields }): Promise<void> {
    await manager.query(`UPDATE "microsoftTodoLink" SET "changeKey" = $2, "syncedFields" = $3, "updatedAt" = now() WHERE "id" = $1`, [linkId, values.changeKey, JSON.stringify(values.syncedFields)]);
  }

  /** Inside the member's transaction: a CRM change is on its way to To Do (to the millisecond, as the write reads it back for its compare-and-set). */
  async markPending(manager: EntityManager, linkId: string, editedAt: Date, removing: boolean): Promise<void> {
    await manager.query(
      `UPDATE "microsoftTodoLink" SET "outboundPendingAt" = date_trunc('milliseconds', clock_timestamp()), "crmEditedAt" = GREATEST("crmEditedAt", $2), "attempts" = 0,
         "state" = CASE WHEN $3::boolean THEN 'REMOVING' ELSE "state" END, "updatedAt" = now() WHERE "id" = $1`,
      [linkId, editedAt, removing],
    );
  }

  /** The write is done, unless another change came meanwhile (compare-and-set on the pending time read). */
  async clearPending(manager: EntityManager, linkId: string, pendingAt: Date | null): Promise<void> {
    await manager.query(`UPDATE "microsoftTodoLink" SET "outboundPendingAt" = NULL, "lastError" = NULL, "updatedAt" = now() WHERE "id" = $1 AND "outboundPendingAt" IS NOT DISTINCT FROM $2`, [linkId, pendingAt]);
  }

  async failed(linkId: string, message: string, giveUp: boolean): Promise<void> {
    await this.dataSource.query(
      `UPDATE "microsoftTodoLink" SET "attempts" = "attempts" + 1, "lastError" = $2, "outboundPendingAt" = CASE WHEN $3::boolean THEN NULL ELSE "outboundPendingAt" END, "updatedAt" = now() WHERE "id" = $1`,
      [linkId, message.slice(0, 500), giveUp],
    );
  }

  async remove(manager: EntityManager, linkId: string): Promise<void> {
    await manager.query(`DELETE FROM "microsoftTodoLink" WHERE "id" = $1`, [linkId]);
  }

  async listStranded(olderThanSeconds: number, limit: number): Promise<Array<{ workspaceId: string; id: string }>> {
    return this.dataSource.query(
      `SELECT "workspaceId", "id" FROM "microsoftTodoLink" WHERE "outboundPendingAt" < now() - make_interval(secs => $1) ORDER BY "outboundPendingAt" LIMIT $2`,
      [olderThanSeconds, limit],
    );
  }
}
