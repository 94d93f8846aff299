import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  ConnectedAccountProvider,
  MicrosoftAccountType,
  PERSONAL_ACCOUNT_TENANT_ID,
  featureGrants,
  type CalendarChannelRecord,
  type CalendarChannelSettingsPatch,
  type ConnectedAccountRecord,
  type MessageChannelRecord,
  type MessageChannelSettingsPatch,
  type MicrosoftAccountView,
  type WorkspaceMemberRef,
} from '@m365/shared-types';
import { HostRecordsFactory } from '../host-adapters/host-records.factory.js';
import { SecretKind, SecretVaultService } from '../vault/secret-vault.service.js';
import { MicrosoftIdentityRepository, type MicrosoftIdentity } from './microsoft-identity.repository.js';
import { MailSubscriptionService } from '../subscriptions/mail-subscription.service.js';
import { SubscriptionRepository } from '../subscriptions/subscription.repository.js';
import { MicrosoftTokenService } from '../tokens/microsoft-token.service.js';
import { SyncProgressRepository } from '../mail/sync-progress.repository.js';
import { SyncLeaseRepository } from '../sync-leases/sync-lease.repository.js';
import { SyncRunRepository } from '../sync-log/sync-run.repository.js';
import { MicrosoftCalendarRepository } from '../calendar/microsoft-calendar.repository.js';
import { OutgoingMessageRepository } from '../compose/outgoing-message.repository.js';
import { MessageMailStateRepository } from '../compose/message-mail-state.repository.js';

export interface MicrosoftAccountWithChannels extends MicrosoftAccountView {
  messageChannel: MessageChannelRecord | null;
  calendarChannel: CalendarChannelRecord | null;
}

export class MicrosoftAccountNotFoundException extends Error {
  constructor() {
    super('No such Microsoft account among yours.');
  }
}

/** The member's own Microsoft accounts: what Settings → Accounts lists, changes and disconnects. */
@Injectable()
export class MicrosoftAccountService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(HostRecordsFactory) private readonly records: HostRecordsFactory,
    @Inject(MicrosoftIdentityRepository) private readonly identities: MicrosoftIdentityRepository,
    @Inject(SecretVaultService) private readonly vault: SecretVaultService,
    @Inject(MailSubscriptionService) private readonly mailSubscriptions: MailSubscriptionService,
    @Inject(SubscriptionRepository) private readonly subscriptions: SubscriptionRepository,
    @Inject(MicrosoftTokenService) private readonly tokens: MicrosoftTokenService,
    @Inject(SyncProgressRepository) private readonly progress: SyncProgressRepository,
    @Inject(SyncLeaseRepository) private readonly leases: SyncLeaseRepository,
    @Inject(SyncRunRepository) private readonly syncRuns: SyncRunRepository,
    @Inject(MicrosoftCalendarRepository) private readonly calendars: MicrosoftCalendarRepository,
    @Inject(OutgoingMessageRepository) private readonly outgoing: OutgoingMessageRepository,
    @Inject(MessageMailStateRepository) private readonly mailStates: MessageMailStateRepository,
  ) {}

  async listForMember(member: WorkspaceMemberRef): Promise<MicrosoftAccountWithChannels[]> {
    const accounts = this.records.connectedAccounts();
    const owned = await accounts.listConnectedAccounts(member.workspaceId, member.workspaceMemberId, ConnectedAccountProvider.MICROSOFT);
    const ids = owned.map((account) => account.id);
    const [identities, messageChannels, calendarChannels] = await Promise.all([
      this.identities.findMany(member.workspaceId, ids),
      accounts.findMessageChannels(member.workspaceId, ids),
      accounts.findCalendarChannels(member.workspaceId, ids),
    ]);
    return owned.map((account) => ({
      ...toView(account, identities.find((identity) => identity.connectedAccountId === account.id)),
      messageChannel: messageChannels.find((channel) => channel.connectedAccountId === account.id) ?? null,
      calendarChannel: calendarChannels.find((channel) => channel.connectedAccountId === account.id) ?? null,
    }));
  }

  /** Throws MicrosoftAccountNotFoundException unless the channel belongs to one of the member's Microsoft accounts. */
  async assertOwnsMessageChannel(member: WorkspaceMemberRef, messageChannelId: string): Promise<void> {
    const accounts = this.records.connectedAccounts();
    const owned = await accounts.listConnectedAccounts(member.workspaceId, member.workspaceMemberId, ConnectedAccountProvider.MICROSOFT);
    const channels = await accounts.findMessageChannels(member.workspaceId, owned.map((account) => account.id));
    if (!channels.some((channel) => channel.id === messageChannelId)) throw new MicrosoftAccountNotFoundException();
  }

  async assertOwnsCalendarChannel(member: WorkspaceMemberRef, calendarChannelId: string): Promise<void> {
    const accounts = this.records.connectedAccounts();
    const owned = await accounts.listConnectedAccounts(member.workspaceId, member.workspaceMemberId, ConnectedAccountProvider.MICROSOFT);
    const channels = await accounts.findCalendarChannels(member.workspaceId, owned.map((account) => account.id));
    if (!channels.some((channel) => channel.id === calendarChannelId)) throw new MicrosoftAccountNotFoundException();
  }

  async updateMessageChannel(member: WorkspaceMemberRef, messageChannelId: string, patch: MessageChannelSettingsPatch): Promise<MessageChannelRecord> {
    await this.assertOwnsMessageChannel(member, messageChannelId);
    return (await this.records.connectedAccounts().updateMessageChannelSettings(member.workspaceId, messageChannelId, patch))!;
  }

  async updateCalendarChannel(member: WorkspaceMemberRef, calendarChannelId: string, patch: CalendarChannelSettingsPatch): Promise<CalendarChannelRecord> {
    await this.assertOwnsCalendarChannel(member, calendarChannelId);
    return (await this.records.connectedAccounts().updateCalendarChannelSettings(member.workspaceId, calendarChannelId, patch))!;
  }

  /**
   * Stops the account's Graph subscriptions remotely, then removes the account, its channels and what they synced,
   * their sync logs, its subscriptions, identity and sealed tokens in one transaction. Microsoft keeps its data.
   */
  async disconnect(member: WorkspaceMemberRef, connectedAccountId: string): Promise<void> {
    const account = await this.records.connectedAccounts().findConnectedAccount(member.workspaceId, connectedAccountId);
    if (!account || account.accountOwnerId !== member.workspaceMemberId || account.provider !== ConnectedAccountProvider.MICROSOFT) {
      throw new MicrosoftAccountNotFoundException();
    }
    await this.mailSubscriptions.removeForAccount(member.workspaceId, connectedAccountId);
    this.tokens.forget(connectedAccountId);
    const records = this.records.connectedAccounts();
    const channelIds = [
      ...(await records.findMessageChannels(member.workspaceId, [connectedAccountId])),
      ...(await records.findCalendarChannels(member.workspaceId, [connectedAccountId])),
    ].map((channel) => channel.id);
    await this.dataSource.transaction(async (manager) => {
      await this.progress.deleteForChannels(channelIds, manager);
      await this.leases.deleteForChannels(channelIds, manager);
      await this.syncRuns.deleteForChannels(channelIds, manager);
      await this.calendars.deleteForChannels(channelIds, manager);
      await this.outgoing.deleteForAccount(member.workspaceId, connectedAccountId, manager);
      await this.mailStates.deleteForChannels(channelIds, manager);
      await this.subscriptions.deleteForAccount(member.workspaceId, connectedAccountId, manager);
      await this.vault.delete(SecretKind.MSAL_TOKEN_CACHE, connectedAccountId, manager);
      await this.identities.delete(member.workspaceId, connectedAccountId, manager);
      await this.records.connectedAccounts(manager).deleteConnectedAccount(member.workspaceId, connectedAccountId);
    });
  }
}

function toView(account: ConnectedAccountRecord, identity: MicrosoftIdentity | undefined): MicrosoftAccountView {
  const tenantId = identity?.tenantId ?? null;
  return {
    id: account.id,
    handle: account.handle,
    handleAliases: account.handleAliases,
    accountType: tenantId === PERSONAL_ACCOUNT_TENANT_ID ? MicrosoftAccountType.PERSONAL : MicrosoftAccountType.WORK_OR_SCHOOL,
    tenantId,
    scopes: account.scopes,
    features: featureGrants(account.scopes),
    authFailedAt: account.authFailedAt?.toISOString() ?? null,
    needsReconnect: account.authFailedAt !== null || !identity,
  };
}
