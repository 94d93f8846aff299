import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

export interface CachedAutomaticReply {
  address: string;
  message: string;
  scheduledStartAt: Date | null;
  scheduledEndAt: Date | null;
}

/** getMailTips answers per (account, address), until they expire. Addresses are kept lower-case. */
@Injectable()
export class MailTipCacheRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async findFresh(connectedAccountId: string, addresses: string[]): Promise<CachedAutomaticReply[]> {
    if (addresses.length === 0) return [];
    return this.dataSource.query(
      `SELECT "address", "automaticReplyMessage" AS "message", "scheduledStartAt", "scheduledEndAt"
       FROM "microsoftMailTip" WHERE "connectedAccountId" = $1 AND "address" = ANY($2::text[]) AND "expiresAt" > now()`,
      [connectedAccountId, addresses],
    );
  }

  async store(workspaceId: string, connectedAccountId: string, replies: Array<CachedAutomaticReply & { expiresAt: Date }>): Promise<void> {
    if (replies.length === 0) return;
    await this.dataSource.query(
      `INSERT INTO "microsoftMailTip" ("connectedAccountId", "address", "workspaceId", "automaticReplyMessage", "scheduledStartAt", "scheduledEndAt", "fetchedAt", "expiresAt")
       SELECT $1, t.address, $2, t.message, t.starts, t.ends, now(), t.expires
       FROM unnest($3::text[], $4::text[], $5::timestamptz[], $6::timestamptz[], $7::timestamptz[]) AS t(address, message, starts, ends, expires)
       ON CONFLICT ("connectedAccountId", "address") DO UPDATE SET
         "automaticReplyMessage" = EXCLUDED."automaticReplyMessage", "scheduledStartAt" = EXCLUDED."scheduledStartAt",
         "scheduledEndAt" = EXCLUDED."scheduledEndAt", "fetchedAt" = EXCLUDED."fetchedAt", "expiresAt" = EXCLUDED."expiresAt"`,
      [
        connectedAccountId,
        workspaceId,
        replies.map((reply) => reply.address),
        replies.map((reply) => reply.message),
        replies.map((reply) => reply.scheduledStartAt),
        replies.map((reply) => reply.scheduledEndAt),
        replies.map((reply) => reply.expiresAt),
      ],
    );
  }

  async deleteForAccount(workspaceId: string, connectedAccountId: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(`DELETE FROM "microsoftMailTip" WHERE "workspaceId" = $1 AND "connectedAccountId" = $2`, [workspaceId, connectedAccountId]);
  }

  async deleteExpired(): Promise<number> {
    const [, count] = await this.dataSource.query(`DELETE FROM "microsoftMailTip" WHERE "expiresAt" <= now()`);
    return Number(count ?? 0);
  }
}
