import { Inject } from '@nestjs/common';
import { Args, Context, Field, ID, ObjectType, Query, Resolver, registerEnumType } from '@nestjs/graphql';
import { CalendarEventWriteStatus, HOST_MEMBER_CONTEXT, type HostMemberContext } from '@m365/shared-types';
import { requireMember, type GraphqlRequestContext } from '../../graphql/current-member.resolver-util.js';
import { HostRecordsFactory } from '../../host-adapters/host-records.factory.js';
import { CalendarOutboxRepository } from './calendar-outbox.repository.js';
import { CalendarEventOutboundListener } from './calendar-event-outbound.listener.js';

registerEnumType(CalendarEventWriteStatus, { name: 'MicrosoftCalendarEventWriteStatus' });

const MAX_EVENTS = 500;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@ObjectType('MicrosoftCalendarEventWriteState')
export class MicrosoftCalendarEventWriteStateType {
  @Field(() => ID)
  calendarEventId!: string;

  @Field(() => CalendarEventWriteStatus, { description: 'Where the latest CRM change of the event stands with Outlook (APPLIED when there was none)' })
  status!: CalendarEventWriteStatus;

  @Field(() => String, { nullable: true, description: 'Why it failed, or which fields Outlook kept (CONFLICT_LOST)' })
  message!: string | null;

  @Field(() => String, { nullable: true, description: 'Non-null when the member may not change the event from the CRM' })
  readOnlyReason!: string | null;
}

/** The outbound state of events on the member's own calendars (others' events are left out). */
@Resolver()
export class CalendarWriteStatesResolver {
  constructor(
    @Inject(HOST_MEMBER_CONTEXT) private readonly members: HostMemberContext,
    @Inject(HostRecordsFactory) private readonly records: HostRecordsFactory,
    @Inject(CalendarOutboxRepository) private readonly outbox: CalendarOutboxRepository,
    @Inject(CalendarEventOutboundListener) private readonly listener: CalendarEventOutboundListener,
  ) {}

  @Query(() => [MicrosoftCalendarEventWriteStateType])
  async microsoftCalendarEventWriteStates(
    @Context() context: GraphqlRequestContext,
    @Args('calendarEventIds', { type: () => [ID] }) calendarEventIds: string[],
  ): Promise<MicrosoftCalendarEventWriteStateType[]> {
    const member = await requireMember(this.members, context);
    const ids = [...new Set(calendarEventIds.filter((id) => UUID.test(id)))].slice(0, MAX_EVENTS);
    const targets = await this.records.calendarEventOutbound().findMemberTargets(member.workspaceId, member.workspaceMemberId, ids);
    const latest = new Map((await this.outbox.latestFor(member.workspaceId, targets.map((target) => target.calendarEventId))).map((row) => [row.calendarEventId, row]));
    return Promise.all(targets.map(async (target) => {
      const row = latest.get(target.calendarEventId);
      return {
        calendarEventId: target.calendarEventId,
        status: row?.status ?? CalendarEventWriteStatus.APPLIED,
        message: row?.message ?? null,
        readOnlyReason: await this.listener.targetReadOnlyReason(target),
      };
    }));
  }
}
