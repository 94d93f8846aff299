import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The channel's Inbox by external id, as its last full pass found it: Outlook names it in the mailbox's language. */
export class MicrosoftInboxFolder1764061700000 implements MigrationInterface {
  name = 'MicrosoftInboxFolder1764061700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "microsoftSyncProgress" ADD COLUMN "inboxFolderId" text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "microsoftSyncProgress" DROP COLUMN "inboxFolderId"`);
  }
}
