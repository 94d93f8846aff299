import type { Logger } from '@nestjs/common';
import { INTERRUPTED_MESSAGE } from '../sync-log/sync-run-recorder.js';
import type { SyncRunHandle } from '../sync-log/sync-run-handle.js';
import type { SyncRunFailure } from '../sync-log/sync-run.repository.js';
import type { SyncLease, SyncLeaseRepository } from './sync-lease.repository.js';
import { LEASE_CHECK_EVERY_MS } from './sync-lease.constants.js';

/** The pass lost its lease to another process. */
export class SyncLeaseLostError extends Error {
  constructor(channelId: string) {
    super(`Another process took over the sync of channel ${channelId}`);
    this.name = 'SyncLeaseLostError';
  }
}

/**
 * Watches a lease while its pass runs: `signal` aborts with a SyncLeaseLostError once another process holds it (this
 * one stalled past the dead-process timeout), so the pass stops at its next check and the other carries on.
 */
export class LeaseWatch {
  private readonly lost = new AbortController();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly leases: SyncLeaseRepository, private readonly lease: SyncLease, private readonly channelId: string) {
    this.timer = setInterval(() => void this.check().catch(() => undefined), LEASE_CHECK_EVERY_MS);
  }

  get signal(): AbortSignal {
    return this.lost.signal;
  }

  /** Asks once more, now: a pass about to record its success must still own the channel. */
  async check(): Promise<void> {
    if (!(await this.leases.isHeld(this.lease))) this.lost.abort(new SyncLeaseLostError(this.channelId));
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

export type LeasedPassOutcome = 'synced' | 'busy' | 'failed';

export interface LeasedPass {
  leases: SyncLeaseRepository;
  lease: SyncLease;
  channelId: string;
  /** The sync log's words for the channel, e.g. "Calendar channel 42". */
  label: string;
  logger: Logger;
  run: SyncRunHandle;
  /** Shutdown: the pass stops and its lease stays with this process, free the moment the process is gone. */
  signal?: AbortSignal;
  /** Keeps the channel's claim fresh while the pass runs. */
  heartbeat: { every: number; beat: () => Promise<unknown> };
  pass: (stopped: AbortSignal) => Promise<void>;
  markSynced: () => Promise<void>;
  /** What the failure means for the channel (its status, a retry); null for an interruption rather than a failure. */
  failure: (error: unknown) => Promise<SyncRunFailure | null>;
  release: () => Promise<void>;
}

/**
 * Runs a claimed channel's pass under its lease: heartbeat and lease checks while it runs, then the outcome in the
 * sync log. A pass whose lease another process took is `busy` (that process finishes the work).
 */
export async function runLeasedPass(spec: LeasedPass): Promise<LeasedPassOutcome> {
  const heartbeat = setInterval(() => void spec.heartbeat.beat().catch(() => undefined), spec.heartbeat.every);
  const watch = new LeaseWatch(spec.leases, spec.lease, spec.channelId);
  const stopped = spec.signal ? AbortSignal.any([spec.signal, watch.signal]) : watch.signal;
  try {
    await spec.pass(stopped);
    await watch.check();
    stopped.throwIfAborted();
    await spec.markSynced();
    await spec.run.succeed();
    await spec.release();
    return 'synced';
  } catch (error) {
    if (watch.signal.aborted) {
      spec.logger.warn(`${spec.label}: another process took over its sync; this pass stops`);
      await spec.run.interrupt(INTERRUPTED_MESSAGE);
      return 'busy';
    }
    const failure = await spec.failure(error);
    await (failure ? spec.run.fail(failure) : spec.run.interrupt(INTERRUPTED_MESSAGE));
    if (!spec.signal?.aborted) await spec.release();
    return 'failed';
  } finally {
    clearInterval(heartbeat);
    watch.stop();
  }
}
