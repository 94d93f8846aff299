import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { GraphQLError } from 'graphql';
import { DataSource, type EntityManager } from 'typeorm';
import {
  CALENDAR_EVENT_OUTBOUND_PORT,
  CalendarEventChangeKind,
  CalendarEventEditScope,
  pendingCalendarEventExternalId,
  type CalendarEventFields,
  type CalendarEventOutboundPort,
  type RecordedCalendarEventChange,
  type WorkspaceMemberRef,
} from '@m365/shared-types';
import { isUuid } from '../records/uuid.util.js';
import type { CalendarEventInput, CalendarEventPatch, CalendarEventWriteResult } from './calendar-event-write.graphql.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const NOT_YOURS = 'This calendar is not one of yours: events can only be written to your own calendars';
const EVENT_NOT_YOURS = 'This event is not on one of your calendars';

const userError = (message: string, code = 'BAD_USER_INPUT', extensions: Record<string, unknown> = {}) => new GraphQLError(message, { extensions: { code, ...extensions } });

interface EventRow {
  id: string;
  title: string | null;
  startsAt: Date;
  endsAt: Date;
  isFullDay: boolean;
  timeZone: string | null;
  location: string | null;
  description: string | null;
  conferenceSolution: string | null;
}

/**
 * The host's calendar writes: its own rows (calendarEvent, participants, association) and the plugin's outbound
 * port, in one transaction; the plugin's job is dispatched after the commit.
 */
@Injectable()
export class CalendarWritesService {
  private readonly logger = new Logger('CalendarWrites');

  constructor(
    private readonly dataSource: DataSource,
    private readonly moduleRef: ModuleRef,
  ) {}

  private get outbound(): CalendarEventOutboundPort {
    return this.moduleRef.get<CalendarEventOutboundPort>(CALENDAR_EVENT_OUTBOUND_PORT, { strict: false });
  }

  async create(member: WorkspaceMemberRef, calendarChannelId: string, calendarExternalId: string | null, input: CalendarEventInput): Promise<CalendarEventWriteResult> {
    const fields = checkedFields({ ...input, isFullDay: input.isFullDay ?? false, attendeeEmails: input.attendeeEmails ?? [] });
    const id = randomUUID();
    const recorded = await this.dataSource.transaction(async (manager) => {
      const channel = await ownChannel(manager, member, calendarChannelId);
      await this.refuseReadOnly({ transaction: manager, workspaceId: member.workspaceId, calendarChannelId, calendarExternalId });
      await manager.query(
        `INSERT INTO "calendarEvent" ("id", "workspaceId", "title", "isFullDay", "startsAt", "endsAt", "timeZone", "location", "description", "conferenceSolution")
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [id, member.workspaceId, fields.title, fields.isFullDay, fields.startsAt, fields.endsAt, fields.timeZone, fields.location ?? '', fields.description ?? '', fields.conferenceSolution ?? null],
      );
      await manager.query(
        `INSERT INTO "calendarEventParticipant" ("workspaceId", "calendarEventId", "handle", "displayName", "isOrganizer", "responseStatus", "workspaceMemberId")
         VALUES ($1, $2, $3, $4, true, 'ACCEPTED', $5)`,
        [member.workspaceId, id, channel.handle, channel.memberName, member.workspaceMemberId],
      );
      await writeAttendees(manager, member.workspaceId, id, fields.attendeeEmails ?? []);
      await manager.query(
        `INSERT INTO "calendarChannelEventAssociation" ("workspaceId", "calendarChannelId", "calendarEventId", "eventExternalId", "calendarExternalId") VALUES ($1, $2, $3, $4, $5)`,
        [member.workspaceId, calendarChannelId, id, pendingCalendarEventExternalId(id), calendarExternalId],
      );
      return this.outbound.recordChange({
        kind: CalendarEventChangeKind.CREATED,
        transaction: manager,
        workspaceId: member.workspaceId,
        workspaceMemberId: member.workspaceMemberId,
        calendarEventId: id,
        calendarChannelId,
        calendarExternalId,
        editedAt: new Date(),
        fields: { ...fields, isFullDay: fields.isFullDay ?? false, attendeeEmails: fields.attendeeEmails ?? [], location: fields.location ?? '', description: fields.description ?? '', conferenceSolution: fields.conferenceSolution ?? undefined },
      });
    });
    await this.dispatch(recorded);
    return { id, outboundStatus: recorded.outboundStatus };
  }

  async update(member: WorkspaceMemberRef, id: string, scope: CalendarEventEditScope, patch: CalendarEventPatch): Promise<CalendarEventWriteResult> {
    const changed: CalendarEventFields = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== null && value !== undefined));
    if (Object.keys(changed).length === 0) throw userError('Nothing to change: the patch sets no field');
    const recorded = await this.dataSource.transaction(async (manager) => {
      const { calendarChannelId, event } = await this.ownEvent(manager, member, id);
      const attendees = await attendeeHandles(manager, member.workspaceId, id);
      const before: CalendarEventFields = {
        title: event.title ?? '', startsAt: event.startsAt, endsAt: event.endsAt, isFullDay: event.isFullDay, timeZone: event.timeZone ?? 'UTC',
        location: event.location ?? '', description: event.description ?? '', attendeeEmails: attendees, conferenceSolution: event.conferenceSolution,
      };
      if (before.conferenceSolution && changed.conferenceSolution !== undefined && changed.conferenceSolution !== before.conferenceSolution) {
        throw userError('The online meeting cannot be changed once the event has one (Outlook keeps it)');
      }
      const after = checkedFields({ ...before, ...changed } as CalendarEventInput);
      const afterFields = after as CalendarEventFields;
      const previous = Object.fromEntries(Object.keys(changed).map((key) => [key, before[key as keyof CalendarEventFields]])) as CalendarEventFields;
      await manager.query(
        `UPDATE "calendarEvent" SET "title" = $2, "startsAt" = $3, "endsAt" = $4, "isFullDay" = $5, "timeZone" = $6, "location" = $7, "description" = $8,
           "conferenceSolution" = $9, "updatedAt" = now() WHERE "id" = $1`,
        [id, after.title, after.startsAt, after.endsAt, after.isFullDay, after.timeZone, after.location ?? '', after.description ?? '', after.conferenceSolution ?? null],
      );
      if (changed.attendeeEmails) {
        await manager.query(`DELETE FROM "calendarEventParticipant" WHERE "workspaceId" = $1 AND "calendarEventId" = $2 AND NOT "isOrganizer"`, [member.workspaceId, id]);
        await writeAttendees(manager, member.workspaceId, id, after.attendeeEmails ?? []);
      }
      return this.outbound.recordChange({
        kind: CalendarEventChangeKind.UPDATED,
        transaction: manager,
        workspaceId: member.workspaceId,
        workspaceMemberId: member.workspaceMemberId,
        calendarEventId: id,
        calendarChannelId,
        scope,
        editedAt: new Date(),
        fields: Object.fromEntries(Object.keys(changed).map((key) => [key, afterFields[key as keyof CalendarEventFields]])),
        previous,
      });
    });
    await this.dispatch(recorded);
    return { id, outboundStatus: recorded.outboundStatus };
  }

  async remove(member: WorkspaceMemberRef, id: string, scope: CalendarEventEditScope): Promise<void> {
    const recorded = await this.dataSource.transaction(async (manager) => {
      const { calendarChannelId, recurringEventExternalId } = await this.ownEvent(manager, member, id);
      // The plugin reads the provider ids from the association, so it hears of the delete before the rows go.
      const change = await this.outbound.recordChange({
        kind: CalendarEventChangeKind.DELETED,
        transaction: manager,
        workspaceId: member.workspaceId,
        workspaceMemberId: member.workspaceMemberId,
        calendarEventId: id,
        calendarChannelId,
        scope,
        editedAt: new Date(),
      });
      const wholeSeries = scope === CalendarEventEditScope.ALL_EVENTS && recurringEventExternalId;
      const raw = wholeSeries
        ? await manager.query(`DELETE FROM "calendarChannelEventAssociation" WHERE "calendarChannelId" = $1 AND "recurringEventExternalId" = $2 RETURNING "calendarEventId"`, [calendarChannelId, recurringEventExternalId])
        : await manager.query(`DELETE FROM "calendarChannelEventAssociation" WHERE "calendarChannelId" = $1 AND "calendarEventId" = $2 RETURNING "calendarEventId"`, [calendarChannelId, id]);
      const gone = (Array.isArray(raw[0]) ? raw[0] : raw) as Array<{ calendarEventId: string }>;
      const ids = [...new Set([id, ...gone.map((row) => row.calendarEventId)])];
      await manager.query(
        `DELETE FROM "calendarEvent" e WHERE e."workspaceId" = $1 AND e."id" = ANY($2::uuid[]) AND NOT EXISTS (SELECT 1 FROM "calendarChannelEventAssociation" a WHERE a."calendarEventId" = e."id")`,
        [member.workspaceId, ids],
      );
      return change;
    });
    await this.dispatch(recorded);
  }

  private async refuseReadOnly(request: Parameters<CalendarEventOutboundPort['readOnlyReason']>[0]): Promise<void> {
    const reason = await this.outbound.readOnlyReason(request);
    if (reason) throw userError(reason, 'FORBIDDEN', { readOnlyReason: reason });
  }

  /** The member's channel holding the event, the event locked for this transaction; read-only events are refused. */
  private async ownEvent(manager: EntityManager, member: WorkspaceMemberRef, id: string): Promise<{ calendarChannelId: string; recurringEventExternalId: string | null; event: EventRow }> {
    if (!isUuid(id)) throw userError(EVENT_NOT_YOURS, 'FORBIDDEN');
    const [held] = await manager.query(
      `SELECT x."calendarChannelId", x."recurringEventExternalId" FROM "calendarChannelEventAssociation" x
       JOIN "calendarChannel" c ON c."id" = x."calendarChannelId" JOIN "connectedAccount" a ON a."id" = c."connectedAccountId"
       WHERE x."workspaceId" = $1 AND x."calendarEventId" = $2 AND a."accountOwnerId" = $3 AND c."deletedAt" IS NULL AND a."deletedAt" IS NULL
       ORDER BY x."createdAt" LIMIT 1`,
      [member.workspaceId, id, member.workspaceMemberId],
    );
    if (!held) throw userError(EVENT_NOT_YOURS, 'FORBIDDEN');
    const [event] = await manager.query(
      `SELECT "id", "title", "startsAt", "endsAt", "isFullDay", "timeZone", "location", "description", "conferenceSolution" FROM "calendarEvent" WHERE "id" = $1 AND "deletedAt" IS NULL FOR UPDATE`,
      [id],
    );
    if (!event) throw userError(EVENT_NOT_YOURS, 'FORBIDDEN');
    await this.refuseReadOnly({ transaction: manager, workspaceId: member.workspaceId, calendarChannelId: held.calendarChannelId, calendarEventId: id });
    return { calendarChannelId: held.calendarChannelId, recurringEventExternalId: held.recurringEventExternalId, event };
  }

  private async dispatch(recorded: RecordedCalendarEventChange): Promise<void> {
    // Committed already: should the enqueue fail, the plugin's resume cron finds the pending change.
    await recorded.dispatch().catch((error: Error) => this.logger.warn(`Calendar change committed; its job could not be enqueued now: ${error.message}`));
  }
}

async function ownChannel(manager: EntityManager, member: WorkspaceMemberRef, calendarChannelId: string): Promise<{ handle: string; memberName: string }> {
  if (!isUuid(calendarChannelId)) throw userError(NOT_YOURS, 'FORBIDDEN');
  const [row] = await manager.query(
    `SELECT a."handle", trim(m."nameFirstName" || ' ' || m."nameLastName") AS "memberName"
     FROM "calendarChannel" c JOIN "connectedAccount" a ON a."id" = c."connectedAccountId" JOIN "workspaceMember" m ON m."id" = a."accountOwnerId"
     WHERE c."workspaceId" = $1 AND c."id" = $2 AND a."accountOwnerId" = $3 AND c."deletedAt" IS NULL AND a."deletedAt" IS NULL`,
    [member.workspaceId, calendarChannelId, member.workspaceMemberId],
  );
  if (!row) throw userError(NOT_YOURS, 'FORBIDDEN');
  return { handle: String(row.handle).toLowerCase(), memberName: row.memberName };
}

/** Title, times (end after start; full-day events on whole UTC dates), an IANA zone and addresses that are addresses. */
function checkedFields(input: CalendarEventInput): CalendarEventInput {
  const title = input.title?.trim();
  if (!title) throw userError('An event needs a title');
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  if (Number.isNaN(startsAt.getTime()) || Number.isNaN(endsAt.getTime())) throw userError('startsAt and endsAt must be date-times');
  if (endsAt.getTime() <= startsAt.getTime()) throw userError('An event must end after it starts');
  if (input.isFullDay && (!isUtcMidnight(startsAt) || !isUtcMidnight(endsAt))) throw userError('A full-day event runs from one date to another: startsAt and endsAt at 00:00 UTC');
  try {
    new Intl.DateTimeFormat('en', { timeZone: input.timeZone });
  } catch {
    throw userError(`Unknown time zone "${input.timeZone}": give an IANA name such as Europe/Berlin`);
  }
  if (!input.timeZone.includes('/') && input.timeZone !== 'UTC') throw userError(`"${input.timeZone}" is not an IANA zone name (such as Europe/Berlin)`);
  const attendeeEmails = [...new Set((input.attendeeEmails ?? []).map((address) => address.trim().toLowerCase()))];
  const invalid = attendeeEmails.filter((address) => !EMAIL.test(address));
  if (invalid.length > 0) throw userError(`Not an email address: ${invalid.join(', ')}`);
  if (input.conferenceSolution && !CONFERENCE_SOLUTIONS.has(input.conferenceSolution)) throw userError(`Unknown conference solution "${input.conferenceSolution}": the one offered is teamsForBusiness`);
  return { ...input, title, startsAt, endsAt, attendeeEmails, location: input.location ?? '', description: input.description ?? '' };
}

const CONFERENCE_SOLUTIONS = new Set(['teamsForBusiness']);

const isUtcMidnight = (date: Date) => date.getTime() % 86_400_000 === 0;

async function attendeeHandles(manager: EntityManager, workspaceId: string, calendarEventId: string): Promise<string[]> {
  const rows: Array<{ handle: string }> = await manager.query(
    `SELECT "handle" FROM "calendarEventParticipant" WHERE "workspaceId" = $1 AND "calendarEventId" = $2 AND NOT "isOrganizer" AND "deletedAt" IS NULL ORDER BY "handle"`,
    [workspaceId, calendarEventId],
  );
  return rows.map((row) => row.handle);
}

/** Attendees linked to the person or workspace member with their address, as the import links them. */
async function writeAttendees(manager: EntityManager, workspaceId: string, calendarEventId: string, addresses: string[]): Promise<void> {
  if (addresses.length === 0) return;
  await manager.query(
    `INSERT INTO "calendarEventParticipant" ("workspaceId", "calendarEventId", "handle", "displayName", "isOrganizer", "responseStatus", "personId", "workspaceMemberId")
     SELECT $1, $2, t.handle, '', false, 'NEEDS_ACTION',
       (SELECT p."id" FROM "person" p WHERE p."workspaceId" = $1 AND p."deletedAt" IS NULL AND (lower(p."emailsPrimaryEmail") = t.handle OR t.handle = ANY(p."emailsAdditionalEmails")) LIMIT 1),
       (SELECT m."id" FROM "workspaceMember" m WHERE m."workspaceId" = $1 AND m."deletedAt" IS NULL AND lower(m."userEmail") = t.handle LIMIT 1)
     FROM unnest($3::text[]) AS t(handle)`,
    [workspaceId, calendarEventId, addresses],
  );
}
