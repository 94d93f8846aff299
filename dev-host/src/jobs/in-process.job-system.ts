import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { Cron } from 'croner';
import type { CronRegistration, JobHandler, JobOptions } from '@m365/shared-types';
import { DEFAULT_BACKOFF_DELAY_MS, DEFAULT_CONCURRENCY, type ClosableJobSystem, type JobSystemTuning } from './closable-job-system.js';
import { JobRegistrations } from './job-registrations.js';

interface PendingJob {
  id: string;
  dedupKey?: string;
  queue: string;
  name: string;
  data: unknown;
  attemptsMade: number;
  maxAttempts: number;
}

interface FollowUp {
  name: string;
  data: unknown;
  options: JobOptions;
}

/**
 * Jobs in this process, for a machine without Redis. Same contract as the BullMQ driver:
 * a jobId is enqueued once while waiting (one follow-up is kept while it runs), delays, retries with exponential backoff.
 * Nothing survives a restart.
 */
export class InProcessJobSystem implements ClosableJobSystem {
  private readonly logger = new Logger('InProcessJobSystem');
  private readonly registry = new JobRegistrations();
  private readonly ready = new Map<string, PendingJob[]>();
  private readonly activeCount = new Map<string, number>();
  private readonly waiting = new Map<string, PendingJob>();
  private readonly running = new Map<string, FollowUp | null>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly cronTimers: Cron[] = [];
  private readonly concurrency: number;
  private readonly backoffDelayMs: number;
  private closed = false;

  constructor(tuning: JobSystemTuning = {}) {
    this.concurrency = tuning.concurrency ?? DEFAULT_CONCURRENCY;
    this.backoffDelayMs = tuning.backoffDelayMs ?? DEFAULT_BACKOFF_DELAY_MS;
  }

  registerProcessor<TData>(queue: string, name: string, handler: JobHandler<TData>): void {
    this.registry.addProcessor(queue, name, handler);
    this.pump(queue);
  }

  registerCron(cron: CronRegistration): void {
    this.registry.addCron(cron);
    if (this.closed) return;
    const timer = new Cron(cron.pattern, { protect: true, name: `${cron.queue}:${cron.name}:${randomUUID()}` }, async () => {
      try {
        await cron.handler();
      } catch (error) {
        this.logger.warn(`Cron ${cron.queue}/${cron.name} failed: ${(error as Error).message}`);
      }
    });
    this.cronTimers.push(timer);
  }

  async add<TData>(queue: string, name: string, data: TData, options: JobOptions = {}): Promise<void> {
    if (this.closed) throw new Error('The job system is closed');
    const dedupKey = options.jobId ? `${queue}\u0000${options.jobId}` : undefined;
    if (dedupKey && this.waiting.has(dedupKey)) return;
    if (dedupKey && this.running.has(dedupKey)) {
      this.running.set(dedupKey, { name, data, options });
      return;
    }
    const job: PendingJob = { id: options.jobId ?? randomUUID(), dedupKey, queue, name, data, attemptsMade: 0, maxAttempts: Math.max(1, options.attempts ?? 1) };
    if (dedupKey) this.waiting.set(dedupKey, job);
    this.enqueueAfter(job, options.delayMs ?? 0);
  }

  registrations() {
    return this.registry.list();
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const cron of this.cronTimers.splice(0)) cron.stop();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.ready.clear();
    this.waiting.clear();
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }

  private enqueueAfter(job: PendingJob, delayMs: number): void {
    if (delayMs <= 0) {
      this.ready.set(job.queue, [...(this.ready.get(job.queue) ?? []), job]);
      this.pump(job.queue);
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.enqueueAfter(job, 0);
    }, delayMs);
    this.timers.add(timer);
  }

  /** Starts ready jobs that have a processor, up to the queue's concurrency; the rest wait for their processor. */
  private pump(queue: string): void {
    const jobs = this.ready.get(queue) ?? [];
    while (!this.closed && (this.activeCount.get(queue) ?? 0) < this.concurrency) {
      const index = jobs.findIndex((job) => this.registry.processor(job.queue, job.name));
      if (index < 0) break;
      const [job] = jobs.splice(index, 1);
      this.start(job);
    }
  }

  private start(job: PendingJob): void {
    if (job.dedupKey) {
      this.waiting.delete(job.dedupKey);
      if (!this.running.has(job.dedupKey)) this.running.set(job.dedupKey, null);
    }
    this.activeCount.set(job.queue, (this.activeCount.get(job.queue) ?? 0) + 1);
    const run = this.execute(job).finally(() => {
      this.inFlight.delete(run);
      this.activeCount.set(job.queue, (this.activeCount.get(job.queue) ?? 1) - 1);
      this.pump(job.queue);
    });
    this.inFlight.add(run);
  }

  private async execute(job: PendingJob): Promise<void> {
    const handler = this.registry.processor(job.queue, job.name)!;
    try {
      await handler(job.data, { jobId: job.id, attempt: job.attemptsMade + 1 });
    } catch (error) {
      job.attemptsMade += 1;
      if (job.attemptsMade < job.maxAttempts && !this.closed) {
        // Retrying keeps the job "waiting" for deduplication, as BullMQ does while a job sits delayed.
        if (job.dedupKey) this.waiting.set(job.dedupKey, job);
        this.enqueueAfter(job, this.backoffDelayMs * 2 ** (job.attemptsMade - 1));
        return;
      }
      this.logger.warn(`Job ${job.queue}/${job.name} (${job.id}) failed after ${job.attemptsMade} attempt(s): ${(error as Error).message}`);
    }
    this.finish(job);
  }

  private finish(job: PendingJob): void {
    if (!job.dedupKey) return;
    const followUp = this.running.get(job.dedupKey);
    this.running.delete(job.dedupKey);
    if (followUp && !this.closed) void this.add(job.queue, followUp.name, followUp.data, followUp.options);
  }
}
