import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

export interface TodoListRecord {
  id: string;
  workspaceId: string;
  connectedAccountId: string;
  externalId: string;
  displayName: string;
  syncCursor: string | null;
  syncedAt: Date | null;
  lastErrorMessage: string | null;
}

/** `microsoftTodoList`: the To Do lists that hold synced tasks, each with its tasks delta cursor. */
@Injectable()
export class TodoListRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async ensure(workspaceId: string, connectedAccountId: string, externalId: string, displayName: string, manager: EntityManager = this.dataSource.manager): Promise<TodoListRecord> {
    const [row] = await manager.query(
      `INSERT INTO "microsoftTodoList" ("workspaceId", "connectedAccountId", "externalId", "displayName") VALUES ($1, $2, $3, $4)
       ON CONFLICT ("connectedAccountId", "externalId") DO UPDATE SET "displayName" = EXCLUDED."displayName", "updatedAt" = now() RETURNING *`,
      [workspaceId, connectedAccountId, externalId, displayName],
    );
    return row;
  }

  async find(workspaceId: string, todoListId: string): Promise<TodoListRecord | null> {
    const [row] = await this.dataSource.query(`SELECT * FROM "microsoftTodoList" WHERE "workspaceId" = $1 AND "id" = $2`, [workspaceId, todoListId]);
    return row ?? null;
  }

  /** The account's lists that hold synced tasks, with how many each holds: what Settings → Accounts shows. */
  async listSyncedForAccount(workspaceId: string, connectedAccountId: string): Promise<Array<TodoListRecord & { syncedTaskCount: number }>> {
    return this.dataSource.query(
      `SELECT l.*, count(k."id")::int AS "syncedTaskCount" FROM "microsoftTodoList" l JOIN "microsoftTodoLink" k ON k."todoListId" = l."id"
       WHERE l."workspaceId" = $1 AND l."connectedAccountId" = $2 GROUP BY l."id" ORDER BY l."displayName", l."id"`,
      [workspaceId, connectedAccountId],
    );
  }

  /** Lists that hold at least one synced task (the periodic pass walks these). */
  async listWithLinks(limit: number): Promise<TodoListRecord[]> {
    return this.dataSource.query(
      `SELECT l.* FROM "microsoftTodoList" l WHERE EXISTS (SELECT 1 FROM "microsoftTodoLink" k WHERE k."todoListId" = l."id") ORDER BY l."syncedAt" NULLS FIRST LIMIT $1`,
      [limit],
    );
  }

  /** Lists that hold synced tasks and have no subscription yet (push was asked for before it could be made). */
  async withoutSubscription(limit: number): Promise<TodoListRecord[]> {
    return this.dataSource.query(
      `SELECT l.* FROM "microsoftTodoList" l
       WHERE EXISTS (SELECT 1 FROM "microsoftTodoLink" k WHERE k."todoListId" = l."id")
         AND NOT EXISTS (SELECT 1 FROM "microsoftSubscription" s WHERE s."channelId" = l."id" AND s."kind" = 'todo') LIMIT $1`,
      [limit],
    );
  }

  /** Lists that no longer hold a synced task (their subscription goes too). */
  async listEmpty(limit: number): Promise<TodoListRecord[]> {
    return this.dataSource.query(
      `SELECT l.* FROM "microsoftTodoList" l WHERE NOT EXISTS (SELECT 1 FROM "microsoftTodoLink" k WHERE k."todoListId" = l."id") LIMIT $1`,
      [limit],
    );
  }

  async remove(todoListId: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM "microsoftTodoList" WHERE "id" = $1 AND NOT EXISTS (SELECT 1 FROM "microsoftTodoLink" k WHERE k."todoListId" = $1)`, [todoListId]);
  }

  async saveCursor(todoListId: string, cursor: string | null, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(`UPDATE "microsoftTodoList" SET "syncCursor" = $2, "updatedAt" = now() WHERE "id" = $1`, [todoListId, cursor]);
  }

  async markSynced(todoListId: string): Promise<void> {
    await this.dataSource.query(`UPDATE "microsoftTodoList" SET "syncedAt" = now(), "lastErrorMessage" = NULL, "updatedAt" = now() WHERE "id" = $1`, [todoListId]);
  }

  async markFailed(todoListId: string, message: string): Promise<void> {
    await this.dataSource.query(`UPDATE "microsoftTodoList" SET "lastErrorMessage" = $2, "updatedAt" = now() WHERE "id" = $1`, [todoListId, message.slice(0, 500)]);
  }
}
