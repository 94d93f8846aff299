import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * CRM-side calendar changes on their way to Outlook (written in the host's transaction with the change), and the
 * changeKeys Outlook gave back for each event: the plugin's own writes (their echo is not re-applied) and the last
 * ones the import saw (the If-Match of the next write).
 */
export class CreateMicrosoftCalendarOutbox1764062600000 implements MigrationInterface {
  name = 'CreateMicrosoftCalendarOutbox1764062600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "microsoftCalendarOutbox" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "workspaceId" uuid NOT NULL,
        "workspaceMemberId" uuid NOT NULL,
        "calendarChannelId" uuid NOT NULL,
        "calendarEventId" uuid NOT NULL,
        "kind" text NOT NULL CHECK ("kind" IN ('CREATED', 'UPDATED', 'DELETED')),
        "scope" text NOT NULL DEFAULT 'THIS_EVENT' CHECK ("scope" IN ('THIS_EVENT', 'ALL_EVENTS')),
        "calendarExternalId" text,
        "eventExternalId" text,
        "recurringEventExternalId" text,
        "baseChangeKey" text,
        "fields" jsonb NOT NULL DEFAULT '{}',
        "previous" jsonb NOT NULL DEFAULT '{}',
        "editedAt" timestamptz NOT NULL,
        "status" text NOT NULL DEFAULT 'PENDING' CHECK ("status" IN ('PENDING', 'APPLIED', 'FAILED', 'CONFLICT_LOST')),
        "message" text,
        "attempts" integer NOT NULL DEFAULT 0,
        "leaseUntil" timestamptz,
        "resultExternalId" text,
        "resultChangeKey" text,
        "createdAt" timestamptz NOT NULL DEFAULT now(),
        "updatedAt" timestamptz NOT NULL DEFAULT now(),
        "appliedAt" timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_microsoftCalendarOutbox_event" ON "microsoftCalendarOutbox" ("calendarEventId", "createdAt")`);
    await queryRunner.query(`CREATE INDEX "IDX_microsoftCalendarOutbox_pending" ON "microsoftCalendarOutbox" ("createdAt") WHERE "status" = 'PENDING'`);
    await queryRunner.query(`
      CREATE TABLE "microsoftCalendarEventChangeKey" (
        "calendarChannelId" uuid NOT NULL,
        "eventExternalId" text NOT NULL,
        "changeKey" text NOT NULL,
        "writtenByPlugin" boolean NOT NULL DEFAULT false,
        "seenAt" timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY ("calendarChannelId", "eventExternalId", "changeKey")
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_microsoftCalendarEventChangeKey_latest" ON "microsoftCalendarEventChangeKey" ("calendarChannelId", "eventExternalId", "seenAt" DESC)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "microsoftCalendarEventChangeKey"`);
    await queryRunner.query(`DROP TABLE "microsoftCalendarOutbox"`);
  }
}
