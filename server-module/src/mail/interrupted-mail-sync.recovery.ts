import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { SyncLeaseRepository } from '../sync-leases/sync-lease.repository.js';
import { MailSyncJobs } from './mail-sync.job.js';
import { CalendarSyncJobs } from '../calendar/calendar-sync.job.js';
import { PluginLogger } from '../logging/plugin-logger.js';

/** How often every process looks for mail syncs whose process is gone; one query on a table of running syncs. */
export const RECOVERY_CHECK_EVERY_MS = 2_000;
const LEASES_PER_CHECK = 100;
/** A resume enqueued this long ago whose lease is still orphaned (its job was lost too) is enqueued again. */
const REENQUEUE_AFTER_MS = 30_000;

/**
 * Resumes mail and calendar syncs a crash interrupted: at startup (a restarted host finds its previous life's syncs) and every
 * few seconds after (another process died while this one lives). Each lost lease is enqueued once; the job
 * takes the lease over and the import goes on from its last checkpointed page.
 */
@Injectable()
export class InterruptedMailSyncRecovery implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new PluginLogger(InterruptedMailSyncRecovery.name);
  private readonly enqueuedAt = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private checking: Promise<void> | undefined;

  constructor(
    @Inject(SyncLeaseRepository) private readonly leases: SyncLeaseRepository,
    @Inject(MailSyncJobs) private readonly jobs: MailSyncJobs,
    @Inject(CalendarSyncJobs) private readonly calendarJobs: CalendarSyncJobs,
  ) {}

  onApplicationBootstrap(): void {
    this.tick();
    this.timer = setInterval(() => this.tick(), RECOVERY_CHECK_EVERY_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.checking;
  }

  /** Enqueues a resume for every orphaned mail and calendar lease not enqueued already; returns how many it enqueued. */
  async resumeOrphaned(): Promise<number> {
    const orphaned = [...(await this.leases.listOrphaned('mail', LEASES_PER_CHECK)), ...(await this.leases.listOrphaned('calendar', LEASES_PER_CHECK))];
    const current = new Set(orphaned.map((lease) => lease.leaseId));
    for (const leaseId of this.enqueuedAt.keys()) if (!current.has(leaseId)) this.enqueuedAt.delete(leaseId);
    let count = 0;
    for (const lease of orphaned) {
      if (Date.now() - (this.enqueuedAt.get(lease.leaseId) ?? 0) < REENQUEUE_AFTER_MS) continue;
      await (lease.kind === 'calendar' ? this.calendarJobs.enqueueResume(lease.workspaceId, lease.channelId) : this.jobs.enqueueResume(lease.workspaceId, lease.channelId));
      this.enqueuedAt.set(lease.leaseId, Date.now());
      count += 1;
      this.logger.log(`Channel ${lease.channelId}: its sync stopped with process ${lease.ownerProcessId}; resuming it`);
    }
    return count;
  }

  private tick(): void {
    if (this.checking) return;
    this.checking = this.resumeOrphaned()
      .then(() => undefined)
      .catch((error: Error) => this.logger.warn(`Looking for interrupted syncs failed: ${error.message}`))
      .finally(() => (this.checking = undefined));
  }
}
