import type {
  DeliveryAttempt,
  DeliveryTotals,
  NotificationSettings,
  NotificationSettingsPatch,
  SubscriptionRecord,
} from './subscription-records.js';

/**
 * The change-notification part of the store: subscriptions, the knobs, the emulator clock subscriptions' expiry
 * honours, and the log of delivery attempts. Synchronous, like the rest of the store.
 */
export interface SubscriptionStore {
  /** Drops every subscription and the delivery log; knobs back to their defaults; clock offset back to 0. */
  reset(): void;
  /** Bumped by every reset: deliveries queued before it are discarded. */
  readonly generation: number;

  getSettings(): NotificationSettings;
  updateSettings(patch: NotificationSettingsPatch): NotificationSettings;
  /** Whether the next change notification is dropped / duplicated (the knobs; seeded PRNG when `seed` is set). */
  drawDrop(): boolean;
  drawDuplicate(): boolean;

  /** The emulator clock: real time plus the offset tests move forward. */
  now(): number;
  advanceClock(ms: number): number;
  getClockOffset(): number;

  add(record: SubscriptionRecord): SubscriptionRecord;
  get(id: string): SubscriptionRecord | undefined;
  update(id: string, patch: Partial<Omit<SubscriptionRecord, 'id'>>): SubscriptionRecord | undefined;
  remove(id: string): SubscriptionRecord | undefined;
  list(filter?: { applicationId?: string; creatorId?: string; userId?: string }): SubscriptionRecord[];
  /** The subscriptions on a mailbox (not cloned: callers must not mutate them). */
  forMailbox(userId: string): readonly SubscriptionRecord[];
  countForMailbox(userId: string): number;

  recordAttempt(attempt: DeliveryAttempt): void;
  /** Newest last; at most `limit` (default 1,000) of the most recent. */
  listAttempts(options?: { subscriptionId?: string; limit?: number }): DeliveryAttempt[];
  getTotals(): DeliveryTotals;
  addToTotals(key: keyof DeliveryTotals, count?: number): void;
  resetDeliveryLog(): void;
}
