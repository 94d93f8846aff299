import { prng } from '../../mail/prng.js';
import type { Admission, CallOutcome, OutlookLimitsSettings, OutlookLimitsSettingsPatch, RequestCounter } from './outlook-limits-records.js';
import { DEFAULT_OUTLOOK_LIMITS_SETTINGS, nextOutlookLimitsSettings } from './outlook-limits-settings.js';
import type { OutlookLimitsStore } from './outlook-limits-store.js';
import { RequestLedger } from './request-ledger.js';

interface OutlookLimitsState {
  settings: OutlookLimitsSettings;
}

export class InMemoryOutlookLimitsStore implements OutlookLimitsStore {
  private settings!: OutlookLimitsSettings;
  private ledgers = new Map<string, RequestLedger>();
  private counters = new Map<string, RequestCounter>();
  private random: () => number = Math.random;

  constructor() {
    this.reset();
  }

  reset(): void {
    this.ledgers.clear();
    this.counters.clear();
    this.settings = structuredClone(DEFAULT_OUTLOOK_LIMITS_SETTINGS) as OutlookLimitsSettings;
    this.random = Math.random;
  }

  /** What a restart keeps: the knobs; throttling windows and counters start afresh. */
  exportState(): object {
    const state: OutlookLimitsState = { settings: this.settings };
    return state;
  }

  importState(state: object): void {
    const { settings } = state as OutlookLimitsState;
    this.reset();
    this.settings = { throttling: settings.throttling, faults: settings.faults };
    if (settings.faults.seed !== null) this.random = prng(settings.faults.seed);
  }

  getSettings(): OutlookLimitsSettings {
    return structuredClone(this.settings);
  }

  updateSettings(patch: OutlookLimitsSettingsPatch): OutlookLimitsSettings {
    this.settings = nextOutlookLimitsSettings(this.settings, patch);
    // A (re)given seed restarts the draws, so a run is reproducible from the moment the knob is set.
    const seed = patch.faults?.seed;
    if (seed !== undefined) this.random = seed === null ? Math.random : prng(seed);
    if (patch.throttling?.requestsPerWindow !== undefined) this.ledgers.forEach((ledger) => ledger.resize(this.settings.throttling.requestsPerWindow));
    return this.getSettings();
  }

  private counter(appId: string, mailbox: string): RequestCounter {
    const key = `${appId}|${mailbox}`;
    let counter = this.counters.get(key);
    if (!counter) {
      counter = { appId, mailbox, counted: 0, batchEnvelopes: 0, batchItems: 0, throttled: 0, faults: 0, lostAnswers: 0, peakInFlight: 0, byStatus: {} };
      this.counters.set(key, counter);
    }
    return counter;
  }

  admit(appId: string, mailbox: string, now = Date.now()): Admission {
    const key = `${appId}|${mailbox}`;
    let ledger = this.ledgers.get(key);
    if (!ledger) {
      ledger = new RequestLedger(this.settings.throttling.requestsPerWindow);
      this.ledgers.set(key, ledger);
    }
    const counter = this.counter(appId, mailbox);
    counter.counted += 1;
    const admission = ledger.admit(this.settings.throttling, now);
    if (admission.ok) counter.peakInFlight = Math.max(counter.peakInFlight, ledger.inFlight);
    return admission;
  }

  release(appId: string, mailbox: string): void {
    this.ledgers.get(`${appId}|${mailbox}`)?.release();
  }

  recordOutcome(appId: string, mailbox: string, outcome: CallOutcome): void {
    const counter = this.counter(appId, mailbox);
    if (outcome.kind === 'batchEnvelope') counter.batchEnvelopes += 1;
    if (outcome.kind === 'batchItem') counter.batchItems += 1;
    if (outcome.throttled) counter.throttled += 1;
    if (outcome.fault) counter.faults += 1;
    if (outcome.lostAnswer) counter.lostAnswers = (counter.lostAnswers ?? 0) + 1;
    if (outcome.kind !== 'batchEnvelope') counter.byStatus[outcome.status] = (counter.byStatus[outcome.status] ?? 0) + 1;
  }

  drawFault(): number | null {
    const { failureRate, statuses } = this.settings.faults;
    if (failureRate <= 0) return null;
    if (this.random() >= failureRate) return null;
    return statuses[Math.floor(this.random() * statuses.length)]!;
  }

  drawReplay(rate: number): boolean {
    return rate > 0 && this.random() < rate;
  }

  getRequestCounters(): RequestCounter[] {
    return [...this.counters.values()].map((counter) => structuredClone(counter));
  }

  resetRequestCounters(): void {
    this.counters.clear();
  }
}
