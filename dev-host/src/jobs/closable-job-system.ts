import type { HostJobSystem } from '@m365/shared-types';

/** The plugin's job port plus the host's side of the lifecycle. */
export interface ClosableJobSystem extends HostJobSystem {
  /** Stops crons and workers, waits for running jobs, and releases every connection and timer. */
  close(): Promise<void>;
}

export interface JobSystemTuning {
  /** Jobs run at once per queue. */
  concurrency?: number;
  /** First retry delay; each further retry doubles it. */
  backoffDelayMs?: number;
}

export const DEFAULT_CONCURRENCY = 5;
export const DEFAULT_BACKOFF_DELAY_MS = 1000;
