import { Inject } from '@nestjs/common';
import { Args, Context, ID, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';
import { ConnectedAccountProvider, HOST_MEMBER_CONTEXT, type HostMemberContext, type WorkspaceMemberRef } from '@m365/shared-types';
import { requireMember, type GraphqlRequestContext } from '../graphql/current-member.resolver-util.js';
import { MicrosoftAccountObject } from '../accounts/microsoft-account.graphql.js';
import { HostRecordsFactory } from '../host-adapters/host-records.factory.js';
import { ChannelPushStatus } from '../subscriptions/channel-push-status.js';
import { ContactChannelRepository, type ContactChannelRecord } from './contact-channel.repository.js';
import { ContactLinkRepository } from './contact-link.repository.js';
import { ContactConflictLogRepository } from './contact-conflict-log.repository.js';
import { ContactOutboxRepository } from './outbound/contact-outbox.repository.js';
import { ContactsSyncJobs } from './contacts-sync.jobs.js';
import { MicrosoftContactSyncSettingsInput, MicrosoftContactSyncType } from './contact-sync.graphql.js';

const CONFLICTS_SHOWN = 20;

/** Contacts sync as Settings → Accounts sees it (status, counts, policy, folders, push, conflicts) and changes it. */
@Resolver(() => MicrosoftAccountObject)
export class ContactSyncResolver {
  constructor(
    @Inject(HOST_MEMBER_CONTEXT) private readonly members: HostMemberContext,
    @Inject(HostRecordsFactory) private readonly records: HostRecordsFactory,
    @Inject(ContactChannelRepository) private readonly channels: ContactChannelRepository,
    @Inject(ContactLinkRepository) private readonly links: ContactLinkRepository,
    @Inject(ContactConflictLogRepository) private readonly conflicts: ContactConflictLogRepository,
    @Inject(ContactOutboxRepository) private readonly outbox: ContactOutboxRepository,
    @Inject(ContactsSyncJobs) private readonly jobs: ContactsSyncJobs,
    @Inject(ChannelPushStatus) private readonly pushStatus: ChannelPushStatus,
  ) {}

  @ResolveField(() => MicrosoftContactSyncType, { nullable: true, description: 'Outlook contacts ↔ CRM people; null while the account has not granted Contacts.ReadWrite' })
  async contactSync(@Context() context: GraphqlRequestContext, @Parent() account: MicrosoftAccountObject): Promise<MicrosoftContactSyncType | null> {
    const member = await requireMember(this.members, context);
    const channel = await this.channels.findByAccount(member.workspaceId, account.id);
    return channel ? this.toType(channel) : null;
  }

  @Mutation(() => MicrosoftContactSyncType)
  async updateMicrosoftContactSyncSettings(
    @Context() context: GraphqlRequestContext,
    @Args('connectedAccountId', { type: () => ID }) connectedAccountId: string,
    @Args('input') input: MicrosoftContactSyncSettingsInput,
  ): Promise<MicrosoftContactSyncType> {
    const channel = await this.ownChannel(context, connectedAccountId);
    const folderExternalId = input.allFolders ? null : input.folderExternalId ?? undefined;
    if (folderExternalId) {
      const folders = await this.channels.listFolders(channel.id);
      if (!folders.some((folder) => folder.externalId === folderExternalId)) throw new GraphQLError('No such contact folder in this account.', { extensions: { code: 'BAD_USER_INPUT' } });
    }
    await this.channels.updateSettings(channel.id, { creationPolicy: input.creationPolicy, folderExternalId });
    // Contacts a stricter policy or another folder left out are reconsidered: every chosen folder walks from the start
    // (links keep it from making anyone twice).
    await this.channels.resetCursors(channel.id);
    await this.jobs.enqueue(channel.workspaceId, channel.id, { retryWhenBusy: true });
    return this.toType((await this.channels.find(channel.workspaceId, channel.id))!);
  }

  @Mutation(() => Boolean)
  async retryMicrosoftContactSync(@Context() context: GraphqlRequestContext, @Args('connectedAccountId', { type: () => ID }) connectedAccountId: string): Promise<boolean> {
    const channel = await this.ownChannel(context, connectedAccountId);
    await this.jobs.enqueue(channel.workspaceId, channel.id, { retryWhenBusy: true });
    return true;
  }

  private async ownChannel(context: GraphqlRequestContext, connectedAccountId: string): Promise<ContactChannelRecord> {
    const member: WorkspaceMemberRef = await requireMember(this.members, context);
    const account = await this.records.connectedAccounts().findConnectedAccount(member.workspaceId, connectedAccountId);
    const channel = account && account.accountOwnerId === member.workspaceMemberId && account.provider === ConnectedAccountProvider.MICROSOFT
      ? await this.channels.findByAccount(member.workspaceId, connectedAccountId)
      : null;
    if (!channel) throw new GraphQLError('No contacts sync on such a Microsoft account among yours.', { extensions: { code: 'NOT_FOUND' } });
    return channel;
  }

  private async toType(channel: ContactChannelRecord): Promise<MicrosoftContactSyncType> {
    const [counts, folders, conflicts, pendingWrites, push] = await Promise.all([
      this.links.countLinked(channel.id),
      this.channels.listFolders(channel.id),
      this.conflicts.recent(channel.id, CONFLICTS_SHOWN),
      this.outbox.countPending(channel.id),
      this.pushStatus.of(channel.id, 'contacts'),
    ]);
    return {
      id: channel.id,
      syncStatus: channel.syncStatus,
      syncStartedAt: channel.syncStartedAt,
      syncedAt: channel.syncedAt,
      lastErrorMessage: channel.lastErrorMessage,
      creationPolicy: channel.creationPolicy,
      folderExternalId: channel.folderExternalId,
      linkedCount: counts.linked,
      createdCount: counts.createdBySync,
      pendingWrites,
      folders: folders.map((folder) => ({ externalId: folder.externalId, name: folder.name, parentExternalId: folder.parentExternalId })),
      push,
      conflicts: conflicts.map((conflict) => ({
        id: conflict.id, personId: conflict.personId, field: conflict.field, keptSide: conflict.keptSide,
        keptValue: conflict.keptValue === null ? null : JSON.stringify(conflict.keptValue), lostValue: conflict.lostValue === null ? null : JSON.stringify(conflict.lostValue),
        crmEditedAt: conflict.crmEditedAt, outlookModifiedAt: conflict.outlookModifiedAt, createdAt: conflict.createdAt,
      })),
    };
  }
}
