import { UseGuards } from '@nestjs/common';
import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import type { WorkspaceMemberRef } from '@m365/shared-types';
import { CurrentMember } from '../auth/current-member.decorator.js';
import { SignedInGuard } from '../auth/signed-in.guard.js';
import { PagingArgs } from '../records/paging.args.js';
import { isUuid } from '../records/uuid.util.js';
import { MessageThreadModel } from './message-thread.model.js';
import { TimelineCalendarEventsWithTotal } from './timeline-calendar-event.model.js';
import { TimelineCalendarEventsService } from './timeline-calendar-events.service.js';
import { TimelineThreadsWithTotal } from './timeline-thread.model.js';
import { TimelineThreadsService } from './timeline-threads.service.js';

const EMPTY_THREADS: TimelineThreadsWithTotal = { totalNumberOfThreads: 0, timelineThreads: [] };
const EMPTY_EVENTS: TimelineCalendarEventsWithTotal = { totalNumberOfCalendarEvents: 0, timelineCalendarEvents: [] };

@Resolver()
@UseGuards(SignedInGuard)
export class TimelineResolver {
  constructor(
    private readonly threads: TimelineThreadsService,
    private readonly events: TimelineCalendarEventsService,
  ) {}

  @Query(() => TimelineThreadsWithTotal)
  getTimelineThreadsFromPersonId(
    @CurrentMember() member: WorkspaceMemberRef,
    @Args('personId', { type: () => ID }) personId: string,
    @Args() paging: PagingArgs,
  ): Promise<TimelineThreadsWithTotal> {
    return isUuid(personId) ? this.threads.findThreads(member, { personId }, paging) : Promise.resolve(EMPTY_THREADS);
  }

  @Query(() => TimelineThreadsWithTotal)
  getTimelineThreadsFromCompanyId(
    @CurrentMember() member: WorkspaceMemberRef,
    @Args('companyId', { type: () => ID }) companyId: string,
    @Args() paging: PagingArgs,
  ): Promise<TimelineThreadsWithTotal> {
    return isUuid(companyId) ? this.threads.findThreads(member, { companyId }, paging) : Promise.resolve(EMPTY_THREADS);
  }

  @Query(() => MessageThreadModel, { nullable: true })
  messageThread(@CurrentMember() member: WorkspaceMemberRef, @Args('id', { type: () => ID }) id: string): Promise<MessageThreadModel | null> {
    return isUuid(id) ? this.threads.findThread(member, id) : Promise.resolve(null);
  }

  @Query(() => TimelineCalendarEventsWithTotal)
  getTimelineCalendarEventsFromPersonId(
    @CurrentMember() member: WorkspaceMemberRef,
    @Args('personId', { type: () => ID }) personId: string,
    @Args() paging: PagingArgs,
  ): Promise<TimelineCalendarEventsWithTotal> {
    return isUuid(personId) ? this.events.findEvents(member, { personId }, paging) : Promise.resolve(EMPTY_EVENTS);
  }

  @Query(() => TimelineCalendarEventsWithTotal)
  getTimelineCalendarEventsFromCompanyId(
    @CurrentMember() member: WorkspaceMemberRef,
    @Args('companyId', { type: () => ID }) companyId: string,
    @Args() paging: PagingArgs,
  ): Promise<TimelineCalendarEventsWithTotal> {
    return isUuid(companyId) ? this.events.findEvents(member, { companyId }, paging) : Promise.resolve(EMPTY_EVENTS);
  }
}
