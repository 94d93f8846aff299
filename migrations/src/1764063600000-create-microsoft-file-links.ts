import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Files on records. `microsoftFileLink` points a person or company at a OneDrive or SharePoint item by drive and item
 * id (Microsoft keeps both through renames and moves); name, webUrl, size, type and modified time are a cache,
 * refreshed from Graph when the record's files are listed. `goneAt` marks an item Microsoft no longer has.
 *
 * `microsoftTenantAdminConsent` remembers who granted SharePoint for a whole Microsoft tenant, and when;
 * `microsoftAdminConsentRefusal` that Microsoft refused an account's attempt because it is no administrator.
 */
export class CreateMicrosoftFileLinks1764063600000 implements MigrationInterface {
  name = 'CreateMicrosoftFileLinks1764063600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "microsoftFileLink" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "workspaceId" uuid NOT NULL,
        "recordObject" text NOT NULL CHECK ("recordObject" IN ('person', 'company')),
        "recordId" uuid NOT NULL,
        "connectedAccountId" uuid NOT NULL,
        "driveId" text NOT NULL,
        "itemId" text NOT NULL,
        "driveType" text NOT NULL,
        "name" text NOT NULL,
        "webUrl" text,
        "size" bigint,
        "mimeType" text,
        "isFolder" boolean NOT NULL DEFAULT false,
        "lastModifiedAt" timestamptz,
        "goneAt" timestamptz,
        "refreshedAt" timestamptz NOT NULL DEFAULT now(),
        "attachedByMemberId" uuid NOT NULL,
        "attachedAt" timestamptz NOT NULL DEFAULT now(),
        UNIQUE ("workspaceId", "recordObject", "recordId", "driveId", "itemId")
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_microsoftFileLink_account" ON "microsoftFileLink" ("connectedAccountId")`);
    await queryRunner.query(`
      CREATE TABLE "microsoftTenantAdminConsent" (
        "workspaceId" uuid NOT NULL,
        "tenantId" text NOT NULL,
        "scopes" text[] NOT NULL,
        "grantedByMemberId" uuid NOT NULL,
        "grantedByUsername" text NOT NULL,
        "grantedAt" timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY ("workspaceId", "tenantId")
      )`);
    await queryRunner.query(`
      CREATE TABLE "microsoftAdminConsentRefusal" (
        "connectedAccountId" uuid PRIMARY KEY,
        "workspaceId" uuid NOT NULL,
        "reason" text NOT NULL,
        "refusedAt" timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "microsoftAdminConsentRefusal"`);
    await queryRunner.query(`DROP TABLE "microsoftTenantAdminConsent"`);
    await queryRunner.query(`DROP TABLE "microsoftFileLink"`);
  }
}
