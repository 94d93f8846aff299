import { MicrosoftQueue } from '../jobs/queue-names.js';

export const SUBSCRIPTION_CREATE_JOB = { queue: MicrosoftQueue.WEBHOOK, name: 'MicrosoftSubscriptionCreateJob' };
export const SUBSCRIPTION_LIFECYCLE_JOB = { queue: MicrosoftQueue.WEBHOOK, name: 'MicrosoftSubscriptionLifecycleJob' };
export const SUBSCRIPTION_RENEWAL_CRON = { queue: MicrosoftQueue.CRON, name: 'MicrosoftSubscriptionRenewalCronJob', pattern: '0 */6 * * *' };
export const PUSH_SWEEP_CRON = { queue: MicrosoftQueue.CRON, name: 'MicrosoftPushSweepCronJob', pattern: '*/15 * * * * *' };

export const MESSAGING_WEBHOOK_PATH = '/webhooks/microsoft/messaging';
export const LIFECYCLE_WEBHOOK_PATH = '/webhooks/microsoft/lifecycle';

// Outlook messages and events: at most 10,080 minutes (7 days) per subscription; renewal runs every 6 hours and renews
// whatever would lapse before the pass after next. https://learn.microsoft.com/graph/api/resources/subscription#subscription-lifetime
export const SUBSCRIPTION_LIFETIME_MS = (10_080 - 60) * 60 * 1000;
export const RENEW_WHEN_EXPIRING_WITHIN_MS = 13 * 60 * 60 * 1000;

export enum SubscriptionStatus {
  PENDING = 'PENDING',
  ACTIVE = 'ACTIVE',
  REAUTHORIZATION_REQUIRED = 'REAUTHORIZATION_REQUIRED',
  FAILED = 'FAILED',
}

export enum MicrosoftPushStatus {
  LIVE = 'LIVE',
  STARTING = 'STARTING',
  OFF = 'OFF',
}

export interface SubscriptionCreateJobData {
  workspaceId: string;
  connectedAccountId: string;
  /** The channel the subscription serves: a message channel for `mail`, a calendar channel for `calendar`, a contact channel for `contacts`. */
  channelId: string;
  kind: 'mail' | 'calendar' | 'contacts' | 'todo';
  /** The path watched, for kinds whose subscriptions each watch their own (a To Do list's tasks). */
  resource?: string;
  /** Jobs queued before calendar push named only the message channel. */
  messageChannelId?: string;
}

export interface LifecycleJobData {
  graphSubscriptionId: string;
  lifecycleEvent: 'reauthorizationRequired' | 'subscriptionRemoved' | 'missed';
}
