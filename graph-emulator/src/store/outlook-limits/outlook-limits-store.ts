import type { Admission, CallOutcome, OutlookLimitsSettings, OutlookLimitsSettingsPatch, RequestCounter } from './outlook-limits-records.js';

/**
 * The request limits every Outlook resource shares: the per (app, mailbox) ledgers throttling reads, the fault knobs
 * and their PRNG, and the request counters. Mail and calendar requests of one app on one mailbox count together.
 */
export interface OutlookLimitsStore {
  /** Drops every ledger and counter; settings back to Microsoft's defaults. */
  reset(): void;

  getSettings(): OutlookLimitsSettings;
  updateSettings(patch: OutlookLimitsSettingsPatch): OutlookLimitsSettings;

  /** Counts one request against (app, mailbox) and decides whether the limits let it run (a slot is then held). */
  admit(appId: string, mailbox: string, now?: number): Admission;
  release(appId: string, mailbox: string): void;
  recordOutcome(appId: string, mailbox: string, outcome: CallOutcome): void;
  /** An injected fault's status for the next request, or null (draws from the fault PRNG). */
  drawFault(): number | null;
  /** Whether an event of chance `rate` happens now (same PRNG as faults, so one seed reproduces a whole run). */
  drawReplay(rate: number): boolean;
  getRequestCounters(): RequestCounter[];
  resetRequestCounters(): void;
}
