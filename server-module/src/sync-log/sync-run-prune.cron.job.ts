import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { HOST_JOB_SYSTEM, type HostJobSystem } from '@m365/shared-types';
import { SyncRunRepository } from './sync-run.repository.js';
import { SYNC_RUN_PRUNE_CRON } from './sync-run.constants.js';

/** Each run prunes its own channel's log; this hourly pass also ages out the logs of channels that stopped syncing. */
@Injectable()
export class SyncRunPruneCronJob implements OnModuleInit {
  constructor(
    @Inject(HOST_JOB_SYSTEM) private readonly jobs: HostJobSystem,
    @Inject(SyncRunRepository) private readonly runs: SyncRunRepository,
  ) {}

  onModuleInit(): void {
    this.jobs.registerCron({ ...SYNC_RUN_PRUNE_CRON, handler: async () => void (await this.prune()) });
  }

  /** Returns how many runs it removed. */
  async prune(now = new Date()): Promise<number> {
    return this.runs.pruneOlderThanKept(now);
  }
}
