/** Records, knobs and delivery log of Graph change notifications (subscriptions). Times are epoch milliseconds. */

export type SubscriptionChangeType = 'created' | 'updated' | 'deleted';

export type SubscriptionResourceKind = 'messages' | 'events' | 'contacts' | 'todoTasks';

export type LifecycleEvent = 'reauthorizationRequired' | 'subscriptionRemoved' | 'missed';

export interface SubscriptionRecord {
  id: string;
  /** As the client wrote it; Graph echoes it back. */
  resource: string;
  kind: SubscriptionResourceKind;
  /** For a folder's messages or contacts, the folder's id; for To Do tasks, the list's; null for the whole mailbox (`/me/messages`, `/me/contacts`, `/me/events`). */
  folderId: string | null;
  /** The mailbox owner (what `me` meant at creation). */
  userId: string;
  tenantId: string;
  applicationId: string;
  creatorId: string;
  changeTypes: SubscriptionChangeType[];
  clientState: string | null;
  notificationUrl: string;
  lifecycleNotificationUrl: string | null;
  expirationDateTime: number;
  /** The expiration as Graph writes it back (the client's precision, up to 7 fractional digits); absent in older saved states. */
  expirationText?: string;
  latestSupportedTlsVersion: string;
  createdAt: number;
  /** The `exp` of the access token behind the subscription (creation, reauthorize, renew). */
  tokenExpiresAt: number;
  /** When a reauthorizationRequired was sent and not answered yet; null otherwise. */
  reauthorizationRequestedAt: number | null;
  /** The token expiry the last automatic reauthorizationRequired was sent for (one per token). */
  reauthorizationSentForTokenExpiry: number | null;
  /** From this time on (emulator clock) an unanswered reauthorization pauses delivery; null when none is pending. */
  pauseAt: number | null;
}

export interface NotificationSettings {
  /** Extra delay before a change notification is queued (ms). */
  deliveryDelayMs: number;
  /** 0..1: share of change notifications silently dropped. */
  dropRate: number;
  /** 0..1: share of change notifications delivered twice. */
  duplicateRate: number;
  /** When the drop knob drops a notification, send a `missed` lifecycle notification (if the subscription has a lifecycle URL). */
  missedOnDrop: boolean;
  /** Items for one URL queued within this window go out in one POST (0: those queued in the same tick). */
  batchWindowMs: number;
  maxItemsPerPost: number;
  /** A POST not answered with 2xx within this is a failure and is retried (Microsoft: 3 s). */
  responseTimeoutMs: number;
  /** The validation handshake must be answered within this (Microsoft: 10 s). */
  validationTimeoutMs: number;
  /** Network latency from Microsoft to the endpoint, before each POST and handshake leaves; it counts against their deadlines. */
  endpointLatencyMs: number;
  /** First retry delay; doubles each attempt up to `retryMaxDelayMs`. */
  retryInitialDelayMs: number;
  retryMaxDelayMs: number;
  /** Undelivered notifications are dropped after this (Microsoft: 4 hours), measured on the emulator clock. */
  retryDeadlineMs: number;
  /** POSTs in flight at once, all endpoints together. */
  maxConcurrentDeliveries: number;
  /** How long before the access token behind a subscription expires `reauthorizationRequired` is sent. */
  reauthorizationLeadMs: number;
  /** Unanswered reauthorization pauses delivery once the token expired (notifications are lost meanwhile). */
  pauseUnansweredReauthorization: boolean;
  /**
   * Longest lifetime of a subscription on Outlook messages, events and contacts, in minutes: 10,080 in older revisions
   * of Microsoft's table, 4,230 in newer ones.
   */
  outlookMaxLifetimeMinutes: number;
  /** Longest lifetime of a subscription on To Do tasks, in minutes (Microsoft: 4,230). */
  todoMaxLifetimeMinutes: number;
  /** Active Outlook subscriptions per mailbox, all apps together (Microsoft: 1,000). */
  maxSubscriptionsPerMailbox: number;
  /** How often expiry and reauthorization are checked (real ms). */
  tickMs: number;
  /** Extra PEM CA certificates trusted for https notification URLs (besides the system CAs and the emulator's CA). */
  trustedCaPem: string;
  /** Makes drop/duplicate draws reproducible; null draws from Math.random. */
  seed: number | null;
  /**
   * Accept plain-http notification URLs to localhost, 127.0.0.1 and [::1] (local development; off by default, since
   * Microsoft Graph refuses every URL that is not https).
   */
  allowLoopbackHttpNotificationUrls: boolean;
}

export type NotificationSettingsPatch = Partial<NotificationSettings>;

export type DeliveryKind = 'notification' | 'lifecycle';

export type DeliveryOutcome = 'delivered' | 'failed' | 'timeout' | 'error';

/** One POST to a notification or lifecycle URL. */
export interface DeliveryAttempt {
  kind: DeliveryKind;
  /** The first item's subscription. */
  subscriptionId: string;
  subscriptionIds: string[];
  url: string;
  itemCount: number;
  /** HTTP status; null when no answer came (timeout, connection error). */
  status: number | null;
  outcome: DeliveryOutcome;
  durationMs: number;
  /** 1 for the first try. */
  attempt: number;
  /** ISO time the POST was answered or given up (real clock). */
  deliveredAt: string;
  /** For lifecycle POSTs: the events carried. */
  lifecycleEvents?: LifecycleEvent[];
  error?: string;
  /** Real ms from the oldest item's change to this POST's answer. */
  maxLatencyMs: number;
}

export interface DeliveryTotals {
  /** Change notification items queued for delivery (duplicates included). */
  itemsQueued: number;
  itemsDelivered: number;
  lifecycleItemsQueued: number;
  lifecycleItemsDelivered: number;
  /** Dropped by the drop knob. */
  itemsDropped: number;
  /** Extra copies made by the duplicate knob. */
  itemsDuplicated: number;
  /** Lost because the subscription was paused (unanswered reauthorization). */
  itemsLostWhilePaused: number;
  /** Given up after the retry deadline (or discarded because their subscription went away). */
  itemsAbandoned: number;
  posts: number;
  postsSucceeded: number;
  postsFailed: number;
  retriesScheduled: number;
  validations: number;
  validationsFailed: number;
}
