import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * CRM tasks ↔ Microsoft To Do: the To Do lists that hold synced tasks (each with its tasks delta cursor; a list is
 * the channel its change-notification subscription serves) and the link of each synced CRM task to its To Do task
 * (the changeKey and shared fields both sides last agreed on, and whether a CRM change is on its way to To Do).
 */
export class CreateMicrosoftTodo1764063500000 implements MigrationInterface {
  name = 'CreateMicrosoftTodo1764063500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "microsoftTodoList" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "workspaceId" uuid NOT NULL,
        "connectedAccountId" uuid NOT NULL,
        "externalId" text NOT NULL,
        "displayName" text NOT NULL DEFAULT '',
        "syncCursor" text,
        "syncedAt" timestamptz,
        "lastErrorMessage" text,
        "createdAt" timestamptz NOT NULL DEFAULT now(),
        "updatedAt" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "UQ_microsoftTodoList_list" UNIQUE ("connectedAccountId", "externalId")
      )`);
    await queryRunner.query(`
      CREATE TABLE "microsoftTodoLink" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "workspaceId" uuid NOT NULL,
        "connectedAccountId" uuid NOT NULL,
        "workspaceMemberId" uuid NOT NULL,
        "taskId" uuid NOT NULL,
        "todoListId" uuid NOT NULL REFERENCES "microsoftTodoList" ("id") ON DELETE CASCADE,
        "todoTaskExternalId" text,
        "changeKey" text,
        "syncedFields" jsonb NOT NULL DEFAULT '{}',
        "state" text NOT NULL DEFAULT 'CREATING' CHECK ("state" IN ('CREATING', 'LINKED', 'REMOVING')),
        "outboundPendingAt" timestamptz,
        "crmEditedAt" timestamptz,
        "attempts" integer NOT NULL DEFAULT 0,
        "lastError" text,
        "createdAt" timestamptz NOT NULL DEFAULT now(),
        "updatedAt" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "UQ_microsoftTodoLink_task" UNIQUE ("workspaceId", "taskId"),
        CONSTRAINT "UQ_microsoftTodoLink_todoTask" UNIQUE ("connectedAccountId", "todoTaskExternalId")
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_microsoftTodoLink_list" ON "microsoftTodoLink" ("todoListId")`);
    await queryRunner.query(`CREATE INDEX "IDX_microsoftTodoLink_pending" ON "microsoftTodoLink" ("outboundPendingAt") WHERE "outboundPendingAt" IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "microsoftTodoLink"`);
    await queryRunner.query(`DROP TABLE "microsoftTodoList"`);
  }
}
