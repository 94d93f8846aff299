import { Inject } from '@nestjs/common';
import { Args, Context, ID, Int, Query, Resolver } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';
import { HOST_MEMBER_CONTEXT, SyncChannelKind, type HostMemberContext, type WorkspaceMemberRef } from '@m365/shared-types';
import { requireMember, type GraphqlRequestContext } from '../graphql/current-member.resolver-util.js';
import { MicrosoftAccountService } from '../accounts/microsoft-account.service.js';
import { notFoundAsGraphqlError } from '../accounts/not-found-as-graphql-error.util.js';
import { SyncRunRepository } from './sync-run.repository.js';
import { MicrosoftSyncRunType } from './sync-run.graphql.js';
import { SYNC_RUNS_DEFAULT_LIMIT, SYNC_RUNS_MAX_LIMIT } from './sync-run.constants.js';

/**
 * The sync log of one of the member's own channels, newest first. A query of its own, not a field of the accounts
 * list: that list is polled every few seconds while an import runs, the log is read when its disclosure is opened.
 */
@Resolver(() => MicrosoftSyncRunType)
export class SyncRunResolver {
  constructor(
    @Inject(HOST_MEMBER_CONTEXT) private readonly members: HostMemberContext,
    @Inject(MicrosoftAccountService) private readonly accounts: MicrosoftAccountService,
    @Inject(SyncRunRepository) private readonly runs: SyncRunRepository,
  ) {}

  @Query(() => [MicrosoftSyncRunType])
  async microsoftSyncRuns(
    @Context() context: GraphqlRequestContext,
    @Args('channelKind', { type: () => SyncChannelKind }) channelKind: SyncChannelKind,
    @Args('channelId', { type: () => ID }) channelId: string,
    @Args('limit', { type: () => Int, defaultValue: SYNC_RUNS_DEFAULT_LIMIT }) limit: number,
  ): Promise<MicrosoftSyncRunType[]> {
    if (!Number.isInteger(limit) || limit < 1 || limit > SYNC_RUNS_MAX_LIMIT) {
      throw new GraphQLError(`limit must be between 1 and ${SYNC_RUNS_MAX_LIMIT}.`, { extensions: { code: 'BAD_USER_INPUT' } });
    }
    const member = await requireMember(this.members, context);
    await notFoundAsGraphqlError(() => this.assertOwns(member, channelKind, channelId));
    return this.runs.list(member.workspaceId, channelKind, channelId, limit, new Date());
  }

  private assertOwns(member: WorkspaceMemberRef, channelKind: SyncChannelKind, channelId: string): Promise<void> {
    switch (channelKind) {
      case SyncChannelKind.MESSAGE:
        return this.accounts.assertOwnsMessageChannel(member, channelId);
      case SyncChannelKind.CALENDAR:
        return this.accounts.assertOwnsCalendarChannel(member, channelId);
      case SyncChannelKind.CONTACTS:
        return this.accounts.assertOwnsContactChannel(member, channelId);
      case SyncChannelKind.TODO:
        return this.accounts.assertOwnsTodoList(member, channelId);
    }
  }
}
