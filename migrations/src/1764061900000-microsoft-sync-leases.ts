import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who is syncing which channel, so that a crashed process's sync is resumed within seconds: every process running
 * the plugin heartbeats its row, and a channel's lease belongs to a process; a lease whose process stopped beating
 * is free to take over.
 */
export class MicrosoftSyncLeases1764061900000 implements MigrationInterface {
  name = 'MicrosoftSyncLeases1764061900000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "microsoftWorkerProcess" (
        "id" uuid PRIMARY KEY,
        "hostname" text NOT NULL,
        "pid" integer NOT NULL,
        "startedAt" timestamptz NOT NULL DEFAULT now(),
        "heartbeatAt" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE "microsoftSyncLease" (
        "channelId" uuid PRIMARY KEY,
        "workspaceId" uuid NOT NULL,
        "kind" text NOT NULL,
        "ownerProcessId" uuid NOT NULL,
        "leaseId" uuid NOT NULL,
        "acquiredAt" timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "microsoftSyncLease"`);
    await queryRunner.query(`DROP TABLE "microsoftWorkerProcess"`);
  }
}
