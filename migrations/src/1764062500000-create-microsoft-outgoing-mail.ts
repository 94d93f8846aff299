import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Compose: each draft or send is a state machine persisted here (draft created → content set → attachments
 * uploaded → sent), so a retry after a timeout, a 5xx or a killed process resumes from its step and never sends
 * twice. `microsoftMessageMailState` holds what the plugin wrote to Outlook for a message (read state, the
 * changeKeys it got back) so the delta echo of its own write is recognised and not applied again.
 */
export class CreateMicrosoftOutgoingMail1764062500000 implements MigrationInterface {
  name = 'CreateMicrosoftOutgoingMail1764062500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "microsoftOutgoingMessage" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "workspaceId" uuid NOT NULL,
        "workspaceMemberId" uuid NOT NULL,
        "connectedAccountId" uuid NOT NULL,
        "kind" text NOT NULL CHECK ("kind" IN ('NEW', 'REPLY', 'REPLY_ALL', 'FORWARD')),
        "sourceMessageExternalId" text,
        "step" text NOT NULL DEFAULT 'PENDING' CHECK ("step" IN ('PENDING', 'DRAFT_CREATED', 'CONTENT_SET', 'ATTACHMENTS_UPLOADED', 'SENT')),
        "status" text NOT NULL DEFAULT 'DRAFT' CHECK ("status" IN ('DRAFT', 'SENDING', 'QUEUED', 'SENT', 'FAILED', 'DISCARDED', 'CONFLICT')),
        "graphDraftId" text,
        "changeKey" text,
        "subject" text NOT NULL DEFAULT '',
        "bodyHtml" text NOT NULL DEFAULT '',
        "quotedBodyHtml" text,
        "toRecipients" jsonb NOT NULL DEFAULT '[]',
        "ccRecipients" jsonb NOT NULL DEFAULT '[]',
        "bccRecipients" jsonb NOT NULL DEFAULT '[]',
        "contentVersion" integer NOT NULL DEFAULT 1,
        "contentVersionSet" integer NOT NULL DEFAULT 0,
        "draftCreateStartedAt" timestamptz,
        "sendRequestedAt" timestamptz,
        "sendAttemptedAt" timestamptz,
        "nextAttemptAt" timestamptz,
        "sentAt" timestamptz,
        "savedToOutlookAt" timestamptz,
        "attempts" integer NOT NULL DEFAULT 0,
        "lockedUntil" timestamptz,
        "lastErrorCode" text,
        "lastError" text,
        "createdAt" timestamptz NOT NULL DEFAULT now(),
        "updatedAt" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_microsoftOutgoingMessage_account" ON "microsoftOutgoingMessage" ("workspaceId", "connectedAccountId")`);
    await queryRunner.query(`CREATE INDEX "IDX_microsoftOutgoingMessage_resumable" ON "microsoftOutgoingMessage" ("status") WHERE "status" IN ('SENDING', 'QUEUED')`);
    await queryRunner.query(`
      CREATE TABLE "microsoftOutgoingAttachment" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "outgoingMessageId" uuid NOT NULL REFERENCES "microsoftOutgoingMessage" ("id") ON DELETE CASCADE,
        "workspaceId" uuid NOT NULL,
        "name" text NOT NULL,
        "contentType" text NOT NULL,
        "size" bigint NOT NULL,
        "status" text NOT NULL DEFAULT 'UPLOADING' CHECK ("status" IN ('UPLOADING', 'UPLOADED', 'FAILED')),
        "uploadedBytes" bigint NOT NULL DEFAULT 0,
        "graphAttachmentId" text,
        "lastError" text,
        "createdAt" timestamptz NOT NULL DEFAULT now(),
        "updatedAt" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_microsoftOutgoingAttachment_message" ON "microsoftOutgoingAttachment" ("outgoingMessageId")`);
    await queryRunner.query(`
      CREATE TABLE "microsoftMessageMailState" (
        "messageChannelId" uuid NOT NULL,
        "messageExternalId" text NOT NULL,
        "workspaceId" uuid NOT NULL,
        "isRead" boolean NOT NULL,
        "writtenChangeKeys" text[] NOT NULL DEFAULT '{}',
        "updatedAt" timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY ("messageChannelId", "messageExternalId")
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "microsoftMessageMailState"`);
    await queryRunner.query(`DROP TABLE "microsoftOutgoingAttachment"`);
    await queryRunner.query(`DROP TABLE "microsoftOutgoingMessage"`);
  }
}
