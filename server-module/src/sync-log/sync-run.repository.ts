import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { SyncChannelKind, SyncRunAction, SyncRunOutcome, SyncRunTrigger } from '@m365/shared-types';
import { updateReturning } from '../common/update-returning.util.js';
import { SYNC_RUNS_KEPT_FOR_DAYS, SYNC_RUNS_KEPT_PER_CHANNEL } from './sync-run.constants.js';

export interface SyncRunCounts {
  created: number;
  updated: number;
  deleted: number;
  foldersSynced: number;
  foldersRestarted: string[];
}

/** Why a run failed, in the member's words, and what they can do about it. */
export interface SyncRunFailure {
  code: string;
  message: string;
  action: SyncRunAction | null;
  retryAt: Date | null;
}

export interface SyncRunStart {
  workspaceId: string;
  channelId: string;
  channelKind: SyncChannelKind;
  trigger: SyncRunTrigger;
  startedAt: Date;
}

export interface SyncRunEnd {
  outcome: SyncRunOutcome;
  finishedAt: Date;
  durationMs: number;
  counts: SyncRunCounts;
  failure: SyncRunFailure | null;
}

export interface SyncRunRow extends SyncRunCounts {
  id: string;
  channelId: string;
  channelKind: SyncChannelKind;
  trigger: SyncRunTrigger;
  outcome: SyncRunOutcome;
  startedAt: Date;
  finishedAt: Date | null;
  passes: number;
  durationMs: number;
  errorCode: string | null;
  errorMessage: string | null;
  action: SyncRunAction | null;
  retryAt: Date | null;
}

const COLUMNS = `"id", "channelId", "channelKind", "trigger", "outcome", "startedAt", "finishedAt", "passes", "durationMs", "created", "updated", "deleted",
  "foldersSynced", "foldersRestarted", "errorCode", "errorMessage", "action", "retryAt"`;
const MAX_MESSAGE_LENGTH = 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The plugin's `microsoftSyncRun` table: the sync log of every channel, bounded by age and count. */
@Injectable()
export class SyncRunRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** Runs of the channel still open belong to a process that lost its claim (it died): they end as interrupted. */
  async interruptOpen(channelId: string, message: string): Promise<number> {
    const rows = await updateReturning(
      this.dataSource.manager,
      `UPDATE "microsoftSyncRun" SET "outcome" = 'INTERRUPTED', "finishedAt" = "lastSeenAt", "errorMessage" = $2,
         "durationMs" = GREATEST(0, (EXTRACT(EPOCH FROM ("lastSeenAt" - "startedAt")) * 1000)::int)
       WHERE "channelId" = $1 AND "outcome" = 'RUNNING' RETURNING "id"`,
      [channelId, message],
    );
    return rows.length;
  }

  /** A run that starts now (open, RUNNING), or one recorded only once it is over; prunes the channel's log either way. */
  async insert(start: SyncRunStart, end?: SyncRunEnd): Promise<string> {
    const counts = end?.counts;
    const [row]: Array<{ id: string }> = await this.dataSource.query(
      `INSERT INTO "microsoftSyncRun" ("workspaceId", "channelId", "channelKind", "trigger", "startedAt", "lastSeenAt", "outcome", "finishedAt", "durationMs",
         "created", "updated", "deleted", "foldersSynced", "foldersRestarted", "errorCode", "errorMessage", "action", "retryAt")
       VALUES ($1, $2, $3, $4, $5, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) RETURNING "id"`,
      [
        start.workspaceId, start.channelId, start.channelKind, start.trigger, start.startedAt, end?.outcome ?? 'RUNNING', end?.finishedAt ?? null, end?.durationMs ?? 0,
        counts?.created ?? 0, counts?.updated ?? 0, counts?.deleted ?? 0, counts?.foldersSynced ?? 0, counts?.foldersRestarted ?? [],
        ...failureParams(end?.failure ?? null),
      ],
    );
    await this.pruneChannel(start.channelId, start.startedAt);
    return row!.id;
  }

  /** What a running run has done so far. */
  async flush(id: string, counts: SyncRunCounts, at: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE "microsoftSyncRun" SET "lastSeenAt" = $2, "created" = $3, "updated" = $4, "deleted" = $5, "foldersSynced" = $6, "foldersRestarted" = $7
       WHERE "id" = $1 AND "outcome" = 'RUNNING'`,
      [id, at, counts.created, counts.updated, counts.deleted, counts.foldersSynced, counts.foldersRestarted],
    );
  }

  async finish(id: string, end: SyncRunEnd): Promise<void> {
    const { counts } = end;
    await this.dataSource.query(
      `UPDATE "microsoftSyncRun" SET "outcome" = $2, "finishedAt" = $3, "lastSeenAt" = $3, "durationMs" = $4, "created" = $5, "updated" = $6, "deleted" = $7,
         "foldersSynced" = $8, "foldersRestarted" = $9, "errorCode" = $10, "errorMessage" = $11, "action" = $12, "retryAt" = $13
       WHERE "id" = $1`,
      [id, end.outcome, end.finishedAt, end.durationMs, counts.created, counts.updated, counts.deleted, counts.foldersSynced, counts.foldersRestarted, ...failureParams(end.failure)],
    );
  }

  /** The channel's newest run other than `exceptId`: what a routine run may fold into. */
  async newest(channelId: string, exceptId: string | null): Promise<Pick<SyncRunRow, 'id' | 'trigger' | 'outcome' | 'startedAt'> | null> {
    const [row] = await this.dataSource.query(
      `SELECT "id", "trigger", "outcome", "startedAt" FROM "microsoftSyncRun" WHERE "channelId" = $1 AND "id" IS DISTINCT FROM $2
       ORDER BY "startedAt" DESC, "id" DESC LIMIT 1`,
      [channelId, exceptId],
    );
    return row ?? null;
  }

  /** Adds a finished run to an earlier row (one more pass, its changes), and drops the run's own row if it had one. */
  async foldInto(targetId: string, ownId: string | null, end: SyncRunEnd): Promise<void> {
    const { counts } = end;
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `UPDATE "microsoftSyncRun" SET "passes" = "passes" + 1, "finishedAt" = $2, "lastSeenAt" = $2, "durationMs" = "durationMs" + $3, "created" = "created" + $4,
           "updated" = "updated" + $5, "deleted" = "deleted" + $6, "foldersSynced" = GREATEST("foldersSynced", $7), "foldersRestarted" = "foldersRestarted" || $8::text[]
         WHERE "id" = $1`,
        [targetId, end.finishedAt, end.durationMs, counts.created, counts.updated, counts.deleted, counts.foldersSynced, counts.foldersRestarted],
      );
      if (ownId) await manager.query(`DELETE FROM "microsoftSyncRun" WHERE "id" = $1`, [ownId]);
    });
  }

  async delete(id: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM "microsoftSyncRun" WHERE "id" = $1`, [id]);
  }

  /** Keeps the channel's newest SYNC_RUNS_KEPT_PER_CHANNEL runs of the last SYNC_RUNS_KEPT_FOR_DAYS days. */
  async pruneChannel(channelId: string, now: Date): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM "microsoftSyncRun" WHERE "channelId" = $1 AND ("startedAt" < $2 OR "id" IN (
         SELECT "id" FROM "microsoftSyncRun" WHERE "channelId" = $1 ORDER BY "startedAt" DESC, "id" DESC OFFSET $3))`,
      [channelId, keptSince(now), SYNC_RUNS_KEPT_PER_CHANNEL],
    );
  }

  /** Every channel's runs past the age limit, also of channels that no longer sync. */
  async pruneOlderThanKept(now: Date): Promise<number> {
    const rows = await updateReturning(this.dataSource.manager, `DELETE FROM "microsoftSyncRun" WHERE "startedAt" < $1 RETURNING "id"`, [keptSince(now)]);
    return rows.length;
  }

  /** The channel's newest runs, within the workspace; only those the log still keeps. */
  async list(workspaceId: string, channelKind: SyncChannelKind, channelId: string, limit: number, now: Date): Promise<SyncRunRow[]> {
    return this.dataSource.query(
      `SELECT ${COLUMNS} FROM "microsoftSyncRun" WHERE "workspaceId" = $1 AND "channelKind" = $2 AND "channelId" = $3 AND "startedAt" >= $4
       ORDER BY "startedAt" DESC, "id" DESC LIMIT $5`,
      [workspaceId, channelKind, channelId, keptSince(now), limit],
    );
  }

  async deleteForChannels(channelIds: string[], manager: EntityManager = this.dataSource.manager): Promise<void> {
    if (channelIds.length === 0) return;
    await manager.query(`DELETE FROM "microsoftSyncRun" WHERE "channelId" = ANY($1::uuid[])`, [channelIds]);
  }
}

function failureParams(failure: SyncRunFailure | null): [string | null, string | null, string | null, Date | null] {
  return [failure?.code ?? null, failure?.message.slice(0, MAX_MESSAGE_LENGTH) ?? null, failure?.action ?? null, failure?.retryAt ?? null];
}

function keptSince(now: Date): Date {
  return new Date(now.getTime() - SYNC_RUNS_KEPT_FOR_DAYS * DAY_MS);
}
