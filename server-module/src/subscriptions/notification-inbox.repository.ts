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

const MAX_ROWS_PER_INSERT = 1000;
/** INSERTs in flight at once; what arrives meanwhile waits for the next one and shares it. */
const MAX_INSERTS_IN_FLIGHT = 4;

/**
 * Notifications are written before the webhook answers 202, so none is lost if the process dies right after (the
 * table is UNLOGGED: see the migration that made it so for what a PostgreSQL crash costs).
 * Group commit: what arrives in one turn of the event loop shares one INSERT, and while INSERTs are in flight the
 * next batch grows until one of them returns — a burst costs a handful of statements, a lone notification no wait.
 */
@Injectable()
export class NotificationInboxRepository implements OnApplicationShutdown {
  private waiting: Waiting[] = [];
  private waitingRows = 0;
  private scheduled = false;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  record(items: ReceivedNotification[]): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ items, resolve, reject });
      this.waitingRows += items.length;
      this.schedule();
    });
  }

  /** The newest notification waiting for the channel, if any; then the channel's subscription counts as notified now. */
  async pendingUpTo(channelId: string): Promise<string | null> {
    const [row] = await this.dataSource.query(
      `WITH "pending" AS (SELECT max("id") AS "id" FROM "microsoftNotification" WHERE "channelId" = $1 AND "processedAt" IS NULL),
            "notified" AS (UPDATE "microsoftSubscription" SET "lastNotificationAt" = now() WHERE "channelId" = $1 AND (SELECT "id" FROM "pending") IS NOT NULL)
       SELECT "id"::text AS "id" FROM "pending"`,
      [channelId],
    );
    return row?.id ?? null;
  }

  async markProcessed(channelId: string, upToId: string): Promise<void> {
    await this.dataSource.query(`UPDATE "microsoftNotification" SET "processedAt" = now() WHERE "channelId" = $1 AND "processedAt" IS NULL AND "id" <= $2`, [channelId, upToId]);
  }

  /** Channels with notifications still waiting after `olderThanMs` (their job was lost, e.g. Redis was down), with their subscription's kind. */
  async channelsWithPending(olderThanMs: number): Promise<Array<{ workspaceId: string; channelId: string; kind: string }>> {
    return this.dataSource.query(
      `SELECT DISTINCT n."workspaceId", n."channelId", s."kind" FROM "microsoftNotification" n JOIN "microsoftSubscription" s ON s."channelId" = n."channelId"
       WHERE n."processedAt" IS NULL AND n."receivedAt" < now() - make_interval(secs => $1)`,
      [olderThanMs / 1000],
    );
  }

  /** Processed notifications are kept a day for support, then dropped. */
  async purgeProcessed(): Promise<void> {
    await this.dataSource.query(`DELETE FROM "microsoftNotification" WHERE "processedAt" < now() - interval '1 day'`);
  }

  async onApplicationShutdown(): Promise<void> {
    this.flush();
    await Promise.all(this.inFlight);
  }

  private schedule(): void {
    if (this.scheduled || this.waiting.length === 0) return;
    if (this.inFlight.size >= MAX_INSERTS_IN_FLIGHT && this.waitingRows < MAX_ROWS_PER_INSERT) return; // the next return flushes
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    const batch = this.waiting;
    if (batch.length === 0) return;
    this.waiting = [];
    this.waitingRows = 0;
    const insert = this.insert(batch);
    this.inFlight.add(insert);
    void insert.finally(() => {
      this.inFlight.delete(insert);
      this.schedule();
    });
  }

  private async insert(batch: Waiting[]): Promise<void> {
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
