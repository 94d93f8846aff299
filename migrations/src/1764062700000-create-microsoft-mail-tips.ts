import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Out-of-office badges: what `getMailTips` answered for an address, per connected account, kept for minutes so a
 * page of participants costs one Graph call at most every few minutes. Disconnect deletes an account's rows.
 */
export class CreateMicrosoftMailTips1764062700000 implements MigrationInterface {
  name = 'CreateMicrosoftMailTips1764062700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "microsoftMailTip" (
        "connectedAccountId" uuid NOT NULL,
        "address" text NOT NULL,
        "workspaceId" uuid NOT NULL,
        "automaticReplyMessage" text NOT NULL DEFAULT '',
        "scheduledStartAt" timestamptz,
        "scheduledEndAt" timestamptz,
        "fetchedAt" timestamptz NOT NULL DEFAULT now(),
        "expiresAt" timestamptz NOT NULL,
        PRIMARY KEY ("connectedAccountId", "address")
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_microsoftMailTip_expiresAt" ON "microsoftMailTip" ("expiresAt")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "microsoftMailTip"`);
  }
}
