import { IntakeRateMeter } from '../src/subscriptions/intake-rate.meter.js';
import { PushPassGate, STORM_NOTIFICATIONS_PER_SECOND } from '../src/subscriptions/push-pass.gate.js';

// While the webhook takes a storm of notifications, push passes run one at a time so the webhook keeps answering
// within Graph's deadline; otherwise they run side by side.
describe('PushPassGate', () => {
  let clock: number;
  let meter: IntakeRateMeter;
  let gate: PushPassGate;

  beforeEach(() => {
    clock = 1_000_000;
    meter = new IntakeRateMeter();
    meter.now = () => clock;
    gate = new PushPassGate(meter);
  });

  /** Starts `count` passes that each hold until released; reports how many run at once. */
  function startPasses(count: number) {
    let running = 0;
    let peak = 0;
    const releases: Array<() => void> = [];
    const done = Array.from({ length: count }, (_, index) =>
      gate.run(async () => {
        running += 1;
        peak = Math.max(peak, running);
        await new Promise<void>((resolve) => releases.push(resolve));
        running -= 1;
        return index;
      }),
    );
    return { done, running: () => running, peak: () => peak, releaseOne: () => releases.shift()?.() };
  }
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

  it('counts the notifications of the last second only', () => {
    meter.record(600);
    clock += 500;
    meter.record(500);
    expect(meter.perSecond()).toBe(1_100);
    clock += 600;
    expect(meter.perSecond()).toBe(500);
    clock += 1_000;
    expect(meter.perSecond()).toBe(0);
  });

  it('runs passes side by side when the webhook is calm', async () => {
    meter.record(STORM_NOTIFICATIONS_PER_SECOND - 1);
    const passes = startPasses(4);
    await settle();
    expect(passes.running()).toBe(4);
    for (let index = 0; index < 4; index += 1) passes.releaseOne();
    expect(await Promise.all(passes.done)).toEqual([0, 1, 2, 3]);
  });

  it('runs one pass at a time during a storm, each waiting its turn, and all of them in the end', async () => {
    meter.record(STORM_NOTIFICATIONS_PER_SECOND);
    const passes = startPasses(3);
    await settle();
    expect(passes.running()).toBe(1);
    passes.releaseOne();
    await settle();
    expect(passes.running()).toBe(1);
    passes.releaseOne();
    await settle();
    passes.releaseOne();
    expect(await Promise.all(passes.done)).toEqual([0, 1, 2]);
    expect(passes.peak()).toBe(1);
  });

  it('lets the waiting passes go together once the storm is over', async () => {
    meter.record(STORM_NOTIFICATIONS_PER_SECOND * 2);
    const passes = startPasses(3);
    await settle();
    expect(passes.running()).toBe(1);
    clock += 1_100; // a quiet second later; the gate looks again within 50 ms
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(passes.running()).toBe(3);
    for (let index = 0; index < 3; index += 1) passes.releaseOne();
    await Promise.all(passes.done);
  });

  it('a failing pass frees its turn', async () => {
    meter.record(STORM_NOTIFICATIONS_PER_SECOND);
    const failing = gate.run(async () => {
      throw new Error('Graph said no');
    });
    const next = gate.run(async () => 'ran');
    await expect(failing).rejects.toThrow('Graph said no');
    expect(await next).toBe('ran');
  });
});
