import { Inject, Injectable } from '@nestjs/common';
import { HOST_JOB_SYSTEM, type HostJobSystem } from '@m365/shared-types';
import { constantTimeEqual } from '../common/constant-time-equal.util.js';
import { NotificationInboxRepository } from './notification-inbox.repository.js';
import { SubscriptionRegistry, type KnownSubscription } from './subscription-registry.js';
import type { ChangeNotificationItem, LifecycleNotificationItem } from './notification-payload.parser.js';
import { SUBSCRIPTION_LIFECYCLE_JOB, type LifecycleJobData } from './subscription.constants.js';
import { PushRequestDebouncer } from './push-request.debouncer.js';
import { IntakeRateMeter } from './intake-rate.meter.js';
import { PluginLogger } from '../logging/plugin-logger.js';

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
  ) {}

  async acceptChanges(items: ChangeNotificationItem[]): Promise<IntakeOutcome> {
    const { accepted, forged } = await this.authenticate(items);
    if (accepted.length === 0) return forged > 0 ? 'forged' : 'accepted';
    await this.inbox.record(
      accepted.map(({ item, subscription }) => ({
        graphSubscriptionId: item.subscriptionId,
        channelId: subscription.channelId,
        workspaceId: subscription.workspaceId,
        changeType: item.changeType,
        resourceId: item.resourceId,
      })),
    );
    this.intakeRate.record(accepted.length);
    for (const { subscription } of accepted) this.pushRequests.request(subscription.workspaceId, subscription.channelId);
    return 'accepted';
  }

  async acceptLifecycle(items: LifecycleNotificationItem[]): Promise<IntakeOutcome> {
    const { accepted, forged } = await this.authenticate(items);
    if (accepted.length === 0) return forged > 0 ? 'forged' : 'accepted';
    for (const { item } of accepted) {
      await this.jobs.add<LifecycleJobData>(SUBSCRIPTION_LIFECYCLE_JOB.queue, SUBSCRIPTION_LIFECYCLE_JOB.name, {
        graphSubscriptionId: item.subscriptionId,
        lifecycleEvent: item.lifecycleEvent,
      }, { attempts: 5 });
    }
    return 'accepted';
  }

  private async authenticate<T extends { subscriptionId: string; clientState: string | null }>(items: T[]): Promise<{ accepted: Array<{ item: T; subscription: KnownSubscription }>; forged: number }> {
    const accepted: Array<{ item: T; subscription: KnownSubscription }> = [];
    let forged = 0;
    for (const item of items) {
      const subscription = await this.registry.resolve(item.subscriptionId);
      if (!subscription) continue; // Not ours (any more): acknowledged and ignored, so Graph stops retrying it.
      if (item.clientState === null || !constantTimeEqual(item.clientState, subscription.clientState)) {
        forged += 1;
        continue;
      }
      accepted.push({ item, subscription });
    }
    if (forged > 0) this.logger.warn(`Refused ${forged} notification(s) whose clientState did not match`);
    return { accepted, forged };
  }
}
