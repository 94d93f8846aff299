import { Logger } from '@nestjs/common';
import { Queue, Worker, type Job, type JobsOptions } from 'bullmq';
import { Redis } from 'ioredis';
import type { CronRegistration, JobHandler, JobOptions } from '@m365/shared-types';
import { DEFAULT_BACKOFF_DELAY_MS, DEFAULT_CONCURRENCY, type ClosableJobSystem, type JobSystemTuning } from './closable-job-system.js';
import { JobRegistrations } from './job-registrations.js';

export interface BullMqJobSystemOptions extends JobSystemTuning {
  redisUrl: string;
  /** Redis key prefix; separate prefixes keep hosts (and test runs) sharing one Redis apart. */
  prefix?: string;
  /** False: enqueue and schedule only; other processes run the workers. Default true. */
  runWorkers?: boolean;
}

const CRON_MARKER = '__m365Cron';
const CLOSE_GRACE_MS = 5_000;

/** Waits for `work` at most `ms`; then runs `fallback` (if any) instead of waiting longer. */
async function withinOrElse(work: Promise<unknown>, ms: number, fallback?: () => Promise<unknown>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  const outcome = await Promise.race([work.then(() => 'done' as const, () => 'done' as const), timedOut]);
  clearTimeout(timer);
  if (outcome === 'timeout' && fallback) await fallback().catch(() => undefined);
}

/** Jobs on Redis through BullMQ: one Worker per queue, so workers spread across processes and machines. */
export class BullMqJobSystem implements ClosableJobSystem {
  private readonly logger = new Logger('BullMqJobSystem');
  private readonly registry = new JobRegistrations();
  private readonly connection: Redis;
  private readonly queues = new Map<string, Queue>();
  private readonly workers = new Map<string, Worker>();
  private readonly pending = new Set<Promise<unknown>>();
  private readonly prefix: string;
  private readonly concurrency: number;
  private readonly backoffDelayMs: number;
  private closed = false;
  private readonly runWorkers: boolean;

  constructor(options: BullMqJobSystemOptions) {
    this.prefix = options.prefix ?? 'm365';
    this.runWorkers = options.runWorkers ?? true;
    this.concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
    this.backoffDelayMs = options.backoffDelayMs ?? DEFAULT_BACKOFF_DELAY_MS;
    // BullMQ requires maxRetriesPerRequest: null on connections its workers block on.
    this.connection = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
    this.connection.on('error', (error) => this.logger.warn(`Redis: ${error.message}`));
    // A Redis that restarted without persistence has forgotten the cron schedulers: put them back on every reconnect.
    let connectedBefore = false;
    this.connection.on('ready', () => {
      if (connectedBefore) for (const cron of this.registry.list().crons) this.schedule(cron);
      connectedBefore = true;
    });
  }

  registerProcessor<TData>(queue: string, name: string, handler: JobHandler<TData>): void {
    this.registry.addProcessor(queue, name, handler);
    this.ensureWorker(queue);
  }

  registerCron(cron: CronRegistration): void {
    this.registry.addCron(cron);
    if (this.closed) return;
    this.ensureWorker(cron.queue);
    this.schedule(cron);
  }

  private schedule(cron: { queue: string; name: string; pattern: string }): void {
    if (this.closed) return;
    this.track(
      this.queue(cron.queue)
        .upsertJobScheduler(cron.name, { pattern: cron.pattern }, { name: cron.name, data: { [CRON_MARKER]: true }, opts: { removeOnComplete: true, removeOnFail: 100 } })
        .catch((error: Error) => this.logger.error(`Could not schedule cron ${cron.queue}/${cron.name}: ${error.message}`)),
    );
  }

  async add<TData>(queue: string, name: string, data: TData, options: JobOptions = {}): Promise<void> {
    if (this.closed) throw new Error('The job system is closed');
    const opts: JobsOptions = {
      attempts: Math.max(1, options.attempts ?? 1),
      backoff: { type: 'exponential', delay: this.backoffDelayMs },
      removeOnComplete: { count: 1000 },
      removeOnFail: { count: 5000 },
    };
    if (options.delayMs) opts.delay = options.delayMs;
    // Deduplicated while waiting or delayed; a job added while its twin runs is kept (latest data) and runs after it.
    if (options.jobId) opts.deduplication = { id: options.jobId, keepLastIfActive: true };
    await this.track(this.queue(queue).add(name, data, opts));
  }

  registrations() {
    return this.registry.list();
  }

  async close(): Promise<void> {
    this.closed = true;
    // Bounded: after Redis went away and came back, a command or a blocked worker may never answer a graceful close.
    await withinOrElse(Promise.allSettled([...this.pending]), CLOSE_GRACE_MS);
    await Promise.allSettled([...this.workers.values()].map((worker) => withinOrElse(worker.close(), CLOSE_GRACE_MS, () => worker.close(true))));
    await Promise.allSettled([...this.queues.values()].map((queue) => withinOrElse(queue.close(), CLOSE_GRACE_MS)));
    this.workers.clear();
    this.queues.clear();
    await withinOrElse(this.connection.quit(), CLOSE_GRACE_MS, async () => this.connection.disconnect());
  }

  private queue(name: string): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: this.connection, prefix: this.prefix });
      queue.on('error', (error) => this.logger.warn(`Queue ${name}: ${error.message}`));
      this.queues.set(name, queue);
    }
    return queue;
  }

  private ensureWorker(queue: string): void {
    if (this.closed || !this.runWorkers || this.workers.has(queue)) return;
    const worker = new Worker(queue, (job) => this.process(queue, job), {
      connection: this.connection,
      prefix: this.prefix,
      concurrency: this.concurrency,
    });
    worker.on('failed', (job, error) => {
      if (job && job.attemptsMade >= (job.opts.attempts ?? 1)) this.logger.warn(`Job ${queue}/${job.name} (${job.id}) failed: ${error.message}`);
    });
    worker.on('error', (error) => this.logger.warn(`Worker ${queue}: ${error.message}`));
    this.workers.set(queue, worker);
  }

  private async process(queue: string, job: Job): Promise<void> {
    if (job.data?.[CRON_MARKER]) {
      const cron = this.registry.cron(queue, job.name);
      if (!cron) throw new Error(`No cron registered for ${queue}/${job.name}`);
      return cron.handler();
    }
    const handler = this.registry.processor(queue, job.name);
    if (!handler) throw new Error(`No processor registered for ${queue}/${job.name}`);
    await handler(job.data, { jobId: job.opts.deduplication?.id ?? job.id ?? '', attempt: job.attemptsMade + 1 });
  }

  private track<T>(promise: Promise<T>): Promise<T> {
    this.pending.add(promise);
    return promise.finally(() => this.pending.delete(promise));
  }
}
