import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What an imported calendar needs beyond Twenty's columns: the event's own time zone (IANA) for display, and per
 * channel association the provider calendar it came from (so one calendar can be re-walked alone) and whether its
 * owner marked it private (teammates then see only "Busy" and the time). The calendar channel gets the
 * throttleRetryAfter its message sibling has.
 */
export class CalendarEventZoneAndPrivacy1700000000001 implements MigrationInterface {
  name = 'CalendarEventZoneAndPrivacy1700000000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "calendarEvent" ADD COLUMN "timeZone" text`);
    await queryRunner.query(`ALTER TABLE "calendarChannelEventAssociation" ADD COLUMN "calendarExternalId" text, ADD COLUMN "isPrivate" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE "calendarChannel" ADD COLUMN "throttleRetryAfter" timestamptz`);
    await queryRunner.query(`CREATE INDEX "IDX_calendarChannelEventAssociation_calendar" ON "calendarChannelEventAssociation" ("calendarChannelId", "calendarExternalId")`);
    await queryRunner.query(`CREATE INDEX "IDX_calendarChannelEventAssociation_recurring" ON "calendarChannelEventAssociation" ("calendarChannelId", "recurringEventExternalId")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_calendarChannelEventAssociation_recurring"`);
    await queryRunner.query(`DROP INDEX "IDX_calendarChannelEventAssociation_calendar"`);
    await queryRunner.query(`ALTER TABLE "calendarChannel" DROP COLUMN "throttleRetryAfter"`);
    await queryRunner.query(`ALTER TABLE "calendarChannelEventAssociation" DROP COLUMN "isPrivate", DROP COLUMN "calendarExternalId"`);
    await queryRunner.query(`ALTER TABLE "calendarEvent" DROP COLUMN "timeZone"`);
  }
}
