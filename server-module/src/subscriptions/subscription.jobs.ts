import { Inject, Injectable } from '@nestjs/common';
import { HOST_JOB_SYSTEM, SyncRunTrigger, type HostJobSystem } from '@m365/shared-types';
import { MailSyncService } from '../mail/mail-sync.service.js';
import { MailSyncJobs } from '../mail/mail-sync.job.js';
import { MailSubscriptionService } from './mail-subscription.service.js';
import { NotificationInboxRepository } from './notification-inbox.repository.js';
import { SubscriptionRepository } from './subscription.repository.js';
import { PushPassGate } from './push-pass.gate.js';
import { PluginLogger } from '../logging/plugin-logger.js';
import {
  MAIL_PUSH_JOB,
  PUSH_SWEEP_CRON,
  RENEW_WHEN_EXPIRING_WITHIN_MS,
  SUBSCRIPTION_CREATE_JOB,
  SUBSCRIPTION_LIFECYCLE_JOB,
  SUBSCRIPTION_RENEWAL_CRON,
  SubscriptionStatus,
  mailPushJobId,
  type LifecycleJobData,
  type MailPushJobData,
  type SubscriptionCreateJobData,
} from './subscription.constants.js';

const BUSY_RETRY_MS = 250;
const SWEEP_AFTER_MS = 5_000;
const RENEWALS_PER_PASS = 1000;

/** Push's background work: making subscriptions, answering lifecycle events, renewing, and the sync each notification asks for. */
@Injectable()
export class SubscriptionJobs {
  private readonly logger = new PluginLogger(SubscriptionJobs.name);

  constructor(
    @Inject(HOST_JOB_SYSTEM) private readonly jobs: HostJobSystem,
    @Inject(MailSubscriptionService) private readonly mailSubscriptions: MailSubscriptionService,
    @Inject(SubscriptionRepository) private readonly subscriptions: SubscriptionRepository,
    @Inject(NotificationInboxRepository) private readonly inbox: NotificationInboxRepository,
    @Inject(MailSyncService) private readonly mailSync: MailSyncService,
    @Inject(MailSyncJobs) private readonly mailSyncJobs: MailSyncJobs,
    @Inject(PushPassGate) private readonly passGate: PushPassGate,
  ) {
    jobs.registerProcessor<SubscriptionCreateJobData>(SUBSCRIPTION_CREATE_JOB.queue, SUBSCRIPTION_CREATE_JOB.name, async ({ workspaceId, connectedAccountId, messageChannelId }) => {
      await this.mailSubscriptions.create(workspaceId, connectedAccountId, messageChannelId);
    });
    jobs.registerProcessor<LifecycleJobData>(SUBSCRIPTION_LIFECYCLE_JOB.queue, SUBSCRIPTION_LIFECYCLE_JOB.name, (data) => this.onLifecycle(data));
    jobs.registerProcessor<MailPushJobData>(MAIL_PUSH_JOB.queue, MAIL_PUSH_JOB.name, (data) => this.onPush(data));
    jobs.registerCron({ ...SUBSCRIPTION_RENEWAL_CRON, handler: () => this.renewDue() });
    jobs.registerCron({ ...PUSH_SWEEP_CRON, handler: () => this.sweep() });
  }

  /** Asks for the channel's subscription in the background; nothing when this configuration cannot have push. */
  async requestSubscription(data: SubscriptionCreateJobData): Promise<void> {
    if (this.mailSubscriptions.unavailableReason()) return;
    await this.jobs.add(SUBSCRIPTION_CREATE_JOB.queue, SUBSCRIPTION_CREATE_JOB.name, data, { jobId: `subscribe:${data.messageChannelId}`, attempts: 5 });
  }

  /** Runs the delta the notifications asked for; those received before the run started count as handled once it succeeds. */
  async onPush({ workspaceId, messageChannelId }: MailPushJobData): Promise<void> {
    const upTo = await this.inbox.pendingUpTo(messageChannelId);
    if (!upTo) return;
    const outcome = await this.passGate.run(() => this.mailSync.syncChannel(workspaceId, messageChannelId, { mode: 'quick' }));
    // A channel that cannot sync now (failed, disabled, reconnect needed) catches up on its next full pass.
    if (outcome === 'synced' || outcome === 'unavailable') await this.inbox.markProcessed(messageChannelId, upTo);
    else if (outcome === 'busy') {
      await this.jobs.add<MailPushJobData>(MAIL_PUSH_JOB.queue, MAIL_PUSH_JOB.name, { workspaceId, messageChannelId }, { jobId: mailPushJobId(messageChannelId), delayMs: BUSY_RETRY_MS });
    }
  }

  async onLifecycle({ graphSubscriptionId, lifecycleEvent }: LifecycleJobData): Promise<void> {
    const record = await this.subscriptions.findByGraphId(graphSubscriptionId);
    if (!record) return;
    this.logger.log(`Lifecycle ${lifecycleEvent} for subscription ${graphSubscriptionId}`);
    switch (lifecycleEvent) {
      case 'reauthorizationRequired':
        await this.subscriptions.setStatus(record.id, SubscriptionStatus.REAUTHORIZATION_REQUIRED);
        await this.mailSubscriptions.reauthorize(record);
        return;
      case 'subscriptionRemoved':
        // A new subscription first, then a delta run for whatever happened while there was none.
        await this.mailSubscriptions.create(record.workspaceId, record.connectedAccountId, record.channelId);
        await this.mailSyncJobs.enqueue(record.workspaceId, record.channelId, SyncRunTrigger.RESYNC);
        return;
      case 'missed':
        await this.mailSyncJobs.enqueue(record.workspaceId, record.channelId, SyncRunTrigger.RESYNC);
    }
  }

  /** Every 6 hours: renew what would lapse before the pass after next; failures are recreated, then retried next pass. */
  async renewDue(): Promise<void> {
    const due = await this.subscriptions.findDueForRenewal(new Date(Date.now() + RENEW_WHEN_EXPIRING_WITHIN_MS), RENEWALS_PER_PASS);
    for (const record of due) {
      try {
        await this.mailSubscriptions.renew(record);
      } catch (error) {
        this.logger.warn(`Subscription of channel ${record.channelId} not renewed: ${(error as Error).message}; periodic sync covers it`);
      }
    }
  }

  /** Notifications whose push job never ran (the queue was down): ask again. */
  async sweep(): Promise<void> {
    for (const { workspaceId, channelId } of await this.inbox.channelsWithPending(SWEEP_AFTER_MS)) {
      await this.jobs.add<MailPushJobData>(MAIL_PUSH_JOB.queue, MAIL_PUSH_JOB.name, { workspaceId, messageChannelId: channelId }, { jobId: mailPushJobId(channelId) });
    }
    await this.inbox.purgeProcessed();
  }
}
