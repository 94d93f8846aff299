import { prng } from '../mail/prng.js';
import type {
  DeliveryAttempt,
  DeliveryTotals,
  NotificationSettings,
  NotificationSettingsPatch,
  SubscriptionRecord,
} from './subscription-records.js';
import type { SubscriptionStore } from './subscription-store.js';

export const DEFAULT_NOTIFICATION_SETTINGS: Readonly<NotificationSettings> = Object.freeze({
  deliveryDelayMs: 0,
  dropRate: 0,
  duplicateRate: 0,
  missedOnDrop: false,
  batchWindowMs: 0,
  maxItemsPerPost: 100,
  responseTimeoutMs: 3000,
  validationTimeoutMs: 10_000,
  endpointLatencyMs: 0,
  retryInitialDelayMs: 10_000,
  retryMaxDelayMs: 600_000,
  retryDeadlineMs: 4 * 3600_000,
  maxConcurrentDeliveries: 64,
  reauthorizationLeadMs: 10 * 60_000,
  pauseUnansweredReauthorization: true,
  outlookMaxLifetimeMinutes: 10_080,
  todoMaxLifetimeMinutes: 4_230,
  maxSubscriptionsPerMailbox: 1000,
  tickMs: 1000,
  trustedCaPem: '',
  allowLoopbackHttpNotificationUrls: false,
  seed: null,
});

const ATTEMPT_LOG_SIZE = 10_000;

const emptyTotals = (): DeliveryTotals => ({
  itemsQueued: 0,
  itemsDelivered: 0,
  lifecycleItemsQueued: 0,
  lifecycleItemsDelivered: 0,
  itemsDropped: 0,
  itemsDuplicated: 0,
  itemsLostWhilePaused: 0,
  itemsAbandoned: 0,
  posts: 0,
  postsSucceeded: 0,
  postsFailed: 0,
  retriesScheduled: 0,
  validations: 0,
  validationsFailed: 0,
});

const clone = <T>(value: T): T => structuredClone(value);

function checkNumber(name: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new TypeError(`${name} must be a number between ${min} and ${max}`);
  }
  return value;
}

function checkBoolean(name: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw new TypeError(`${name} must be a boolean`);
  return value;
}

interface SubscriptionStoreState {
  subscriptions: Map<string, SubscriptionRecord>;
  byMailbox: Map<string, SubscriptionRecord[]>;
  settings: NotificationSettings;
  offsetMs: number;
  attempts: DeliveryAttempt[];
  totals: ReturnType<typeof emptyTotals>;
}

export class InMemorySubscriptionStore implements SubscriptionStore {
  private subscriptions = new Map<string, SubscriptionRecord>();
  private byMailbox = new Map<string, SubscriptionRecord[]>();
  private settings!: NotificationSettings;
  private random: () => number = Math.random;
  private offsetMs = 0;
  private attempts: DeliveryAttempt[] = [];
  private totals = emptyTotals();
  generation = 0;

  constructor(private readonly initialSettings: NotificationSettingsPatch = {}) {
    this.reset();
  }

  reset(): void {
    this.generation += 1;
    this.subscriptions.clear();
    this.byMailbox.clear();
    this.settings = { ...DEFAULT_NOTIFICATION_SETTINGS };
    this.random = Math.random;
    this.offsetMs = 0;
    this.attempts = [];
    this.totals = emptyTotals();
    if (Object.keys(this.initialSettings).length > 0) this.updateSettings(this.initialSettings);
  }

  /** What a restart keeps: the subscriptions, the knobs, the clock offset and the delivery log. */
  exportState(): object {
    const state: SubscriptionStoreState = {
      subscriptions: this.subscriptions,
      byMailbox: this.byMailbox,
      settings: this.settings,
      offsetMs: this.offsetMs,
      attempts: this.attempts,
      totals: this.totals,
    };
    return state;
  }

  importState(state: object): void {
    const restored = state as SubscriptionStoreState;
    this.reset();
    this.subscriptions = restored.subscriptions;
    this.byMailbox = restored.byMailbox;
    // A state saved before a knob existed takes that knob's default.
    this.settings = { ...DEFAULT_NOTIFICATION_SETTINGS, ...restored.settings };
    if (restored.settings.seed !== null) this.random = prng(restored.settings.seed);
    this.offsetMs = restored.offsetMs;
    this.attempts = restored.attempts;
    this.totals = restored.totals;
  }

  // ---- knobs --------------------------------------------------------------------------------------------

  getSettings(): NotificationSettings {
    return { ...this.settings };
  }

  updateSettings(patch: NotificationSettingsPatch): NotificationSettings {
    if (typeof patch !== 'object' || patch === null) throw new TypeError('settings must be an object');
    const next = { ...this.settings };
    const day = 24 * 3600_000;
    const numbers: [keyof NotificationSettings, number, number, boolean][] = [
      ['deliveryDelayMs', 0, 3_600_000, false],
      ['dropRate', 0, 1, false],
      ['duplicateRate', 0, 1, false],
      ['batchWindowMs', 0, 60_000, false],
      ['maxItemsPerPost', 1, 10_000, true],
      ['responseTimeoutMs', 1, 600_000, false],
      ['validationTimeoutMs', 1, 600_000, false],
      ['endpointLatencyMs', 0, 600_000, false],
      ['retryInitialDelayMs', 0, day, false],
      ['retryMaxDelayMs', 0, day, false],
      ['retryDeadlineMs', 0, 30 * day, false],
      ['maxConcurrentDeliveries', 1, 10_000, true],
      ['reauthorizationLeadMs', 0, day, false],
      ['outlookMaxLifetimeMinutes', 45, 100_000, true],
      ['todoMaxLifetimeMinutes', 45, 100_000, true],
      ['maxSubscriptionsPerMailbox', 1, 1_000_000, true],
      ['tickMs', 10, 3_600_000, false],
    ];
    for (const [key, min, max, integer] of numbers) {
      const value = patch[key];
      if (value === undefined) continue;
      const checked = checkNumber(key, value, min, max);
      (next as unknown as Record<string, unknown>)[key] = integer ? Math.floor(checked) : checked;
    }
    if (patch.missedOnDrop !== undefined) next.missedOnDrop = checkBoolean('missedOnDrop', patch.missedOnDrop);
    if (patch.pauseUnansweredReauthorization !== undefined) {
      next.pauseUnansweredReauthorization = checkBoolean('pauseUnansweredReauthorization', patch.pauseUnansweredReauthorization);
    }
    if (patch.allowLoopbackHttpNotificationUrls !== undefined) {
      next.allowLoopbackHttpNotificationUrls = checkBoolean('allowLoopbackHttpNotificationUrls', patch.allowLoopbackHttpNotificationUrls);
    }
    if (patch.trustedCaPem !== undefined) {
      if (typeof patch.trustedCaPem !== 'string') throw new TypeError('trustedCaPem must be a string of PEM certificates');
      if (patch.trustedCaPem.trim() !== '' && !patch.trustedCaPem.includes('-----BEGIN CERTIFICATE-----')) {
        throw new TypeError('trustedCaPem must hold PEM certificates');
      }
      next.trustedCaPem = patch.trustedCaPem;
    }
    if (patch.seed !== undefined) {
      if (patch.seed !== null) checkNumber('seed', patch.seed, -(2 ** 31), 2 ** 32);
      next.seed = patch.seed;
    }
    this.settings = next;
    if (patch.seed !== undefined) this.random = patch.seed === null ? Math.random : prng(patch.seed);
    return this.getSettings();
  }

  drawDrop(): boolean {
    return this.settings.dropRate > 0 && this.random() < this.settings.dropRate;
  }

  drawDuplicate(): boolean {
    return this.settings.duplicateRate > 0 && this.random() < this.settings.duplicateRate;
  }

  // ---- clock --------------------------------------------------------------------------------------------

  now(): number {
    return Date.now() + this.offsetMs;
  }

  advanceClock(ms: number): number {
    this.offsetMs += checkNumber('ms', ms, 0, 400 * 24 * 3600_000);
    return this.offsetMs;
  }

  getClockOffset(): number {
    return this.offsetMs;
  }

  // ---- subscriptions ------------------------------------------------------------------------------------

  add(record: SubscriptionRecord): SubscriptionRecord {
    if (this.subscriptions.has(record.id)) throw new TypeError(`subscription ${record.id} already exists`);
    const stored = clone(record);
    this.subscriptions.set(stored.id, stored);
    const list = this.byMailbox.get(stored.userId) ?? [];
    list.push(stored);
    this.byMailbox.set(stored.userId, list);
    return clone(stored);
  }

  get(id: string): SubscriptionRecord | undefined {
    const record = this.subscriptions.get(id.toLowerCase());
    return record && clone(record);
  }

  update(id: string, patch: Partial<Omit<SubscriptionRecord, 'id'>>): SubscriptionRecord | undefined {
    const record = this.subscriptions.get(id.toLowerCase());
    if (!record) return undefined;
    if (patch.userId !== undefined && patch.userId !== record.userId) throw new TypeError('a subscription cannot change mailbox');
    Object.assign(record, clone(patch));
    return clone(record);
  }

  remove(id: string): SubscriptionRecord | undefined {
    const record = this.subscriptions.get(id.toLowerCase());
    if (!record) return undefined;
    this.subscriptions.delete(record.id);
    const list = this.byMailbox.get(record.userId);
    if (list) {
      const remaining = list.filter((item) => item !== record);
      if (remaining.length > 0) this.byMailbox.set(record.userId, remaining);
      else this.byMailbox.delete(record.userId);
    }
    return clone(record);
  }

  list(filter: { applicationId?: string; creatorId?: string; userId?: string } = {}): SubscriptionRecord[] {
    return [...this.subscriptions.values()]
      .filter(
        (record) =>
          (filter.applicationId === undefined || record.applicationId === filter.applicationId.toLowerCase()) &&
          (filter.creatorId === undefined || record.creatorId === filter.creatorId) &&
          (filter.userId === undefined || record.userId === filter.userId),
      )
      .map(clone);
  }

  forMailbox(userId: string): readonly SubscriptionRecord[] {
    return this.byMailbox.get(userId) ?? [];
  }

  countForMailbox(userId: string): number {
    return this.byMailbox.get(userId)?.length ?? 0;
  }

  // ---- delivery log -------------------------------------------------------------------------------------

  recordAttempt(attempt: DeliveryAttempt): void {
    this.attempts.push(attempt);
    if (this.attempts.length > ATTEMPT_LOG_SIZE * 1.2) this.attempts = this.attempts.slice(-ATTEMPT_LOG_SIZE);
  }

  listAttempts(options: { subscriptionId?: string; limit?: number } = {}): DeliveryAttempt[] {
    const limit = options.limit ?? 1000;
    const subscriptionId = options.subscriptionId?.toLowerCase();
    const matching = subscriptionId ? this.attempts.filter((attempt) => attempt.subscriptionIds.includes(subscriptionId)) : this.attempts;
    return matching.slice(-limit).map(clone);
  }

  getTotals(): DeliveryTotals {
    return { ...this.totals };
  }

  addToTotals(key: keyof DeliveryTotals, count = 1): void {
    this.totals[key] += count;
  }

  resetDeliveryLog(): void {
    this.attempts = [];
    this.totals = emptyTotals();
  }
}
