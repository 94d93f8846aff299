import { Inject, Injectable } from '@nestjs/common';
import { HOST_JOB_SYSTEM, type HostJobSystem, type SyncRunTrigger } from '@m365/shared-types';
import { HostRecordsFactory } from '../host-adapters/host-records.factory.js';
import { CLAIM_STALE_AFTER_MS } from '../mail/mail-sync.constants.js';
import { BUSY_CHANNEL_RETRY_MS, waitsForBusyChannel } from '../sync-leases/sync-lease.constants.js';
import { CalendarSyncService } from './calendar-sync.service.js';
import { CALENDAR_SYNC_CRON, CALENDAR_SYNC_JOB, calendarSyncJobId, calendarSyncResumeJobId, type CalendarSyncJobData } from './calendar-sync.constants.js';

const DUE_CHANNELS_PER_PASS = 500;

/** Registers the calendar sync processor and its cron with the host's job system, and enqueues syncs. */
@Injectable()
export class CalendarSyncJobs {
  constructor(
    @Inject(HOST_JOB_SYSTEM) private readonly jobs: HostJobSystem,
    @Inject(CalendarSyncService) private readonly calendarSync: CalendarSyncService,
    @Inject(HostRecordsFactory) private readonly records: HostRecordsFactory,
  ) {
    this.jobs.registerProcessor<CalendarSyncJobData>(CALENDAR_SYNC_JOB.queue, CALENDAR_SYNC_JOB.name, async (data) => {
      const outcome = await this.calendarSync.syncChannel(data.workspaceId, data.calendarChannelId, { trigger: data.trigger });
      if (outcome === 'busy' && waitsForBusyChannel(data.trigger)) {
        await this.jobs.add<CalendarSyncJobData>(CALENDAR_SYNC_JOB.queue, CALENDAR_SYNC_JOB.name, data, { jobId: calendarSyncJobId(data.calendarChannelId), delayMs: BUSY_CHANNEL_RETRY_MS });
      }
    });
    this.jobs.registerCron({ ...CALENDAR_SYNC_CRON, handler: async () => void (await this.enqueueDueChannels()) });
  }

  async enqueue(workspaceId: string, calendarChannelId: string, trigger?: SyncRunTrigger): Promise<void> {
    const data: CalendarSyncJobData = trigger ? { workspaceId, calendarChannelId, trigger } : { workspaceId, calendarChannelId };
    await this.jobs.add<CalendarSyncJobData>(CALENDAR_SYNC_JOB.queue, CALENDAR_SYNC_JOB.name, data, { jobId: calendarSyncJobId(calendarChannelId) });
  }

  /** A sync a crash interrupted: it resumes from its last checkpoint. */
  async enqueueResume(workspaceId: string, calendarChannelId: string): Promise<void> {
    await this.jobs.add<CalendarSyncJobData>(CALENDAR_SYNC_JOB.queue, CALENDAR_SYNC_JOB.name, { workspaceId, calendarChannelId }, { jobId: calendarSyncResumeJobId(calendarChannelId) });
  }

  async enqueueDueChannels(): Promise<number> {
    const syncState = this.records.calendarChannelSyncState();
    await syncState.resetStale(CLAIM_STALE_AFTER_MS);
    const due = await syncState.listDueChannels(DUE_CHANNELS_PER_PASS);
    for (const channel of due) await this.enqueue(channel.workspaceId, channel.calendarChannelId);
    return due.length;
  }
}
