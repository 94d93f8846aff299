import { Inject, Injectable } from '@nestjs/common';
import { HOST_JOB_SYSTEM, type HostJobSystem, type SyncRunTrigger } from '@m365/shared-types';
import { HostRecordsFactory } from '../host-adapters/host-records.factory.js';
import { BUSY_CHANNEL_RETRY_MS, waitsForBusyChannel } from '../sync-leases/sync-lease.constants.js';
import { MailSyncService } from './mail-sync.service.js';
import { CLAIM_STALE_AFTER_MS, MAIL_SYNC_CRON, MAIL_SYNC_JOB, mailSyncJobId, mailSyncResumeJobId, type MailSyncJobData } from './mail-sync.constants.js';

const DUE_CHANNELS_PER_PASS = 500;

/** Registers the mail sync processor and its crons with the host's job system, and enqueues syncs. */
@Injectable()
export class MailSyncJobs {
  constructor(
    @Inject(HOST_JOB_SYSTEM) private readonly jobs: HostJobSystem,
    @Inject(MailSyncService) private readonly mailSync: MailSyncService,
    @Inject(HostRecordsFactory) private readonly records: HostRecordsFactory,
  ) {
    this.jobs.registerProcessor<MailSyncJobData>(MAIL_SYNC_JOB.queue, MAIL_SYNC_JOB.name, async (data) => {
      const outcome = await this.mailSync.syncChannel(data.workspaceId, data.messageChannelId, { trigger: data.trigger });
      if (outcome === 'busy' && waitsForBusyChannel(data.trigger)) {
        await this.jobs.add<MailSyncJobData>(MAIL_SYNC_JOB.queue, MAIL_SYNC_JOB.name, data, { jobId: mailSyncJobId(data.messageChannelId), delayMs: BUSY_CHANNEL_RETRY_MS });
      }
    });
    // Until push keeps a channel current, this is how new mail arrives; afterwards it is the safety net.
    this.jobs.registerCron({ ...MAIL_SYNC_CRON, handler: async () => void (await this.enqueueDueChannels()) });
  }

  /** `trigger` (what asked for the pass) goes to the sync log; while a pass is queued, the first request's wins. */
  async enqueue(workspaceId: string, messageChannelId: string, trigger?: SyncRunTrigger): Promise<void> {
    const data: MailSyncJobData = trigger ? { workspaceId, messageChannelId, trigger } : { workspaceId, messageChannelId };
    await this.jobs.add<MailSyncJobData>(MAIL_SYNC_JOB.queue, MAIL_SYNC_JOB.name, data, { jobId: mailSyncJobId(messageChannelId) });
  }

  /** A sync a crash interrupted: it resumes from its last checkpoint. */
  async enqueueResume(workspaceId: string, messageChannelId: string): Promise<void> {
    await this.jobs.add<MailSyncJobData>(MAIL_SYNC_JOB.queue, MAIL_SYNC_JOB.name, { workspaceId, messageChannelId }, { jobId: mailSyncResumeJobId(messageChannelId) });
  }

  async enqueueDueChannels(): Promise<number> {
    const syncState = this.records.messageChannelSyncState();
    // Claims whose worker stopped heartbeating (a killed process) go back to pending and resume from their checkpoint.
    await syncState.resetStale(CLAIM_STALE_AFTER_MS);
    const due = await syncState.listDueChannels(DUE_CHANNELS_PER_PASS);
    for (const channel of due) await this.enqueue(channel.workspaceId, channel.messageChannelId);
    return due.length;
  }
}
