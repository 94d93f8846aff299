import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The folders a channel's import always leaves out (Outlook's drafts, deleted items, junk, outbox and their sub-folders), by external id, as its last full pass found them. */
export class MicrosoftNeverImportedFolders1764061600000 implements MigrationInterface {
  name = 'MicrosoftNeverImportedFolders1764061600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "microsoftSyncProgress" ADD COLUMN "neverImportedFolderIds" text[] NOT NULL DEFAULT '{}'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "microsoftSyncProgress" DROP COLUMN "neverImportedFolderIds"`);
  }
}
