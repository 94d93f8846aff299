import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { PROCESS_PRESUMED_DEAD_AFTER_MS } from './sync-lease.constants.js';
import { WorkerProcessRegistry } from './worker-process.registry.js';

export type SyncLeaseKind = 'mail' | 'calendar' | 'contacts' | 'todo';

export interface SyncLease {
  channelId: string;
  leaseId: string;
  /** True when the lease was taken from a process that is gone: its sync stopped midway and this one resumes it. */
  tookOver: boolean;
}

export interface OrphanedLease {
  workspaceId: string;
  channelId: string;
  kind: SyncLeaseKind;
  leaseId: string;
  ownerProcessId: string;
}

const DEAD_OWNER = `NOT EXISTS (SELECT 1 FROM "microsoftWorkerProcess" p WHERE p."id" = l."ownerProcessId" AND p."heartbeatAt" >= now() - make_interval(secs => $1))`;

/**
 * One sync per channel across every process: a lease in `microsoftSyncLease`, held for a process of
 * `microsoftWorkerProcess`. It is free when nobody holds it or when its process stopped heartbeating; a live
 * process's lease is never taken, whatever its age.
 */
@Injectable()
export class SyncLeaseRepository {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(WorkerProcessRegistry) private readonly process: WorkerProcessRegistry,
  ) {}

  /** The channel's lease for this process, or null while a live process (this one included) holds it. */
  async acquire(workspaceId: string, channelId: string, kind: SyncLeaseKind): Promise<SyncLease | null> {
    await this.process.ensureRegistered();
    const leaseId = randomUUID();
    // Two processes taking over the same dead lease: the row lock makes the second re-check, and it sees a live owner.
    const [row] = await this.dataSource.query(
      `INSERT INTO "microsoftSyncLease" AS l ("channelId", "workspaceId", "kind", "ownerProcessId", "leaseId") VALUES ($2, $3, $4, $5, $6)
       ON CONFLICT ("channelId") DO UPDATE SET "ownerProcessId" = EXCLUDED."ownerProcessId", "leaseId" = EXCLUDED."leaseId", "acquiredAt" = now()
         WHERE ${DEAD_OWNER}
       RETURNING (xmax <> 0) AS "tookOver"`,
      [PROCESS_PRESUMED_DEAD_AFTER_MS / 1000, channelId, workspaceId, kind, this.process.processId, leaseId],
    );
    return row ? { channelId, leaseId, tookOver: Boolean(row.tookOver) } : null;
  }

  /** Whether the lease is still this one: false once another process took it over (this process stalled). */
  async isHeld(lease: SyncLease): Promise<boolean> {
    const rows = await this.dataSource.query(`SELECT 1 FROM "microsoftSyncLease" WHERE "channelId" = $1 AND "leaseId" = $2`, [lease.channelId, lease.leaseId]);
    return rows.length > 0;
  }

  async release(lease: SyncLease): Promise<void> {
    await this.dataSource.query(`DELETE FROM "microsoftSyncLease" WHERE "channelId" = $1 AND "leaseId" = $2`, [lease.channelId, lease.leaseId]);
  }

  /** Leases whose process is gone: syncs a crash interrupted. */
  async listOrphaned(kind: SyncLeaseKind, limit: number): Promise<OrphanedLease[]> {
    return this.dataSource.query(
      `SELECT l."workspaceId", l."channelId", l."kind", l."leaseId", l."ownerProcessId" FROM "microsoftSyncLease" l
       WHERE l."kind" = $2 AND ${DEAD_OWNER} ORDER BY l."acquiredAt" LIMIT $3`,
      [PROCESS_PRESUMED_DEAD_AFTER_MS / 1000, kind, limit],
    );
  }

  /**
   * A disconnect takes the channel's lease whoever holds it, so no pass starts in any process while it purges; a pass
   * running elsewhere sees its lease lost at its next check and stops. True when a live process held it.
   */
  async takeForPurge(workspaceId: string, channelId: string, kind: SyncLeaseKind): Promise<boolean> {
    await this.process.ensureRegistered();
    const [previous] = await this.dataSource.query(
      `SELECT NOT ${DEAD_OWNER} AS "live" FROM "microsoftSyncLease" l WHERE l."channelId" = $2 AND l."ownerProcessId" <> $3`,
      [PROCESS_PRESUMED_DEAD_AFTER_MS / 1000, channelId, this.process.processId],
    );
    await this.dataSource.query(
      `INSERT INTO "microsoftSyncLease" ("channelId", "workspaceId", "kind", "ownerProcessId", "leaseId") VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT ("channelId") DO UPDATE SET "ownerProcessId" = EXCLUDED."ownerProcessId", "leaseId" = EXCLUDED."leaseId", "acquiredAt" = now()`,
      [channelId, workspaceId, kind, this.process.processId, randomUUID()],
    );
    return Boolean(previous?.live);
  }

  /** A disconnected account's channels: a pass still running loses its lease and stops at its next check. */
  async deleteForChannels(channelIds: string[], manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(`DELETE FROM "microsoftSyncLease" WHERE "channelId" = ANY($1::uuid[])`, [channelIds]);
  }
}
