import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Tables the plugin owns: sealed secrets, Microsoft identities of connected accounts, one-time OAuth states. */
export class CreateMicrosoftVaultAndOAuthState1764061200000 implements MigrationInterface {
  name = 'CreateMicrosoftVaultAndOAuthState1764061200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "microsoftSecret" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "workspaceId" uuid NOT NULL,
        "kind" text NOT NULL,
        "ownerId" text NOT NULL,
        "keyId" text NOT NULL,
        "sealed" text NOT NULL,
        "createdAt" timestamptz NOT NULL DEFAULT now(),
        "updatedAt" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "UQ_microsoftSecret_kind_owner" UNIQUE ("kind", "ownerId")
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_microsoftSecret_keyId" ON "microsoftSecret" ("keyId")`);
    await queryRunner.query(`
      CREATE TABLE "microsoftIdentity" (
        "connectedAccountId" uuid PRIMARY KEY,
        "workspaceId" uuid NOT NULL,
        "homeAccountId" text NOT NULL,
        "tenantId" text NOT NULL,
        "objectId" text NOT NULL,
        "username" text NOT NULL,
        "createdAt" timestamptz NOT NULL DEFAULT now(),
        "updatedAt" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_microsoftIdentity_workspace" ON "microsoftIdentity" ("workspaceId")`);
    await queryRunner.query(`
      CREATE TABLE "microsoftOAuthState" (
        "nonce" text PRIMARY KEY,
        "workspaceId" uuid NOT NULL,
        "workspaceMemberId" uuid NOT NULL,
        "purpose" text NOT NULL,
        "sealedCodeVerifier" text NOT NULL,
        "redirectLocation" text,
        "expiresAt" timestamptz NOT NULL,
        "consumedAt" timestamptz,
        "createdAt" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_microsoftOAuthState_expiresAt" ON "microsoftOAuthState" ("expiresAt")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "microsoftOAuthState"`);
    await queryRunner.query(`DROP TABLE "microsoftIdentity"`);
    await queryRunner.query(`DROP TABLE "microsoftSecret"`);
  }
}
