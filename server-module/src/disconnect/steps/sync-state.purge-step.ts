import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SyncProgressRepository } from '../../mail/sync-progress.repository.js';
import { SyncRunRepository } from '../../sync-log/sync-run.repository.js';
import type { AccountPurge } from '../account-purge.repository.js';
import { channelIdsOf, type AccountPurgeStep } from '../account-purge-step.js';

/** Mail and calendar sync state: progress (cursor bookkeeping, errors) and the sync log of the account's channels. */
@Injectable()
export class SyncStatePurgeStep implements AccountPurgeStep {
  readonly name = 'sync-state';

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(SyncProgressRepository) private readonly progress: SyncProgressRepository,
    @Inject(SyncRunRepository) private readonly syncRuns: SyncRunRepository,
  ) {}

  async run(purge: AccountPurge): Promise<void> {
    const channelIds = channelIdsOf(purge);
    await this.dataSource.transaction(async (manager) => {
      await this.progress.deleteForChannels(channelIds, manager);
      await this.syncRuns.deleteForChannels(channelIds, manager);
    });
  }
}
