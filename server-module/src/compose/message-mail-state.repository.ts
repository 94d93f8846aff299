import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

const KEPT_CHANGE_KEYS = 8;

export interface InboundMailState {
  externalId: string;
  isRead: boolean;
  changeKey: string | null;
}

/**
 * Read state of the member's messages as the CRM shows it. The plugin's own writes record the changeKey Outlook
 * answered; an inbound change carrying one of those keys is the echo of that write and is not applied again, so a
 * quick read → unread never flickers back through a delta page that was already on its way.
 */
@Injectable()
export class MessageMailStateRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async recordWrite(workspaceId: string, messageChannelId: string, externalId: string, isRead: boolean, changeKey: string | null): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO "microsoftMessageMailState" ("workspaceId", "messageChannelId", "messageExternalId", "isRead", "writtenChangeKeys")
       VALUES ($1, $2, $3, $4, $5::text[])
       ON CONFLICT ("messageChannelId", "messageExternalId") DO UPDATE SET "isRead" = EXCLUDED."isRead",
         "writtenChangeKeys" = (EXCLUDED."writtenChangeKeys" || "microsoftMessageMailState"."writtenChangeKeys")[1:${KEPT_CHANGE_KEYS}], "updatedAt" = now()`,
      [workspaceId, messageChannelId, externalId, isRead, changeKey ? [changeKey] : []],
    );
  }

  /** Applies read states from import; returns how many changed (echoes of our own writes are skipped). */
  async applyInbound(workspaceId: string, messageChannelId: string, states: InboundMailState[], manager: EntityManager = this.dataSource.manager): Promise<number> {
    if (states.length === 0) return 0;
    const result = await manager.query(
      `INSERT INTO "microsoftMessageMailState" AS s ("workspaceId", "messageChannelId", "messageExternalId", "isRead")
       SELECT $1, $2, ext, rd FROM unnest($3::text[], $4::boolean[], $5::text[]) AS t(ext, rd, ck)
       ON CONFLICT ("messageChannelId", "messageExternalId") DO UPDATE SET "isRead" = EXCLUDED."isRead", "updatedAt" = now()
       WHERE s."isRead" IS DISTINCT FROM EXCLUDED."isRead"
         AND NOT ((SELECT ck FROM unnest($3::text[], $5::text[]) AS u(ext, ck) WHERE u.ext = EXCLUDED."messageExternalId" LIMIT 1) = ANY(s."writtenChangeKeys"))
       RETURNING 1`,
      [workspaceId, messageChannelId, states.map((s) => s.externalId), states.map((s) => s.isRead), states.map((s) => s.changeKey ?? '')],
    );
    return Array.isArray(result) ? result.length : 0;
  }

  async readStates(messageChannelId: string, externalIds: string[]): Promise<Map<string, boolean>> {
    if (externalIds.length === 0) return new Map();
    const rows: Array<{ messageExternalId: string; isRead: boolean }> = await this.dataSource.query(
      `SELECT "messageExternalId", "isRead" FROM "microsoftMessageMailState" WHERE "messageChannelId" = $1 AND "messageExternalId" = ANY($2::text[])`,
      [messageChannelId, externalIds],
    );
    return new Map(rows.map((row) => [row.messageExternalId, row.isRead]));
  }

  async rename(messageChannelId: string, fromExternalId: string, toExternalId: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE "microsoftMessageMailState" SET "messageExternalId" = $3 WHERE "messageChannelId" = $1 AND "messageExternalId" = $2`,
      [messageChannelId, fromExternalId, toExternalId],
    );
  }

  async deleteForChannels(channelIds: string[], manager: EntityManager = this.dataSource.manager): Promise<void> {
    if (channelIds.length > 0) await manager.query(`DELETE FROM "microsoftMessageMailState" WHERE "messageChannelId" = ANY($1::uuid[])`, [channelIds]);
  }
}
