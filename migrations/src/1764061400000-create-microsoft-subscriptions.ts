import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Graph change-notification subscriptions the plugin holds, and the notifications it received, kept until processed. */
export class CreateMicrosoftSubscriptions1764061400000 implements MigrationInterface {
  name = 'CreateMicrosoftSubscriptions1764061400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "microsoftSubscription" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "workspaceId" uuid NOT NULL,
        "connectedAccountId" uuid NOT NULL,
        "channelId" uuid NOT NULL,
        "kind" text NOT NULL,
        "resource" text NOT NULL,
        "graphSubscriptionId" text,
        "status" text NOT NULL,
        "expiresAt" timestamptz,
        "lastNotificationAt" timestamptz,
        "lastError" text,
        "createdAt" timestamptz NOT NULL DEFAULT now(),
        "updatedAt" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "UQ_microsoftSubscription_channel_kind" UNIQUE ("channelId", "kind")
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_microsoftSubscription_graphId" ON "microsoftSubscription" ("graphSubscriptionId") WHERE "graphSubscriptionId" IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "IDX_microsoftSubscription_expiresAt" ON "microsoftSubscription" ("expiresAt")`);
    await queryRunner.query(`
      CREATE TABLE "microsoftNotification" (
        "id" bigserial PRIMARY KEY,
        "graphSubscriptionId" text NOT NULL,
        "channelId" uuid NOT NULL,
        "workspaceId" uuid NOT NULL,
        "changeType" text NOT NULL,
        "resourceId" text,
        "receivedAt" timestamptz NOT NULL DEFAULT now(),
        "processedAt" timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_microsoftNotification_pending" ON "microsoftNotification" ("channelId", "id") WHERE "processedAt" IS NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "microsoftNotification"`);
    await queryRunner.query(`DROP TABLE "microsoftSubscription"`);
  }
}
