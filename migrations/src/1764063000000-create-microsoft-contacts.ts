import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outlook contacts ↔ CRM people: one contact channel per account (its policy, chosen folder and status), the
 * account's contact folders with their delta cursors, the link of each contact to its person (the changeKey last
 * agreed and the shared fields as both sides last agreed on them), the outbox of CRM edits on their way to Outlook,
 * and the log of conflicts (what each side's losing value was).
 */
export class CreateMicrosoftContacts1764063000000 implements MigrationInterface {
  name = 'CreateMicrosoftContacts1764063000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "microsoftContactChannel" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "workspaceId" uuid NOT NULL,
        "connectedAccountId" uuid NOT NULL UNIQUE,
        "creationPolicy" text NOT NULL DEFAULT 'CREATE_WITH_EMAIL' CHECK ("creationPolicy" IN ('CREATE_ALL', 'CREATE_WITH_EMAIL', 'NEVER_CREATE')),
        "folderExternalId" text,
        "syncStatus" text NOT NULL DEFAULT 'NOT_SYNCED',
        "syncStartedAt" timestamptz,
        "syncedAt" timestamptz,
        "contactsSeen" integer NOT NULL DEFAULT 0,
        "lastErrorMessage" text,
        "lastErrorAt" timestamptz,
        "createdAt" timestamptz NOT NULL DEFAULT now(),
        "updatedAt" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE "microsoftContactFolder" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "contactChannelId" uuid NOT NULL REFERENCES "microsoftContactChannel" ("id") ON DELETE CASCADE,
        "externalId" text NOT NULL,
        "name" text NOT NULL,
        "parentExternalId" text,
        "syncCursor" text,
        CONSTRAINT "UQ_microsoftContactFolder" UNIQUE ("contactChannelId", "externalId")
      )`);
    await queryRunner.query(`
      CREATE TABLE "microsoftContactLink" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "workspaceId" uuid NOT NULL,
        "contactChannelId" uuid NOT NULL REFERENCES "microsoftContactChannel" ("id") ON DELETE CASCADE,
        "contactExternalId" text NOT NULL,
        "folderExternalId" text NOT NULL,
        "changeKey" text,
        "personId" uuid,
        "createdBySync" boolean NOT NULL DEFAULT false,
        "editedInCrm" boolean NOT NULL DEFAULT false,
        "detachedReason" text,
        "syncedFields" jsonb NOT NULL DEFAULT '{}',
        "outlookModifiedAt" timestamptz,
        "createdAt" timestamptz NOT NULL DEFAULT now(),
        "updatedAt" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "UQ_microsoftContactLink_contact" UNIQUE ("contactChannelId", "contactExternalId")
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_microsoftContactLink_person" ON "microsoftContactLink" ("workspaceId", "personId")`);
    await queryRunner.query(`
      CREATE TABLE "microsoftContactOutbox" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "workspaceId" uuid NOT NULL,
        "workspaceMemberId" uuid NOT NULL,
        "contactChannelId" uuid NOT NULL REFERENCES "microsoftContactChannel" ("id") ON DELETE CASCADE,
        "contactExternalId" text NOT NULL,
        "personId" uuid NOT NULL,
        "kind" text NOT NULL CHECK ("kind" IN ('UPDATED', 'DELETED')),
        "fields" jsonb NOT NULL DEFAULT '{}',
        "editedAt" timestamptz NOT NULL,
        "status" text NOT NULL DEFAULT 'PENDING' CHECK ("status" IN ('PENDING', 'APPLIED', 'FAILED', 'SKIPPED')),
        "message" text,
        "attempts" integer NOT NULL DEFAULT 0,
        "leaseUntil" timestamptz,
        "resultChangeKey" text,
        "createdAt" timestamptz NOT NULL DEFAULT now(),
        "updatedAt" timestamptz NOT NULL DEFAULT now(),
        "appliedAt" timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_microsoftContactOutbox_contact" ON "microsoftContactOutbox" ("contactChannelId", "contactExternalId", "createdAt")`);
    await queryRunner.query(`CREATE INDEX "IDX_microsoftContactOutbox_pending" ON "microsoftContactOutbox" ("createdAt") WHERE "status" = 'PENDING'`);
    await queryRunner.query(`
      CREATE TABLE "microsoftContactConflict" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "workspaceId" uuid NOT NULL,
        "contactChannelId" uuid NOT NULL REFERENCES "microsoftContactChannel" ("id") ON DELETE CASCADE,
        "personId" uuid,
        "contactExternalId" text NOT NULL,
        "field" text NOT NULL,
        "keptSide" text NOT NULL CHECK ("keptSide" IN ('CRM', 'OUTLOOK')),
        "keptValue" jsonb,
        "lostValue" jsonb,
        "crmEditedAt" timestamptz NOT NULL,
        "outlookModifiedAt" timestamptz NOT NULL,
        "createdAt" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_microsoftContactConflict_channel" ON "microsoftContactConflict" ("contactChannelId", "createdAt" DESC)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "microsoftContactConflict"`);
    await queryRunner.query(`DROP TABLE "microsoftContactOutbox"`);
    await queryRunner.query(`DROP TABLE "microsoftContactLink"`);
    await queryRunner.query(`DROP TABLE "microsoftContactFolder"`);
    await queryRunner.query(`DROP TABLE "microsoftContactChannel"`);
  }
}
