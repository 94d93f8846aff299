import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The sync log Settings → Accounts shows: one row per sync run of a channel (quiet routine runs left out, busy
 * routine runs of the same hour folded into one), kept 14 days and at most a few hundred per channel.
 */
export class CreateMicrosoftSyncRuns1764061800000 implements MigrationInterface {
  name = 'CreateMicrosoftSyncRuns1764061800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "microsoftSyncRun" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "workspaceId" uuid NOT NULL,
        "channelId" uuid NOT NULL,
        "channelKind" text NOT NULL,
        "trigger" text NOT NULL,
        "outcome" text NOT NULL DEFAULT 'RUNNING',
        "startedAt" timestamptz NOT NULL DEFAULT now(),
        "finishedAt" timestamptz,
        "lastSeenAt" timestamptz NOT NULL DEFAULT now(),
        "passes" integer NOT NULL DEFAULT 1,
        "durationMs" integer NOT NULL DEFAULT 0,
        "created" integer NOT NULL DEFAULT 0,
        "updated" integer NOT NULL DEFAULT 0,
        "deleted" integer NOT NULL DEFAULT 0,
        "foldersSynced" integer NOT NULL DEFAULT 0,
        "foldersRestarted" text[] NOT NULL DEFAULT '{}',
        "errorCode" text,
        "errorMessage" text,
        "action" text,
        "retryAt" timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_microsoftSyncRun_channel_started" ON "microsoftSyncRun" ("channelId", "startedAt" DESC)`);
    await queryRunner.query(`CREATE INDEX "IDX_microsoftSyncRun_started" ON "microsoftSyncRun" ("startedAt")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "microsoftSyncRun"`);
  }
}
