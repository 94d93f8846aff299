// What the push benchmark's processes share: its sizes and targets, the messages they exchange over IPC, and a tiny
// request/answer protocol on top of Node's IPC channel (the orchestrator asks, a child answers).
import type { ChildProcess } from 'node:child_process';

/** Mailboxes connected to the CRM (one emulator user and one connected account each). */
export const MAILBOXES = 100;
/** Messages already in each mailbox before it is connected (imported by the first, full pass). */
export const SEEDED_PER_MAILBOX = 6;
/** New messages delivered during the latency phase, at uniformly random times over `LATENCY_SPREAD_MS`. */
export const LATENCY_MESSAGES = 2_000;
export const LATENCY_SPREAD_MS = 60_000;
/** Burst phase: this many mailboxes each receive `BURST_SIZE` messages within `BURST_WINDOW_MS`. */
export const BURST_MAILBOXES = 25;
export const BURST_SIZE = 20;
export const BURST_WINDOW_MS = 200;
/** Burst starts are spread over this much time. */
export const BURST_STARTS_WITHIN_MS = 2_000;
/** Webhook load: notifications per second, for this long, after a warm-up. */
export const LOAD_RATE = 5_000;
export const LOAD_SECONDS = 4;
export const LOAD_WARMUP_RATE = 1_000;
export const LOAD_WARMUP_SECONDS = 1;
export const LOAD_CONNECTIONS = 64;
/** Change notifications per POST (Graph batches when several are pending; 1 is the webhook's worst case). */
export const LOAD_ITEMS_PER_POST = Number(process.env.BENCH_PUSH_ITEMS_PER_POST ?? 1);
/** How often the orchestrator asks the CRM database which outstanding messages are readable. */
export const POLL_EVERY_MS = 10;

export const TARGETS = { p50Ms: 300, p99Ms: 1_000, webhookP99Ms: 50, notificationsPerSecond: LOAD_RATE, deltaRunsPerNotification: 0.2 };

export const mailboxUpn = (index: number) => `push.bench${String(index).padStart(3, '0')}@contoso.com`;

/** One planned delivery: `atMs` after the plan starts, to `user`. */
export interface PlannedDelivery {
  n: number;
  atMs: number;
  user: string;
  from: string;
  subject: string;
  internetMessageId: string;
}

/** Sent by the emulator child the moment `deliverMessage` returned. */
export interface DeliveredEvent {
  event: 'delivered';
  n: number;
  user: string;
  /** The message's Graph id (what the change notification names as resourceData.id). */
  id: string;
  internetMessageId: string;
  /** The emulator's `acceptedAt`, epoch ms. */
  acceptedAt: number;
}

export interface SubscriptionView {
  id: string;
  userId: string;
  userPrincipalName: string;
  clientState: string | null;
  tenantId: string;
  notificationUrl: string;
  expirationDateTime: number;
}

export interface ConnectedChannel {
  upn: string;
  connectedAccountId: string;
  messageChannelId: string;
}

export interface HostReady {
  workspaceId: string;
  databaseUrl: string;
  databaseName: string;
  hostUrl: string;
  publicUrl: string;
  queuePrefix: string;
  channels: ConnectedChannel[];
  connectMs: number;
  settleMs: number;
}

/** One `MailSyncService.syncChannel` call in the CRM host, as the host's instrument saw it. */
export interface PassRecord {
  channelId: string;
  mode: 'full' | 'quick';
  /** Epoch ms at the call and at its return. */
  startedAt: number;
  endedAt: number;
  outcome: string;
}

export interface LoadTask {
  url: string;
  subscriptions: SubscriptionView[];
  tag: string;
  connections: number;
  itemsPerPost: number;
  warmup: { rate: number; seconds: number };
  measured: { rate: number; seconds: number };
}

export interface LoadReport {
  /** Notifications (items) sent and answered 202, in the measured part and in all (warm-up included). */
  measuredSent: number;
  measuredAccepted: number;
  allSent: number;
  allAccepted: number;
  /** Every accepted item's sequence number (its resourceData.id is `${tag}-${n}`), warm-up included. */
  acceptedNumbers: number[];
  statuses: Record<string, number>;
  errors: Record<string, number>;
  /** Response times of the measured POSTs, ms, from the moment each was due to be sent (open loop) to the full answer. */
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  /** p99 of the POSTs due in each second of the measured part. */
  p99MsBySecond: number[];
  /** The same from the moment the POST was written to a free connection. */
  serviceP99Ms: number;
  /** How late the generator was at each due time, p99 (its own timer lag; 0 is ideal). */
  generatorLagP99Ms: number;
  /** Accepted notifications per second over the measured part: from its first due send to its last answer. */
  achievedPerSecond: number;
  measuredWallMs: number;
  posts: number;
}

// ---- request/answer over IPC -------------------------------------------------------------------------------------

interface RpcRequest {
  rpc: number;
  method: string;
  params: unknown;
}
interface RpcAnswer {
  rpc: number;
  result?: unknown;
  error?: string;
}

type Handler = (params: never) => unknown;

/** In a child: answers the orchestrator's requests with `handlers` (sync or async; a throw becomes the answer's error). */
export function serveRpc(handlers: Record<string, Handler>): void {
  process.on('message', (message: RpcRequest) => {
    if (!message || typeof message.rpc !== 'number') return;
    const handler = handlers[message.method];
    const reply = (answer: Omit<RpcAnswer, 'rpc'>) => process.send!({ rpc: message.rpc, ...answer });
    if (!handler) return reply({ error: `no method ${message.method}` });
    Promise.resolve()
      .then(() => handler(message.params as never))
      .then(
        (result) => reply({ result: result ?? null }),
        (error: unknown) => reply({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
      );
  });
}

/** In the orchestrator: a child's methods as promises. */
export class RpcClient {
  private next = 1;
  private readonly waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();

  constructor(
    private readonly child: ChildProcess,
    private readonly label: string,
  ) {
    child.on('message', (message: RpcAnswer) => {
      if (!message || typeof message.rpc !== 'number') return;
      const waiter = this.waiting.get(message.rpc);
      if (!waiter) return;
      this.waiting.delete(message.rpc);
      if (message.error !== undefined) waiter.reject(new Error(`${this.label}: ${message.error}`));
      else waiter.resolve(message.result);
    });
    child.once('exit', (code, signal) => {
      for (const waiter of this.waiting.values()) waiter.reject(new Error(`${this.label} exited (${code ?? signal}) before answering`));
      this.waiting.clear();
    });
  }

  call<T>(method: string, params: unknown = null, timeoutMs = 600_000): Promise<T> {
    const rpc = this.next++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(rpc);
        reject(new Error(`${this.label}: ${method} not answered within ${timeoutMs / 1000} s`));
      }, timeoutMs);
      this.waiting.set(rpc, {
        resolve: (value) => {
          clearTimeout(timer);
          resolve(value as T);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      this.child.send({ rpc, method, params } satisfies RpcRequest);
    });
  }
}

/** The value at quantile `q` (0..1) of ascending-sorted `sorted` (nearest rank). */
export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1]!;
}
