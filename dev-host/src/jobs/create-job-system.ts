import { BullMqJobSystem } from './bullmq.job-system.js';
import type { ClosableJobSystem, JobSystemTuning } from './closable-job-system.js';
import { InProcessJobSystem } from './in-process.job-system.js';

export interface JobSystemChoice extends JobSystemTuning {
  redisUrl?: string;
  queuePrefix?: string;
}

/** BullMQ when a Redis URL is given, otherwise jobs run in this process. */
export function createJobSystem({ redisUrl, queuePrefix, ...tuning }: JobSystemChoice): ClosableJobSystem {
  return redisUrl ? new BullMqJobSystem({ redisUrl, prefix: queuePrefix, ...tuning }) : new InProcessJobSystem(tuning);
}
