import { MicrosoftFeature } from '@m365/shared-types';
import { MicrosoftQueue } from '../jobs/queue-names.js';
import { SUBSCRIPTION_LIFETIME_MS } from './subscription.constants.js';

/** Outlook contacts subscriptions last at most 4,230 minutes (under 3 days); an hour is kept in hand. */
const CONTACTS_SUBSCRIPTION_LIFETIME_MS = (4_230 - 60) * 60 * 1000;

export type SubscriptionKindName = 'mail' | 'calendar' | 'contacts' | 'todo';

/** A queued push job: one per channel in flight plus one queued, by its job id. */
export interface PushJobRequest {
  queue: string;
  name: string;
  jobId: string;
  data: object;
}

/**
 * What differs between the Graph subscriptions of a mailbox: the resource watched and the channel whose quick pass a
 * notification asks for. Creating, renewing, reauthorizing and deleting are the same for every kind.
 */
export interface SubscriptionKind {
  name: SubscriptionKindName;
  resource: string;
  /** The feature whose granted scopes the subscription needs. */
  feature: MicrosoftFeature;
  changeType: string;
  lifetimeMs: number;
  pushJob: { queue: string; name: string };
  pushJobRequest(workspaceId: string, channelId: string): PushJobRequest;
}

export interface MailPushJobData {
  workspaceId: string;
  messageChannelId: string;
}

export interface CalendarPushJobData {
  workspaceId: string;
  calendarChannelId: string;
}

export interface ContactsPushJobData {
  workspaceId: string;
  contactChannelId: string;
}

export interface TodoPushJobData {
  workspaceId: string;
  todoListId: string;
}

export const mailPushJobId = (messageChannelId: string) => `mail-push:${messageChannelId}`;
export const calendarPushJobId = (calendarChannelId: string) => `calendar-push:${calendarChannelId}`;
export const contactsPushJobId = (contactChannelId: string) => `contacts-push:${contactChannelId}`;
export const todoPushJobId = (todoListId: string) => `todo-push:${todoListId}`;

const MAIL_PUSH_JOB = { queue: MicrosoftQueue.MESSAGING, name: 'MicrosoftMailPushJob' };
const CALENDAR_PUSH_JOB = { queue: MicrosoftQueue.CALENDAR, name: 'MicrosoftCalendarPushJob' };
const CONTACTS_PUSH_JOB = { queue: MicrosoftQueue.CONTACTS, name: 'MicrosoftContactsPushJob' };
const TODO_PUSH_JOB = { queue: MicrosoftQueue.CONTACTS, name: 'MicrosoftTodoPushJob' };
/** To Do task subscriptions last at most 4,230 minutes, as Outlook contacts'; an hour is kept in hand. */
const TODO_SUBSCRIPTION_LIFETIME_MS = (4_230 - 60) * 60 * 1000;

export const MAIL_SUBSCRIPTION: SubscriptionKind = {
  name: 'mail',
  resource: '/me/messages',
  feature: MicrosoftFeature.MAIL_IMPORT,
  changeType: 'created,updated,deleted',
  lifetimeMs: SUBSCRIPTION_LIFETIME_MS,
  pushJob: MAIL_PUSH_JOB,
  pushJobRequest: (workspaceId, messageChannelId) => ({ ...MAIL_PUSH_JOB, jobId: mailPushJobId(messageChannelId), data: { workspaceId, messageChannelId } satisfies MailPushJobData }),
};

// `/me/events` is every event of the mailbox, all its calendars; Graph documents no per-calendar subscription
// path (https://learn.microsoft.com/graph/api/subscription-post-subscriptions, resources table).
export const CALENDAR_SUBSCRIPTION: SubscriptionKind = {
  name: 'calendar',
  resource: '/me/events',
  feature: MicrosoftFeature.CALENDAR,
  changeType: 'created,updated,deleted',
  lifetimeMs: SUBSCRIPTION_LIFETIME_MS,
  pushJob: CALENDAR_PUSH_JOB,
  pushJobRequest: (workspaceId, calendarChannelId) => ({ ...CALENDAR_PUSH_JOB, jobId: calendarPushJobId(calendarChannelId), data: { workspaceId, calendarChannelId } satisfies CalendarPushJobData }),
};

// `/me/contacts` is the resource Graph documents for a mailbox's contacts; its notifications start a pass over the
// contact folders' deltas (https://learn.microsoft.com/graph/api/resources/change-notifications-api-overview).
export const CONTACTS_SUBSCRIPTION: SubscriptionKind = {
  name: 'contacts',
  resource: '/me/contacts',
  feature: MicrosoftFeature.CONTACTS,
  changeType: 'created,updated,deleted',
  lifetimeMs: CONTACTS_SUBSCRIPTION_LIFETIME_MS,
  pushJob: CONTACTS_PUSH_JOB,
  pushJobRequest: (workspaceId, contactChannelId) => ({ ...CONTACTS_PUSH_JOB, jobId: contactsPushJobId(contactChannelId), data: { workspaceId, contactChannelId } satisfies ContactsPushJobData }),
};

/** The resource of one To Do list's tasks (a subscription per list that holds synced tasks). */
export const todoTasksResource = (listExternalId: string) => `/me/todo/lists/${encodeURIComponent(listExternalId)}/tasks`;

// Graph documents To Do subscriptions per list, `/me/todo/lists/{todoTaskListId}/tasks`
// (https://learn.microsoft.com/graph/api/resources/change-notifications-api-overview); `resource` here is only the
// pattern: each subscription names its list's path, which its row keeps.
export const TODO_SUBSCRIPTION: SubscriptionKind = {
  name: 'todo',
  resource: '/me/todo/lists/{id}/tasks',
  feature: MicrosoftFeature.TODO,
  changeType: 'created,updated,deleted',
  lifetimeMs: TODO_SUBSCRIPTION_LIFETIME_MS,
  pushJob: TODO_PUSH_JOB,
  pushJobRequest: (workspaceId, todoListId) => ({ ...TODO_PUSH_JOB, jobId: todoPushJobId(todoListId), data: { workspaceId, todoListId } satisfies TodoPushJobData }),
};

const KINDS: Record<SubscriptionKindName, SubscriptionKind> = { mail: MAIL_SUBSCRIPTION, calendar: CALENDAR_SUBSCRIPTION, contacts: CONTACTS_SUBSCRIPTION, todo: TODO_SUBSCRIPTION };

/** The kind a stored subscription row names; rows from before calendar push are all mail. */
export function subscriptionKind(name: string | null | undefined): SubscriptionKind {
  return KINDS[(name ?? 'mail') as SubscriptionKindName] ?? MAIL_SUBSCRIPTION;
}
