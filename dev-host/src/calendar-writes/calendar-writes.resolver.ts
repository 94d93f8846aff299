import { UseGuards } from '@nestjs/common';
import { Args, ID, Mutation, Resolver } from '@nestjs/graphql';
import { CalendarEventEditScope, type WorkspaceMemberRef } from '@m365/shared-types';
import { CurrentMember } from '../auth/current-member.decorator.js';
import { SignedInGuard } from '../auth/signed-in.guard.js';
import { CalendarEventInput, CalendarEventPatch, CalendarEventWriteResult } from './calendar-event-write.graphql.js';
import { CalendarWritesService } from './calendar-writes.service.js';

/** Members create, edit and delete events on their own calendars; the plugin writes each change to the provider. */
@Resolver()
@UseGuards(SignedInGuard)
export class CalendarWritesResolver {
  constructor(private readonly writes: CalendarWritesService) {}

  @Mutation(() => CalendarEventWriteResult)
  createCalendarEvent(
    @CurrentMember() member: WorkspaceMemberRef,
    @Args('calendarChannelId', { type: () => ID }) calendarChannelId: string,
    @Args('calendarExternalId', { type: () => String, nullable: true, description: 'null: the default calendar' }) calendarExternalId: string | null,
    @Args('input', { type: () => CalendarEventInput }) input: CalendarEventInput,
  ): Promise<CalendarEventWriteResult> {
    return this.writes.create(member, calendarChannelId, calendarExternalId ?? null, input);
  }

  @Mutation(() => CalendarEventWriteResult)
  updateCalendarEvent(
    @CurrentMember() member: WorkspaceMemberRef,
    @Args('id', { type: () => ID }) id: string,
    @Args('scope', { type: () => CalendarEventEditScope, nullable: true, defaultValue: CalendarEventEditScope.THIS_EVENT }) scope: CalendarEventEditScope | null,
    @Args('patch', { type: () => CalendarEventPatch }) patch: CalendarEventPatch,
  ): Promise<CalendarEventWriteResult> {
    return this.writes.update(member, id, scope ?? CalendarEventEditScope.THIS_EVENT, patch);
  }

  @Mutation(() => Boolean)
  async deleteCalendarEvent(
    @CurrentMember() member: WorkspaceMemberRef,
    @Args('id', { type: () => ID }) id: string,
    @Args('scope', { type: () => CalendarEventEditScope, nullable: true, defaultValue: CalendarEventEditScope.THIS_EVENT }) scope: CalendarEventEditScope | null,
  ): Promise<boolean> {
    await this.writes.remove(member, id, scope ?? CalendarEventEditScope.THIS_EVENT);
    return true;
  }
}
