import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { FORGET_PROCESSES_AFTER_MS, PROCESS_HEARTBEAT_EVERY_MS } from './sync-lease.constants.js';
import { PluginLogger } from '../logging/plugin-logger.js';

/**
 * This process, as the other processes sharing the database see it: an id that is new at every start, and a row in
 * `microsoftWorkerProcess` whose heartbeat says it is alive. A clean shutdown deletes the row, so its leases are
 * free at once; a crash leaves the row to fall silent.
 */
@Injectable()
export class WorkerProcessRegistry implements OnModuleInit, OnApplicationShutdown {
  readonly processId = randomUUID();
  private readonly logger = new PluginLogger(WorkerProcessRegistry.name);
  private timer: NodeJS.Timeout | undefined;
  private beating: Promise<void> | undefined;
  private stopped = false;
  private failing = false;
  private registered: Promise<void> | undefined;

  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async onModuleInit(): Promise<void> {
    await this.ensureRegistered();
    await this.dataSource.query(`DELETE FROM "microsoftWorkerProcess" WHERE "heartbeatAt" < now() - make_interval(secs => $1)`, [FORGET_PROCESSES_AFTER_MS / 1000]);
    this.timer = setInterval(() => {
      if (this.beating) return;
      this.beating = this.beat()
        .then(() => {
          if (this.failing) this.logger.log('Heartbeat restored');
          this.failing = false;
        })
        .catch((error: Error) => {
          // Once per outage: other processes take this one's syncs over after PROCESS_PRESUMED_DEAD_AFTER_MS.
          if (!this.failing) this.logger.warn(`Heartbeat failed, other processes may take over this one's syncs: ${error.message}`);
          this.failing = true;
        })
        .finally(() => (this.beating = undefined));
    }, PROCESS_HEARTBEAT_EVERY_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    // A beat still in flight would bring the row back after the delete.
    await this.beating;
    if (!this.dataSource.isInitialized) return;
    await this.dataSource.query(`DELETE FROM "microsoftWorkerProcess" WHERE "id" = $1`, [this.processId]).catch(() => undefined);
  }

  /** Resolves once this process's row exists; job workers may start before the module's init hooks have run. */
  ensureRegistered(): Promise<void> {
    return (this.registered ??= this.beat().catch((error) => {
      this.registered = undefined;
      throw error;
    }));
  }

  /** An upsert, so that a row lost (deleted by hand, a restored backup) comes back at the next beat. */
  private async beat(): Promise<void> {
    if (this.stopped) return;
    await this.dataSource.query(
      `INSERT INTO "microsoftWorkerProcess" ("id", "hostname", "pid") VALUES ($1, $2, $3)
       ON CONFLICT ("id") DO UPDATE SET "heartbeatAt" = now()`,
      [this.processId, hostname(), process.pid],
    );
  }
}
