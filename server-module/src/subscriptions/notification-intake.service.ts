import { Inject, Injectable, Logger } from '@nestjs/common';
import { HOST_JOB_SYSTEM, type HostJobSystem } from '@m365/shared-types';
import { constantTimeEqual } from '../common/constant-time-equal.util.js';
import { NotificationInboxRepository } from './notification-inbox.repository.js';
import { SubscriptionRegistry, type KnownSubscription } from './subscription-registry.js';
import type { ChangeNotificationItem, LifecycleNotificationItem } from './notification-payload.parser.js';
import { MAIL_PUSH_JOB, SUBSCRIPTION_LIFECYCLE_JOB, mailPushJobId, type LifecycleJobData, type MailPushJobData } from './subscription.constants.js';

export type IntakeOutcome = 'accepted' | 'forged';

/**
 * Decides what a webhook call is worth: each item's subscription must be ours and its clientState must match
 * (compared in constant time). Accepted items are recorded, then one push job per channel is requested; the job id
 * coalesces a burst into one run in flight plus one queued.
 */
@Injectable()
export class NotificationIntakeService {
  private readonly logger = new Logger(NotificationIntakeService.name);

  constructor(
    @Inject(SubscriptionRegistry) private readonly registry: SubscriptionRegistry,
    @Inject(NotificationInboxRepository) private readonly inbox: NotificationInboxRepository,
    @Inject(HOST_JOB_SYSTEM) private readonly jobs: HostJobSystem,
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
    const channels = new Map(accepted.map(({ subscription }) => [subscription.channelId, subscription.workspaceId]));
    // The inbox row is the durable record. The job request is not awaited: an unreachable queue must not hold up
    // Graph's 202 (ioredis would wait for Redis to return); the sweeper asks again for anything left pending.
    void Promise.all(
      [...channels].map(([messageChannelId, workspaceId]) =>
        this.jobs.add<MailPushJobData>(MAIL_PUSH_JOB.queue, MAIL_PUSH_JOB.name, { workspaceId, messageChannelId }, { jobId: mailPushJobId(messageChannelId) }).catch((error: Error) =>
          this.logger.warn(`Push job for channel ${messageChannelId} not queued (${error.message}); the sweeper will retry`),
        ),
      ),
    );
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
