import { GraphError, graph } from '../errors/error-factory.js';
import { PERSONAL_ACCOUNT_TENANT_ID } from '../identity/well-known-tenants.js';
import { fileErrors } from '../files/file-errors.js';
import type { GraphCaller } from './graph-auth.js';

/**
 * What a Graph route needs: the "Permissions" table of its page in Microsoft's API reference
 * (https://learn.microsoft.com/graph/api/{doc}?view=graph-rest-1.0), delegated permissions only — the emulator
 * issues no app-only (client credentials) tokens.
 */
export interface RoutePermission {
  /** The page's name in the API reference; its key in ROUTE_PERMISSIONS is this name, or `{doc}-{variant}`. */
  doc: string;
  /**
   * Work or school accounts: the least privileged permission(s) first, then the higher privileged ones that also
   * allow the call; the token needs one of them. `'per-resource'`: the permission depends on the request (a
   * subscription needs its resource's), so the handler checks it.
   */
  delegated: readonly string[] | 'per-resource';
  /** Personal Microsoft accounts, where the page lists fewer; omitted = the same as `delegated`. */
  personal?: readonly string[];
  /** Graph's 403 for a token without them: Outlook's ErrorAccessDenied, the directory's Authorization_RequestDenied, OneDrive's accessDenied. */
  denied: 'outlook' | 'directory' | 'files';
}

const MAIL_READ = ['Mail.ReadBasic', 'Mail.Read', 'Mail.ReadWrite'];
const MAIL_WRITE = ['Mail.ReadWrite'];
const CALENDARS_READ = ['Calendars.ReadBasic', 'Calendars.Read', 'Calendars.ReadWrite'];
const CALENDARS_WRITE = ['Calendars.ReadWrite'];
const CONTACTS_READ = ['Contacts.Read', 'Contacts.ReadWrite'];
const CONTACTS_WRITE = ['Contacts.ReadWrite'];
const TASKS_READ = ['Tasks.Read', 'Tasks.ReadWrite'];
const TASKS_WRITE = ['Tasks.ReadWrite'];
// OneDrive and SharePoint (driveitem-*.md, drive-*.md): personal accounts have no Sites.* permissions.
const FILES_READ = ['Files.Read', 'Files.ReadWrite', 'Files.Read.All', 'Files.ReadWrite.All', 'Sites.Read.All', 'Sites.ReadWrite.All'];
const FILES_READ_PERSONAL = ['Files.Read', 'Files.ReadWrite', 'Files.Read.All', 'Files.ReadWrite.All'];
const FILES_WRITE = ['Files.ReadWrite', 'Files.ReadWrite.All', 'Sites.ReadWrite.All'];
const FILES_WRITE_PERSONAL = ['Files.ReadWrite', 'Files.ReadWrite.All'];
const SITES_READ = ['Sites.Read.All', 'Sites.ReadWrite.All'];

const entry = (doc: string, denied: RoutePermission['denied'], delegated: RoutePermission['delegated'], personal?: string[]): RoutePermission => ({
  doc, denied, delegated, ...(personal ? { personal } : {}),
});
const outlook = (doc: string, delegated: string[]) => entry(doc, 'outlook', delegated);
const perResource = (doc: string) => entry(doc, 'outlook', 'per-resource');
const filesRead = (doc: string) => entry(doc, 'files', FILES_READ, FILES_READ_PERSONAL);
const filesWrite = (doc: string) => entry(doc, 'files', FILES_WRITE, FILES_WRITE_PERSONAL);
// Sites are work or school only: a personal account's token holds none of these (an empty list refuses it).
const sitesRead = (doc: string) => entry(doc, 'files', SITES_READ, []);

/**
 * Every route's permissions, keyed by its API reference page: a route names its entry (`ROUTE_PERMISSIONS['message-get']`)
 * and the dispatcher checks it before the handler runs, over HTTP and inside `$batch`. A new route adds its page here.
 * Mail.ReadWrite allows every read Mail.Read does (the permissions reference), so it is listed where a page stops at Mail.Read.
 */
export const ROUTE_PERMISSIONS = {
  'user-get': entry('user-get', 'directory',
    ['User.Read', 'User.ReadWrite', 'User.ReadBasic.All', 'User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
    ['User.Read', 'User.ReadWrite']),
  'user-list-mailfolders': outlook('user-list-mailfolders', MAIL_READ),
  'mailfolder-get': outlook('mailfolder-get', MAIL_READ),
  'mailfolder-list-childfolders': outlook('mailfolder-list-childfolders', MAIL_READ),
  'mailfolder-delta': outlook('mailfolder-delta', MAIL_READ),
  'user-list-messages': outlook('user-list-messages', MAIL_READ),
  'message-get': outlook('message-get', MAIL_READ),
  // `$value` (on message-get's page): the MIME content carries the body, which Mail.ReadBasic does not reach.
  'message-get-mime': outlook('message-get', ['Mail.Read', 'Mail.ReadWrite']),
  'message-delta': outlook('message-delta', MAIL_READ),
  'message-update': outlook('message-update', MAIL_WRITE),
  'message-delete': outlook('message-delete', MAIL_WRITE),
  'message-move': outlook('message-move', MAIL_WRITE),
  'message-list-attachments': outlook('message-list-attachments', ['Mail.Read', 'Mail.ReadWrite']),
  'attachment-get': outlook('attachment-get', ['Mail.Read', 'Mail.ReadWrite']),
  'message-post-attachments': outlook('message-post-attachments', MAIL_WRITE),
  // Compose (graph/mail/compose/): drafts need Mail.ReadWrite, sending Mail.Send.
  'user-post-messages': outlook('user-post-messages', MAIL_WRITE),
  'mailfolder-post-messages': outlook('mailfolder-post-messages', MAIL_WRITE),
  'message-send': outlook('message-send', ['Mail.Send']),
  'user-sendmail': outlook('user-sendmail', ['Mail.Send']),
  'message-createreply': outlook('message-createreply', MAIL_WRITE),
  'message-createreplyall': outlook('message-createreplyall', MAIL_WRITE),
  'message-createforward': outlook('message-createforward', MAIL_WRITE),
  'message-reply': outlook('message-reply', ['Mail.Send']),
  'message-replyall': outlook('message-replyall', ['Mail.Send']),
  'message-forward': outlook('message-forward', ['Mail.Send']),
  // Mail.ReadWrite allows every read Mail.Read does.
  'user-getmailtips': outlook('user-getmailtips', ['Mail.Read', 'Mail.ReadWrite', 'Mail.Read.Shared']),
  'user-get-mailboxsettings': outlook('user-get-mailboxsettings', ['MailboxSettings.Read', 'MailboxSettings.ReadWrite']),
  'user-update-mailboxsettings': outlook('user-update-mailboxsettings', ['MailboxSettings.ReadWrite']),
  'user-list-people': outlook('user-list-people', ['People.Read', 'People.Read.All']),
  'attachment-createuploadsession': outlook('attachment-createuploadsession', MAIL_WRITE),
  'attachment-delete': outlook('attachment-delete', MAIL_WRITE),
  // Calendar: for the calendar routes (graph/calendar/calendar-routes.ts).
  'user-list-calendars': outlook('user-list-calendars', CALENDARS_READ),
  'calendar-get': outlook('calendar-get', CALENDARS_READ),
  'user-list-events': outlook('user-list-events', CALENDARS_READ),
  'event-get': outlook('event-get', CALENDARS_READ),
  'user-list-calendarview': outlook('user-list-calendarview', CALENDARS_READ),
  'event-list-instances': outlook('event-list-instances', CALENDARS_READ),
  'event-delta': outlook('event-delta', CALENDARS_READ),
  'user-post-events': outlook('user-post-events', CALENDARS_WRITE),
  'event-update': outlook('event-update', CALENDARS_WRITE),
  'event-delete': outlook('event-delete', CALENDARS_WRITE),
  'event-cancel': outlook('event-cancel', CALENDARS_WRITE),
  'event-accept': outlook('event-accept', CALENDARS_WRITE),
  'event-tentativelyaccept': outlook('event-tentativelyaccept', CALENDARS_WRITE),
  'event-decline': outlook('event-decline', CALENDARS_WRITE),
  // calendar-getschedule-permissions.md: Calendars.ReadBasic is the least privileged; personal accounts: not supported.
  'calendar-getschedule': entry('calendar-getschedule', 'outlook', CALENDARS_READ, []),
  // Calendar routes the emulator answers with 501: their pages' permissions still decide who reaches the 501.
  'user-post-calendars': outlook('user-post-calendars', CALENDARS_WRITE),
  'calendar-update': outlook('calendar-update', CALENDARS_WRITE),
  'calendar-delete': outlook('calendar-delete', CALENDARS_WRITE),
  'user-list-calendargroups': outlook('user-list-calendargroups', ['Calendars.Read', 'Calendars.ReadWrite']),
  'event-list-attachments': outlook('event-list-attachments', ['Calendars.Read', 'Calendars.ReadWrite']),
  'event-post-attachments': outlook('event-post-attachments', CALENDARS_WRITE),
  'event-forward': outlook('event-forward', ['Calendars.Read', 'Calendars.ReadWrite']),
  'event-snoozereminder': outlook('event-snoozereminder', CALENDARS_WRITE),
  'user-findmeetingtimes': outlook('user-findmeetingtimes', ['Calendars.Read.Shared', 'Calendars.ReadWrite.Shared']),
  'outlookuser-supportedtimezones': outlook('outlookuser-supportedtimezones', ['User.Read', 'MailboxSettings.Read', 'MailboxSettings.ReadWrite']),
  // Teams meetings (graph/online-meetings/): work or school accounts only; a personal account's token is refused by
  // the handlers with Teams' own 400 (AuthenticationError), not by this table.
  'application-post-onlinemeetings': outlook('application-post-onlinemeetings', ['OnlineMeetings.ReadWrite']),
  'onlinemeeting-get': outlook('onlinemeeting-get', ['OnlineMeetings.Read', 'OnlineMeetings.ReadWrite']),
  // Contacts (graph/contacts/contact-routes.ts).
  'user-list-contactfolders': outlook('user-list-contactfolders', CONTACTS_READ),
  'contactfolder-get': outlook('contactfolder-get', CONTACTS_READ),
  'contactfolder-list-childfolders': outlook('contactfolder-list-childfolders', CONTACTS_READ),
  'contactfolder-delta': outlook('contactfolder-delta', CONTACTS_READ),
  'user-post-contactfolders': outlook('user-post-contactfolders', CONTACTS_WRITE),
  'contactfolder-post-childfolders': outlook('contactfolder-post-childfolders', CONTACTS_WRITE),
  'contactfolder-update': outlook('contactfolder-update', CONTACTS_WRITE),
  'contactfolder-delete': outlook('contactfolder-delete', CONTACTS_WRITE),
  'user-list-contacts': outlook('user-list-contacts', CONTACTS_READ),
  'contact-get': outlook('contact-get', CONTACTS_READ),
  'contact-delta': outlook('contact-delta', CONTACTS_READ),
  'user-post-contacts': outlook('user-post-contacts', CONTACTS_WRITE),
  'contact-update': outlook('contact-update', CONTACTS_WRITE),
  'contact-delete': outlook('contact-delete', CONTACTS_WRITE),
  // Microsoft To Do (graph/todo/todo-routes.ts).
  'todo-list-lists': outlook('todo-list-lists', TASKS_READ),
  'todotasklist-get': outlook('todotasklist-get', TASKS_READ),
  'todotasklist-delta': outlook('todotasklist-delta', TASKS_READ),
  'todo-post-lists': outlook('todo-post-lists', TASKS_WRITE),
  'todotasklist-update': outlook('todotasklist-update', TASKS_WRITE),
  'todotasklist-delete': outlook('todotasklist-delete', TASKS_WRITE),
  // Tasks.ReadWrite is the least privileged on the delta page, which lists Tasks.Read as the higher one.
  'todotask-delta': outlook('todotask-delta', ['Tasks.ReadWrite', 'Tasks.Read']),
  'todotasklist-list-tasks': outlook('todotasklist-list-tasks', TASKS_READ),
  'todotask-get': outlook('todotask-get', TASKS_READ),
  'todotasklist-post-tasks': outlook('todotasklist-post-tasks', TASKS_WRITE),
  'todotask-update': outlook('todotask-update', TASKS_WRITE),
  'todotask-delete': outlook('todotask-delete', TASKS_WRITE),
  'todotask-list-linkedresources': outlook('todotask-list-linkedresources', TASKS_READ),
  'todotask-post-linkedresources': outlook('todotask-post-linkedresources', TASKS_WRITE),
  'linkedresource-get': outlook('linkedresource-get', TASKS_READ),
  'linkedresource-update': outlook('linkedresource-update', TASKS_WRITE),
  'linkedresource-delete': outlook('linkedresource-delete', TASKS_WRITE),
  // OneDrive and SharePoint (graph/files/file-routes.ts). A site's document library needs Files.*.All or Sites.* on
  // top of these (checked by the handlers): Files.Read and Files.ReadWrite reach only the user's own files.
  'drive-get': filesRead('drive-get'),
  'drive-list': filesRead('drive-list'),
  'drive-recent': filesRead('drive-recent'),
  'driveitem-get': filesRead('driveitem-get'),
  'driveitem-list-children': filesRead('driveitem-list-children'),
  'driveitem-search': filesRead('driveitem-search'),
  'driveitem-get-content': filesRead('driveitem-get-content'),
  'driveitem-post-children': filesWrite('driveitem-post-children'),
  'driveitem-put-content': filesWrite('driveitem-put-content'),
  'driveitem-createuploadsession': filesWrite('driveitem-createuploadsession'),
  'driveitem-createlink': filesWrite('driveitem-createlink'),
  'driveitem-update': filesWrite('driveitem-update'),
  'driveitem-delete': filesWrite('driveitem-delete'),
  'site-search': sitesRead('site-search'),
  'site-get': sitesRead('site-get'),
  'drive-list-sites': sitesRead('drive-list'),
  'drive-get-sites': sitesRead('drive-get'),
  // A subscription needs its resource's permission (RESOURCE_SCOPES), checked by the handlers.
  'subscription-post-subscriptions': perResource('subscription-post-subscriptions'),
  'subscription-list': perResource('subscription-list'),
  'subscription-get': perResource('subscription-get'),
  'subscription-update': perResource('subscription-update'),
  'subscription-delete': perResource('subscription-delete'),
  'subscription-reauthorize': perResource('subscription-reauthorize'),
} satisfies Record<string, RoutePermission>;

export function isPersonalAccount(caller: GraphCaller): boolean {
  return caller.claims.tid.toLowerCase() === PERSONAL_ACCOUNT_TENANT_ID;
}

/** The permissions that allow the call for this caller's kind of account; undefined when the handler decides. */
export function allowedScopes(permission: RoutePermission, caller: GraphCaller): readonly string[] | undefined {
  if (permission.delegated === 'per-resource') return undefined;
  return isPersonalAccount(caller) ? (permission.personal ?? permission.delegated) : permission.delegated;
}

export function holdsAny(caller: GraphCaller, scopes: readonly string[]): boolean {
  const held = new Set(caller.scopes.map((scope) => scope.toLowerCase()));
  return scopes.some((scope) => held.has(scope.toLowerCase()));
}

export function insufficientPrivileges(): GraphError {
  return new GraphError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
}

/** Throws Graph's 403 unless the token carries one of the route's permissions. */
export function checkRoutePermission(permission: RoutePermission, caller: GraphCaller): void {
  const scopes = allowedScopes(permission, caller);
  if (scopes === undefined || holdsAny(caller, scopes)) return;
  if (permission.denied === 'files') throw fileErrors.accessDenied();
  throw permission.denied === 'outlook' ? graph.accessDenied() : insufficientPrivileges();
}
