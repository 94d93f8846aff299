import type { SyncRunTrigger } from '@m365/shared-types';
import { MicrosoftQueue } from '../jobs/queue-names.js';

export const CALENDAR_SYNC_JOB = { queue: MicrosoftQueue.CALENDAR, name: 'MicrosoftCalendarSyncJob' };
export const CALENDAR_SYNC_CRON = { queue: MicrosoftQueue.CRON, name: 'MicrosoftCalendarSyncCronJob', pattern: '*/5 * * * *' };

export interface CalendarSyncJobData {
  workspaceId: string;
  calendarChannelId: string;
  /** What asked for the pass, for the sync log; the periodic sync when absent. */
  trigger?: SyncRunTrigger;
}

export const calendarSyncJobId = (calendarChannelId: string) => `calendar-sync:${calendarChannelId}`;
/** A resumed sync has an id of its own, as mail's (see mailSyncResumeJobId). */
export const calendarSyncResumeJobId = (calendarChannelId: string) => `calendar-sync-resume:${calendarChannelId}`;

/** Defaults: a year back, two years ahead (`calendarWindow` in the plugin config overrides them). */
export const DEFAULT_CALENDAR_WINDOW = { pastDays: 365, futureDays: 730 };
/**
 * Events per calendarView delta page. At 100 the pages alone cost 10 requests per 1,000 occurrences (the calendar
 * bench measured 10.7 with the per-pass overhead); calendarView serves pages up to 1,000 (its `$top` range).
 */
export const DEFAULT_CALENDAR_PAGE_SIZE = 200;
