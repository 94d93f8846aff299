import { BullMqJobSystem } from './bullmq.job-system.js';
import type { ClosableJobSystem, JobSystemTuning } from './closable-job-system.js';
import { InProcessJobSystem } from './in-process.job-system.js';

export interface JobSystemChoice extends JobSystemTuning {
  redisUrl?: string;
  queuePrefix?: string;
  /** With BullMQ: false makes this process only enqueue (a web process), leaving the work to worker processes. */
  runWorkers?: boolean;
}

/** BullMQ when a Redis URL is given, otherwise jobs run in this process. */
export function createJobSystem({ redisUrl, queuePrefix, runWorkers, ...tuning }: JobSystemChoice): ClosableJobSystem {
  return redisUrl ? new BullMqJobSystem({ redisUrl, prefix: queuePrefix, runWorkers, ...tuning }) : new InProcessJobSystem(tuning);
}
