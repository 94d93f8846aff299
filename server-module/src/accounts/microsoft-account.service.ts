import { DataSource } from 'typeorm';
import { Inject, Injectable } from '@nestjs/common';
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
import { MicrosoftIdentityRepository, type MicrosoftIdentity } from './microsoft-identity.repository.js';
import { AccountPurgeRepository, type AccountPurge } from '../disconnect/account-purge.repository.js';
import { AccountPurgeService } from '../disconnect/account-purge.service.js';
import { UsableMicrosoftAccounts } from '../disconnect/usable-microsoft-accounts.js';
import { isUuid } from '../common/uuid.util.js';

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
    @Inject(AccountPurgeRepository) private readonly purges: AccountPurgeRepository,
    @Inject(AccountPurgeService) private readonly purge: AccountPurgeService,
    @Inject(UsableMicrosoftAccounts) private readonly usable: UsableMicrosoftAccounts,
  ) {}

  /**
   * The member's accounts. One being disconnected is listed with `disconnecting` and no channels (nothing of it can
   * be changed), until its purge has completed; also once the purge has removed the host's row.
   */
  async listForMember(member: WorkspaceMemberRef): Promise<MicrosoftAccountWithChannels[]> {
    const accounts = this.records.connectedAccounts();
    const owned = await accounts.listConnectedAccounts(member.workspaceId, member.workspaceMemberId, ConnectedAccountProvider.MICROSOFT);
    const ids = owned.map((account) => account.id);
    const [identities, messageChannels, calendarChannels, purges] = await Promise.all([
      this.identities.findMany(member.workspaceId, ids),
      accounts.findMessageChannels(member.workspaceId, ids),
      accounts.findCalendarChannels(member.workspaceId, ids),
      this.purges.listForOwner(member.workspaceId, member.workspaceMemberId),
    ]);
    const disconnecting = new Set(purges.map((purge) => purge.connectedAccountId));
    const listed = owned.map((account) => {
      if (disconnecting.has(account.id)) return { ...toView(account, identities.find((identity) => identity.connectedAccountId === account.id)), disconnecting: true, messageChannel: null, calendarChannel: null };
      return {
        ...toView(account, identities.find((identity) => identity.connectedAccountId === account.id)),
        messageChannel: messageChannels.find((channel) => channel.connectedAccountId === account.id) ?? null,
        calendarChannel: calendarChannels.find((channel) => channel.connectedAccountId === account.id) ?? null,
      };
    });
    const rowGone = purges.filter((purge) => !owned.some((account) => account.id === purge.connectedAccountId));
    return [...listed, ...rowGone.map(purgeView)];
  }

  /** The member's Microsoft accounts that can be used: not being disconnected. */
  usableAccounts(member: WorkspaceMemberRef): Promise<ConnectedAccountRecord[]> {
    return this.usable.list(member);
  }

  /** Throws MicrosoftAccountNotFoundException unless the channel belongs to one of the member's Microsoft accounts. */
  async assertOwnsMessageChannel(member: WorkspaceMemberRef, messageChannelId: string): Promise<void> {
    const accounts = this.records.connectedAccounts();
    const owned = await this.usableAccounts(member);
    const channels = await accounts.findMessageChannels(member.workspaceId, owned.map((account) => account.id));
    if (!channels.some((channel) => channel.id === messageChannelId)) throw new MicrosoftAccountNotFoundException();
  }

  async assertOwnsCalendarChannel(member: WorkspaceMemberRef, calendarChannelId: string): Promise<void> {
    const accounts = this.records.connectedAccounts();
    const owned = await this.usableAccounts(member);
    const channels = await accounts.findCalendarChannels(member.workspaceId, owned.map((account) => account.id));
    if (!channels.some((channel) => channel.id === calendarChannelId)) throw new MicrosoftAccountNotFoundException();
  }

  /** The contact channel is one of the member's Microsoft accounts' (the plugin's own table, keyed by account). */
  assertOwnsContactChannel(member: WorkspaceMemberRef, contactChannelId: string): Promise<void> {
    return this.assertOwnsAccountRow(member, 'microsoftContactChannel', contactChannelId);
  }

  /** The To Do list (a list that holds synced tasks, the plugin's own table) is one of the member's Microsoft accounts'. */
  async assertOwnsTodoList(member: WorkspaceMemberRef, todoListId: string): Promise<void> {
    if (!isUuid(todoListId)) throw new MicrosoftAccountNotFoundException();
    await this.assertOwnsAccountRow(member, 'microsoftTodoList', todoListId);
  }

  /** A row of one of the plugin's per-account tables belongs to one of the member's usable Microsoft accounts. */
  private async assertOwnsAccountRow(member: WorkspaceMemberRef, table: 'microsoftContactChannel' | 'microsoftTodoList', id: string): Promise<void> {
    const owned = await this.usableAccounts(member);
    const [row] = await this.dataSource.query(
      `SELECT 1 FROM "${table}" WHERE "workspaceId" = $1 AND "id" = $2 AND "connectedAccountId" = ANY($3::uuid[])`,
      [member.workspaceId, id, owned.map((account) => account.id)],
    );
    if (!row) throw new MicrosoftAccountNotFoundException();
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
   * Marks the account disconnecting (persisted: from then on nothing syncs, composes or calls Graph for it), then
   * purges it: Graph's subscriptions deleted at Microsoft, caches, and every row it brought. Resolves once the purge
   * completed, or was postponed (Graph unreachable): it then completes on its own, in this process or another,
   * after a restart too. Microsoft keeps its data.
   */
  async disconnect(member: WorkspaceMemberRef, connectedAccountId: string): Promise<void> {
    const account = await this.records.connectedAccounts().findConnectedAccount(member.workspaceId, connectedAccountId);
    if (!account || account.accountOwnerId !== member.workspaceMemberId || account.provider !== ConnectedAccountProvider.MICROSOFT) {
      throw new MicrosoftAccountNotFoundException();
    }
    const records = this.records.connectedAccounts();
    await this.purges.mark({
      connectedAccountId,
      workspaceId: member.workspaceId,
      accountOwnerId: member.workspaceMemberId,
      handle: account.handle,
      messageChannelIds: (await records.findMessageChannels(member.workspaceId, [connectedAccountId])).map((channel) => channel.id),
      calendarChannelIds: (await records.findCalendarChannels(member.workspaceId, [connectedAccountId])).map((channel) => channel.id),
    });
    await this.purge.run(connectedAccountId, { now: true });
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
    disconnecting: false,
  };
}

/** An account whose purge already removed the host's row: what the purge remembers of it. */
function purgeView(purge: AccountPurge): MicrosoftAccountWithChannels {
  return {
    id: purge.connectedAccountId,
    handle: purge.handle,
    handleAliases: [],
    accountType: MicrosoftAccountType.WORK_OR_SCHOOL,
    tenantId: null,
    scopes: [],
    features: [],
    authFailedAt: null,
    needsReconnect: false,
    disconnecting: true,
    messageChannel: null,
    calendarChannel: null,
  };
}
