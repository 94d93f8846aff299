import { MicrosoftQueue } from '../jobs/queue-names.js';

export const CONTACTS_SYNC_JOB = { queue: MicrosoftQueue.CONTACTS, name: 'MicrosoftContactsSyncJob' };
export const CONTACTS_SYNC_CRON = { queue: MicrosoftQueue.CRON, name: 'MicrosoftContactsSyncCronJob', pattern: '*/5 * * * *' };
export const CONTACTS_PUSH_JOB = { queue: MicrosoftQueue.CONTACTS, name: 'MicrosoftContactsPushJob' };
export const CONTACT_OUTBOUND_JOB = { queue: MicrosoftQueue.CONTACTS, name: 'MicrosoftContactOutboundJob' };
export const CONTACT_OUTBOUND_RESUME_CRON = { queue: MicrosoftQueue.CRON, name: 'MicrosoftContactOutboundResumeCronJob', pattern: '* * * * *' };

export interface ContactsSyncJobData {
  workspaceId: string;
  contactChannelId: string;
}

export const contactsSyncJobId = (contactChannelId: string) => `contacts-sync:${contactChannelId}`;

/**
 * Contacts per delta page (Prefer: odata.maxpagesize). At 100 the pages alone cost 10 requests per 1,000 contacts and
 * the folder listing more (bench:contacts: 10.3); at 200 a first import costs about 5 (as DEFAULT_CALENDAR_PAGE_SIZE).
 */
export const CONTACTS_PAGE_SIZE = 200;

/** Contact channel statuses, named as Twenty names a channel's syncStatus. */
export enum ContactSyncStatus {
  NOT_SYNCED = 'NOT_SYNCED',
  ONGOING = 'ONGOING',
  ACTIVE = 'ACTIVE',
  FAILED_INSUFFICIENT_PERMISSIONS = 'FAILED_INSUFFICIENT_PERMISSIONS',
  FAILED_UNKNOWN = 'FAILED_UNKNOWN',
}

/** Why a link no longer carries changes (kept so that the contact is not imported again as a new person). */
export const DETACHED_PERSON_DELETED = 'PERSON_DELETED_IN_CRM';
/** A link of a folder the member left out: kept (its person is not made again) and revived when the folder is chosen again. */
export const DETACHED_FOLDER_NOT_SYNCED = 'FOLDER_NOT_SYNCED';
