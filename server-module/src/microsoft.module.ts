import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type { MicrosoftPluginConfig } from './config/microsoft-plugin-config.js';
import { MICROSOFT_PLUGIN_CONFIG } from './config/microsoft-plugin-config.token.js';
import { MicrosoftHttpTransport } from './http/microsoft-http-transport.js';
import { SecretCipher } from './vault/secret-cipher.js';
import { SecretVaultService } from './vault/secret-vault.service.js';
import { MsalClientFactory } from './auth/msal-client.factory.js';
import { OAuthStateService } from './auth/oauth-state.service.js';
import { TransientTokenService } from './auth/transient-token.service.js';
import { MicrosoftConnectService } from './auth/microsoft-connect.service.js';
import { MicrosoftAuthController } from './auth/microsoft-auth.controller.js';
import { GraphClientFactory } from './graph/graph-client.factory.js';
import { createMailboxGate } from './graph/mailbox-gate/create-mailbox-gate.js';
import type { MailboxGate } from './graph/mailbox-gate/mailbox-gate.js';
import { MAILBOX_GATE } from './graph/mailbox-gate/mailbox-gate.token.js';
import { HostRecordsFactory } from './host-adapters/host-records.factory.js';
import { MicrosoftIdentityRepository } from './accounts/microsoft-identity.repository.js';
import { MicrosoftAccountService } from './accounts/microsoft-account.service.js';
import { FeatureGate } from './accounts/feature-gate.js';
import { MicrosoftAccountResolver } from './accounts/microsoft-account.resolver.js';
import { MicrosoftTokenService } from './tokens/microsoft-token.service.js';
import { OAuthStateCleanupCronJob } from './auth/oauth-state-cleanup.cron.job.js';
import { VaultKeyRotationJob } from './vault/vault-key-rotation.job.js';
import { SyncProgressRepository } from './mail/sync-progress.repository.js';
import { MailSyncService } from './mail/mail-sync.service.js';
import { MailSyncExceptionHandler } from './mail/mail-sync-exception.handler.js';
import { MailSyncJobs } from './mail/mail-sync.job.js';
import { MessageChannelResolver } from './mail/message-channel.resolver.js';
import { InterruptedMailSyncRecovery } from './mail/interrupted-mail-sync.recovery.js';
import { MicrosoftCalendarRepository } from './calendar/microsoft-calendar.repository.js';
import { CalendarSyncService } from './calendar/calendar-sync.service.js';
import { CalendarSyncJobs } from './calendar/calendar-sync.job.js';
import { CalendarChannelResolver } from './calendar/calendar-channel.resolver.js';
import { WorkerProcessRegistry } from './sync-leases/worker-process.registry.js';
import { SyncLeaseRepository } from './sync-leases/sync-lease.repository.js';
import { SyncRunRepository } from './sync-log/sync-run.repository.js';
import { SyncRunRecorder } from './sync-log/sync-run-recorder.js';
import { SyncRunResolver } from './sync-log/sync-run.resolver.js';
import { SyncRunPruneCronJob } from './sync-log/sync-run-prune.cron.job.js';
import { SubscriptionRepository } from './subscriptions/subscription.repository.js';
import { SubscriptionRegistry } from './subscriptions/subscription-registry.js';
import { NotificationInboxRepository } from './subscriptions/notification-inbox.repository.js';
import { NotificationIntakeService } from './subscriptions/notification-intake.service.js';
import { NotificationReplayGuard } from './subscriptions/notification-replay.guard.js';
import { PushRequestDebouncer } from './subscriptions/push-request.debouncer.js';
import { IntakeRateMeter } from './subscriptions/intake-rate.meter.js';
import { PushPassGate } from './subscriptions/push-pass.gate.js';
import { SubscriptionService } from './subscriptions/subscription.service.js';
import { ChannelPushStatus } from './subscriptions/channel-push-status.js';
import { SubscriptionJobs } from './subscriptions/subscription.jobs.js';
import { MicrosoftWebhookController } from './subscriptions/webhook/microsoft-webhook.controller.js';
import { WebhookRequestHandler } from './subscriptions/webhook/webhook-request.handler.js';
import { WebhookFastPath } from './subscriptions/webhook/webhook-fast-path.js';
import { OutgoingMessageRepository } from './compose/outgoing-message.repository.js';
import { MessageMailStateRepository } from './compose/message-mail-state.repository.js';
import { ComposeGraphFactory } from './compose/compose-graph.factory.js';
import { OutgoingSendMachine } from './compose/outgoing-send.machine.js';
import { ComposeJobs } from './compose/compose.jobs.js';
import { ComposeService } from './compose/compose.service.js';
import { ThreadMailActionsService } from './compose/thread-mail-actions.service.js';
import { AttachmentUploadService } from './compose/attachment-upload.service.js';
import { AttachmentUploadController } from './compose/attachment-upload.controller.js';
import { ComposeResolver } from './compose/compose.resolver.js';
import { CalendarOutboxRepository } from './calendar/outbound/calendar-outbox.repository.js';
import { CalendarOutboundApplier } from './calendar/outbound/calendar-outbound.applier.js';
import { CalendarOutboundJobs } from './calendar/outbound/calendar-outbound.jobs.js';
import { CalendarEventOutboundListener } from './calendar/outbound/calendar-event-outbound.listener.js';
import { CalendarEchoFilter } from './calendar/outbound/calendar-echo.filter.js';
import { CalendarWriteStatesResolver } from './calendar/outbound/calendar-write-states.resolver.js';
import { CALENDAR_EVENT_OUTBOUND_PORT, PERSON_CHANGE_PORT, TASK_CHANGE_PORT } from '@m365/shared-types';
import { ContactChannelRepository } from './contacts/contact-channel.repository.js';
import { ContactLinkRepository } from './contacts/contact-link.repository.js';
import { ContactConflictLogRepository } from './contacts/contact-conflict-log.repository.js';
import { ContactOutboxRepository } from './contacts/outbound/contact-outbox.repository.js';
import { ContactsSyncService } from './contacts/contacts-sync.service.js';
import { ContactsSyncJobs } from './contacts/contacts-sync.jobs.js';
import { ContactOutboundApplier } from './contacts/outbound/contact-outbound.applier.js';
import { ContactOutboundJobs } from './contacts/outbound/contact-outbound.jobs.js';
import { PersonChangeListener } from './contacts/outbound/person-change.listener.js';
import { ContactSyncResolver } from './contacts/contact-sync.resolver.js';
import { TodoListRepository } from './todo/todo-list.repository.js';
import { TodoLinkRepository } from './todo/todo-link.repository.js';
import { TodoTaskWriter } from './todo/outbound/todo-task.writer.js';
import { TodoOutboundJobs } from './todo/outbound/todo-outbound.jobs.js';
import { TaskChangeListener } from './todo/outbound/task-change.listener.js';
import { TodoPushRequester } from './todo/todo-push.requester.js';
import { TodoSyncService } from './todo/todo-sync.service.js';
import { TodoSyncJobs } from './todo/todo-sync.jobs.js';
import { TodoTaskSyncService } from './todo/todo-task-sync.service.js';
import { TodoSyncResolver } from './todo/todo-sync.resolver.js';
import { MailTipCacheRepository } from './compose/recipients/mail-tip-cache.repository.js';
import { MailTipPruneCronJob } from './compose/recipients/mail-tip-prune.cron.job.js';
import { RecipientSuggestionsService } from './compose/recipients/recipient-suggestions.service.js';
import { OutOfOfficeService } from './compose/recipients/out-of-office.service.js';
import { RecipientsResolver } from './compose/recipients/recipients.resolver.js';
import { SchedulingGraphFactory } from './scheduling/scheduling-graph.factory.js';
import { TeamsAvailabilityService } from './scheduling/teams-availability.service.js';
import { SchedulingService } from './scheduling/scheduling.service.js';
import { MicrosoftAccountTeamsResolver, SchedulingResolver } from './scheduling/scheduling.resolver.js';
import { AccountPurgeRepository } from './disconnect/account-purge.repository.js';
import { AccountPurgeService } from './disconnect/account-purge.service.js';
import { accountPurgeStepProviders } from './disconnect/account-purge.steps.js';
import { ExpiringSubscriptionRepository } from './disconnect/expiring-subscription.repository.js';
import { InterruptedPurgeRecovery } from './disconnect/interrupted-purge.recovery.js';
import { UsableMicrosoftAccounts } from './disconnect/usable-microsoft-accounts.js';
import { filesControllers, filesProviders } from './files/files.providers.js';
import { bookingProviders } from './booking/booking.providers.js';
import { BookingPublicController } from './booking/public/booking-public.controller.js';
import { BookingManageController } from './booking/public/booking-manage.controller.js';

export { MICROSOFT_PLUGIN_CONFIG };

/**
 * The plugin's server module. The host imports `MicrosoftModule.forRoot(config)` and provides, globally,
 * HOST_JOB_SYSTEM and HOST_MEMBER_CONTEXT (tokens from @m365/shared-types) and a TypeORM `DataSource`
 * whose migrations include `pluginMigrations` from @m365/migrations.
 */
@Module({})
export class MicrosoftModule implements OnApplicationShutdown {
  constructor(
    @Inject(MicrosoftHttpTransport) private readonly transport: MicrosoftHttpTransport,
    @Inject(MAILBOX_GATE) private readonly mailboxGate: MailboxGate,
  ) {}

  static forRoot(config: MicrosoftPluginConfig): DynamicModule {
    return {
      module: MicrosoftModule,
      controllers: [MicrosoftAuthController, MicrosoftWebhookController, AttachmentUploadController, BookingManageController, BookingPublicController, ...filesControllers],
      providers: [
        { provide: MICROSOFT_PLUGIN_CONFIG, useValue: config },
        { provide: MicrosoftHttpTransport, useValue: new MicrosoftHttpTransport(config.extraCaPem) },
        { provide: SecretCipher, useValue: new SecretCipher(config.encryptionKeys) },
        { provide: MAILBOX_GATE, useFactory: () => createMailboxGate(config) },
        SecretVaultService,
        MsalClientFactory,
        GraphClientFactory,
        OAuthStateService,
        TransientTokenService,
        MicrosoftConnectService,
        HostRecordsFactory,
        MicrosoftIdentityRepository,
        MicrosoftAccountService,
        FeatureGate,
        MicrosoftAccountResolver,
        MicrosoftTokenService,
        OAuthStateCleanupCronJob,
        VaultKeyRotationJob,
        SyncProgressRepository,
        WorkerProcessRegistry,
        SyncLeaseRepository,
        SyncRunRepository,
        SyncRunRecorder,
        SyncRunResolver,
        SyncRunPruneCronJob,
        MailSyncExceptionHandler,
        MailSyncService,
        MailSyncJobs,
        InterruptedMailSyncRecovery,
        MessageChannelResolver,
        MicrosoftCalendarRepository,
        CalendarSyncService,
        CalendarSyncJobs,
        CalendarChannelResolver,
        SubscriptionRepository,
        SubscriptionRegistry,
        NotificationInboxRepository,
        NotificationIntakeService,
        NotificationReplayGuard,
        WebhookRequestHandler,
        WebhookFastPath,
        PushRequestDebouncer,
        IntakeRateMeter,
        PushPassGate,
        SubscriptionService,
        ChannelPushStatus,
        SubscriptionJobs,
        OutgoingMessageRepository,
        MessageMailStateRepository,
        ComposeGraphFactory,
        OutgoingSendMachine,
        ComposeJobs,
        ComposeService,
        ThreadMailActionsService,
        AttachmentUploadService,
        ComposeResolver,
        CalendarOutboxRepository,
        CalendarEchoFilter,
        CalendarOutboundApplier,
        CalendarOutboundJobs,
        CalendarEventOutboundListener,
        { provide: CALENDAR_EVENT_OUTBOUND_PORT, useExisting: CalendarEventOutboundListener },
        CalendarWriteStatesResolver,
        MailTipCacheRepository,
        MailTipPruneCronJob,
        RecipientSuggestionsService,
        OutOfOfficeService,
        RecipientsResolver,
        SchedulingGraphFactory,
        TeamsAvailabilityService,
        SchedulingService,
        SchedulingResolver,
        MicrosoftAccountTeamsResolver,
        AccountPurgeRepository,
        ExpiringSubscriptionRepository,
        ...accountPurgeStepProviders,
        ...filesProviders,
        AccountPurgeService,
        InterruptedPurgeRecovery,
        UsableMicrosoftAccounts,
        ContactChannelRepository,
        ContactLinkRepository,
        ContactConflictLogRepository,
        ContactOutboxRepository,
        ContactsSyncService,
        ContactsSyncJobs,
        ContactOutboundApplier,
        ContactOutboundJobs,
        PersonChangeListener,
        { provide: PERSON_CHANGE_PORT, useExisting: PersonChangeListener },
        ContactSyncResolver,
        TodoListRepository,
        TodoLinkRepository,
        TodoTaskWriter,
        TodoOutboundJobs,
        TaskChangeListener,
        { provide: TASK_CHANGE_PORT, useExisting: TaskChangeListener },
        TodoPushRequester,
        TodoSyncService,
        TodoSyncJobs,
        TodoTaskSyncService,
        TodoSyncResolver,
        ...bookingProviders,
      ],
      exports: [MICROSOFT_PLUGIN_CONFIG, AccountPurgeService, InterruptedPurgeRecovery, MicrosoftTokenService, FeatureGate, GraphClientFactory, SecretVaultService, MicrosoftAccountService, MailSyncService, MailSyncJobs, CalendarSyncService, CalendarSyncJobs, SubscriptionService, SubscriptionJobs, WebhookFastPath, ComposeService, ComposeJobs, OutgoingSendMachine, ComposeGraphFactory, CALENDAR_EVENT_OUTBOUND_PORT, CalendarOutboundJobs, CalendarOutboundApplier, CalendarEchoFilter, PERSON_CHANGE_PORT, ContactsSyncService, ContactsSyncJobs, ContactOutboundJobs, TASK_CHANGE_PORT, TodoSyncService, TodoSyncJobs, TodoOutboundJobs],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.mailboxGate.close();
    await this.transport.close();
  }
}
