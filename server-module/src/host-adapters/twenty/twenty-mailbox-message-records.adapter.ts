import type { EntityManager } from 'typeorm';
import type { ChannelMessageRef, MailboxMessageRecordsPort } from '@m365/shared-types';

/** The member's messages and threads as their channels hold them, on the Twenty-style schema. */
export class TwentyMailboxMessageRecordsAdapter implements MailboxMessageRecordsPort {
  constructor(private readonly manager: EntityManager) {}

  async findChannelMessages(workspaceId: string, messageChannelIds: string[], target: { messageId?: string; messageThreadId?: string }): Promise<ChannelMessageRef[]> {
    if (messageChannelIds.length === 0 || (!target.messageId && !target.messageThreadId)) return [];
    const byMessage = Boolean(target.messageId);
    return this.manager.query(
      `SELECT a."messageChannelId", a."messageId", m."messageThreadId", a."messageExternalId" AS "externalId"
       FROM "messageChannelMessageAssociation" a JOIN "message" m ON m."id" = a."messageId"
       WHERE a."workspaceId" = $1 AND a."messageChannelId" = ANY($2::uuid[]) AND a."messageExternalId" IS NOT NULL
         AND m."deletedAt" IS NULL AND ${byMessage ? `a."messageId" = $3` : `m."messageThreadId" = $3`}
       ORDER BY m."receivedAt", m."id"`,
      [workspaceId, messageChannelIds, byMessage ? target.messageId : target.messageThreadId],
    );
  }

  async relocateMessage(workspaceId: string, messageChannelId: string, fromExternalId: string, toExternalId: string, folderExternalId: string | null): Promise<void> {
    await this.manager.query(
      `UPDATE "messageChannelMessageAssociation" a
       SET "messageExternalId" = $4,
           "messageFolderId" = (SELECT f."id" FROM "messageFolder" f WHERE f."messageChannelId" = $2 AND f."externalId" = $5),
           "updatedAt" = now()
       WHERE a."workspaceId" = $1 AND a."messageChannelId" = $2 AND a."messageExternalId" = $3`,
      [workspaceId, messageChannelId, fromExternalId, toExternalId, folderExternalId],
    );
  }

  async findThreadParticipantHandles(workspaceId: string, messageChannelIds: string[], messageThreadId: string): Promise<string[]> {
    if (messageChannelIds.length === 0) return [];
    const rows: Array<{ handle: string }> = await this.manager.query(
      `SELECT DISTINCT lower(mp."handle") AS "handle"
       FROM "messageParticipant" mp JOIN "message" m ON m."id" = mp."messageId"
       WHERE mp."workspaceId" = $1 AND m."messageThreadId" = $3 AND m."deletedAt" IS NULL AND mp."handle" IS NOT NULL
         AND EXISTS (SELECT 1 FROM "messageChannelMessageAssociation" a WHERE a."messageId" = m."id" AND a."messageChannelId" = ANY($2::uuid[]))
       ORDER BY 1`,
      [workspaceId, messageChannelIds, messageThreadId],
    );
    return rows.map((row) => row.handle);
  }
}
