import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { updateReturning } from '../common/update-returning.util.js';
import { PROCESS_PRESUMED_DEAD_AFTER_MS } from '../sync-leases/sync-lease.constants.js';
import { WorkerProcessRegistry } from '../sync-leases/worker-process.registry.js';

/** An account being disconnected: what the purge needs once the host's rows are gone, and how far it got. */
export interface AccountPurge {
  connectedAccountId: string;
  workspaceId: string;
  accountOwnerId: string;
  handle: string;
  messageChannelIds: string[];
  calendarChannelIds: string[];
  completedSteps: string[];
  /** Runs that stopped before the last step (a retry asked for, an error); 0 on the first run. */
  attempts: number;
  lastError: string | null;
  requestedAt: Date;
}

const COLUMNS = `"connectedAccountId", "workspaceId", "accountOwnerId", "handle", "messageChannelIds", "calendarChannelIds", "completedSteps", "attempts", "lastError", "requestedAt"`;
const FREE = `("ownerProcessId" IS NULL OR NOT EXISTS (SELECT 1 FROM "microsoftWorkerProcess" p WHERE p."id" = "microsoftAccountPurge"."ownerProcessId" AND p."heartbeatAt" >= now() - make_interval(secs => $1)))`;

/** `microsoftAccountPurge`: one row per account being disconnected, run by one live process at a time. */
@Injectable()
export class AccountPurgeRepository {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(WorkerProcessRegistry) private readonly process: WorkerProcessRegistry,
  ) {}

  /** Marks the account disconnecting (a second request changes nothing). */
  async mark(input: Omit<AccountPurge, 'completedSteps' | 'attempts' | 'lastError' | 'requestedAt'>): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO "microsoftAccountPurge" ("connectedAccountId", "workspaceId", "accountOwnerId", "handle", "messageChannelIds", "calendarChannelIds")
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT ("connectedAccountId") DO NOTHING`,
      [input.connectedAccountId, input.workspaceId, input.accountOwnerId, input.handle, input.messageChannelIds, input.calendarChannelIds],
    );
  }

  /** Of these accounts, those being disconnected. */
  async disconnecting(connectedAccountIds: string[]): Promise<Set<string>> {
    if (connectedAccountIds.length === 0) return new Set();
    const rows: Array<{ connectedAccountId: string }> = await this.dataSource.query(
      `SELECT "connectedAccountId" FROM "microsoftAccountPurge" WHERE "connectedAccountId" = ANY($1::uuid[])`,
      [connectedAccountIds],
    );
    return new Set(rows.map((row) => row.connectedAccountId));
  }

  async isDisconnecting(connectedAccountId: string): Promise<boolean> {
    return (await this.disconnecting([connectedAccountId])).has(connectedAccountId);
  }

  /** Whether the channel (mail or calendar) belongs to an account being disconnected. */
  async isChannelDisconnecting(channelId: string, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    const rows = await manager.query(
      `SELECT 1 FROM "microsoftAccountPurge" WHERE $1::uuid = ANY("messageChannelIds") OR $1::uuid = ANY("calendarChannelIds") LIMIT 1`,
      [channelId],
    );
    return rows.length > 0;
  }

  /** The member's accounts being disconnected, for Settings → Accounts. */
  async listForOwner(workspaceId: string, accountOwnerId: string): Promise<AccountPurge[]> {
    return this.dataSource.query(`SELECT ${COLUMNS} FROM "microsoftAccountPurge" WHERE "workspaceId" = $1 AND "accountOwnerId" = $2 ORDER BY "requestedAt"`, [workspaceId, accountOwnerId]);
  }

  /**
   * The purge for this process to run, or null while another live process runs it or its next attempt is not due
   * (`ignoreSchedule` for the request itself, which runs at once).
   */
  async claim(connectedAccountId: string, ignoreSchedule = false): Promise<AccountPurge | null> {
    await this.process.ensureRegistered();
    const [row] = await updateReturning<AccountPurge>(
      this.dataSource.manager,
      `UPDATE "microsoftAccountPurge" SET "ownerProcessId" = $2
       WHERE "connectedAccountId" = $3 AND ${FREE} AND ($4 OR "nextAttemptAt" <= now()) RETURNING ${COLUMNS}`,
      [PROCESS_PRESUMED_DEAD_AFTER_MS / 1000, this.process.processId, connectedAccountId, ignoreSchedule],
    );
    return row ?? null;
  }

  /** Purges nobody runs (their process is gone, or none took them) whose next attempt is due. */
  async listDue(limit: number): Promise<string[]> {
    const rows: Array<{ connectedAccountId: string }> = await this.dataSource.query(
      `SELECT "connectedAccountId" FROM "microsoftAccountPurge" WHERE ${FREE} AND "nextAttemptAt" <= now() ORDER BY "nextAttemptAt" LIMIT $2`,
      [PROCESS_PRESUMED_DEAD_AFTER_MS / 1000, limit],
    );
    return rows.map((row) => row.connectedAccountId);
  }

  async stepDone(connectedAccountId: string, step: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE "microsoftAccountPurge" SET "completedSteps" = array_append("completedSteps", $2) WHERE "connectedAccountId" = $1 AND NOT ($2 = ANY("completedSteps"))`,
      [connectedAccountId, step],
    );
  }

  /** Stops this run: the purge is free for whichever process finds it due at `nextAttemptAt`. */
  async postpone(connectedAccountId: string, nextAttemptAt: Date, lastError: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE "microsoftAccountPurge" SET "attempts" = "attempts" + 1, "nextAttemptAt" = $2, "lastError" = $3, "ownerProcessId" = NULL WHERE "connectedAccountId" = $1`,
      [connectedAccountId, nextAttemptAt, lastError.slice(0, 500)],
    );
  }

  async complete(connectedAccountId: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM "microsoftAccountPurge" WHERE "connectedAccountId" = $1`, [connectedAccountId]);
  }
}
