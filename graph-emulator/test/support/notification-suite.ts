// The hooks of a suite that takes change notifications: one emulator that retries and times out quickly, one
// webhook receiver for the block, and before each test a reset store, an emptied receiver and a signed-in client.
import type { TestEmulator } from './emulator-harness.js';
import { forwardingTo, useTestEmulator } from './emulator-suite.js';
import type { MailClient } from './mail-client.js';
import { startReceiver, type WebhookReceiver } from './webhook-receiver.js';

export const QUICK_NOTIFICATIONS = { retryInitialDelayMs: 30, retryMaxDelayMs: 100, responseTimeoutMs: 1000, validationTimeoutMs: 1000 };

/** An ISO time `minutes` from now (a subscription's expirationDateTime). */
export const inMinutes = (minutes: number): string => new Date(Date.now() + minutes * 60_000).toISOString();

export interface NotificationSuite {
  t: TestEmulator;
  receiver: WebhookReceiver;
  c: MailClient;
}

export function useNotificationSuite(signIn: (t: TestEmulator) => Promise<MailClient>): NotificationSuite {
  const t = useTestEmulator({ notificationSettings: QUICK_NOTIFICATIONS });
  let receiver: WebhookReceiver | undefined;
  let client: MailClient | undefined;
  beforeAll(async () => {
    receiver = await startReceiver();
  });
  afterAll(() => receiver?.close());
  beforeEach(async () => {
    t.emulator.store.reset();
    receiver!.requests.length = 0;
    client = await signIn(t);
  });
  return { t, receiver: forwardingTo(() => receiver, 'the webhook receiver'), c: forwardingTo(() => client, 'the signed-in client') };
}
