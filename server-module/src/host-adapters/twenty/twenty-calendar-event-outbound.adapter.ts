import type { DataSource, EntityManager } from 'typeorm';
import {
  isPendingCalendarEventExternalId,
  type CalendarChannelOwner,
  type CalendarEventLock,
  type CalendarEventOutboundRecordsPort,
  type OutboundCalendarEventTarget,
} from '@m365/shared-types';
import { updateReturning } from '../../common/update-returning.util.js';
import { deleteOrphanedCalendarEvents } from './twenty-orphaned-calendar-events.js';
import { eventLockKey, meetingLockKey, seriesLockKey } from './twenty-calendar-event-locks.js';

/** Outbound calendar writes on the Twenty-style schema. */
export class TwentyCalendarEventOutboundAdapter implements CalendarEventOutboundRecordsPort {
  constructor(private readonly dataSource: DataSource) {}

  private manager(transaction?: unknown): EntityManager {
    return (transaction as EntityManager | undefined) ?? this.dataSource.manager;
  }

  async findChannel(workspaceId: string, calendarChannelId: string, transaction?: unknown): Promise<CalendarChannelOwner | null> {
    const [row] = await this.manager(transaction).query(
      `SELECT c."id" AS "calendarChannelId", a."id" AS "connectedAccountId", a."accountOwnerId", a."handle", a."handleAliases"
       FROM "calendarChannel" c JOIN "connectedAccount" a ON a."id" = c."connectedAccountId"
       WHERE c."workspaceId" = $1 AND c."id" = $2 AND c."deletedAt" IS NULL AND a."deletedAt" IS NULL`,
      [workspaceId, calendarChannelId],
    );
    if (!row) return null;
    return { calendarChannelId: row.calendarChannelId, connectedAccountId: row.connectedAccountId, accountOwnerId: row.accountOwnerId, ownHandles: handles(row) };
  }

  async findMemberTargets(workspaceId: string, workspaceMemberId: string, calendarEventIds: string[]): Promise<OutboundCalendarEventTarget[]> {
    if (calendarEventIds.length === 0) return [];
    const rows: Array<{ calendarEventId: string; calendarChannelId: string }> = await this.dataSource.query(
      `SELECT DISTINCT ON (x."calendarEventId") x."calendarEventId", x."calendarChannelId"
       FROM "calendarChannelEventAssociation" x JOIN "calendarChannel" c ON c."id" = x."calendarChannelId" JOIN "connectedAccount" a ON a."id" = c."connectedAccountId"
       WHERE x."workspaceId" = $1 AND a."accountOwnerId" = $2 AND x."calendarEventId" = ANY($3::uuid[]) AND c."deletedAt" IS NULL AND a."deletedAt" IS NULL
       ORDER BY x."calendarEventId", x."createdAt"`,
      [workspaceId, workspaceMemberId, calendarEventIds],
    );
    const targets = await Promise.all(rows.map((row) => this.findTarget(workspaceId, row.calendarChannelId, row.calendarEventId)));
    return targets.filter((target): target is OutboundCalendarEventTarget => target !== null);
  }

  async findTarget(workspaceId: string, calendarChannelId: string, calendarEventId: string, transaction?: unknown): Promise<OutboundCalendarEventTarget | null> {
    const manager = this.manager(transaction);
    const [row] = await manager.query(
      `SELECT e."id", e."isFullDay", e."startsAt", e."endsAt", e."timeZone", x."eventExternalId", x."recurringEventExternalId", x."calendarExternalId",
         a."id" AS "connectedAccountId", a."handle", a."handleAliases"
       FROM "calendarChannelEventAssociation" x
       JOIN "calendarEvent" e ON e."id" = x."calendarEventId" AND e."deletedAt" IS NULL
       JOIN "calendarChannel" c ON c."id" = x."calendarChannelId"
       JOIN "connectedAccount" a ON a."id" = c."connectedAccountId"
       WHERE x."workspaceId" = $1 AND x."calendarChannelId" = $2 AND x."calendarEventId" = $3`,
      [workspaceId, calendarChannelId, calendarEventId],
    );
    if (!row) return null;
    const [organizer] = await manager.query(
      `SELECT "handle", "displayName" FROM "calendarEventParticipant" WHERE "workspaceId" = $1 AND "calendarEventId" = $2 AND "isOrganizer" AND "deletedAt" IS NULL LIMIT 1`,
      [workspaceId, calendarEventId],
    );
    return {
      calendarEventId,
      calendarChannelId,
      connectedAccountId: row.connectedAccountId,
      eventExternalId: isPendingCalendarEventExternalId(row.eventExternalId) ? null : row.eventExternalId,
      recurringEventExternalId: row.recurringEventExternalId,
      calendarExternalId: row.calendarExternalId,
      organizer: organizer?.handle ? { handle: String(organizer.handle).toLowerCase(), displayName: organizer.displayName ?? '' } : null,
      ownHandles: handles(row),
      isFullDay: row.isFullDay,
      startsAt: row.startsAt,
      endsAt: row.endsAt,
      timeZone: row.timeZone,
    };
  }

  /**
   * Gives the CRM's row Outlook's id. An import (a delta or push pass) that ran between the create and this call may
   * have brought the event already, as a row of its own or as a second association of this row (matched by its
   * iCalUId): the CRM's row is kept and the imported copy goes, in one transaction, so the bind never collides.
   */
  async bindCreatedEvent(workspaceId: string, calendarChannelId: string, calendarEventId: string, created: { externalId: string; iCalUid: string | null; calendarExternalId: string }): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      // The import's locks, in its order: a page holding the event waits for the bind, or the bind for the page.
      const keys = [eventLockKey(calendarChannelId, created.externalId), ...(created.iCalUid ? [meetingLockKey(workspaceId, created.iCalUid)] : [])];
      await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended(k, 0)) FROM (SELECT DISTINCT unnest($1::text[]) AS k ORDER BY 1) AS s`, [keys]);
      const [pending] = await manager.query(
        `SELECT 1 FROM "calendarChannelEventAssociation" WHERE "calendarChannelId" = $1 AND "calendarEventId" = $2 AND "eventExternalId" LIKE 'pending:%'`,
        [calendarChannelId, calendarEventId],
      );
      // Still pending: whatever holds Outlook's id in this channel is an imported copy. Already bound (a repeated
      // acknowledgement): only a copy on another row goes.
      const copies = await updateReturning<{ calendarEventId: string }>(
        manager,
        `DELETE FROM "calendarChannelEventAssociation" WHERE "calendarChannelId" = $1 AND "eventExternalId" = $2 AND ($4::boolean OR "calendarEventId" <> $3) RETURNING "calendarEventId"`,
        [calendarChannelId, created.externalId, calendarEventId, Boolean(pending)],
      );
      await manager.query(
        `UPDATE "calendarChannelEventAssociation" SET "eventExternalId" = $3, "calendarExternalId" = $4, "updatedAt" = now()
         WHERE "calendarChannelId" = $1 AND "calendarEventId" = $2 AND "eventExternalId" LIKE 'pending:%'`,
        [calendarChannelId, calendarEventId, created.externalId, created.calendarExternalId],
      );
      const merged = created.iCalUid ? await this.mergeCopiesByUid(manager, workspaceId, calendarEventId, created.iCalUid) : [];
      await deleteOrphanedCalendarEvents(manager, workspaceId, [...copies.map((copy) => copy.calendarEventId), ...merged].filter((id) => id !== calendarEventId));
    });
  }

  /** Rows other channels imported for the same meeting (an attendee's invitation) point at the CRM's row instead. */
  private async mergeCopiesByUid(manager: EntityManager, workspaceId: string, calendarEventId: string, iCalUid: string): Promise<string[]> {
    await manager.query(`UPDATE "calendarEvent" SET "iCalUid" = $2, "updatedAt" = now() WHERE "id" = $1 AND "iCalUid" IS NULL`, [calendarEventId, iCalUid]);
    const copies: Array<{ id: string }> = await manager.query(
      `SELECT "id" FROM "calendarEvent" WHERE "workspaceId" = $1 AND "iCalUid" = $2 AND "id" <> $3 AND "deletedAt" IS NULL`,
      [workspaceId, iCalUid, calendarEventId],
    );
    const ids = copies.map((copy) => copy.id);
    if (ids.length === 0) return [];
    await manager.query(`UPDATE "calendarChannelEventAssociation" SET "calendarEventId" = $2, "updatedAt" = now() WHERE "workspaceId" = $1 AND "calendarEventId" = ANY($3::uuid[])`, [workspaceId, calendarEventId, ids]);
    return ids;
  }

  async whileEventLocked<T>(workspaceId: string, calendarChannelId: string, lock: CalendarEventLock, work: (transaction: unknown) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      // The keys a page of the import locks first (c: sorts before e:, and both before u:): the page's own keys
      // after them are taken by the page written in this transaction, in the import's order.
      const keys = [
        ...(lock.seriesExternalId ? [seriesLockKey(calendarChannelId, lock.seriesExternalId)] : []),
        ...(lock.eventExternalId ? [eventLockKey(calendarChannelId, lock.eventExternalId)] : []),
      ];
      await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended(k, 0)) FROM (SELECT DISTINCT unnest($1::text[]) AS k ORDER BY 1) AS s`, [keys]);
      return work(manager);
    });
  }

  async seriesOccurrenceExternalIds(workspaceId: string, calendarChannelId: string, seriesExternalId: string, transaction?: unknown): Promise<string[]> {
    const rows: Array<{ eventExternalId: string }> = await this.manager(transaction).query(
      `SELECT "eventExternalId" FROM "calendarChannelEventAssociation" WHERE "workspaceId" = $1 AND "calendarChannelId" = $2 AND "recurringEventExternalId" = $3`,
      [workspaceId, calendarChannelId, seriesExternalId],
    );
    return rows.map((row) => row.eventExternalId);
  }
}

const handles = (row: { handle: string; handleAliases: string[] | null }) => [row.handle, ...(row.handleAliases ?? [])].map((handle) => handle.toLowerCase());
