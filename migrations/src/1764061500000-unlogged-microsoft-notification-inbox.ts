import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The notification inbox holds hints ("walk this channel's delta"), never mail: the delta cursors and imported
 * rows stay WAL-logged. Unlogged, a webhook call's INSERT commits without waiting for a WAL flush. The price: if
 * PostgreSQL itself crashes, the hints not yet processed are gone, and the mail they pointed at arrives with the
 * next safety-net pass (every 5 minutes) instead. A CRM process that dies loses nothing.
 */
export class UnloggedMicrosoftNotificationInbox1764061500000 implements MigrationInterface {
  name = 'UnloggedMicrosoftNotificationInbox1764061500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "microsoftNotification" SET UNLOGGED`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "microsoftNotification" SET LOGGED`);
  }
}
