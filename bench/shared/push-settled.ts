// When push has caught up with a channel, and when the plugin's subscription of it is live.
import type { DevHost } from '@m365/dev-host';

/** Until no change notification of the channel waits for its pass (the push job marks them processed after it). */
export async function pushSettled(host: DevHost, channelId: string, withinMs: number): Promise<void> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const [row] = await host.dataSource.query(`SELECT count(*)::int AS "pending" FROM "microsoftNotification" WHERE "channelId" = $1 AND "processedAt" IS NULL`, [channelId]);
    if (row.pending === 0) return;
    if (Date.now() > deadline) throw new Error(`${row.pending} change notifications still unprocessed after ${withinMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Until the channel's subscription of `kind` is ACTIVE (the plugin's subscription job made it). */
export async function subscriptionActive(host: DevHost, channelId: string, kind: string, withinMs: number): Promise<void> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const [row] = await host.dataSource.query(`SELECT "status", "lastError" FROM "microsoftSubscription" WHERE "channelId" = $1 AND "kind" = $2`, [channelId, kind]);
    if (row?.status === 'ACTIVE') return;
    if (Date.now() > deadline) throw new Error(`the ${kind} subscription is not ACTIVE after ${withinMs / 1000} s: ${row ? `${row.status} ${row.lastError ?? ''}` : 'no row'}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
