import { UseGuards } from '@nestjs/common';
import { Args, GraphQLISODateTime, Query, Resolver } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';
import type { WorkspaceMemberRef } from '@m365/shared-types';
import { CurrentMember } from '../auth/current-member.decorator.js';
import { SignedInGuard } from '../auth/signed-in.guard.js';
import { CalendarSectionEvent } from './calendar-section-event.model.js';
import { CalendarSectionEventsService, MAX_WINDOW_DAYS } from './calendar-section-events.service.js';

const DAY_MS = 24 * 60 * 60 * 1000;

@Resolver()
@UseGuards(SignedInGuard)
export class CalendarSectionResolver {
  constructor(private readonly events: CalendarSectionEventsService) {}

  @Query(() => [CalendarSectionEvent], { description: "The signed-in member's events overlapping [from, to), cancelled ones left out" })
  calendarSectionEvents(
    @CurrentMember() member: WorkspaceMemberRef,
    @Args('from', { type: () => GraphQLISODateTime }) from: Date,
    @Args('to', { type: () => GraphQLISODateTime }) to: Date,
  ): Promise<CalendarSectionEvent[]> {
    if (!(from < to)) throw badWindow('"from" must be before "to".');
    if (to.getTime() - from.getTime() > MAX_WINDOW_DAYS * DAY_MS) throw badWindow(`The window may span at most ${MAX_WINDOW_DAYS} days.`);
    return this.events.findEvents(member, from, to);
  }
}

function badWindow(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}
