import { NotificationIntakeService } from '../src/subscriptions/notification-intake.service.js';
import { NotificationReplayGuard } from '../src/subscriptions/notification-replay.guard.js';
import { parseChangeNotifications, parseLifecycleNotifications } from '../src/subscriptions/notification-payload.parser.js';
import type { SubscriptionRegistry } from '../src/subscriptions/subscription-registry.js';
import type { NotificationInboxRepository } from '../src/subscriptions/notification-inbox.repository.js';
import type { PushRequestDebouncer } from '../src/subscriptions/push-request.debouncer.js';
import type { IntakeRateMeter } from '../src/subscriptions/intake-rate.meter.js';
import type { HostJobSystem } from '@m365/shared-types';

const SUBSCRIPTION = { id: 's', workspaceId: 'w', connectedAccountId: 'a', channelId: 'c', kind: 'mail', clientState: 'state-of-the-subscription', tenantId: 'tenant-a' };
const change = (etag: string | undefined, changeType = 'updated') => ({
  value: [{ subscriptionId: 'g1', changeType, clientState: SUBSCRIPTION.clientState, tenantId: 'TENANT-A', resource: 'Users/u/Messages/m', resourceData: { id: 'm', ...(etag ? { '@odata.etag': etag } : {}) } }],
});

describe('Replayed notifications', () => {
  it('the same item etag is new once; another etag, another change type, or no etag at all is new each time', () => {
    const guard = new NotificationReplayGuard();
    const key = (body: unknown) => parseChangeNotifications(body)[0]!.replayKey;
    expect(guard.firstTime(key(change('W/"1"')))).toBe(true);
    expect(guard.firstTime(key(change('W/"1"')))).toBe(false);
    expect(guard.firstTime(key(change('W/"2"')))).toBe(true);
    expect(guard.firstTime(key(change('W/"1"', 'created')))).toBe(true);
    expect(guard.firstTime(key(change(undefined)))).toBe(true);
    expect(guard.firstTime(key(change(undefined)))).toBe(true);
    // A deletion happens once, etag or not.
    expect(guard.firstTime(key(change(undefined, 'deleted')))).toBe(true);
    expect(guard.firstTime(key(change(undefined, 'deleted')))).toBe(false);
    // Remembered four hours (Graph's redelivery window), then new again.
    expect(guard.firstTime(key(change('W/"1"')), Date.now() + 4 * 60 * 60 * 1000 + 1)).toBe(true);
  });

  it('a lifecycle event is a replay with the same expiry, new once the subscription was renewed', () => {
    const guard = new NotificationReplayGuard();
    const key = (expiry: string) => parseLifecycleNotifications({ value: [{ subscriptionId: 'g1', lifecycleEvent: 'reauthorizationRequired', clientState: 'x', subscriptionExpirationDateTime: expiry }] })[0]!.replayKey;
    expect(guard.firstTime(key('2027-01-01T00:00:00Z'))).toBe(true);
    expect(guard.firstTime(key('2027-01-01T00:00:00Z'))).toBe(false);
    expect(guard.firstTime(key('2027-01-08T00:00:00Z'))).toBe(true);
  });

  it('a notification that could not be recorded is not remembered: Graph retrying it gets through', async () => {
    let failing = true;
    const recorded: unknown[] = [];
    const intake = new NotificationIntakeService(
      { resolve: async () => SUBSCRIPTION } as unknown as SubscriptionRegistry,
      { record: async (items: unknown[]) => (failing ? Promise.reject(new Error('database down')) : void recorded.push(...items)) } as unknown as NotificationInboxRepository,
      {} as HostJobSystem,
      { request: () => undefined } as unknown as PushRequestDebouncer,
      { record: () => undefined } as unknown as IntakeRateMeter,
      new NotificationReplayGuard(),
    );
    const items = parseChangeNotifications(change('W/"7"'));
    await expect(intake.acceptChanges(items)).rejects.toThrow('database down');
    failing = false;
    expect(await intake.acceptChanges(items)).toBe('accepted');
    expect(recorded).toHaveLength(1);
    expect(await intake.acceptChanges(items)).toBe('accepted');
    expect(recorded).toHaveLength(1);
    // Another tenant than the account's, with the right clientState: forged.
    expect(await intake.acceptChanges(parseChangeNotifications({ value: [{ ...change('W/"8"').value[0], tenantId: 'tenant-b' }] }))).toBe('forged');
    expect(recorded).toHaveLength(1);
  });
});
