// The webhook load generator, in a process of its own (forked by push-bench.ts): POSTs Graph-shaped change
// notifications for the bench's real subscriptions (their ids and clientStates) to the plugin's webhook, open loop at
// a fixed rate over undici keep-alive connections. Each POST is timed from the moment it was DUE (so a server that
// falls behind is charged for the queueing it causes, not hidden by it) to the end of its answer.
import { Pool } from 'undici';
import { quantile, serveRpc, type LoadReport, type LoadTask, type SubscriptionView } from './push-fixtures.js';

if (!process.send) throw new Error('push-load.ts is started by push-bench.ts (it needs an IPC channel)');

const count = (map: Record<string, number>, key: string) => {
  map[key] = (map[key] ?? 0) + 1;
};

function body(subscriptions: SubscriptionView[], tag: string, first: number, items: number): string {
  const value = [];
  for (let n = first; n < first + items; n += 1) {
    const subscription = subscriptions[n % subscriptions.length]!;
    const resource = `Users/${subscription.userId}/Messages/${tag}-${n}`;
    value.push({
      subscriptionId: subscription.id,
      subscriptionExpirationDateTime: new Date(subscription.expirationDateTime).toISOString(),
      changeType: 'created',
      resource,
      resourceData: { '@odata.type': '#Microsoft.Graph.Message', '@odata.id': resource, '@odata.etag': `W/"bench${n}"`, id: `${tag}-${n}` },
      clientState: subscription.clientState,
      tenantId: subscription.tenantId,
    });
  }
  return JSON.stringify({ value });
}

async function run(task: LoadTask): Promise<LoadReport> {
  const url = new URL(task.url);
  const pool = new Pool(url.origin, { connections: task.connections, pipelining: 1, keepAliveTimeout: 60_000, headersTimeout: 30_000, bodyTimeout: 30_000 });
  const statuses: Record<string, number> = {};
  const errors: Record<string, number> = {};
  const acceptedNumbers: number[] = [];
  let nextNumber = 0;

  /** Sends `rate` notifications per second for `seconds`; returns the measured POSTs' timings. */
  const phase = async (rate: number, seconds: number) => {
    const postsPerSecond = rate / task.itemsPerPost;
    const totalPosts = Math.round(postsPerSecond * seconds);
    const latencies: number[] = [];
    const service: number[] = [];
    const lag: number[] = [];
    const inFlight: Promise<void>[] = [];
    let sentItems = 0;
    let acceptedItems = 0;
    let lastAnswer = 0;
    const started = performance.now();
    const fire = (index: number) => {
      const due = started + (index * 1000) / postsPerSecond;
      const first = nextNumber;
      nextNumber += task.itemsPerPost;
      sentItems += task.itemsPerPost;
      const handed = performance.now();
      lag.push(handed - due);
      inFlight.push(
        pool
          .request({ path: url.pathname, method: 'POST', headers: { 'content-type': 'application/json' }, body: body(task.subscriptions, task.tag, first, task.itemsPerPost) })
          .then(async (response) => {
            await response.body.dump();
            const now = performance.now();
            lastAnswer = Math.max(lastAnswer, now);
            latencies.push(now - due);
            service.push(now - handed);
            count(statuses, String(response.statusCode));
            if (response.statusCode === 202) {
              acceptedItems += task.itemsPerPost;
              for (let n = first; n < first + task.itemsPerPost; n += 1) acceptedNumbers.push(n);
            }
          })
          .catch((error: Error & { code?: string }) => count(errors, error.code ?? error.name)),
      );
    };
    await new Promise<void>((resolve) => {
      let sent = 0;
      const tick = () => {
        const due = Math.min(totalPosts, Math.floor(((performance.now() - started) * postsPerSecond) / 1000) + 1);
        while (sent < due) fire(sent++);
        if (sent < totalPosts) setTimeout(tick, 1);
        else resolve();
      };
      tick();
    });
    await Promise.all(inFlight);
    return { latencies, service, lag, sentItems, acceptedItems, wallMs: lastAnswer - started, posts: totalPosts };
  };

  try {
    const warm = await phase(task.warmup.rate, task.warmup.seconds);
    const measured = await phase(task.measured.rate, task.measured.seconds);
    const sorted = [...measured.latencies].sort((a, b) => a - b);
    const round = (value: number) => Math.round(value * 10) / 10;
    return {
      measuredSent: measured.sentItems,
      measuredAccepted: measured.acceptedItems,
      allSent: warm.sentItems + measured.sentItems,
      allAccepted: warm.acceptedItems + measured.acceptedItems,
      acceptedNumbers,
      statuses,
      errors,
      p50Ms: round(quantile(sorted, 0.5)),
      p90Ms: round(quantile(sorted, 0.9)),
      p99Ms: round(quantile(sorted, 0.99)),
      maxMs: round(sorted.at(-1) ?? Number.NaN),
      serviceP99Ms: round(quantile([...measured.service].sort((a, b) => a - b), 0.99)),
      generatorLagP99Ms: round(quantile([...measured.lag].sort((a, b) => a - b), 0.99)),
      achievedPerSecond: Math.round(measured.acceptedItems / (measured.wallMs / 1000)),
      measuredWallMs: Math.round(measured.wallMs),
      posts: measured.posts,
    };
  } finally {
    await pool.close();
  }
}

serveRpc({ run });
process.once('disconnect', () => process.exit(3));
process.send({ event: 'ready' });
