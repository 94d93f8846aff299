import { MicrosoftQueue } from '../jobs/queue-names.js';

/** How long the sync log keeps a run, and how many runs of one channel it keeps at most (the newest). */
export const SYNC_RUNS_KEPT_FOR_DAYS = 14;
export const SYNC_RUNS_KEPT_PER_CHANNEL = 200;
/** Successful routine runs (periodic, push) that changed something fold into one row per this long. */
export const SYNC_RUN_FOLD_WINDOW_MS = 60 * 60 * 1000;
/** A running run writes its counts this often, so a crash leaves what it had done in the log. */
export const SYNC_RUN_FLUSH_EVERY_MS = 5_000;

export const SYNC_RUN_PRUNE_CRON = { queue: MicrosoftQueue.CRON, name: 'MicrosoftSyncRunPruneCronJob', pattern: '43 * * * *' };

export const SYNC_RUNS_DEFAULT_LIMIT = 20;
export const SYNC_RUNS_MAX_LIMIT = 100;
