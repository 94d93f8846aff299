import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { updateReturning } from '../common/update-returning.util.js';
import type { BookingPageFields, BookingPageRecord } from './booking-page.record.js';

const FIELDS = [
  'title', 'slug', 'description', 'durationsMinutes', 'locationKind', 'locationDetail', 'timeZone', 'workingHours', 'bufferBeforeMinutes',
  'bufferAfterMinutes', 'minimumNoticeMinutes', 'horizonDays', 'dailyCap', 'busyCalendarIds', 'enabled',
] as const satisfies ReadonlyArray<keyof BookingPageFields>;

const values = (fields: BookingPageFields) => FIELDS.map((field) => (field === 'workingHours' ? JSON.stringify(fields.workingHours) : fields[field]));

/** Postgres' unique violation on the slug: the address is taken. */
export const isSlugTaken = (error: unknown) => (error as { code?: string; constraint?: string }).code === '23505' && (error as { constraint?: string }).constraint === 'UQ_microsoftBookingPage_slug';

/** Members' booking pages (`microsoftBookingPage`); every read by a member is scoped to them. */
@Injectable()
export class BookingPageRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  listForMember(workspaceId: string, workspaceMemberId: string): Promise<BookingPageRecord[]> {
    return this.dataSource.query(`SELECT * FROM "microsoftBookingPage" WHERE "workspaceId" = $1 AND "workspaceMemberId" = $2 ORDER BY "createdAt", "id"`, [workspaceId, workspaceMemberId]);
  }

  async findForMember(workspaceId: string, workspaceMemberId: string, id: string): Promise<BookingPageRecord | null> {
    if (!isUuid(id)) return null;
    const [row] = await this.dataSource.query(`SELECT * FROM "microsoftBookingPage" WHERE "workspaceId" = $1 AND "workspaceMemberId" = $2 AND "id" = $3`, [workspaceId, workspaceMemberId, id]);
    return row ?? null;
  }

  /** The public page's look-up: by its slug alone, enabled or not (the caller decides what a guest sees). */
  async findBySlug(slug: string): Promise<BookingPageRecord | null> {
    const [row] = await this.dataSource.query(`SELECT * FROM "microsoftBookingPage" WHERE "slug" = $1`, [slug]);
    return row ?? null;
  }

  async findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<BookingPageRecord | null> {
    if (!isUuid(id)) return null;
    const [row] = await manager.query(`SELECT * FROM "microsoftBookingPage" WHERE "id" = $1`, [id]);
    return row ?? null;
  }

  async create(owner: { workspaceId: string; workspaceMemberId: string; connectedAccountId: string }, fields: BookingPageFields): Promise<BookingPageRecord> {
    const columns = ['workspaceId', 'workspaceMemberId', 'connectedAccountId', ...FIELDS].map((column) => `"${column}"`).join(', ');
    const placeholders = FIELDS.map((_, index) => `$${index + 4}`).join(', ');
    const [row] = await this.dataSource.query(`INSERT INTO "microsoftBookingPage" (${columns}) VALUES ($1, $2, $3, ${placeholders}) RETURNING *`, [
      owner.workspaceId, owner.workspaceMemberId, owner.connectedAccountId, ...values(fields),
    ]);
    return row;
  }

  async update(id: string, fields: BookingPageFields): Promise<BookingPageRecord> {
    const sets = FIELDS.map((field, index) => `"${field}" = $${index + 2}`).join(', ');
    const [row] = await updateReturning<BookingPageRecord>(this.dataSource.manager, `UPDATE "microsoftBookingPage" SET ${sets}, "updatedAt" = now() WHERE "id" = $1 RETURNING *`, [id, ...values(fields)]);
    return row!;
  }

  async delete(id: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM "microsoftBookingPage" WHERE "id" = $1`, [id]);
  }

  /** Disconnect: the account's pages, their bookings with them (ON DELETE CASCADE). */
  async deleteForAccount(workspaceId: string, connectedAccountId: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(`DELETE FROM "microsoftBookingPage" WHERE "workspaceId" = $1 AND "connectedAccountId" = $2`, [workspaceId, connectedAccountId]);
  }
}

export const isUuid = (value: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
