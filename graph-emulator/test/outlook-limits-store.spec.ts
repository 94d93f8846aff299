import { deserialize, serialize } from 'node:v8';
import { InMemoryEmulatorStore } from '../src/index.js';

describe('Outlook limits: one store area for every mailbox resource', () => {
  it('is the same ledger and counters whichever area counts a request, and the mail settings show its knobs', () => {
    const store = new InMemoryEmulatorStore();
    store.mail.updateSettings({ throttling: { concurrentRequests: 1 }, delta: { defaultPageSize: 7 } });
    expect(store.outlookLimits.getSettings().throttling.concurrentRequests).toBe(1);
    expect(store.outlookLimits.admit('app', 'box').ok).toBe(true);
    expect(store.mail.admit('app', 'box')).toMatchObject({ ok: false, reason: 'concurrency' });
    expect(store.mail.getRequestCounters()).toEqual([expect.objectContaining({ appId: 'app', mailbox: 'box', counted: 2 })]);
    expect(Object.keys(store.mail.getSettings())).toEqual(['throttling', 'faults', 'delta']);
    expect(store.mail.getSettings().delta.defaultPageSize).toBe(7);
    store.reset();
    expect(store.outlookLimits.getRequestCounters()).toEqual([]);
    expect(store.mail.getSettings().throttling.concurrentRequests).toBe(4);
  });

  it('checks a whole settings patch before changing anything', () => {
    const store = new InMemoryEmulatorStore();
    expect(() => store.mail.updateSettings({ throttling: { concurrentRequests: 2 }, delta: { maxPageSize: 0 } })).toThrow(/delta\.maxPageSize/);
    expect(() => store.mail.updateSettings({ delta: { maxPageSize: 5 }, faults: { failureRate: 2 } })).toThrow(/faults\.failureRate/);
    expect(store.mail.getSettings().throttling.concurrentRequests).toBe(4);
    expect(store.mail.getSettings().delta.maxPageSize).toBe(1000);
  });

  it('restores its knobs from a state file, also one written when they lived in the mail state', () => {
    const first = new InMemoryEmulatorStore();
    first.mail.updateSettings({ throttling: { requestsPerWindow: 50 }, faults: { failureRate: 0.5, seed: 9 }, delta: { replayRate: 0.25 } });
    const saved = deserialize(serialize(first.exportState())) as Record<string, unknown> & { mail: { settings: object }; outlookLimits?: object };
    const restored = new InMemoryEmulatorStore();
    restored.importState(saved);
    expect(restored.mail.getSettings()).toEqual(first.mail.getSettings());

    const { outlookLimits: _limits, ...older } = saved;
    const olderState = { ...older, mail: { ...saved.mail, settings: first.mail.getSettings() } };
    const fromOlder = new InMemoryEmulatorStore();
    fromOlder.importState(olderState);
    expect(fromOlder.mail.getSettings()).toEqual(first.mail.getSettings());
    // The fault PRNG starts again from the restored seed, as it did when the mail store held it.
    const draws = (store: InMemoryEmulatorStore) => Array.from({ length: 8 }, () => store.outlookLimits.drawFault());
    expect(draws(fromOlder)).toEqual(draws(restored));
  });
});
