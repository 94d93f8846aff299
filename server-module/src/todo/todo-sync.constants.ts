import type { SyncRunTrigger } from '@m365/shared-types';
import { MicrosoftQueue } from '../jobs/queue-names.js';

export const TODO_SYNC_JOB = { queue: MicrosoftQueue.CONTACTS, name: 'MicrosoftTodoSyncJob' };
export const TODO_SYNC_CRON = { queue: MicrosoftQueue.CRON, name: 'MicrosoftTodoSyncCronJob', pattern: '*/5 * * * *' };
export const TODO_OUTBOUND_JOB = { queue: MicrosoftQueue.CONTACTS, name: 'MicrosoftTodoOutboundJob' };
export const TODO_OUTBOUND_RESUME_CRON = { queue: MicrosoftQueue.CRON, name: 'MicrosoftTodoOutboundResumeCronJob', pattern: '* * * * *' };

export interface TodoSyncJobData {
  workspaceId: string;
  todoListId: string;
  /** What the pass's sync run says started it; PERIODIC when absent (jobs queued before it was recorded). */
  trigger?: SyncRunTrigger;
}

export interface TodoOutboundJobData {
  workspaceId: string;
  linkId: string;
}

export const todoSyncJobId = (todoListId: string) => `todo-sync:${todoListId}`;

/** What the linked resource of a synced To Do task names as its application (and how a moved task is recognised). */
export const TODO_APPLICATION_NAME = 'Twenty CRM';

/** Tasks per delta page (Prefer: odata.maxpagesize). */
export const TODO_PAGE_SIZE = 100;

/** https://learn.microsoft.com/graph/api/resources/todotasklist: the built-in "Tasks" list. */
export const DEFAULT_LIST_WELLKNOWN_NAME = 'defaultList';
