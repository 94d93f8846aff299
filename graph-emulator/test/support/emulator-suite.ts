// The hooks most emulator suites start with, registered by one call at the top of a describe block. What the hooks
// create exists only once they ran, so the suite gets stand-ins that forward to it (usable inside hooks and tests).
import type { GraphEmulatorOptions } from '../../src/index.js';
import { startTestEmulator, type TestEmulator } from './emulator-harness.js';
import { accessToken, mailClient, type Json, type MailClient } from './mail-client.js';

export const MEGAN = 'megan.bowen@contoso.com';

export function forwardingTo<T extends object>(current: () => T | undefined, what: string): T {
  return new Proxy({} as T, {
    get: (_target, key) => {
      const value = current();
      if (value === undefined) throw new Error(`${what} is used before the hook that creates it ran`);
      return Reflect.get(value, key);
    },
  });
}

/** One emulator for the describe block, started before all its tests and closed after; with `resetEachTest`, its store reset before each. */
export function useTestEmulator(options: Partial<GraphEmulatorOptions> = {}, { resetEachTest = false } = {}): TestEmulator {
  let emulator: TestEmulator | undefined;
  beforeAll(async () => {
    emulator = await startTestEmulator(options);
  });
  afterAll(() => emulator?.close());
  if (resetEachTest) beforeEach(() => emulator!.emulator.store.reset());
  return forwardingTo(() => emulator, 'the test emulator');
}

export interface SeededMailbox {
  t: TestEmulator;
  /** Megan's Graph client, signed in afresh before each test. */
  c: MailClient;
}

/**
 * The emulator of `useTestEmulator`; before each test its store reset, Megan signed in (Mail.ReadWrite) and her
 * mailbox seeded through the admin API with `seed`, the admin API's answer handed to `onSeeded`.
 */
export function useSeededMailbox(seed: Json, onSeeded?: (answer: { status: number; body: Json }) => void): SeededMailbox {
  const t = useTestEmulator();
  let client: MailClient | undefined;
  beforeEach(async () => {
    t.emulator.store.reset();
    client = mailClient(t, await accessToken(t));
    const seeded = await client.admin(`/mailboxes/${MEGAN}/seed`, 'POST', seed);
    onSeeded?.(seeded);
  });
  return { t, c: forwardingTo(() => client, "Megan's mail client") };
}
