// The webhook load generator, in a process of its own (forked by push-bench.ts): POSTs Graph-shaped change
// notifications for the bench's real subscriptions (their ids and clientStates) to the plugin's webhook, open loop at
// a fixed rate over keep-alive HTTP/1.1 connections, one request in flight on each; a POST that finds every
// connection busy waits for the first to free up. Each POST is timed from the moment it was DUE (so a server that
// falls behind is charged for the queueing it causes, not hidden by it) to the end of its answer.
import { Http1Connection } from './http1-connection.js';
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
  const head = `POST ${url.pathname} HTTP/1.1\r\nHost: ${url.host}\r\nContent-Type: application/json\r\n`;
  const connections = await Promise.all(Array.from({ length: task.connections }, () => Http1Connection.open(url.hostname, Number(url.port))));
  const idle = [...connections];
  const statuses: Record<string, number> = {};
  const errors: Record<string, number> = {};
  const acceptedNumbers: number[] = [];
  let nextNumber = 0;

  /** Sends `rate` notifications per second for `seconds`; returns the measured POSTs' timings. */
  const phase = async (rate: number, seconds: number) => {
    const postsPerSecond = rate / task.itemsPerPost;
    const totalPosts = Math.round(postsPerSecond * seconds);
    const latencies: number[] = [];
    const perSecond: number[][] = [];
    const service: number[] = [];
    const lag: number[] = [];
    const backlog: Array<{ due: number; first: number }> = [];
    const inFlight: Promise<void>[] = [];
    let sentItems = 0;
    let acceptedItems = 0;
    let lastAnswer = 0;
    const started = performance.now();
    const send = (connection: Http1Connection, due: number, first: number): Promise<void> => {
      const handed = performance.now();
      return connection
        .request(head, body(task.subscriptions, task.tag, first, task.itemsPerPost))
        .then(({ status, endedAt }) => {
          lastAnswer = Math.max(lastAnswer, endedAt);
          latencies.push(endedAt - due);
          (perSecond[Math.floor((due - started) / 1000)] ??= []).push(endedAt - due);
          service.push(endedAt - handed);
          count(statuses, String(status));
          if (status === 202) {
            acceptedItems += task.itemsPerPost;
            for (let n = first; n < first + task.itemsPerPost; n += 1) acceptedNumbers.push(n);
          }
        })
        .catch((error: Error & { code?: string }) => count(errors, error.code ?? error.name))
        .then(() => {
          const next = backlog.shift();
          if (next) return send(connection, next.due, next.first);
          idle.push(connection);
        });
    };
    const fire = (index: number) => {
      const due = started + (index * 1000) / postsPerSecond;
      const first = nextNumber;
      nextNumber += task.itemsPerPost;
      sentItems += task.itemsPerPost;
      lag.push(performance.now() - due);
      const connection = idle.pop();
      if (connection) inFlight.push(send(connection, due, first));
      else backlog.push({ due, first });
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
    while (backlog.length > 0 || idle.length < connections.length) await Promise.all(inFlight.splice(0));
    return { latencies, perSecond, service, lag, sentItems, acceptedItems, wallMs: lastAnswer - started, posts: totalPosts };
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
      p99MsBySecond: measured.perSecond.map((values) => round(quantile([...values].sort((a, b) => a - b), 0.99))),
      serviceP99Ms: round(quantile([...measured.service].sort((a, b) => a - b), 0.99)),
      generatorLagP99Ms: round(quantile([...measured.lag].sort((a, b) => a - b), 0.99)),
      achievedPerSecond: Math.round(measured.acceptedItems / (measured.wallMs / 1000)),
      measuredWallMs: Math.round(measured.wallMs),
      posts: measured.posts,
    };
  } finally {
    for (const connection of connections) connection.close();
  }
}

serveRpc({ run });
process.once('disconnect', () => process.exit(3));
process.send({ event: 'ready' });
