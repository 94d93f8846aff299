import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CalendarChannelVisibility, type WorkspaceMemberRef } from '@m365/shared-types';
import { toLimitOffset, type PagingArgs } from '../records/paging.args.js';
import type { TimelineCalendarEvent, TimelineCalendarEventParticipant, TimelineCalendarEventsWithTotal } from './timeline-calendar-event.model.js';
import { loadCalendarEventParticipants } from './calendar-event-participants.query.js';
import { participantTargetFilter, targetId, type TimelineTarget } from './timeline-target.js';
import { calendarVisibilityFromRank, calendarVisibilityRank, PRIVATE_EVENT_TITLE } from './visibility.util.js';

interface EventRow {
  id: string;
  title: string | null;
  isCanceled: boolean;
  isFullDay: boolean;
  startsAt: Date | null;
  endsAt: Date | null;
  description: string | null;
  location: string | null;
  conferenceSolution: string | null;
  conferenceLinkPrimaryLinkUrl: string | null;
  conferenceLinkPrimaryLinkLabel: string | null;
  rank: number | null;
}

/** Calendar events as Twenty's timeline shows them, newest first, with the caller's visibility applied. */
@Injectable()
export class TimelineCalendarEventsService {
  constructor(private readonly dataSource: DataSource) {}

  async findEvents(member: WorkspaceMemberRef, target: TimelineTarget, paging: PagingArgs): Promise<TimelineCalendarEventsWithTotal> {
    const { limit, offset } = toLimitOffset(paging);
    const matching = `
      e."workspaceId" = $1 AND e."deletedAt" IS NULL AND e."id" IN (
        SELECT p."calendarEventId" FROM "calendarEventParticipant" p
        WHERE p."workspaceId" = $1 AND p."deletedAt" IS NULL AND ${participantTargetFilter(target, 'p', '$2', '$1')})`;
    const params = [member.workspaceId, targetId(target)];
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS "total" FROM "calendarEvent" e WHERE ${matching}`, params);
    const events: EventRow[] = await this.dataSource.query(
      `SELECT e."id", e."title", e."isCanceled", e."isFullDay", e."startsAt", e."endsAt", e."description", e."location",
         e."conferenceSolution", e."conferenceLinkPrimaryLinkUrl", e."conferenceLinkPrimaryLinkLabel",
         (SELECT max(${calendarVisibilityRank('$5')})::int
          FROM "calendarChannelEventAssociation" a
          JOIN "calendarChannel" cc ON cc."id" = a."calendarChannelId" AND cc."deletedAt" IS NULL
          JOIN "connectedAccount" ca ON ca."id" = cc."connectedAccountId"
          WHERE a."calendarEventId" = e."id" AND a."deletedAt" IS NULL) AS "rank"
       FROM "calendarEvent" e WHERE ${matching}
       ORDER BY e."startsAt" DESC NULLS LAST, e."id" LIMIT $3 OFFSET $4`,
      [...params, limit, offset, member.workspaceMemberId],
    );
    const participants = await this.loadParticipants(member.workspaceId, events.map((event) => event.id));
    return { totalNumberOfCalendarEvents: total, timelineCalendarEvents: events.map((event) => toTimelineEvent(event, participants.get(event.id) ?? [])) };
  }

  private async loadParticipants(workspaceId: string, eventIds: string[]): Promise<Map<string, TimelineCalendarEventParticipant[]>> {
    return loadCalendarEventParticipants(this.dataSource, workspaceId, eventIds);
  }
}

function toTimelineEvent(event: EventRow, participants: TimelineCalendarEventParticipant[]): TimelineCalendarEvent {
  const visibility = calendarVisibilityFromRank(event.rank);
  const shared = visibility === CalendarChannelVisibility.SHARE_EVERYTHING;
  // Marked private in Outlook and seen by a teammate: "Busy" and the time, whoever else was there stays unsaid.
  const busyOnly = event.rank === 0;
  return {
    id: event.id,
    title: shared ? event.title : busyOnly ? PRIVATE_EVENT_TITLE : null,
    isCanceled: event.isCanceled,
    isFullDay: event.isFullDay,
    startsAt: event.startsAt,
    endsAt: event.endsAt,
    description: shared ? event.description : null,
    location: shared ? event.location : null,
    conferenceSolution: shared ? event.conferenceSolution : null,
    conferenceLink: shared ? { primaryLinkUrl: event.conferenceLinkPrimaryLinkUrl, primaryLinkLabel: event.conferenceLinkPrimaryLinkLabel } : null,
    participants: busyOnly ? [] : participants,
    visibility,
  };
}
