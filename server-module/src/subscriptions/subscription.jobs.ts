import { Inject, Injectable } from '@nestjs/common';
import { HOST_JOB_SYSTEM, SyncRunTrigger, type HostJobSystem } from '@m365/shared-types';
import { MailSyncService } from '../mail/mail-sync.service.js';
import { MailSyncJobs } from '../mail/mail-sync.job.js';
import { CalendarSyncService } from '../calendar/calendar-sync.service.js';
import { CalendarSyncJobs } from '../calendar/calendar-sync.job.js';
import { ContactsSyncService } from '../contacts/contacts-sync.service.js';
import { ContactsSyncJobs } from '../contacts/contacts-sync.jobs.js';
import { ContactChannelRepository } from '../contacts/contact-channel.repository.js';
import { TodoSyncService } from '../todo/todo-sync.service.js';
import { TodoSyncJobs } from '../todo/todo-sync.jobs.js';
import { TodoListRepository } from '../todo/todo-list.repository.js';
import { SubscriptionService } from './subscription.service.js';
import { NotificationInboxRepository } from './notification-inbox.repository.js';
import { SubscriptionRepository } from './subscription.repository.js';
import { PushPassGate } from './push-pass.gate.js';
import { HostRecordsFactory } from '../host-adapters/host-records.factory.js';
import { PluginLogger } from '../logging/plugin-logger.js';
import {
  PUSH_SWEEP_CRON,
  RENEW_WHEN_EXPIRING_WITHIN_MS,
  SUBSCRIPTION_CREATE_JOB,
  SUBSCRIPTION_LIFECYCLE_JOB,
  SUBSCRIPTION_RENEWAL_CRON,
  SubscriptionStatus,
  type LifecycleJobData,
  type SubscriptionCreateJobData,
} from './subscription.constants.js';
import {
  CALENDAR_SUBSCRIPTION,
  CONTACTS_SUBSCRIPTION,
  MAIL_SUBSCRIPTION,
  TODO_SUBSCRIPTION,
  todoTasksResource,
  subscriptionKind,
  type CalendarPushJobData,
  type ContactsPushJobData,
  type MailPushJobData,
  type TodoPushJobData,
  type SubscriptionKind,
  type SubscriptionKindName,
} from './subscription-kinds.js';

const BUSY_RETRY_MS = 250;
const SWEEP_AFTER_MS = 5_000;
const RENEWALS_PER_PASS = 1000;

/** The channel sync a kind's notifications and lifecycle events ask for. */
interface ChannelSync {
  /** A pass from the stored cursors; `busy` when another one holds the channel. */
  quickPass(workspaceId: string, channelId: string): Promise<'synced' | 'busy' | 'unavailable' | 'failed'>;
  /** A full pass in the background, for what no notification told of. */
  resync(workspaceId: string, channelId: string): Promise<void>;
}

/** Push's background work: making subscriptions, answering lifecycle events, renewing, and the sync each notification asks for. */
@Injectable()
export class SubscriptionJobs {
  private readonly logger = new PluginLogger(SubscriptionJobs.name);
  private readonly syncs: Record<SubscriptionKindName, ChannelSync>;

  constructor(
    @Inject(HOST_JOB_SYSTEM) private readonly jobs: HostJobSystem,
    @Inject(SubscriptionService) private readonly channelSubscriptions: SubscriptionService,
    @Inject(SubscriptionRepository) private readonly subscriptions: SubscriptionRepository,
    @Inject(NotificationInboxRepository) private readonly inbox: NotificationInboxRepository,
    @Inject(MailSyncService) mailSync: MailSyncService,
    @Inject(MailSyncJobs) mailSyncJobs: MailSyncJobs,
    @Inject(CalendarSyncService) calendarSync: CalendarSyncService,
    @Inject(CalendarSyncJobs) calendarSyncJobs: CalendarSyncJobs,
    @Inject(ContactsSyncService) contactsSync: ContactsSyncService,
    @Inject(ContactsSyncJobs) contactsSyncJobs: ContactsSyncJobs,
    @Inject(ContactChannelRepository) private readonly contactChannels: ContactChannelRepository,
    @Inject(TodoSyncService) todoSync: TodoSyncService,
    @Inject(TodoSyncJobs) todoSyncJobs: TodoSyncJobs,
    @Inject(TodoListRepository) private readonly todoLists: TodoListRepository,
    @Inject(PushPassGate) private readonly passGate: PushPassGate,
    @Inject(HostRecordsFactory) private readonly records: HostRecordsFactory,
  ) {
    this.syncs = {
      mail: {
        quickPass: (workspaceId, channelId) => mailSync.syncChannel(workspaceId, channelId, { mode: 'quick' }),
        resync: (workspaceId, channelId) => mailSyncJobs.enqueue(workspaceId, channelId, SyncRunTrigger.RESYNC),
      },
      calendar: {
        quickPass: (workspaceId, channelId) => calendarSync.syncChannel(workspaceId, channelId, { mode: 'quick' }),
        resync: (workspaceId, channelId) => calendarSyncJobs.enqueue(workspaceId, channelId, SyncRunTrigger.RESYNC),
      },
      contacts: {
        quickPass: (workspaceId, channelId) => contactsSync.syncChannel(workspaceId, channelId, { mode: 'quick' }),
        resync: (workspaceId, channelId) => contactsSyncJobs.enqueue(workspaceId, channelId, { retryWhenBusy: true }),
      },
      todo: {
        quickPass: (workspaceId, channelId) => todoSync.syncList(workspaceId, channelId, { trigger: SyncRunTrigger.PUSH }),
        resync: (workspaceId, channelId) => todoSyncJobs.enqueue(workspaceId, channelId, { retryWhenBusy: true, trigger: SyncRunTrigger.RESYNC }),
      },
    };
    jobs.registerProcessor<SubscriptionCreateJobData>(SUBSCRIPTION_CREATE_JOB.queue, SUBSCRIPTION_CREATE_JOB.name, async (data) => {
      const channelId = data.channelId ?? data.messageChannelId!;
      const kind = subscriptionKind(data.kind);
      await this.channelSubscriptions.create(kind, data.workspaceId, data.connectedAccountId, channelId, data.resource ?? kind.resource);
    });
    jobs.registerProcessor<LifecycleJobData>(SUBSCRIPTION_LIFECYCLE_JOB.queue, SUBSCRIPTION_LIFECYCLE_JOB.name, (data) => this.onLifecycle(data));
    jobs.registerProcessor<MailPushJobData>(MAIL_SUBSCRIPTION.pushJob.queue, MAIL_SUBSCRIPTION.pushJob.name, ({ workspaceId, messageChannelId }) => this.onPush(MAIL_SUBSCRIPTION, workspaceId, messageChannelId));
    jobs.registerProcessor<CalendarPushJobData>(CALENDAR_SUBSCRIPTION.pushJob.queue, CALENDAR_SUBSCRIPTION.pushJob.name, ({ workspaceId, calendarChannelId }) =>
      this.onPush(CALENDAR_SUBSCRIPTION, workspaceId, calendarChannelId),
    );
    jobs.registerProcessor<ContactsPushJobData>(CONTACTS_SUBSCRIPTION.pushJob.queue, CONTACTS_SUBSCRIPTION.pushJob.name, ({ workspaceId, contactChannelId }) =>
      this.onPush(CONTACTS_SUBSCRIPTION, workspaceId, contactChannelId),
    );
    jobs.registerProcessor<TodoPushJobData>(TODO_SUBSCRIPTION.pushJob.queue, TODO_SUBSCRIPTION.pushJob.name, ({ workspaceId, todoListId }) => this.onPush(TODO_SUBSCRIPTION, workspaceId, todoListId));
    jobs.registerCron({ ...SUBSCRIPTION_RENEWAL_CRON, handler: () => this.renewDue() });
    jobs.registerCron({ ...PUSH_SWEEP_CRON, handler: () => this.sweep() });
  }

  /** Asks for the channel's subscription of that kind in the background; nothing when this configuration cannot have push. */
  async requestSubscription(data: SubscriptionCreateJobData): Promise<void> {
    if (this.channelSubscriptions.unavailableReason()) return;
    await this.jobs.add(SUBSCRIPTION_CREATE_JOB.queue, SUBSCRIPTION_CREATE_JOB.name, data, { jobId: `subscribe:${data.channelId}`, attempts: 5 });
  }

  /** Runs the delta the notifications asked for; those received before the run started count as handled once it succeeds. */
  async onPush(kind: SubscriptionKind, workspaceId: string, channelId: string): Promise<void> {
    const upTo = await this.inbox.pendingUpTo(channelId);
    if (!upTo) return;
    const outcome = await this.passGate.run(() => this.syncs[kind.name].quickPass(workspaceId, channelId));
    // A channel that cannot sync now (failed, disabled, reconnect needed) catches up on its next full pass.
    if (outcome === 'synced' || outcome === 'unavailable') await this.inbox.markProcessed(channelId, upTo);
    else if (outcome === 'busy') await this.addPushJob(kind, workspaceId, channelId, BUSY_RETRY_MS);
  }

  async onLifecycle({ graphSubscriptionId, lifecycleEvent }: LifecycleJobData): Promise<void> {
    const record = await this.subscriptions.findByGraphId(graphSubscriptionId);
    if (!record) return;
    const sync = this.syncs[subscriptionKind(record.kind).name];
    this.logger.log(`Lifecycle ${lifecycleEvent} for ${record.kind} subscription ${graphSubscriptionId}`);
    switch (lifecycleEvent) {
      case 'reauthorizationRequired':
        await this.subscriptions.setStatus(record.id, SubscriptionStatus.REAUTHORIZATION_REQUIRED);
        await this.channelSubscriptions.reauthorize(record);
        return;
      case 'subscriptionRemoved':
        // A new subscription first, then a delta run for whatever happened while there was none.
        await this.channelSubscriptions.recreate(record);
        await sync.resync(record.workspaceId, record.channelId);
        return;
      case 'missed':
        await sync.resync(record.workspaceId, record.channelId);
    }
  }

  /**
   * Every 6 hours: renew what would lapse before the pass after next (every kind); failures are recreated, then retried
   * next pass. Calendars of accounts connected before calendar push get their subscription here.
   */
  async renewDue(): Promise<void> {
    const due = await this.subscriptions.findDueForRenewal(new Date(Date.now() + RENEW_WHEN_EXPIRING_WITHIN_MS), RENEWALS_PER_PASS);
    for (const record of due) {
      try {
        await this.channelSubscriptions.renew(record);
      } catch (error) {
        this.logger.warn(`${record.kind} subscription of channel ${record.channelId} not renewed: ${(error as Error).message}; periodic sync covers it`);
      }
    }
    await this.subscribeCalendarsConnectedBeforePush();
    await this.subscribeContactChannelsWithoutPush();
    await this.subscribeTodoListsWithoutPush();
  }

  /** To Do lists that hold synced tasks and whose subscription request was lost (or came before push could be made). */
  private async subscribeTodoListsWithoutPush(): Promise<void> {
    for (const list of await this.todoLists.withoutSubscription(RENEWALS_PER_PASS)) {
      await this.requestSubscription({ workspaceId: list.workspaceId, connectedAccountId: list.connectedAccountId, channelId: list.id, kind: TODO_SUBSCRIPTION.name, resource: todoTasksResource(list.externalId) });
    }
  }

  /** Contact channels of accounts connected before contacts push existed (or whose request was lost) get their subscription. */
  private async subscribeContactChannelsWithoutPush(): Promise<void> {
    for (const channel of await this.contactChannels.withoutSubscription(RENEWALS_PER_PASS)) {
      await this.requestSubscription({ workspaceId: channel.workspaceId, connectedAccountId: channel.connectedAccountId, channelId: channel.id, kind: CONTACTS_SUBSCRIPTION.name });
    }
  }

  /** Accounts connected before calendar push existed have a mail subscription only: ask for their calendar's. */
  private async subscribeCalendarsConnectedBeforePush(): Promise<void> {
    for (const { workspaceId, connectedAccountId } of await this.subscriptions.accountsWithout(MAIL_SUBSCRIPTION.name, CALENDAR_SUBSCRIPTION.name, RENEWALS_PER_PASS)) {
      for (const channel of await this.records.connectedAccounts().findCalendarChannels(workspaceId, [connectedAccountId])) {
        await this.requestSubscription({ workspaceId, connectedAccountId, channelId: channel.id, kind: CALENDAR_SUBSCRIPTION.name });
      }
    }
  }

  /** Notifications whose push job never ran (the queue was down): ask again. */
  async sweep(): Promise<void> {
    for (const { workspaceId, channelId, kind } of await this.inbox.channelsWithPending(SWEEP_AFTER_MS)) {
      await this.addPushJob(subscriptionKind(kind), workspaceId, channelId);
    }
    await this.inbox.purgeProcessed();
  }

  private async addPushJob(kind: SubscriptionKind, workspaceId: string, channelId: string, delayMs?: number): Promise<void> {
    const job = kind.pushJobRequest(workspaceId, channelId);
    await this.jobs.add(job.queue, job.name, job.data, delayMs === undefined ? { jobId: job.jobId } : { jobId: job.jobId, delayMs });
  }
}
