import type { GraphRoute } from './graph-call.js';
import { CALENDAR_ROUTES } from './calendar/calendar-routes.js';
import { CONTACT_ROUTES } from './contacts/contact-routes.js';
import { TODO_ROUTES } from './todo/todo-routes.js';
import { FILE_ROUTES } from './files/file-routes.js';
import { countChildFolders, countMailFolders, getMailFolder, listChildFolders, listMailFolders } from './mail/mail-folders.handler.js';
import { countFolderMessages, countMessages, listFolderMessages, listMessages } from './mail/message-lists.handler.js';
import { messageDelta } from './mail/message-delta.handler.js';
import { deleteMessage, getMessage, moveMessage } from './mail/messages.handler.js';
import { countAttachments, getAttachment, getAttachmentValue, getMessageValue, listAttachments } from './mail/attachments.handler.js';
import { COMPOSE_ROUTES } from './mail/compose/compose-routes.js';
import { getMe, getUser } from './me.handler.js';
import { MAILBOX_SETTINGS_ROUTES } from './mailbox-settings/mailbox-settings-routes.js';
import { ONLINE_MEETING_ROUTES } from './online-meetings/online-meetings-routes.js';
import { ROUTE_PERMISSIONS, type RoutePermission } from './route-permissions.js';
import { COUNT, lacking, mailboxRoute, SEG } from './mailbox-route.js';
import {
  createSubscription,
  deleteSubscription,
  getSubscription,
  listSubscriptions,
  reauthorizeSubscription,
  updateSubscription,
} from './subscriptions/subscriptions.handler.js';

const VALUE = String.raw`(?:\$|%24)value`;
const IN_FOLDER = `(?:/mailFolders/${SEG})?`;
const P = ROUTE_PERMISSIONS;
const root = (method: string, pattern: RegExp, permission: RoutePermission, handle: GraphRoute['handle']): GraphRoute => ({
  method, pattern, outlook: false, permission, handle,
});

/**
 * Graph resources answered by plain handlers (over HTTP and inside `$batch`), in matching order. Each names its
 * entry in ROUTE_PERMISSIONS (the API reference page whose permissions table it follows).
 */
export const GRAPH_ROUTES: GraphRoute[] = [
  root('GET', /^\/me\/?$/i, P['user-get'], getMe),
  // `/users/{id | upn}`, or `/users('{upn}')` as the reference writes it for a userPrincipalName that begins with `$`.
  root('GET', /^\/users(?:\/([^/(]+)|\('([^']+)'\))\/?$/i, P['user-get'], getUser),
  mailboxRoute('GET', '/mailFolders', P['user-list-mailfolders'], listMailFolders),
  mailboxRoute('GET', `/mailFolders/${COUNT}`, P['user-list-mailfolders'], countMailFolders),
  mailboxRoute('GET', String.raw`/mailFolders/delta(?:\(\))?`, P['mailfolder-delta'], lacking('mail folder delta (GET /me/mailFolders/delta)')),
  mailboxRoute('GET', `/mailFolders/${SEG}`, P['mailfolder-get'], getMailFolder),
  mailboxRoute('GET', `/mailFolders/${SEG}/childFolders`, P['mailfolder-list-childfolders'], listChildFolders),
  mailboxRoute('GET', `/mailFolders/${SEG}/childFolders/${COUNT}`, P['mailfolder-list-childfolders'], countChildFolders),
  mailboxRoute('GET', `/mailFolders/${SEG}/messages/delta(?:\\(\\))?`, P['message-delta'], messageDelta),
  mailboxRoute('GET', `/mailFolders/${SEG}/messages`, P['user-list-messages'], listFolderMessages),
  mailboxRoute('GET', `/mailFolders/${SEG}/messages/${COUNT}`, P['user-list-messages'], countFolderMessages),
  mailboxRoute('GET', `/mailFolders/${SEG}/messages/${SEG}`, P['message-get'], getMessage),
  mailboxRoute('GET', '/messages', P['user-list-messages'], listMessages),
  mailboxRoute('GET', `/messages/${COUNT}`, P['user-list-messages'], countMessages),
  mailboxRoute('GET', `/messages/${SEG}`, P['message-get'], getMessage),
  // Attachments and MIME content, under /messages/{id} or /mailFolders/{id}/messages/{id}: params [user, folder, message, attachment].
  mailboxRoute('GET', `${IN_FOLDER}/messages/${SEG}/attachments`, P['message-list-attachments'], listAttachments),
  mailboxRoute('GET', `${IN_FOLDER}/messages/${SEG}/attachments/${COUNT}`, P['message-list-attachments'], countAttachments),
  mailboxRoute('GET', `${IN_FOLDER}/messages/${SEG}/attachments/${SEG}`, P['attachment-get'], getAttachment),
  mailboxRoute('GET', `${IN_FOLDER}/messages/${SEG}/attachments/${SEG}/${VALUE}`, P['attachment-get'], getAttachmentValue),
  mailboxRoute('GET', `${IN_FOLDER}/messages/${SEG}/${VALUE}`, P['message-get-mime'], getMessageValue),
  mailboxRoute('DELETE', `/messages/${SEG}`, P['message-delete'], deleteMessage),
  // Drafts, sending, replies and forwards (PATCH of a message too), mail tips and people: graph/mail/compose/.
  ...COMPOSE_ROUTES.map(([method, path, page, handle]) => mailboxRoute(method, path, P[page], handle)),
  mailboxRoute('POST', `/messages/${SEG}/move`, P['message-move'], moveMessage),
  ...CALENDAR_ROUTES,
  ...MAILBOX_SETTINGS_ROUTES,
  ...ONLINE_MEETING_ROUTES,
  ...CONTACT_ROUTES,
  ...TODO_ROUTES,
  ...FILE_ROUTES,
  // Change notifications: directory-level resources, not counted against the mailbox limits.
  root('GET', /^\/subscriptions\/?$/i, P['subscription-list'], listSubscriptions),
  root('POST', /^\/subscriptions\/?$/i, P['subscription-post-subscriptions'], createSubscription),
  root('GET', /^\/subscriptions\/([^/]+)\/?$/i, P['subscription-get'], getSubscription),
  root('PATCH', /^\/subscriptions\/([^/]+)\/?$/i, P['subscription-update'], updateSubscription),
  root('DELETE', /^\/subscriptions\/([^/]+)\/?$/i, P['subscription-delete'], deleteSubscription),
  root('POST', /^\/subscriptions\/([^/]+)\/reauthorize\/?$/i, P['subscription-reauthorize'], reauthorizeSubscription),
];
