import type { AccountPurge } from './account-purge.repository.js';

/**
 * One feature's share of a disconnect. Steps run in order and each must be idempotent: a purge interrupted midway
 * runs its unfinished step again from the start, in another process perhaps, with the host's rows maybe already
 * gone. A new feature that stores anything for an account adds one step to ACCOUNT_PURGE_STEPS.
 */
export interface AccountPurgeStep {
  /** Recorded in the purge row once done; never rename a shipped step (a purge in progress would run it again). */
  readonly name: string;
  run(purge: AccountPurge): Promise<void>;
}

/** The step cannot finish now (Graph unreachable); the purge tries again after `retryAfterMs` at the earliest. */
export class PurgeStepRetryLater extends Error {
  constructor(
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

export const channelIdsOf = (purge: AccountPurge): string[] => [...purge.messageChannelIds, ...purge.calendarChannelIds];
