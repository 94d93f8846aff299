import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Twenty's phones composite on person: the primary number and the additional ones (jsonb `[{ number }]`). */
export class PersonPhones1700000000005 implements MigrationInterface {
  name = 'PersonPhones1700000000005';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "person" ADD COLUMN "phonesPrimaryPhoneNumber" text, ADD COLUMN "phonesAdditionalPhones" jsonb NOT NULL DEFAULT '[]'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "person" DROP COLUMN "phonesAdditionalPhones", DROP COLUMN "phonesPrimaryPhoneNumber"`);
  }
}
