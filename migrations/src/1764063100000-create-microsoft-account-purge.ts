import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Disconnect as a persisted purge: the row is written first (the account is "disconnecting" from then on: no sync,
 * no compose, resolvers refuse), each step that completes is recorded, and a purge a crash or an unreachable Graph
 * interrupted is resumed by whichever process finds it (its owner process gone, its next attempt due). The row is
 * deleted with the last step.
 *
 * `microsoftExpiringSubscription` remembers the Graph subscriptions a purge could not delete (Graph unreachable
 * through every retry, or a grant already withdrawn): they stop on their own at `expiresAt`, and the row goes then.
 * It holds no secret and no mailbox data: the subscription's id, resource and expiry.
 */
export class CreateMicrosoftAccountPurge1764063100000 implements MigrationInterface {
  name = 'CreateMicrosoftAccountPurge1764063100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "microsoftAccountPurge" (
        "connectedAccountId" uuid PRIMARY KEY,
        "workspaceId" uuid NOT NULL,
        "accountOwnerId" uuid NOT NULL,
        "handle" text NOT NULL,
        "messageChannelIds" uuid[] NOT NULL DEFAULT '{}',
        "calendarChannelIds" uuid[] NOT NULL DEFAULT '{}',
        "completedSteps" text[] NOT NULL DEFAULT '{}',
        "attempts" integer NOT NULL DEFAULT 0,
        "nextAttemptAt" timestamptz NOT NULL DEFAULT now(),
        "ownerProcessId" uuid,
        "lastError" text,
        "requestedAt" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_microsoftAccountPurge_owner" ON "microsoftAccountPurge" ("workspaceId", "accountOwnerId")`);
    await queryRunner.query(`
      CREATE TABLE "microsoftExpiringSubscription" (
        "graphSubscriptionId" text PRIMARY KEY,
        "workspaceId" uuid NOT NULL,
        "resource" text NOT NULL,
        "expiresAt" timestamptz,
        "reason" text NOT NULL,
        "recordedAt" timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "microsoftExpiringSubscription"`);
    await queryRunner.query(`DROP TABLE "microsoftAccountPurge"`);
  }
}
