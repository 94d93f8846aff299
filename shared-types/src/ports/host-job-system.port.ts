export interface JobOptions {
  /** Jobs with the same id are enqueued once while one is waiting. */
  jobId?: string;
  delayMs?: number;
  /** Total attempts including the first; failures back off exponentially. */
  attempts?: number;
}

export interface JobContext {
  jobId: string;
  attempt: number;
}

export type JobHandler<TData = unknown> = (data: TData, context: JobContext) => Promise<void>;

export interface CronRegistration {
  queue: string;
  name: string;
  /** Five-field cron pattern, e.g. `*\/5 * * * *`. */
  pattern: string;
  handler: () => Promise<void>;
}

/**
 * The host's job system, through which the plugin runs all background work.
 * Hosts back it with BullMQ on Redis, or with an in-process driver when no Redis is configured.
 */
export interface HostJobSystem {
  registerProcessor<TData>(queue: string, name: string, handler: JobHandler<TData>): void;
  registerCron(cron: CronRegistration): void;
  add<TData>(queue: string, name: string, data: TData, options?: JobOptions): Promise<void>;
  /** Every processor and cron the plugin registered, so hosts and tests can check them against the manifest. */
  registrations(): { processors: Array<{ queue: string; name: string }>; crons: Array<{ queue: string; name: string; pattern: string }> };
}
