import { randomBytes, randomUUID } from 'node:crypto';
import { graph } from '../errors/error-factory.js';
import { subscriptionExpirationText } from '../graph/graph-date-time.js';
import type { EmulatorStore } from '../store/emulator-store.js';
import type { MailChangeEvent } from '../store/mail/mail-store.js';
import type { DeliveryKind, LifecycleEvent, SubscriptionRecord } from '../store/subscription-records.js';
import { WebhookClient } from './webhook-client.js';

export interface NotificationServiceOptions {
  /** The emulator's own CA: https receivers using a certificate it signed are trusted. */
  emulatorCaPem?: string;
  /** More PEM CAs trusted for https notification URLs (besides the system CAs). */
  trustedCaPem?: string | string[];
}

export interface TriggerLifecycleOptions {
  /** For `reauthorizationRequired`: pause delivery this long after the trigger unless answered (default: when the token expires). */
  pauseAfterMs?: number;
}

export interface TriggerLifecycleResult {
  subscription: SubscriptionRecord;
  /** False when the subscription has no lifecycleNotificationUrl (nothing could be sent). */
  sent: boolean;
}

interface QueuedItem {
  kind: DeliveryKind;
  subscriptionId: string;
  userId: string;
  body: Record<string, unknown>;
  /** Real ms of the change (or lifecycle event) the item reports. */
  changedAt: number;
  lifecycleEvent?: LifecycleEvent;
}

interface Batch {
  items: QueuedItem[];
  timer: NodeJS.Timeout | null;
  immediate: NodeJS.Immediate | null;
}

interface Job {
  kind: DeliveryKind;
  url: string;
  items: QueuedItem[];
  attempt: number;
  /** Emulator clock at the first attempt: the retry deadline counts from here. */
  firstAt: number;
  generation: number;
}

const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * Sends Graph change notifications the way Microsoft documents them: the validation handshake on creation, change
 * notifications batched per URL, retries with backoff until a deadline, lifecycle notifications
 * (reauthorizationRequired before the token behind a subscription expires, subscriptionRemoved when the user's
 * sessions are revoked, missed), plus the knobs tests use (delay, drop, duplicate, clock).
 */
export class NotificationService {
  private readonly client: WebhookClient;
  private readonly batches = new Map<string, Batch>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly unsubscribers: (() => void)[] = [];
  private ticker: NodeJS.Timeout | null = null;
  private tickEvery = 0;
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  /** Delayed enqueues + queued batch items + jobs in flight or waiting for a retry. */
  private outstanding = 0;
  private idleWaiters: (() => void)[] = [];
  private closed = false;

  constructor(
    private readonly store: EmulatorStore,
    options: NotificationServiceOptions = {},
  ) {
    const extra = Array.isArray(options.trustedCaPem) ? options.trustedCaPem : options.trustedCaPem ? [options.trustedCaPem] : [];
    this.client = new WebhookClient([...(options.emulatorCaPem ? [options.emulatorCaPem] : []), ...extra], store.subscriptions.getSettings().trustedCaPem);
  }

  start(): void {
    this.unsubscribers.push(this.store.mail.onChange((event) => this.onMailChange(event)));
    this.unsubscribers.push(this.store.calendar.onChange((event) => this.onResourceChange('events', event.userId, event.changeType, null, {
      resource: `Users/${event.userId}/Events/${event.eventId}`, odataType: '#Microsoft.Graph.Event', id: event.eventId, changeKey: event.changeKey, at: event.at,
    })));
    this.unsubscribers.push(this.store.contacts.onChange((event) => this.onResourceChange('contacts', event.userId, event.changeType, event.folderId, {
      resource: `Users/${event.userId}/Contacts/${event.contactId}`, odataType: '#Microsoft.Graph.Contact', id: event.contactId, changeKey: event.changeKey, at: event.at,
    })));
    // The reference shows no To Do notification body; the resource path follows the subscription's own form.
    this.unsubscribers.push(this.store.todo.onChange((event) => this.onResourceChange('todoTasks', event.userId, event.changeType, event.listId, {
      resource: `Users/${event.userId}/todo/lists/${event.listId}/tasks/${event.taskId}`, odataType: '#Microsoft.Graph.todoTask', id: event.taskId, changeKey: event.changeKey, at: event.at,
    })));
    this.unsubscribers.push(this.store.onSessionsRevoked((userId) => this.onSessionsRevoked(userId)));
    this.scheduleTicker();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.unsubscribers.splice(0).forEach((unsubscribe) => unsubscribe());
    if (this.ticker) clearInterval(this.ticker);
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const batch of this.batches.values()) {
      if (batch.timer) clearTimeout(batch.timer);
      if (batch.immediate) clearImmediate(batch.immediate);
    }
    this.batches.clear();
    this.waiting.splice(0).forEach((wake) => wake());
    this.client.close();
    this.idleWaiters.splice(0).forEach((wake) => wake());
  }

  private get subscriptions() {
    return this.store.subscriptions;
  }

  // ---- validation handshake ------------------------------------------------------------------------------

  /**
   * POSTs `{url}?validationToken={token}` (text/plain, empty body); the endpoint must answer 200, text/plain, with
   * the decoded token, within `validationTimeoutMs`. Throws Graph's 400 ValidationError otherwise.
   */
  async validateEndpoint(url: string): Promise<void> {
    this.client.setExtraCaPem(this.subscriptions.getSettings().trustedCaPem);
    const token = newValidationToken();
    const target = `${url}${url.includes('?') ? '&' : '?'}validationToken=${encodeURIComponent(token)}`;
    const { validationTimeoutMs: timeoutMs, endpointLatencyMs: latencyMs } = this.subscriptions.getSettings();
    const result = await this.client.post(target, { contentType: 'text/plain; charset=utf-8', body: '', timeoutMs, readBody: true, latencyMs });
    this.subscriptions.addToTotals('validations');
    const failed = (error: Error): Error => {
      this.subscriptions.addToTotals('validationsFailed');
      return error;
    };
    if (result.timedOut) throw failed(graph.subscriptionValidationTimeout(timeoutMs));
    if (result.status !== 200) throw failed(graph.subscriptionValidationNoOk());
    if (!/^text\/plain\b/i.test(result.contentType)) throw failed(graph.subscriptionValidationContentType());
    if (result.body !== token) throw failed(graph.subscriptionValidationMismatch());
  }

  // ---- change notifications ------------------------------------------------------------------------------

  private onMailChange(event: MailChangeEvent): void {
    this.onResourceChange('messages', event.userId, event.changeType, event.folderId, {
      resource: `Users/${event.userId}/Messages/${event.messageId}`, odataType: '#Microsoft.Graph.Message', id: event.messageId, changeKey: event.changeKey, at: event.at,
    });
  }

  /** Queues a change notification for each subscription of the mailbox on `kind` (messages of a folder, or events). */
  private onResourceChange(
    kind: SubscriptionRecord['kind'],
    userId: string,
    changeType: MailChangeEvent['changeType'],
    folderId: string | null,
    item: { resource: string; odataType: string; id: string; changeKey: string; at: number },
  ): void {
    if (this.closed) return;
    const subscriptions = this.subscriptions.forMailbox(userId);
    if (subscriptions.length === 0) return;
    const settings = this.subscriptions.getSettings();
    const now = this.subscriptions.now();
    for (const subscription of [...subscriptions]) {
      if (subscription.expirationDateTime <= now) {
        this.subscriptions.remove(subscription.id);
        continue;
      }
      if (subscription.kind !== kind || !subscription.changeTypes.includes(changeType)) continue;
      if (subscription.folderId !== null && subscription.folderId !== folderId) continue;
      if (this.isPaused(subscription, now, settings.pauseUnansweredReauthorization)) {
        this.subscriptions.addToTotals('itemsLostWhilePaused');
        continue;
      }
      if (this.subscriptions.drawDrop()) {
        this.subscriptions.addToTotals('itemsDropped');
        if (settings.missedOnDrop && subscription.lifecycleNotificationUrl) this.queueLifecycle(subscription, 'missed');
        continue;
      }
      const queued: QueuedItem = {
        kind: 'notification',
        subscriptionId: subscription.id,
        userId: subscription.userId,
        changedAt: item.at,
        body: {
          subscriptionId: subscription.id,
          subscriptionExpirationDateTime: subscriptionExpirationText(subscription),
          changeType,
          resource: item.resource,
          resourceData: {
            '@odata.type': item.odataType,
            '@odata.id': item.resource,
            '@odata.etag': `W/"${item.changeKey}"`,
            id: item.id,
          },
          clientState: subscription.clientState,
          tenantId: subscription.tenantId,
        },
      };
      const copies = this.subscriptions.drawDuplicate() ? 2 : 1;
      if (copies === 2) this.subscriptions.addToTotals('itemsDuplicated');
      for (let copy = 0; copy < copies; copy += 1) this.queue(subscription.notificationUrl, queued, settings.deliveryDelayMs);
    }
  }

  private isPaused(subscription: SubscriptionRecord, now: number, pausing: boolean): boolean {
    return pausing && subscription.pauseAt !== null && now >= subscription.pauseAt;
  }

  private queue(url: string, item: QueuedItem, delayMs: number): void {
    if (delayMs > 0) {
      this.outstanding += 1;
      const generation = this.subscriptions.generation;
      this.later(delayMs, () => {
        this.outstanding -= 1;
        if (generation === this.subscriptions.generation) this.enqueue(url, item);
        this.checkIdle();
      });
      return;
    }
    this.enqueue(url, item);
  }

  private enqueue(url: string, item: QueuedItem): void {
    if (this.closed) return;
    const settings = this.subscriptions.getSettings();
    this.subscriptions.addToTotals(item.kind === 'notification' ? 'itemsQueued' : 'lifecycleItemsQueued');
    const key = `${item.kind} ${url}`;
    let batch = this.batches.get(key);
    if (!batch) {
      batch = { items: [], timer: null, immediate: null };
      this.batches.set(key, batch);
    }
    batch.items.push(item);
    this.outstanding += 1;
    if (batch.items.length >= settings.maxItemsPerPost) {
      this.flush(key, item.kind, url);
    } else if (!batch.timer && !batch.immediate) {
      if (settings.batchWindowMs > 0) batch.timer = setTimeout(() => this.flush(key, item.kind, url), settings.batchWindowMs);
      else batch.immediate = setImmediate(() => this.flush(key, item.kind, url));
    }
  }

  private flush(key: string, kind: DeliveryKind, url: string): void {
    const batch = this.batches.get(key);
    if (!batch) return;
    this.batches.delete(key);
    if (batch.timer) clearTimeout(batch.timer);
    if (batch.immediate) clearImmediate(batch.immediate);
    const max = this.subscriptions.getSettings().maxItemsPerPost;
    for (let start = 0; start < batch.items.length; start += max) {
      const items = batch.items.slice(start, start + max);
      // The items become one job: `outstanding` counts the job once instead of each item.
      this.outstanding -= items.length - 1;
      void this.run({ kind, url, items, attempt: 0, firstAt: this.subscriptions.now(), generation: this.subscriptions.generation });
    }
  }

  private async acquire(): Promise<void> {
    while (this.active >= this.subscriptions.getSettings().maxConcurrentDeliveries && !this.closed) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    this.active += 1;
  }

  private release(): void {
    this.active -= 1;
    this.waiting.shift()?.();
  }

  private jobDone(): void {
    this.outstanding -= 1;
    this.checkIdle();
  }

  private async run(job: Job): Promise<void> {
    await this.acquire();
    try {
      if (this.closed || job.generation !== this.subscriptions.generation) {
        this.jobDone();
        return;
      }
      // Change notifications of a subscription deleted (or expired) meanwhile are not sent; lifecycle ones are.
      const items = job.kind === 'lifecycle'
        ? job.items
        : job.items.filter((item) => this.subscriptions.forMailbox(item.userId).some((s) => s.id === item.subscriptionId));
      if (items.length < job.items.length) this.subscriptions.addToTotals('itemsAbandoned', job.items.length - items.length);
      job.items = items;
      if (items.length === 0) {
        this.jobDone();
        return;
      }
      job.attempt += 1;
      const settings = this.subscriptions.getSettings();
      this.client.setExtraCaPem(settings.trustedCaPem);
      const result = await this.client.post(job.url, {
        contentType: 'application/json; charset=utf-8',
        body: JSON.stringify({ value: items.map((item) => item.body) }),
        timeoutMs: settings.responseTimeoutMs,
        latencyMs: settings.endpointLatencyMs,
      });
      if (this.closed || job.generation !== this.subscriptions.generation) {
        this.jobDone();
        return;
      }
      const ok = result.status !== null && result.status >= 200 && result.status < 300;
      const subscriptionIds = [...new Set(items.map((item) => item.subscriptionId))];
      this.subscriptions.recordAttempt({
        kind: job.kind,
        subscriptionId: subscriptionIds[0]!,
        subscriptionIds,
        url: job.url,
        itemCount: items.length,
        status: result.status,
        outcome: ok ? 'delivered' : result.timedOut ? 'timeout' : result.status === null ? 'error' : 'failed',
        durationMs: result.durationMs,
        attempt: job.attempt,
        deliveredAt: new Date().toISOString(),
        ...(job.kind === 'lifecycle' ? { lifecycleEvents: items.map((item) => item.lifecycleEvent!) } : {}),
        ...(result.error ? { error: result.error } : {}),
        maxLatencyMs: Date.now() - Math.min(...items.map((item) => item.changedAt)),
      });
      this.subscriptions.addToTotals('posts');
      if (ok) {
        this.subscriptions.addToTotals('postsSucceeded');
        this.subscriptions.addToTotals(job.kind === 'notification' ? 'itemsDelivered' : 'lifecycleItemsDelivered', items.length);
        this.jobDone();
        return;
      }
      this.subscriptions.addToTotals('postsFailed');
      const delay = Math.min(settings.retryInitialDelayMs * 2 ** (job.attempt - 1), settings.retryMaxDelayMs);
      if (this.subscriptions.now() + delay - job.firstAt > settings.retryDeadlineMs) {
        this.subscriptions.addToTotals('itemsAbandoned', items.length);
        this.jobDone();
        return;
      }
      this.subscriptions.addToTotals('retriesScheduled');
      this.later(delay, () => void this.run(job));
    } catch (error) {
      console.error('[graph-emulator] notification delivery failed', error);
      this.jobDone();
    } finally {
      this.release();
    }
  }

  private later(ms: number, action: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      action();
    }, ms);
    timer.unref();
    this.timers.add(timer);
  }

  // ---- lifecycle notifications ---------------------------------------------------------------------------

  private queueLifecycle(subscription: SubscriptionRecord, event: LifecycleEvent): boolean {
    if (!subscription.lifecycleNotificationUrl) return false;
    this.enqueue(subscription.lifecycleNotificationUrl, {
      kind: 'lifecycle',
      subscriptionId: subscription.id,
      userId: subscription.userId,
      changedAt: Date.now(),
      lifecycleEvent: event,
      body: {
        subscriptionId: subscription.id,
        subscriptionExpirationDateTime: subscriptionExpirationText(subscription),
        tenantId: subscription.tenantId,
        clientState: subscription.clientState,
        lifecycleEvent: event,
      },
    });
    return true;
  }

  private requestReauthorization(subscription: SubscriptionRecord, automatic: boolean, pauseAfterMs?: number): TriggerLifecycleResult {
    const now = this.subscriptions.now();
    const updated = this.subscriptions.update(subscription.id, {
      reauthorizationRequestedAt: now,
      pauseAt: pauseAfterMs !== undefined ? now + pauseAfterMs : subscription.tokenExpiresAt,
      ...(automatic ? { reauthorizationSentForTokenExpiry: subscription.tokenExpiresAt } : {}),
    })!;
    return { subscription: updated, sent: this.queueLifecycle(updated, 'reauthorizationRequired') };
  }

  private removeSubscription(subscription: SubscriptionRecord): TriggerLifecycleResult {
    const removed = this.subscriptions.remove(subscription.id) ?? subscription;
    return { subscription: removed, sent: this.queueLifecycle(removed, 'subscriptionRemoved') };
  }

  private onSessionsRevoked(userId: string): void {
    if (this.closed) return;
    for (const subscription of this.subscriptions.list()) {
      if (subscription.userId === userId || subscription.creatorId === userId) this.removeSubscription(subscription);
    }
  }

  /** Sends a lifecycle event now (the admin knob). `subscriptionRemoved` also removes the subscription. */
  triggerLifecycle(subscriptionId: string, event: LifecycleEvent, options: TriggerLifecycleOptions = {}): TriggerLifecycleResult {
    const subscription = this.subscriptions.get(subscriptionId);
    if (!subscription) throw new TypeError(`no subscription ${subscriptionId}`);
    switch (event) {
      case 'reauthorizationRequired':
        if (options.pauseAfterMs !== undefined && !(typeof options.pauseAfterMs === 'number' && options.pauseAfterMs >= 0)) {
          throw new TypeError('pauseAfterMs must be a number ≥ 0');
        }
        return this.requestReauthorization(subscription, false, options.pauseAfterMs);
      case 'subscriptionRemoved':
        return this.removeSubscription(subscription);
      case 'missed':
        return { subscription, sent: this.queueLifecycle(subscription, 'missed') };
      default:
        throw new TypeError('event must be reauthorizationRequired, subscriptionRemoved or missed');
    }
  }

  /** Expires the subscription now: it stops delivering and disappears from Graph's view. */
  expireNow(subscriptionId: string): SubscriptionRecord {
    const subscription = this.subscriptions.get(subscriptionId);
    if (!subscription) throw new TypeError(`no subscription ${subscriptionId}`);
    return this.subscriptions.remove(subscription.id) ?? subscription;
  }

  /** Moves the emulator clock forward (expiry, token expiry, retry deadline) and runs the checks at once. */
  advanceClock(ms: number): { offsetMs: number; now: string } {
    const offsetMs = this.subscriptions.advanceClock(ms);
    this.tick();
    return { offsetMs, now: iso(this.subscriptions.now()) };
  }

  /** Expiry and reauthorization checks (run every `tickMs`). */
  tick(): void {
    if (this.closed) return;
    const settings = this.subscriptions.getSettings();
    if (settings.tickMs !== this.tickEvery) this.scheduleTicker();
    const now = this.subscriptions.now();
    for (const subscription of this.subscriptions.list()) {
      if (subscription.expirationDateTime <= now) {
        this.subscriptions.remove(subscription.id);
        continue;
      }
      if (
        subscription.lifecycleNotificationUrl &&
        subscription.reauthorizationSentForTokenExpiry !== subscription.tokenExpiresAt &&
        now >= subscription.tokenExpiresAt - settings.reauthorizationLeadMs
      ) {
        this.requestReauthorization(subscription, true);
      }
    }
  }

  private scheduleTicker(): void {
    if (this.ticker) clearInterval(this.ticker);
    this.tickEvery = this.subscriptions.getSettings().tickMs;
    this.ticker = setInterval(() => this.tick(), this.tickEvery);
    this.ticker.unref();
  }

  // ---- observation ---------------------------------------------------------------------------------------

  /** Notifications queued, in flight or waiting for a retry. */
  pendingCount(): number {
    return this.outstanding;
  }

  /** Resolves true once nothing is queued, in flight or waiting for a retry; false after `timeoutMs`. */
  idle(timeoutMs = 30_000): Promise<boolean> {
    if (this.outstanding <= 0 || this.closed) return Promise.resolve(true);
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        this.idleWaiters = this.idleWaiters.filter((waiter) => waiter !== wake);
        resolve(false);
      }, timeoutMs);
      const wake = (): void => {
        clearTimeout(timer);
        resolve(true);
      };
      this.idleWaiters.push(wake);
    });
  }

  private checkIdle(): void {
    if (this.outstanding > 0) return;
    this.idleWaiters.splice(0).forEach((wake) => wake());
  }
}

/** A fresh token with characters a client must URL-decode: spaces, `+`, `/`, `=`, `&`, `?`, `%`, `#` and non-ASCII. */
export function newValidationToken(): string {
  return `Emulator validation ${randomUUID()} a+b/c=d&e?f%g#h Grüße € 日本 ${randomBytes(12).toString('base64')}`;
}
