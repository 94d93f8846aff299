import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Booking pages (`microsoftBookingPage`): a member's public page on one of their Microsoft accounts, its rules of
 * availability, and the bookings guests made on it (`microsoftBooking`).
 *
 * A booking row is written as HELD before Outlook is asked, under a per-account advisory lock that checks for an
 * overlapping HELD or CONFIRMED booking: of two guests racing for one slot exactly one holds it. Cancel and
 * reschedule links are signed tokens naming the booking and its sequence: nothing of them is stored.
 */
export class CreateMicrosoftBookingPages1764063400000 implements MigrationInterface {
  name = 'CreateMicrosoftBookingPages1764063400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "microsoftBookingPage" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "workspaceId" uuid NOT NULL,
        "workspaceMemberId" uuid NOT NULL,
        "connectedAccountId" uuid NOT NULL,
        "title" text NOT NULL,
        "slug" text NOT NULL,
        "description" text,
        "durationsMinutes" integer[] NOT NULL,
        "locationKind" text NOT NULL,
        "locationDetail" text,
        "timeZone" text NOT NULL,
        "workingHours" jsonb NOT NULL,
        "bufferBeforeMinutes" integer NOT NULL DEFAULT 0,
        "bufferAfterMinutes" integer NOT NULL DEFAULT 0,
        "minimumNoticeMinutes" integer NOT NULL DEFAULT 0,
        "horizonDays" integer NOT NULL,
        "dailyCap" integer,
        "busyCalendarIds" uuid[] NOT NULL DEFAULT '{}',
        "enabled" boolean NOT NULL DEFAULT true,
        "createdAt" timestamptz NOT NULL DEFAULT now(),
        "updatedAt" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "UQ_microsoftBookingPage_slug" UNIQUE ("slug")
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_microsoftBookingPage_owner" ON "microsoftBookingPage" ("workspaceId", "workspaceMemberId")`);
    await queryRunner.query(`CREATE INDEX "IDX_microsoftBookingPage_account" ON "microsoftBookingPage" ("connectedAccountId")`);
    await queryRunner.query(`
      CREATE TABLE "microsoftBooking" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "pageId" uuid NOT NULL REFERENCES "microsoftBookingPage" ("id") ON DELETE CASCADE,
        "workspaceId" uuid NOT NULL,
        "connectedAccountId" uuid NOT NULL,
        "submissionKey" text NOT NULL,
        "guestName" text NOT NULL,
        "guestEmail" text NOT NULL,
        "guestTimeZone" text NOT NULL,
        "note" text,
        "start" timestamptz NOT NULL,
        "end" timestamptz NOT NULL,
        "status" text NOT NULL,
        "outlookEventId" text,
        "iCalUid" text NOT NULL,
        "sequence" integer NOT NULL DEFAULT 0,
        "joinUrl" text,
        "personId" uuid,
        "confirmationSent" boolean NOT NULL DEFAULT false,
        "createdAt" timestamptz NOT NULL DEFAULT now(),
        "updatedAt" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "UQ_microsoftBooking_submission" UNIQUE ("pageId", "submissionKey")
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_microsoftBooking_account_time" ON "microsoftBooking" ("connectedAccountId", "start") WHERE "status" IN ('HELD', 'CONFIRMED')`);
    await queryRunner.query(`CREATE INDEX "IDX_microsoftBooking_page" ON "microsoftBooking" ("pageId", "start")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "microsoftBooking"`);
    await queryRunner.query(`DROP TABLE "microsoftBookingPage"`);
  }
}
