import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { updateReturning } from '../common/update-returning.util.js';

export interface MicrosoftCalendarInput {
  externalId: string;
  name: string;
  color: string | null;
  hexColor: string | null;
  ownerAddress: string | null;
  isDefaultCalendar: boolean;
  canEdit: boolean;
  /** The account's own calendar (not one shared with it): imported unless the member says otherwise. */
  isOwn: boolean;
}

export interface MicrosoftCalendarRecord extends MicrosoftCalendarInput {
  id: string;
  calendarChannelId: string;
  isSynced: boolean;
  /** A nextLink while a walk is under way, the deltaLink once done; only good for [windowStart, windowEnd). */
  syncCursor: string | null;
  windowStart: Date | null;
  windowEnd: Date | null;
}

const COLUMNS = `"id", "calendarChannelId", "externalId", "name", "color", "hexColor", "ownerAddress", "isDefaultCalendar", "canEdit", "isOwn", "isSynced", "syncCursor", "windowStart", "windowEnd"`;

/** Each calendar channel's Outlook calendars, the member's choice of them and their delta cursors (`microsoftCalendar`). */
@Injectable()
export class MicrosoftCalendarRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** Stores the calendars Outlook lists now and forgets the others; a new calendar is synced when it is the account's own. */
  async replaceAll(workspaceId: string, calendarChannelId: string, calendars: MicrosoftCalendarInput[]): Promise<{ kept: MicrosoftCalendarRecord[]; gone: MicrosoftCalendarRecord[] }> {
    return this.dataSource.transaction(async (manager) => {
      const before = await this.list(calendarChannelId, manager);
      const listed = new Set(calendars.map((calendar) => calendar.externalId));
      if (calendars.length > 0) {
        await manager.query(
          `INSERT INTO "microsoftCalendar" ("workspaceId", "calendarChannelId", "externalId", "name", "color", "hexColor", "ownerAddress", "isDefaultCalendar", "canEdit", "isOwn", "isSynced")
           SELECT $1, $2, ext, name, color, hex, owner, def, edit, own, own FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::boolean[], $9::boolean[], $10::boolean[])
             AS t(ext, name, color, hex, owner, def, edit, own)
           ON CONFLICT ("calendarChannelId", "externalId") DO UPDATE SET "name" = EXCLUDED."name", "color" = EXCLUDED."color", "hexColor" = EXCLUDED."hexColor",
             "ownerAddress" = EXCLUDED."ownerAddress", "isDefaultCalendar" = EXCLUDED."isDefaultCalendar", "canEdit" = EXCLUDED."canEdit", "isOwn" = EXCLUDED."isOwn", "updatedAt" = now()`,
          [
            workspaceId,
            calendarChannelId,
            calendars.map((c) => c.externalId),
            calendars.map((c) => c.name),
            calendars.map((c) => c.color),
            calendars.map((c) => c.hexColor),
            calendars.map((c) => c.ownerAddress),
            calendars.map((c) => c.isDefaultCalendar),
            calendars.map((c) => c.canEdit),
            calendars.map((c) => c.isOwn),
          ],
        );
      }
      const gone = before.filter((calendar) => !listed.has(calendar.externalId));
      if (gone.length > 0) await manager.query(`DELETE FROM "microsoftCalendar" WHERE "id" = ANY($1::uuid[])`, [gone.map((calendar) => calendar.id)]);
      return { kept: await this.list(calendarChannelId, manager), gone };
    });
  }

  list(calendarChannelId: string, manager: EntityManager = this.dataSource.manager): Promise<MicrosoftCalendarRecord[]> {
    return manager.query(`SELECT ${COLUMNS} FROM "microsoftCalendar" WHERE "calendarChannelId" = $1 ORDER BY "isDefaultCalendar" DESC, "name", "id"`, [calendarChannelId]);
  }

  /** The member's choice; null when the calendar is not in that channel. */
  async setSynced(calendarChannelId: string, calendarId: string, isSynced: boolean): Promise<MicrosoftCalendarRecord | null> {
    const [row] = await updateReturning<MicrosoftCalendarRecord>(
      this.dataSource.manager,
      `UPDATE "microsoftCalendar" SET "isSynced" = $3, "updatedAt" = now() WHERE "calendarChannelId" = $1 AND "id" = $2 RETURNING ${COLUMNS}`,
      [calendarChannelId, calendarId, isSynced],
    );
    return row ?? null;
  }

  /** Moves the calendar's cursor; given the page's transaction, it commits with the page. */
  async saveCursor(calendarId: string, cursor: string | null, window: { start: Date; end: Date } | null, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(
      `UPDATE "microsoftCalendar" SET "syncCursor" = $2, "windowStart" = $3, "windowEnd" = $4, "updatedAt" = now() WHERE "id" = $1`,
      [calendarId, cursor, window?.start ?? null, window?.end ?? null],
    );
  }

  /** On disconnect: the calendars, and the outbound writes and changeKeys of those channels with them. */
  async deleteForChannels(calendarChannelIds: string[], manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(`DELETE FROM "microsoftCalendar" WHERE "calendarChannelId" = ANY($1::uuid[])`, [calendarChannelIds]);
    await manager.query(`DELETE FROM "microsoftCalendarOutbox" WHERE "calendarChannelId" = ANY($1::uuid[])`, [calendarChannelIds]);
    await manager.query(`DELETE FROM "microsoftCalendarEventChangeKey" WHERE "calendarChannelId" = ANY($1::uuid[])`, [calendarChannelIds]);
  }
}
