import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { WorkspaceMemberRef } from '@m365/shared-types';
import { loadCalendarEventParticipants, type CalendarEventParticipantView } from '../timeline/calendar-event-participants.query.js';
import type { CalendarSectionEvent, CalendarSectionParticipant } from './calendar-section-event.model.js';

interface EventRow {
  id: string;
  title: string | null;
  startsAt: Date;
  endsAt: Date;
  isFullDay: boolean;
  timeZone: string | null;
  location: string | null;
  description: string | null;
  isCanceled: boolean;
  recurringEventExternalId: string | null;
  conferenceLinkUrl: string | null;
  calendarChannelId: string;
  calendarExternalId: string | null;
  isPrivate: boolean;
  accountHandles: string[];
}

/** The longest window one request may ask for: a month view shows six weeks, a year leaves room for any view. */
export const MAX_WINDOW_DAYS = 366;

/**
 * The member's events overlapping [from, to) from the calendar channels of their own connected accounts.
 * An event the member sees through two of their channels appears once (its oldest association decides the channel).
 */
@Injectable()
export class CalendarSectionEventsService {
  constructor(private readonly dataSource: DataSource) {}

  async findEvents(member: WorkspaceMemberRef, from: Date, to: Date): Promise<CalendarSectionEvent[]> {
    const events: EventRow[] = await this.dataSource.query(
      `SELECT DISTINCT ON (e."startsAt", e."id")
         e."id", e."title", e."startsAt", e."endsAt", e."isFullDay", e."timeZone", e."location", e."description", e."isCanceled",
         COALESCE(a."recurringEventExternalId", e."recurringEventExternalId") AS "recurringEventExternalId",
         e."conferenceLinkPrimaryLinkUrl" AS "conferenceLinkUrl",
         a."calendarChannelId", a."calendarExternalId", a."isPrivate",
         array_append(ca."handleAliases", ca."handle") AS "accountHandles"
       FROM "calendarChannelEventAssociation" a
       JOIN "calendarChannel" cc ON cc."id" = a."calendarChannelId" AND cc."deletedAt" IS NULL
       JOIN "connectedAccount" ca ON ca."id" = cc."connectedAccountId" AND ca."deletedAt" IS NULL
       JOIN "calendarEvent" e ON e."id" = a."calendarEventId" AND e."deletedAt" IS NULL
       WHERE a."workspaceId" = $1 AND a."deletedAt" IS NULL AND ca."accountOwnerId" = $2
         AND NOT e."isCanceled" AND e."startsAt" < $4 AND COALESCE(e."endsAt", e."startsAt") > $3
       ORDER BY e."startsAt", e."id", a."createdAt", a."id"`,
      [member.workspaceId, member.workspaceMemberId, from, to],
    );
    const participants = await this.loadParticipants(member.workspaceId, events.map((event) => event.id));
    return events.map((event) => toSectionEvent(event, participants.get(event.id) ?? []));
  }

  private async loadParticipants(workspaceId: string, eventIds: string[]): Promise<Map<string, CalendarSectionParticipant[]>> {
    const loaded = await loadCalendarEventParticipants(this.dataSource, workspaceId, eventIds);
    const slim = ({ handle, displayName, personId, workspaceMemberId, isOrganizer, responseStatus }: CalendarEventParticipantView): CalendarSectionParticipant =>
      ({ handle, displayName, personId, workspaceMemberId, isOrganizer, responseStatus });
    return new Map([...loaded].map(([eventId, participants]) => [eventId, participants.map(slim)]));
  }
}

function toSectionEvent(row: EventRow, participants: CalendarSectionParticipant[]): CalendarSectionEvent {
  const { accountHandles, ...event } = row;
  const ownHandles = new Set(accountHandles.map((handle) => handle.toLowerCase()));
  const organizer = participants.find((participant) => participant.isOrganizer) ?? null;
  return {
    ...event,
    endsAt: event.endsAt ?? event.startsAt,
    isOrganizer: organizer !== null && ownHandles.has(organizer.handle.toLowerCase()),
    organizerName: organizer?.displayName ?? null,
    participants,
  };
}
