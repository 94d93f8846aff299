import { Inject } from '@nestjs/common';
import { Args, Context, GraphQLISODateTime, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';
import { HOST_MEMBER_CONTEXT, type HostMemberContext } from '@m365/shared-types';
import { MicrosoftAccountObject } from '../accounts/microsoft-account.graphql.js';
import { requireMember, type GraphqlRequestContext } from '../graphql/current-member.resolver-util.js';
import { MicrosoftGraphException } from '../graph/microsoft-graph.exception.js';
import { FEATURE_NOT_GRANTED } from '../accounts/feature-gate.js';
import { SchedulingException } from './scheduling.exception.js';
import { SchedulingService } from './scheduling.service.js';
import { TeamsAvailabilityService } from './teams-availability.service.js';
import { MeetingSlotType, PersonAvailabilityType, ScheduledMeetingType, ScheduleMeetingInputType, TeamsLinkType, TeamsMeetingsType } from './scheduling.graphql.js';

/** Scheduling errors reach the client with their code and plain words; Graph's with its kind. */
async function answer<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof SchedulingException) throw new GraphQLError(error.message, { extensions: { code: error.code, userError: true } });
    if (error instanceof MicrosoftGraphException) {
      // The gate's refusal is the grant's state, answered as it is (no request went to Microsoft).
      throw new GraphQLError(`Outlook: ${error.message}`, { extensions: { code: `MICROSOFT_${error.kind}`, userError: error.graphCode === FEATURE_NOT_GRANTED } });
    }
    throw error;
  }
}

@Resolver()
export class SchedulingResolver {
  constructor(
    @Inject(HOST_MEMBER_CONTEXT) private readonly members: HostMemberContext,
    @Inject(SchedulingService) private readonly scheduling: SchedulingService,
  ) {}

  @Query(() => [PersonAvailabilityType], { description: "Free/busy of the organiser (the account) and each attendee, from Outlook's getSchedule" })
  async microsoftAvailability(
    @Context() context: GraphqlRequestContext,
    @Args('connectedAccountId', { type: () => ID }) connectedAccountId: string,
    @Args('start', { type: () => GraphQLISODateTime }) start: Date,
    @Args('end', { type: () => GraphQLISODateTime }) end: Date,
    @Args('attendeeEmails', { type: () => [String] }) attendeeEmails: string[],
    @Args('intervalMinutes', { type: () => Int, nullable: true }) intervalMinutes?: number | null,
  ): Promise<PersonAvailabilityType[]> {
    const member = await requireMember(this.members, context);
    return answer(() => this.scheduling.availability(member, connectedAccountId, start, end, attendeeEmails, intervalMinutes ?? 30));
  }

  @Query(() => [MeetingSlotType], { description: 'The next free slots for the organiser and the attendees Outlook knows, in everyone’s working hours (tentative counts as busy)' })
  async microsoftFindMeetingTimes(
    @Context() context: GraphqlRequestContext,
    @Args('connectedAccountId', { type: () => ID }) connectedAccountId: string,
    @Args('durationMinutes', { type: () => Int }) durationMinutes: number,
    @Args('attendeeEmails', { type: () => [String] }) attendeeEmails: string[],
    @Args('from', { type: () => GraphQLISODateTime }) from: Date,
    @Args('until', { type: () => GraphQLISODateTime, nullable: true }) until?: Date | null,
    @Args('count', { type: () => Int, nullable: true }) count?: number | null,
  ): Promise<MeetingSlotType[]> {
    const member = await requireMember(this.members, context);
    return answer(() => this.scheduling.findMeetingTimes(member, { connectedAccountId, durationMinutes, attendeeEmails, from, until, count }));
  }

  @Mutation(() => ScheduledMeetingType, { description: 'Creates the Outlook event (invitations sent, a Teams meeting when asked) in the default calendar; the CRM gets the event at once' })
  async scheduleMicrosoftMeeting(@Context() context: GraphqlRequestContext, @Args('input') input: ScheduleMeetingInputType): Promise<ScheduledMeetingType> {
    const member = await requireMember(this.members, context);
    return answer(() => this.scheduling.scheduleMeeting(member, { ...input }));
  }

  @Mutation(() => TeamsLinkType, { description: 'A standalone Teams meeting (POST /me/onlineMeetings) to share its join link' })
  async createMicrosoftTeamsLink(
    @Context() context: GraphqlRequestContext,
    @Args('connectedAccountId', { type: () => ID }) connectedAccountId: string,
    @Args('subject', { type: () => String, nullable: true }) subject?: string | null,
  ): Promise<TeamsLinkType> {
    const member = await requireMember(this.members, context);
    return answer(() => this.scheduling.createTeamsLink(member, connectedAccountId, subject));
  }
}

/** `teamsMeetings` on each of the member's accounts (the accounts query is already scoped to the member). */
@Resolver(() => MicrosoftAccountObject)
export class MicrosoftAccountTeamsResolver {
  constructor(
    @Inject(HOST_MEMBER_CONTEXT) private readonly members: HostMemberContext,
    @Inject(TeamsAvailabilityService) private readonly teams: TeamsAvailabilityService,
  ) {}

  @ResolveField('teamsMeetings', () => TeamsMeetingsType)
  async teamsMeetings(@Context() context: GraphqlRequestContext, @Parent() account: MicrosoftAccountObject): Promise<TeamsMeetingsType> {
    const member = await requireMember(this.members, context);
    return this.teams.forAccount(member.workspaceId, account.id);
  }
}
