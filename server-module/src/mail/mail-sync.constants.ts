import type { SyncRunTrigger } from '@m365/shared-types';
import { MicrosoftQueue } from '../jobs/queue-names.js';

export const MAIL_SYNC_JOB = { queue: MicrosoftQueue.MESSAGING, name: 'MicrosoftMailSyncJob' };
export const MAIL_SYNC_CRON = { queue: MicrosoftQueue.CRON, name: 'MicrosoftMailSyncCronJob', pattern: '*/5 * * * *' };

export interface MailSyncJobData {
  workspaceId: string;
  messageChannelId: string;
  /** What asked for the pass, for the sync log; the periodic sync when absent. */
  trigger?: SyncRunTrigger;
}

export const mailSyncJobId = (messageChannelId: string) => `mail-sync:${messageChannelId}`;
/**
 * A resumed sync has an id of its own: with BullMQ the crashed process's job is still "active" (its lock outlives
 * the process by BullMQ's lockDuration), and a job with that job's id would wait behind it.
 */
export const mailSyncResumeJobId = (messageChannelId: string) => `mail-sync-resume:${messageChannelId}`;

/**
 * A worker heartbeats the host's claim while it holds a channel; a claim silent for this long may be taken over.
 * Claims of a process known to be gone (see sync-leases) are taken over at once.
 */
export const CLAIM_STALE_AFTER_MS = 2 * 60 * 1000;
export const HEARTBEAT_EVERY_MS = 30 * 1000;
/** Throttling or outages this many passes in a row turn the channel to "Sync failed" until the user retries. */
export const MAX_CONSECUTIVE_FAILURES = 5;
