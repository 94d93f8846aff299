import { Inject } from '@nestjs/common';
import { Args, Context, ID, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';
import { HOST_MEMBER_CONTEXT, SyncRunTrigger, type HostMemberContext, type WorkspaceMemberRef } from '@m365/shared-types';
import { requireMember, type GraphqlRequestContext } from '../graphql/current-member.resolver-util.js';
import { MicrosoftAccountService } from '../accounts/microsoft-account.service.js';
import { notFoundAsGraphqlError } from '../accounts/not-found-as-graphql-error.util.js';
import { MicrosoftCalendarChannelType, MicrosoftCalendarType, MicrosoftPushType, MicrosoftSyncProgressType } from '../accounts/microsoft-account.graphql.js';
import { ChannelPushStatus } from '../subscriptions/channel-push-status.js';
import { HostRecordsFactory } from '../host-adapters/host-records.factory.js';
import { SyncProgressRepository } from '../mail/sync-progress.repository.js';
import { MicrosoftCalendarRepository, type MicrosoftCalendarRecord } from './microsoft-calendar.repository.js';
import { CalendarSyncJobs } from './calendar-sync.job.js';

/** Calendar sync as Settings → Accounts sees it: progress, last error, the calendars to choose, and a retry button. */
@Resolver(() => MicrosoftCalendarChannelType)
export class CalendarChannelResolver {
  constructor(
    @Inject(HOST_MEMBER_CONTEXT) private readonly members: HostMemberContext,
    @Inject(MicrosoftAccountService) private readonly accounts: MicrosoftAccountService,
    @Inject(HostRecordsFactory) private readonly records: HostRecordsFactory,
    @Inject(SyncProgressRepository) private readonly progress: SyncProgressRepository,
    @Inject(MicrosoftCalendarRepository) private readonly calendarRecords: MicrosoftCalendarRepository,
    @Inject(CalendarSyncJobs) private readonly calendarSync: CalendarSyncJobs,
    @Inject(ChannelPushStatus) private readonly pushStatus: ChannelPushStatus,
  ) {}

  @ResolveField(() => MicrosoftPushType, { description: 'Real-time push of Outlook calendar changes (a subscription on /me/events)' })
  push(@Parent() channel: MicrosoftCalendarChannelType): Promise<MicrosoftPushType> {
    return this.pushStatus.of(channel.id, 'calendar');
  }

  @ResolveField(() => MicrosoftSyncProgressType, { nullable: true })
  async importProgress(@Parent() channel: MicrosoftCalendarChannelType): Promise<MicrosoftSyncProgressType | null> {
    const [progress] = await this.progress.findMany([channel.id]);
    return progress ?? null;
  }

  @ResolveField(() => [MicrosoftCalendarType], { description: 'The account\'s calendars as its last sync listed them' })
  async calendars(@Parent() channel: MicrosoftCalendarChannelType): Promise<MicrosoftCalendarType[]> {
    return (await this.calendarRecords.list(channel.id)).map(toCalendarType);
  }

  @Mutation(() => Boolean)
  async retryMicrosoftCalendarSync(@Context() context: GraphqlRequestContext, @Args('calendarChannelId', { type: () => ID }) calendarChannelId: string): Promise<boolean> {
    const member = await this.ownChannel(context, calendarChannelId);
    await this.records.calendarChannelSyncState().resetToPending(member.workspaceId, calendarChannelId);
    await this.calendarSync.enqueue(member.workspaceId, calendarChannelId, SyncRunTrigger.MANUAL);
    return true;
  }

  /** Chooses whether one calendar is imported; the next sync imports it, or removes what it brought. */
  @Mutation(() => MicrosoftCalendarType)
  async setMicrosoftCalendarSynced(
    @Context() context: GraphqlRequestContext,
    @Args('calendarChannelId', { type: () => ID }) calendarChannelId: string,
    @Args('calendarId', { type: () => ID }) calendarId: string,
    @Args('isSynced') isSynced: boolean,
  ): Promise<MicrosoftCalendarType> {
    const member = await this.ownChannel(context, calendarChannelId);
    const updated = await this.calendarRecords.setSynced(calendarChannelId, calendarId, isSynced);
    if (!updated) throw new GraphQLError('No such calendar in this channel.', { extensions: { code: 'NOT_FOUND' } });
    await this.calendarSync.enqueue(member.workspaceId, calendarChannelId, SyncRunTrigger.MANUAL);
    return toCalendarType(updated);
  }

  private async ownChannel(context: GraphqlRequestContext, calendarChannelId: string): Promise<WorkspaceMemberRef> {
    const member = await requireMember(this.members, context);
    await notFoundAsGraphqlError(() => this.accounts.assertOwnsCalendarChannel(member, calendarChannelId));
    return member;
  }
}

function toCalendarType(calendar: MicrosoftCalendarRecord): MicrosoftCalendarType {
  return {
    id: calendar.id,
    name: calendar.name,
    externalId: calendar.externalId,
    color: calendar.color,
    hexColor: calendar.hexColor,
    ownerAddress: calendar.ownerAddress,
    isDefaultCalendar: calendar.isDefaultCalendar,
    canEdit: calendar.canEdit,
    isOwn: calendar.isOwn,
    isSynced: calendar.isSynced,
  };
}
