import { Inject, Injectable } from '@nestjs/common';
import { LEASE_CHECK_EVERY_MS } from '../../sync-leases/sync-lease.constants.js';
import { SyncLeaseRepository } from '../../sync-leases/sync-lease.repository.js';
import type { AccountPurge } from '../account-purge.repository.js';
import type { AccountPurgeStep } from '../account-purge-step.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * First: the purge holds every channel's sync lease, so no mail or calendar pass starts anywhere until the channels
 * are gone. A pass already running in a live process stops at its next lease check; the step waits that long, so the
 * pass's last writes (its sync log entry) land before the steps that delete them.
 */
@Injectable()
export class StopSyncsPurgeStep implements AccountPurgeStep {
  readonly name = 'stop-syncs';

  constructor(@Inject(SyncLeaseRepository) private readonly leases: SyncLeaseRepository) {}

  async run(purge: AccountPurge): Promise<void> {
    let interrupted = false;
    for (const channelId of purge.messageChannelIds) interrupted = (await this.leases.takeForPurge(purge.workspaceId, channelId, 'mail')) || interrupted;
    for (const channelId of purge.calendarChannelIds) interrupted = (await this.leases.takeForPurge(purge.workspaceId, channelId, 'calendar')) || interrupted;
    if (interrupted) await sleep(2 * LEASE_CHECK_EVERY_MS);
  }
}
