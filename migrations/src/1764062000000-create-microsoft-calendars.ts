import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The calendars of each calendar channel, as Outlook lists them, with the member's choice of which to import and
 * each one's calendarView delta position. The cursor is only good for the window it was opened with, so the window
 * is kept beside it.
 */
export class CreateMicrosoftCalendars1764062000000 implements MigrationInterface {
  name = 'CreateMicrosoftCalendars1764062000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "microsoftCalendar" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "workspaceId" uuid NOT NULL,
        "calendarChannelId" uuid NOT NULL,
        "externalId" text NOT NULL,
        "name" text NOT NULL,
        "hexColor" text,
        "color" text,
        "ownerAddress" text,
        "isDefaultCalendar" boolean NOT NULL DEFAULT false,
        "canEdit" boolean NOT NULL DEFAULT false,
        "isOwn" boolean NOT NULL DEFAULT true,
        "isSynced" boolean NOT NULL,
        "syncCursor" text,
        "windowStart" timestamptz,
        "windowEnd" timestamptz,
        "createdAt" timestamptz NOT NULL DEFAULT now(),
        "updatedAt" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_microsoftCalendar_externalId" ON "microsoftCalendar" ("calendarChannelId", "externalId")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "microsoftCalendar"`);
  }
}
