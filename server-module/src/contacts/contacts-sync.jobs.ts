import { Inject, Injectable } from '@nestjs/common';
import { HOST_JOB_SYSTEM, MicrosoftFeature, type HostJobSystem } from '@m365/shared-types';
import { FeatureGate } from '../accounts/feature-gate.js';
import { ContactsSyncService } from './contacts-sync.service.js';
import { ContactChannelRepository } from './contact-channel.repository.js';
import { CONTACTS_SYNC_CRON, CONTACTS_SYNC_JOB, contactsSyncJobId, type ContactsSyncJobData } from './contacts-sync.constants.js';
import { BUSY_CHANNEL_RETRY_MS } from '../sync-leases/sync-lease.constants.js';

const CHANNELS_PER_PASS = 500;

/** The contacts sync processor, its periodic safety net (every 5 minutes, every channel), and enqueueing. */
@Injectable()
export class ContactsSyncJobs {
  constructor(
    @Inject(HOST_JOB_SYSTEM) private readonly jobs: HostJobSystem,
    @Inject(ContactsSyncService) private readonly contactsSync: ContactsSyncService,
    @Inject(ContactChannelRepository) private readonly channels: ContactChannelRepository,
    @Inject(FeatureGate) private readonly gate: FeatureGate,
  ) {
    this.jobs.registerProcessor<ContactsSyncJobData & { retryWhenBusy?: boolean }>(CONTACTS_SYNC_JOB.queue, CONTACTS_SYNC_JOB.name, async (data) => {
      const outcome = await this.contactsSync.syncChannel(data.workspaceId, data.contactChannelId);
      // A member's retry or Microsoft's resync is not lost to a push pass holding the channel.
      if (outcome === 'busy' && data.retryWhenBusy) {
        await this.jobs.add(CONTACTS_SYNC_JOB.queue, CONTACTS_SYNC_JOB.name, data, { jobId: contactsSyncJobId(data.contactChannelId), delayMs: BUSY_CHANNEL_RETRY_MS });
      }
    });
    this.jobs.registerCron({ ...CONTACTS_SYNC_CRON, handler: async () => void (await this.enqueueAll()) });
  }

  async enqueue(workspaceId: string, contactChannelId: string, options: { retryWhenBusy?: boolean } = {}): Promise<void> {
    await this.jobs.add(CONTACTS_SYNC_JOB.queue, CONTACTS_SYNC_JOB.name, { workspaceId, contactChannelId, retryWhenBusy: options.retryWhenBusy ?? false }, { jobId: contactsSyncJobId(contactChannelId) });
  }

  /** Every 5 minutes: each channel's pass; accounts connected before contacts sync existed get their channel first. */
  async enqueueAll(): Promise<number> {
    for (const account of await this.channels.accountsWithoutChannel(CHANNELS_PER_PASS)) {
      if (await this.gate.isGranted(account.workspaceId, account.connectedAccountId, MicrosoftFeature.CONTACTS)) await this.channels.ensure(account.workspaceId, account.connectedAccountId);
    }
    const channels = await this.channels.listAll(CHANNELS_PER_PASS);
    for (const channel of channels) await this.enqueue(channel.workspaceId, channel.id);
    return channels.length;
  }
}
