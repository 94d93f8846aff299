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
import { PushRequestDebouncer } from './subscriptions/push-request.debouncer.js';
import { IntakeRateMeter } from './subscriptions/intake-rate.meter.js';
import { PushPassGate } from './subscriptions/push-pass.gate.js';
import { MailSubscriptionService } from './subscriptions/mail-subscription.service.js';
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
      controllers: [MicrosoftAuthController, MicrosoftWebhookController, AttachmentUploadController],
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
        WebhookRequestHandler,
        WebhookFastPath,
        PushRequestDebouncer,
        IntakeRateMeter,
        PushPassGate,
        MailSubscriptionService,
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
      ],
      exports: [MICROSOFT_PLUGIN_CONFIG, MicrosoftTokenService, GraphClientFactory, SecretVaultService, MicrosoftAccountService, MailSyncService, MailSyncJobs, CalendarSyncService, CalendarSyncJobs, MailSubscriptionService, SubscriptionJobs, WebhookFastPath, ComposeService, ComposeJobs, OutgoingSendMachine, ComposeGraphFactory],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.mailboxGate.close();
    await this.transport.close();
  }
}
