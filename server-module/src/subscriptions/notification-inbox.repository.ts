import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface ReceivedNotification {
  graphSubscriptionId: string;
  channelId: string;
  workspaceId: string;
  changeType: string;
  resourceId: string | null;
}

interface Waiting {
  items: ReceivedNotification[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

const FLUSH_AFTER_MS = 5;
const MAX_ROWS_PER_INSERT = 1000;

/**
 * Notifications are written before the webhook answers 202, so none is lost if the process dies right after.
 * Requests arriving within five milliseconds share one INSERT (group commit), which keeps a burst cheap.
 */
@Injectable()
export class NotificationInboxRepository implements OnApplicationShutdown {
  private waiting: Waiting[] = [];
  private timer?: NodeJS.Timeout;

  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  record(items: ReceivedNotification[]): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ items, resolve, reject });
      if (this.waiting.reduce((sum, entry) => sum + entry.items.length, 0) >= MAX_ROWS_PER_INSERT) void this.flush();
      else this.timer ??= setTimeout(() => void this.flush(), FLUSH_AFTER_MS);
    });
  }

  async pendingUpTo(channelId: string): Promise<string | null> {
    const [row] = await this.dataSource.query(`SELECT max("id")::text AS "id" FROM "microsoftNotification" WHERE "channelId" = $1 AND "processedAt" IS NULL`, [channelId]);
    return row?.id ?? null;
  }

  async markProcessed(channelId: string, upToId: string): Promise<void> {
    await this.dataSource.query(`UPDATE "microsoftNotification" SET "processedAt" = now() WHERE "channelId" = $1 AND "processedAt" IS NULL AND "id" <= $2`, [channelId, upToId]);
  }

  /** Channels with notifications still waiting after `olderThanMs` (their job was lost, e.g. Redis was down). */
  async channelsWithPending(olderThanMs: number): Promise<Array<{ workspaceId: string; channelId: string }>> {
    return this.dataSource.query(
      `SELECT DISTINCT "workspaceId", "channelId" FROM "microsoftNotification" WHERE "processedAt" IS NULL AND "receivedAt" < now() - make_interval(secs => $1)`,
      [olderThanMs / 1000],
    );
  }

  /** Processed notifications are kept a day for support, then dropped. */
  async purgeProcessed(): Promise<void> {
    await this.dataSource.query(`DELETE FROM "microsoftNotification" WHERE "processedAt" < now() - interval '1 day'`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.flush();
  }

  private async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.waiting;
    this.waiting = [];
    if (batch.length === 0) return;
    const rows = batch.flatMap((entry) => entry.items);
    try {
      await this.dataSource.query(
        `INSERT INTO "microsoftNotification" ("graphSubscriptionId", "channelId", "workspaceId", "changeType", "resourceId")
         SELECT * FROM unnest($1::text[], $2::uuid[], $3::uuid[], $4::text[], $5::text[])`,
        [rows.map((row) => row.graphSubscriptionId), rows.map((row) => row.channelId), rows.map((row) => row.workspaceId), rows.map((row) => row.changeType), rows.map((row) => row.resourceId)],
      );
      for (const entry of batch) entry.resolve();
    } catch (error) {
      for (const entry of batch) entry.reject(error);
    }
  }
}
