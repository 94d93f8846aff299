import type { DataSource } from 'typeorm';

/** Polls until `check` holds or the time runs out; returns how long it took. */
export async function eventually(check: () => Promise<boolean> | boolean, timeoutMs = 10_000, what = 'condition'): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await check()) return Date.now() - started;
    if (Date.now() - started > timeoutMs) throw new Error(`${what} not reached after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export async function activeSubscription(dataSource: DataSource, messageChannelId: string): Promise<{ graphSubscriptionId: string; expiresAt: Date } | null> {
  const [row] = await dataSource.query(`SELECT "graphSubscriptionId", "expiresAt", "status" FROM "microsoftSubscription" WHERE "channelId" = $1`, [messageChannelId]);
  return row?.status === 'ACTIVE' ? row : null;
}

/** Internet message ids of what the channel holds in synced folders, sorted. */
export async function channelMessageIds(dataSource: DataSource, messageChannelId: string): Promise<string[]> {
  const rows: Array<{ id: string }> = await dataSource.query(
    `SELECT m."headerMessageId" AS id FROM "messageChannelMessageAssociation" a JOIN "message" m ON m."id" = a."messageId"
     WHERE a."messageChannelId" = $1 AND a."messageFolderId" IS NOT NULL ORDER BY 1`,
    [messageChannelId],
  );
  return rows.map((row) => row.id);
}
