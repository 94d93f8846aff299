import { jest } from '@jest/globals';
import type { HostJobSystem } from '@m365/shared-types';
import { IntakeRateMeter } from '../src/subscriptions/intake-rate.meter.js';
import { PushRequestDebouncer } from '../src/subscriptions/push-request.debouncer.js';
import { STORM_NOTIFICATIONS_PER_SECOND } from '../src/subscriptions/push-pass.gate.js';
import { MAIL_SUBSCRIPTION } from '../src/subscriptions/subscription-kinds.js';

// How long a notification waits for its channel's push job to be asked for: one short window while the process is
// calm, windows growing to 500 ms only during a storm (when fewer queue writes leave the CPU to the webhook).
describe('PushRequestDebouncer', () => {
  let asked: number[];
  let started: number;
  let meter: IntakeRateMeter;
  let debouncer: PushRequestDebouncer;

  beforeEach(() => {
    jest.useFakeTimers({ now: 1_000_000 });
    started = Date.now();
    asked = [];
    meter = new IntakeRateMeter();
    const jobs = { add: async () => void asked.push(Date.now() - started) } as unknown as HostJobSystem;
    debouncer = new PushRequestDebouncer(jobs, meter);
  });

  afterEach(() => {
    debouncer.onApplicationShutdown();
    jest.useRealTimers();
  });

  /** A notification for the channel every `everyMs` for `forMs`, each counted by the meter as the intake does. */
  function stream(everyMs: number, forMs: number, perNotification = 1): void {
    for (let at = 0; at < forMs; at += everyMs) {
      meter.record(perNotification);
      debouncer.request(MAIL_SUBSCRIPTION, 'workspace', 'channel');
      jest.advanceTimersByTime(everyMs);
    }
  }

  /** The longest a notification of a stream every `everyMs` waited for a request at or after it. */
  function longestWait(everyMs: number, forMs: number): number {
    let longest = 0;
    for (let at = 0; at < forMs; at += everyMs) {
      const next = asked.find((time) => time >= at);
      if (next !== undefined) longest = Math.max(longest, next - at);
    }
    return longest;
  }

  it('asks at once for a lone notification', () => {
    stream(1, 1);
    expect(asked).toEqual([0]);
    jest.advanceTimersByTime(1_000);
    expect(asked).toEqual([0]);
  });

  it('keeps windows at 100 ms under a steady stream while the process is calm', () => {
    // A mailbox sending every 150 ms, about three notifications a send.
    stream(50, 3_000);
    jest.advanceTimersByTime(1_000);
    expect(longestWait(50, 3_000)).toBeLessThanOrEqual(100);
    // At most one queue write per window, far fewer than one per notification.
    expect(asked.length).toBeLessThanOrEqual(31);
    expect(asked.length).toBeLessThan(60);
  });

  it('grows windows to 500 ms during a storm', () => {
    stream(50, 3_000, STORM_NOTIFICATIONS_PER_SECOND);
    jest.advanceTimersByTime(1_000);
    expect(longestWait(50, 3_000)).toBeGreaterThan(400);
    expect(longestWait(50, 3_000)).toBeLessThanOrEqual(500);
    // 100, 200, 400, then 500 ms windows: a handful of writes for three seconds.
    expect(asked.length).toBeLessThanOrEqual(9);
  });
});
