import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { CalendarEventChangeKind, CalendarEventEditScope, CalendarEventFields, CalendarEventWriteStatus } from '@m365/shared-types';
import { updateReturning } from '../../common/update-returning.util.js';

/** Fields as stored in jsonb: instants as ISO strings. */
export type StoredFields = Omit<CalendarEventFields, 'startsAt' | 'endsAt'> & { startsAt?: string; endsAt?: string };

export interface CalendarOutboxRecord {
  id: string;
  workspaceId: string;
  workspaceMemberId: string;
  calendarChannelId: string;
  calendarEventId: string;
  kind: CalendarEventChangeKind;
  scope: CalendarEventEditScope;
  calendarExternalId: string | null;
  eventExternalId: string | null;
  recurringEventExternalId: string | null;
  baseChangeKey: string | null;
  fields: StoredFields;
  previous: StoredFields;
  editedAt: Date;
  status: CalendarEventWriteStatus;
  message: string | null;
  attempts: number;
  resultExternalId: string | null;
  resultChangeKey: string | null;
  createdAt: Date;
}

export type NewCalendarOutboxRow = Pick<CalendarOutboxRecord,
  'workspaceId' | 'workspaceMemberId' | 'calendarChannelId' | 'calendarEventId' | 'kind' | 'scope' | 'calendarExternalId' | 'eventExternalId' | 'recurringEventExternalId' | 'baseChangeKey' | 'fields' | 'previous' | 'editedAt'>;

/** A claimed row is this worker's for this long; a worker that dies leaves it to the next after that. */
const LEASE_SECONDS = 60;

/** The outbox of CRM calendar changes (`microsoftCalendarOutbox`) and the changeKeys seen per event. */
@Injectable()
export class CalendarOutboxRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** Inside the host's transaction: the row commits with the CRM change or not at all. */
  async insert(manager: EntityManager, row: NewCalendarOutboxRow): Promise<CalendarOutboxRecord> {
    const [inserted] = await manager.query(
      `INSERT INTO "microsoftCalendarOutbox" ("workspaceId", "workspaceMemberId", "calendarChannelId", "calendarEventId", "kind", "scope", "calendarExternalId",
         "eventExternalId", "recurringEventExternalId", "baseChangeKey", "fields", "previous", "editedAt")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING *`,
      [row.workspaceId, row.workspaceMemberId, row.calendarChannelId, row.calendarEventId, row.kind, row.scope, row.calendarExternalId,
        row.eventExternalId, row.recurringEventExternalId, row.baseChangeKey, JSON.stringify(row.fields), JSON.stringify(row.previous), row.editedAt],
    );
    return inserted;
  }

  async find(id: string): Promise<CalendarOutboxRecord | null> {
    const [row] = await this.dataSource.query(`SELECT * FROM "microsoftCalendarOutbox" WHERE "id" = $1`, [id]);
    return row ?? null;
  }

  /**
   * Takes the event's oldest pending change for this worker, unless another worker holds one of that event's rows:
   * an event's changes reach Outlook one at a time, in the order they were made.
   */
  async claimNext(calendarEventId: string): Promise<CalendarOutboxRecord | null> {
    const [row] = await updateReturning<CalendarOutboxRecord>(
      this.dataSource.manager,
      `UPDATE "microsoftCalendarOutbox" SET "leaseUntil" = now() + make_interval(secs => ${LEASE_SECONDS}), "attempts" = "attempts" + 1, "updatedAt" = now()
       WHERE "id" = (SELECT "id" FROM "microsoftCalendarOutbox" WHERE "calendarEventId" = $1 AND "status" = 'PENDING' ORDER BY "createdAt", "id" LIMIT 1)
         AND NOT EXISTS (SELECT 1 FROM "microsoftCalendarOutbox" o WHERE o."calendarEventId" = $1 AND o."status" = 'PENDING' AND o."leaseUntil" > now())
       RETURNING *`,
      [calendarEventId],
    );
    return row ?? null;
  }

  /** The provider id an earlier create of this event got (for changes recorded before that create was applied). */
  async createdExternalId(calendarEventId: string): Promise<string | null> {
    const [row] = await this.dataSource.query(
      `SELECT "resultExternalId" FROM "microsoftCalendarOutbox" WHERE "calendarEventId" = $1 AND "kind" = 'CREATED' AND "resultExternalId" IS NOT NULL ORDER BY "createdAt" DESC LIMIT 1`,
      [calendarEventId],
    );
    return row?.resultExternalId ?? null;
  }

  async hasPending(calendarEventId: string): Promise<boolean> {
    const [row] = await this.dataSource.query(`SELECT 1 FROM "microsoftCalendarOutbox" WHERE "calendarEventId" = $1 AND "status" = 'PENDING' LIMIT 1`, [calendarEventId]);
    return Boolean(row);
  }

  async release(id: string, message: string | null): Promise<void> {
    await this.dataSource.query(`UPDATE "microsoftCalendarOutbox" SET "leaseUntil" = NULL, "message" = $2, "updatedAt" = now() WHERE "id" = $1`, [id, message]);
  }

  /** The row's end; given the acknowledging transaction, it commits with what the write changed in the CRM. */
  async finish(
    id: string,
    outcome: { status: CalendarEventWriteStatus; message: string | null; resultExternalId?: string | null; resultChangeKey?: string | null },
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await manager.query(
      `UPDATE "microsoftCalendarOutbox" SET "status" = $2, "message" = $3, "resultExternalId" = COALESCE($4, "resultExternalId"), "resultChangeKey" = COALESCE($5, "resultChangeKey"),
         "leaseUntil" = NULL, "appliedAt" = CASE WHEN $2 IN ('APPLIED', 'CONFLICT_LOST') THEN now() ELSE "appliedAt" END, "updatedAt" = now()
       WHERE "id" = $1`,
      [id, outcome.status, outcome.message, outcome.resultExternalId ?? null, outcome.resultChangeKey ?? null],
    );
  }

  /** Pending rows nobody is working on (a process died after the host's commit, or before its job ran). */
  async listStranded(olderThanSeconds: number, limit: number): Promise<Array<{ workspaceId: string; id: string; calendarEventId: string }>> {
    return this.dataSource.query(
      `SELECT "workspaceId", "id", "calendarEventId" FROM "microsoftCalendarOutbox"
       WHERE "status" = 'PENDING' AND "createdAt" < now() - make_interval(secs => $1) AND ("leaseUntil" IS NULL OR "leaseUntil" < now())
       ORDER BY "createdAt" LIMIT $2`,
      [olderThanSeconds, limit],
    );
  }

  /** The latest change per event (what microsoftCalendarEventWriteStates shows), within the workspace. */
  async latestFor(workspaceId: string, calendarEventIds: string[]): Promise<CalendarOutboxRecord[]> {
    if (calendarEventIds.length === 0) return [];
    return this.dataSource.query(
      `SELECT DISTINCT ON ("calendarEventId") * FROM "microsoftCalendarOutbox" WHERE "workspaceId" = $1 AND "calendarEventId" = ANY($2::uuid[])
       ORDER BY "calendarEventId", "createdAt" DESC, "id" DESC`,
      [workspaceId, calendarEventIds],
    );
  }

  /** The changeKey last seen for an event (the plugin's write or the import's), for If-Match. */
  async latestChangeKey(calendarChannelId: string, eventExternalId: string, manager: EntityManager = this.dataSource.manager): Promise<string | null> {
    const [row] = await manager.query(
      `SELECT "changeKey" FROM "microsoftCalendarEventChangeKey" WHERE "calendarChannelId" = $1 AND "eventExternalId" = $2 ORDER BY "seenAt" DESC LIMIT 1`,
      [calendarChannelId, eventExternalId],
    );
    return row?.changeKey ?? null;
  }

  /** Records changeKeys: the plugin's own writes (echoes to recognise), or what the import saw. */
  async recordChangeKeys(calendarChannelId: string, keys: Array<{ eventExternalId: string; changeKey: string }>, writtenByPlugin: boolean, manager: EntityManager = this.dataSource.manager): Promise<void> {
    if (keys.length === 0) return;
    await manager.query(
      `INSERT INTO "microsoftCalendarEventChangeKey" ("calendarChannelId", "eventExternalId", "changeKey", "writtenByPlugin")
       SELECT $1, ext, key, $4 FROM unnest($2::text[], $3::text[]) AS t(ext, key)
       ON CONFLICT ("calendarChannelId", "eventExternalId", "changeKey") DO UPDATE SET
         "writtenByPlugin" = "microsoftCalendarEventChangeKey"."writtenByPlugin" OR EXCLUDED."writtenByPlugin", "seenAt" = clock_timestamp()`,
      [calendarChannelId, keys.map((key) => key.eventExternalId), keys.map((key) => key.changeKey), writtenByPlugin],
    );
    // An echo comes back within minutes: older keys of these events, a day old, are of no more use.
    await manager.query(
      `DELETE FROM "microsoftCalendarEventChangeKey" k WHERE k."calendarChannelId" = $1 AND k."eventExternalId" = ANY($2::text[]) AND k."seenAt" < now() - interval '1 day'
         AND NOT EXISTS (SELECT 1 FROM unnest($2::text[], $3::text[]) AS t(ext, key) WHERE t.ext = k."eventExternalId" AND t.key = k."changeKey")`,
      [calendarChannelId, keys.map((key) => key.eventExternalId), keys.map((key) => key.changeKey)],
    );
  }

  /**
   * Of these events, the ones the CRM deleted (a delete not failed: on its way to Outlook, or done there). An import
   * of a page read before Outlook had the delete must not bring them back. A series deleted whole takes its occurrences.
   */
  async deletedInCrm(calendarChannelId: string, events: Array<{ externalId: string; recurringEventExternalId: string | null }>, manager: EntityManager): Promise<Set<string>> {
    if (events.length === 0) return new Set();
    const rows: Array<{ eventExternalId: string | null; recurringEventExternalId: string | null; scope: string }> = await manager.query(
      `SELECT "eventExternalId", "recurringEventExternalId", "scope" FROM "microsoftCalendarOutbox"
       WHERE "calendarChannelId" = $1 AND "kind" = 'DELETED' AND "status" <> 'FAILED'
         AND ("eventExternalId" = ANY($2::text[]) OR ("scope" = 'ALL_EVENTS' AND "recurringEventExternalId" = ANY($3::text[])))`,
      [calendarChannelId, events.map((event) => event.externalId), [...new Set(events.map((event) => event.recurringEventExternalId).filter((id): id is string => Boolean(id)))]],
    );
    const ids = new Set(rows.map((row) => row.eventExternalId));
    const series = new Set(rows.filter((row) => row.scope === 'ALL_EVENTS' && row.recurringEventExternalId).map((row) => row.recurringEventExternalId!));
    return new Set(events.filter((event) => ids.has(event.externalId) || (event.recurringEventExternalId !== null && series.has(event.recurringEventExternalId)) || series.has(event.externalId)).map((event) => event.externalId));
  }

  /** The database's clock: when a page's read began, on the clock the changeKeys are recorded by. */
  async clock(): Promise<Date> {
    const [row] = await this.dataSource.query(`SELECT clock_timestamp() AS "now"`);
    return new Date(row.now);
  }

  /**
   * Of these (event, changeKey) pairs, the events for which the plugin recorded a write of its own, with another
   * changeKey, since `since`: what a page read before then says of them may be older than what the CRM holds.
   */
  async writtenByPluginSince(calendarChannelId: string, keys: Array<{ eventExternalId: string; changeKey: string | null }>, since: Date, manager: EntityManager = this.dataSource.manager): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const rows: Array<{ eventExternalId: string }> = await manager.query(
      `SELECT DISTINCT k."eventExternalId" FROM "microsoftCalendarEventChangeKey" k JOIN unnest($2::text[], $3::text[]) AS t(ext, key) ON k."eventExternalId" = t.ext
       WHERE k."calendarChannelId" = $1 AND k."writtenByPlugin" AND k."seenAt" >= $4 AND k."changeKey" IS DISTINCT FROM t.key`,
      [calendarChannelId, keys.map((key) => key.eventExternalId), keys.map((key) => key.changeKey), since],
    );
    return new Set(rows.map((row) => row.eventExternalId));
  }

  /** Of these (event, changeKey) pairs, the ones the plugin itself wrote. */
  async writtenByPlugin(calendarChannelId: string, keys: Array<{ eventExternalId: string; changeKey: string }>, manager: EntityManager = this.dataSource.manager): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const rows: Array<{ eventExternalId: string; changeKey: string }> = await manager.query(
      `SELECT k."eventExternalId", k."changeKey" FROM "microsoftCalendarEventChangeKey" k JOIN unnest($2::text[], $3::text[]) AS t(ext, key)
         ON k."eventExternalId" = t.ext AND k."changeKey" = t.key
       WHERE k."calendarChannelId" = $1 AND k."writtenByPlugin"`,
      [calendarChannelId, keys.map((key) => key.eventExternalId), keys.map((key) => key.changeKey)],
    );
    return new Set(rows.map((row) => echoKey(row.eventExternalId, row.changeKey)));
  }
}

export const echoKey = (eventExternalId: string, changeKey: string) => `${eventExternalId}\n${changeKey}`;
