import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { updateReturning } from '../common/update-returning.util.js';
import { BookingStatus, type BookingRecord } from './booking-page.record.js';

export interface HoldRequest {
  pageId: string;
  workspaceId: string;
  connectedAccountId: string;
  submissionKey: string;
  guestName: string;
  guestEmail: string;
  guestTimeZone: string;
  note: string | null;
  start: Date;
  end: Date;
  iCalUid: string;
  /** The slot with the page's buffers around it: no other held or confirmed booking of the account may touch it. */
  blockStart: Date;
  blockEnd: Date;
  /** The page's daily cap and the bounds of the slot's day in the page's zone. */
  dailyCap: number | null;
  dayStart: Date;
  dayEnd: Date;
}

export type HoldOutcome = { kind: 'held'; booking: BookingRecord } | { kind: 'repeat'; booking: BookingRecord } | { kind: 'taken' } | { kind: 'capped' };

const ACTIVE = `('${BookingStatus.HELD}', '${BookingStatus.CONFIRMED}')`;

/** Guests' bookings (`microsoftBooking`). */
@Injectable()
export class BookingRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  listForPage(pageId: string): Promise<BookingRecord[]> {
    return this.dataSource.query(`SELECT * FROM "microsoftBooking" WHERE "pageId" = $1 AND "status" <> $2 ORDER BY "start"`, [pageId, BookingStatus.HELD]);
  }

  /** Held and confirmed bookings of the account (all its pages) overlapping [from, until). */
  activeForAccount(connectedAccountId: string, from: Date, until: Date): Promise<Array<{ id: string; pageId: string; start: Date; end: Date }>> {
    return this.dataSource.query(
      `SELECT "id", "pageId", "start", "end" FROM "microsoftBooking" WHERE "connectedAccountId" = $1 AND "status" IN ${ACTIVE} AND "start" < $3 AND "end" > $2`,
      [connectedAccountId, from, until],
    );
  }

  /**
   * Holds the slot for this submission, or says why not. A per-account advisory lock orders every hold of the
   * account, so of two guests racing for one slot exactly one finds it free; a repeat of a submission gets its first
   * booking back.
   */
  hold(request: HoldRequest): Promise<HoldOutcome> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 1764063400000))`, [request.connectedAccountId]);
      const [repeat] = await manager.query(`SELECT * FROM "microsoftBooking" WHERE "pageId" = $1 AND "submissionKey" = $2`, [request.pageId, request.submissionKey]);
      if (repeat) return { kind: 'repeat', booking: repeat };
      const [clash] = await manager.query(
        `SELECT 1 FROM "microsoftBooking" WHERE "connectedAccountId" = $1 AND "status" IN ${ACTIVE} AND "start" < $3 AND "end" > $2 LIMIT 1`,
        [request.connectedAccountId, request.blockStart, request.blockEnd],
      );
      if (clash) return { kind: 'taken' };
      if (request.dailyCap !== null) {
        const [{ count }] = await manager.query(
          `SELECT count(*)::int AS "count" FROM "microsoftBooking" WHERE "pageId" = $1 AND "status" IN ${ACTIVE} AND "start" >= $2 AND "start" < $3`,
          [request.pageId, request.dayStart, request.dayEnd],
        );
        if (count >= request.dailyCap) return { kind: 'capped' };
      }
      const [booking] = await manager.query(
        `INSERT INTO "microsoftBooking" ("pageId", "workspaceId", "connectedAccountId", "submissionKey", "guestName", "guestEmail", "guestTimeZone", "note", "start", "end", "status", "iCalUid")
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING *`,
        [request.pageId, request.workspaceId, request.connectedAccountId, request.submissionKey, request.guestName, request.guestEmail, request.guestTimeZone, request.note, request.start, request.end, BookingStatus.HELD, request.iCalUid],
      );
      return { kind: 'held', booking };
    });
  }

  /** A reschedule: the booking takes the new slot under the same lock as a hold, or says why it cannot. */
  move(request: HoldRequest & { replacing: string }): Promise<'moved' | 'taken' | 'capped'> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 1764063400000))`, [request.connectedAccountId]);
      const [clash] = await manager.query(
        `SELECT 1 FROM "microsoftBooking" WHERE "connectedAccountId" = $1 AND "status" IN ${ACTIVE} AND "start" < $3 AND "end" > $2 AND "id" <> $4 LIMIT 1`,
        [request.connectedAccountId, request.blockStart, request.blockEnd, request.replacing],
      );
      if (clash) return 'taken';
      if (request.dailyCap !== null) {
        const [{ count }] = await manager.query(
          `SELECT count(*)::int AS "count" FROM "microsoftBooking" WHERE "pageId" = $1 AND "status" IN ${ACTIVE} AND "start" >= $2 AND "start" < $3 AND "id" <> $4`,
          [request.pageId, request.dayStart, request.dayEnd, request.replacing],
        );
        if (count >= request.dailyCap) return 'capped';
      }
      await manager.query(`UPDATE "microsoftBooking" SET "start" = $2, "end" = $3, "updatedAt" = now() WHERE "id" = $1`, [request.replacing, request.start, request.end]);
      return 'moved';
    });
  }

  async update(id: string, patch: Partial<Omit<BookingRecord, 'id'>>, manager: EntityManager = this.dataSource.manager): Promise<BookingRecord> {
    const keys = Object.keys(patch) as Array<keyof typeof patch>;
    const sets = keys.map((key, index) => `"${key}" = $${index + 2}`).join(', ');
    const [row] = await updateReturning<BookingRecord>(manager, `UPDATE "microsoftBooking" SET ${sets}, "updatedAt" = now() WHERE "id" = $1 RETURNING *`, [id, ...keys.map((key) => patch[key])]);
    return row!;
  }

  /** A hold whose Outlook event could not be made: the slot is free again. */
  async release(id: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM "microsoftBooking" WHERE "id" = $1 AND "status" = $2`, [id, BookingStatus.HELD]);
  }

  async findBySubmission(pageId: string, submissionKey: string): Promise<BookingRecord | null> {
    const [row] = await this.dataSource.query(`SELECT * FROM "microsoftBooking" WHERE "pageId" = $1 AND "submissionKey" = $2`, [pageId, submissionKey]);
    return row ?? null;
  }

  async find(id: string): Promise<BookingRecord | null> {
    const [row] = await this.dataSource.query(`SELECT * FROM "microsoftBooking" WHERE "id" = $1`, [id]);
    return row ?? null;
  }
}
