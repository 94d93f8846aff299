import { Inject } from '@nestjs/common';
import { Args, Context, ID, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';
import { HOST_MEMBER_CONTEXT, SyncRunTrigger, type HostMemberContext, type WorkspaceMemberRef } from '@m365/shared-types';
import { requireMember, type GraphqlRequestContext } from '../graphql/current-member.resolver-util.js';
import { MicrosoftAccountService } from '../accounts/microsoft-account.service.js';
import { notFoundAsGraphqlError } from '../accounts/not-found-as-graphql-error.util.js';
import { MicrosoftMessageChannelType, MicrosoftMessageFolderType, MicrosoftPushType, MicrosoftSyncProgressType } from '../accounts/microsoft-account.graphql.js';
import { ChannelPushStatus } from '../subscriptions/channel-push-status.js';
import { HostRecordsFactory } from '../host-adapters/host-records.factory.js';
import { SyncProgressRepository, type FolderRoles } from './sync-progress.repository.js';
import { MailSyncJobs } from './mail-sync.job.js';

/** Mail sync as Settings → Accounts sees it: progress, last error, folders to choose, and a retry button. */
@Resolver(() => MicrosoftMessageChannelType)
export class MessageChannelResolver {
  constructor(
    @Inject(HOST_MEMBER_CONTEXT) private readonly members: HostMemberContext,
    @Inject(MicrosoftAccountService) private readonly accounts: MicrosoftAccountService,
    @Inject(HostRecordsFactory) private readonly records: HostRecordsFactory,
    @Inject(SyncProgressRepository) private readonly progress: SyncProgressRepository,
    @Inject(MailSyncJobs) private readonly mailSync: MailSyncJobs,
    @Inject(ChannelPushStatus) private readonly pushStatus: ChannelPushStatus,
  ) {}

  @ResolveField(() => MicrosoftPushType)
  push(@Parent() channel: MicrosoftMessageChannelType): Promise<MicrosoftPushType> {
    return this.pushStatus.of(channel.id, 'mail');
  }

  @ResolveField(() => MicrosoftSyncProgressType, { nullable: true })
  async importProgress(@Parent() channel: MicrosoftMessageChannelType): Promise<MicrosoftSyncProgressType | null> {
    const [progress] = await this.progress.findMany([channel.id]);
    return progress ?? null;
  }

  @ResolveField(() => [MicrosoftMessageFolderType])
  async messageFolders(@Parent() channel: MicrosoftMessageChannelType & { workspaceId?: string }, @Context() context: GraphqlRequestContext): Promise<MicrosoftMessageFolderType[]> {
    const member = await requireMember(this.members, context);
    const [folders, roles] = await Promise.all([this.records.messageImport().listFolders(member.workspaceId, channel.id), this.progress.folderRoles(channel.id)]);
    return folders.map((folder) => withRoles(folder, roles));
  }

  @Mutation(() => Boolean)
  async retryMicrosoftMessageSync(@Context() context: GraphqlRequestContext, @Args('messageChannelId', { type: () => ID }) messageChannelId: string): Promise<boolean> {
    const member = await this.ownChannel(context, messageChannelId);
    await this.records.messageChannelSyncState().resetToPending(member.workspaceId, messageChannelId);
    await this.mailSync.enqueue(member.workspaceId, messageChannelId, SyncRunTrigger.MANUAL);
    return true;
  }

  @Mutation(() => MicrosoftMessageFolderType)
  async setMicrosoftMessageFolderSynced(
    @Context() context: GraphqlRequestContext,
    @Args('messageChannelId', { type: () => ID }) messageChannelId: string,
    @Args('messageFolderId', { type: () => ID }) messageFolderId: string,
    @Args('isSynced') isSynced: boolean,
  ): Promise<MicrosoftMessageFolderType> {
    const member = await this.ownChannel(context, messageChannelId);
    const records = this.records.messageImport();
    const folder = (await records.listFolders(member.workspaceId, messageChannelId)).find((candidate) => candidate.id === messageFolderId);
    if (!folder) throw new GraphQLError('No such folder in this channel.', { extensions: { code: 'NOT_FOUND' } });
    const roles = await this.progress.folderRoles(messageChannelId);
    if (roles.neverImported.has(folder.externalId)) {
      throw new GraphQLError(`"${folder.name}" is never imported (drafts, deleted items, junk and outbox stay out of the CRM).`, { extensions: { code: 'BAD_USER_INPUT' } });
    }
    const updated = await records.setFolderSynced(member.workspaceId, messageChannelId, messageFolderId, isSynced);
    if (!updated) throw new GraphQLError('No such folder in this channel.', { extensions: { code: 'NOT_FOUND' } });
    return withRoles(updated, roles);
  }

  private async ownChannel(context: GraphqlRequestContext, messageChannelId: string): Promise<WorkspaceMemberRef> {
    const member = await requireMember(this.members, context);
    await notFoundAsGraphqlError(() => this.accounts.assertOwnsMessageChannel(member, messageChannelId));
    return member;
  }
}

function withRoles<T extends { externalId: string }>(folder: T, roles: FolderRoles): T & { isNeverImported: boolean; isInbox: boolean } {
  return { ...folder, isNeverImported: roles.neverImported.has(folder.externalId), isInbox: folder.externalId === roles.inboxExternalId };
}
