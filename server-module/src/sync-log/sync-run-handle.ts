import type { Logger } from '@nestjs/common';
import { SyncRunOutcome, SyncRunTrigger } from '@m365/shared-types';
import type { SyncRunCounts, SyncRunEnd, SyncRunFailure, SyncRunRepository, SyncRunStart } from './sync-run.repository.js';
import { SYNC_RUN_FLUSH_EVERY_MS, SYNC_RUN_FOLD_WINDOW_MS } from './sync-run.constants.js';

/** Runs that happen all day long; their quiet successes are not listed and their busy ones fold together. */
const ROUTINE_TRIGGERS = new Set<SyncRunTrigger>([SyncRunTrigger.PERIODIC, SyncRunTrigger.PUSH]);

/**
 * One sync run as the log sees it: counts gathered while it runs, then how it ended. Writing the log never fails
 * the sync: a write that fails is logged and dropped.
 */
export class SyncRunHandle {
  private readonly counts: SyncRunCounts = { created: 0, updated: 0, deleted: 0, foldersSynced: 0, foldersRestarted: [] };
  private lastFlushAt: number;
  private ended = false;

  constructor(
    private readonly runs: SyncRunRepository,
    private readonly logger: Logger,
    private readonly start: SyncRunStart,
    /** Null for a run recorded only once it is over (a quick push pass), or when its first write failed. */
    private id: string | null,
    private readonly clock: () => Date,
    /** For a run recorded only at its end: closes the runs a dead process left open, before this one is written. */
    private readonly closeOpenRuns?: () => Promise<unknown>,
  ) {
    this.lastFlushAt = start.startedAt.getTime();
  }

  get trigger(): SyncRunTrigger {
    return this.start.trigger;
  }

  async countPage(page: { created: number; updated: number }): Promise<void> {
    this.counts.created += page.created;
    this.counts.updated += page.updated;
    const now = this.clock();
    if (!this.id || now.getTime() - this.lastFlushAt < SYNC_RUN_FLUSH_EVERY_MS) return;
    this.lastFlushAt = now.getTime();
    await this.safely('flush', () => this.runs.flush(this.id!, this.counts, now));
  }

  countDeleted(count: number): void {
    this.counts.deleted += count;
  }

  foldersSynced(count: number): void {
    this.counts.foldersSynced = count;
  }

  folderRestarted(name: string): void {
    this.counts.foldersRestarted.push(name);
  }

  async succeed(): Promise<void> {
    await this.end(SyncRunOutcome.SUCCEEDED, null);
  }

  /** Failed after saving changes reads as partial: what was saved stays. */
  async fail(failure: SyncRunFailure): Promise<void> {
    const changed = this.counts.created + this.counts.updated + this.counts.deleted > 0;
    await this.end(changed ? SyncRunOutcome.PARTIAL : SyncRunOutcome.FAILED, failure);
  }

  /** The process is stopping mid-run; the next run resumes from the last checkpoint. */
  async interrupt(message: string): Promise<void> {
    await this.end(SyncRunOutcome.INTERRUPTED, { code: 'Interrupted', message, action: null, retryAt: null });
  }

  private async end(outcome: SyncRunOutcome, failure: SyncRunFailure | null): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    const finishedAt = this.clock();
    const end: SyncRunEnd = { outcome, finishedAt, durationMs: Math.max(0, finishedAt.getTime() - this.start.startedAt.getTime()), counts: this.counts, failure };
    await this.safely('finish', async () => {
      await this.closeOpenRuns?.();
      if (outcome === SyncRunOutcome.SUCCEEDED && ROUTINE_TRIGGERS.has(this.start.trigger) && (await this.foldedAway(end))) return;
      if (this.id) await this.runs.finish(this.id, end);
      else this.id = await this.runs.insert(this.start, end);
    });
  }

  /**
   * A routine success that changed nothing is left out (unless it follows a failure: then it says the channel
   * recovered); one that changed something joins the previous row when that is a success of the same kind from
   * the last hour. True when the run needs no row of its own.
   */
  private async foldedAway(end: SyncRunEnd): Promise<boolean> {
    const previous = await this.runs.newest(this.start.channelId, this.id);
    const quiet = end.counts.created + end.counts.updated + end.counts.deleted === 0 && end.counts.foldersRestarted.length === 0;
    const afterSuccess = !previous || previous.outcome === SyncRunOutcome.SUCCEEDED;
    if (quiet && afterSuccess) {
      if (this.id) await this.runs.delete(this.id);
      return true;
    }
    const foldable =
      previous?.outcome === SyncRunOutcome.SUCCEEDED &&
      previous.trigger === this.start.trigger &&
      end.finishedAt.getTime() - new Date(previous.startedAt).getTime() < SYNC_RUN_FOLD_WINDOW_MS;
    if (!quiet && foldable) {
      await this.runs.foldInto(previous.id, this.id, end);
      return true;
    }
    return false;
  }

  private async safely(what: string, write: () => Promise<void>): Promise<void> {
    try {
      await write();
    } catch (error) {
      this.logger.warn(`Sync log of channel ${this.start.channelId}: ${what} not written (${(error as Error).message})`);
    }
  }
}
