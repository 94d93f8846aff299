import { Inject, Injectable } from '@nestjs/common';
import { HOST_JOB_SYSTEM, type HostJobSystem } from '@m365/shared-types';
import { constantTimeEqual } from '../common/constant-time-equal.util.js';
import { NotificationInboxRepository } from './notification-inbox.repository.js';
import { SubscriptionRegistry, type KnownSubscription } from './subscription-registry.js';
import type { ChangeNotificationItem, LifecycleNotificationItem } from './notification-payload.parser.js';
import { SUBSCRIPTION_LIFECYCLE_JOB, type LifecycleJobData } from './subscription.constants.js';
import { PushRequestDebouncer } from './push-request.debouncer.js';
import { subscriptionKind } from './subscription-kinds.js';
import { IntakeRateMeter } from './intake-rate.meter.js';
import { PluginLogger } from '../logging/plugin-logger.js';
import { NotificationReplayGuard } from './notification-replay.guard.js';

export type IntakeOutcome = 'accepted' | 'forged';

/**
 * Decides what a webhook call is worth: each item's subscription must be ours and its clientState must match
 * (compared in constant time). Accepted items are recorded, then their channels' push jobs are requested through
 * the debouncer; the job id coalesces what remains into one run in flight plus one queued.
 */
@Injectable()
export class NotificationIntakeService {
  private readonly logger = new PluginLogger(NotificationIntakeService.name);

  constructor(
    @Inject(SubscriptionRegistry) private readonly registry: SubscriptionRegistry,
    @Inject(NotificationInboxRepository) private readonly inbox: NotificationInboxRepository,
    @Inject(HOST_JOB_SYSTEM) private readonly jobs: HostJobSystem,
    @Inject(PushRequestDebouncer) private readonly pushRequests: PushRequestDebouncer,
    @Inject(IntakeRateMeter) private readonly intakeRate: IntakeRateMeter,
    @Inject(NotificationReplayGuard) private readonly replays: NotificationReplayGuard,
  ) {}

  async acceptChanges(items: ChangeNotificationItem[]): Promise<IntakeOutcome> {
    const { accepted, forged } = await this.authenticate(items);
    if (accepted.length === 0) return forged > 0 ? 'forged' : 'accepted';
    try {
      await this.inbox.record(
        accepted.map(({ item, subscription }) => ({
          graphSubscriptionId: item.subscriptionId,
          channelId: subscription.channelId,
          workspaceId: subscription.workspaceId,
          changeType: item.changeType,
          resourceId: item.resourceId,
        })),
      );
    } catch (error) {
      this.replays.forget(accepted.map(({ item }) => item.replayKey));
      throw error;
    }
    this.intakeRate.record(accepted.length);
    for (const { subscription } of accepted) this.pushRequests.request(subscriptionKind(subscription.kind), subscription.workspaceId, subscription.channelId);
    return 'accepted';
  }

  async acceptLifecycle(items: LifecycleNotificationItem[]): Promise<IntakeOutcome> {
    const { accepted, forged } = await this.authenticate(items);
    if (accepted.length === 0) return forged > 0 ? 'forged' : 'accepted';
    for (const [index, { item }] of accepted.entries()) {
      try {
        await this.jobs.add<LifecycleJobData>(SUBSCRIPTION_LIFECYCLE_JOB.queue, SUBSCRIPTION_LIFECYCLE_JOB.name, {
          graphSubscriptionId: item.subscriptionId,
          lifecycleEvent: item.lifecycleEvent,
        }, { attempts: 5 });
      } catch (error) {
        this.replays.forget(accepted.slice(index).map((entry) => entry.item.replayKey));
        throw error;
      }
    }
    return 'accepted';
  }

  /**
   * Each item's subscription must be ours, its clientState must match, and the tenant it names (when it names one)
   * must be the account's; an authentic item already taken is a replay, acknowledged and dropped.
   */
  private async authenticate<T extends { subscriptionId: string; clientState: string | null; tenantId: string | null; replayKey: string | null }>(items: T[]): Promise<{ accepted: Array<{ item: T; subscription: KnownSubscription }>; forged: number }> {
    const accepted: Array<{ item: T; subscription: KnownSubscription }> = [];
    let forged = 0;
    let replayed = 0;
    for (const item of items) {
      const subscription = await this.registry.resolve(item.subscriptionId);
      if (!subscription) continue; // Not ours (any more): acknowledged and ignored, so Graph stops retrying it.
      if (item.clientState === null || !constantTimeEqual(item.clientState, subscription.clientState) || !sameTenant(item.tenantId, subscription.tenantId)) {
        forged += 1;
        continue;
      }
      if (!this.replays.firstTime(item.replayKey)) {
        replayed += 1;
        continue;
      }
      accepted.push({ item, subscription });
    }
    if (forged > 0) this.logger.warn(`Refused ${forged} notification(s) whose clientState or tenant did not match`);
    if (replayed > 0) this.logger.log(`Dropped ${replayed} notification(s) already received`);
    return { accepted, forged };
  }
}

function sameTenant(claimed: string | null, accountTenant: string | null): boolean {
  return claimed === null || accountTenant === null || claimed.toLowerCase() === accountTenant.toLowerCase();
}
