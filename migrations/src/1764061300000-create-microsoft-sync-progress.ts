import type { MigrationInterface, QueryRunner } from 'typeorm';

/** What the plugin knows about each channel's sync beyond Twenty's columns: progress and the last error in words. */
export class CreateMicrosoftSyncProgress1764061300000 implements MigrationInterface {
  name = 'CreateMicrosoftSyncProgress1764061300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "microsoftSyncProgress" (
        "channelId" uuid PRIMARY KEY,
        "workspaceId" uuid NOT NULL,
        "kind" text NOT NULL,
        "importedCount" integer NOT NULL DEFAULT 0,
        "estimatedTotal" integer,
        "passStartedAt" timestamptz,
        "lastErrorCode" text,
        "lastErrorMessage" text,
        "lastErrorAt" timestamptz,
        "updatedAt" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_microsoftSyncProgress_workspace" ON "microsoftSyncProgress" ("workspaceId")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "microsoftSyncProgress"`);
  }
}
