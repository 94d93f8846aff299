import { odataErrors } from '../odata/odata-errors.js';
import type { GraphRoute } from './graph-call.js';
import { CALENDAR_ROUTES } from './calendar/calendar-routes.js';
import { countChildFolders, countMailFolders, getMailFolder, listChildFolders, listMailFolders } from './mail/mail-folders.handler.js';
import { countFolderMessages, countMessages, listFolderMessages, listMessages } from './mail/message-lists.handler.js';
import { messageDelta } from './mail/message-delta.handler.js';
import { deleteMessage, getMessage, moveMessage } from './mail/messages.handler.js';
import { countAttachments, getAttachment, getAttachmentValue, getMessageValue, listAttachments } from './mail/attachments.handler.js';
import { COMPOSE_ROUTES } from './mail/compose/compose-routes.js';
import { getMe, getUser } from './me.handler.js';
import { ROUTE_PERMISSIONS, type RoutePermission } from './route-permissions.js';
import {
  createSubscription,
  deleteSubscription,
  getSubscription,
  listSubscriptions,
  reauthorizeSubscription,
  updateSubscription,
} from './subscriptions/subscriptions.handler.js';

// `/me/…` or `/users/{id | upn}/…`; the first capture is the user segment ('' for /me). Segments are case-insensitive.
const MAILBOX = String.raw`^/(?:me|users/([^/]+))`;
const SEG = '([^/]+)';
const COUNT = String.raw`(?:\$|%24)count`;
const VALUE = String.raw`(?:\$|%24)value`;
const IN_FOLDER = `(?:/mailFolders/${SEG})?`;
const P = ROUTE_PERMISSIONS;
const route = (method: string, path: string, permission: RoutePermission, handle: GraphRoute['handle'], outlook = true): GraphRoute => ({
  method,
  pattern: new RegExp(`${MAILBOX}${path}/?$`, 'i'),
  outlook,
  permission,
  handle,
});
const root = (method: string, pattern: RegExp, permission: RoutePermission, handle: GraphRoute['handle']): GraphRoute => ({
  method, pattern, outlook: false, permission, handle,
});

/** A route Graph serves that the emulator does not: 501 naming it, so it never reads as "not in Graph". */
const lacking = (what: string): GraphRoute['handle'] => () => {
  throw odataErrors.notImplemented(what);
};

/**
 * Graph resources answered by plain handlers (over HTTP and inside `$batch`), in matching order. Each names its
 * entry in ROUTE_PERMISSIONS (the API reference page whose permissions table it follows).
 */
export const GRAPH_ROUTES: GraphRoute[] = [
  root('GET', /^\/me\/?$/i, P['user-get'], getMe),
  // `/users/{id | upn}`, or `/users('{upn}')` as the reference writes it for a userPrincipalName that begins with `$`.
  root('GET', /^\/users(?:\/([^/(]+)|\('([^']+)'\))\/?$/i, P['user-get'], getUser),
  route('GET', '/mailFolders', P['user-list-mailfolders'], listMailFolders),
  route('GET', `/mailFolders/${COUNT}`, P['user-list-mailfolders'], countMailFolders),
  route('GET', String.raw`/mailFolders/delta(?:\(\))?`, P['mailfolder-delta'], lacking('mail folder delta (GET /me/mailFolders/delta)')),
  route('GET', `/mailFolders/${SEG}`, P['mailfolder-get'], getMailFolder),
  route('GET', `/mailFolders/${SEG}/childFolders`, P['mailfolder-list-childfolders'], listChildFolders),
  route('GET', `/mailFolders/${SEG}/childFolders/${COUNT}`, P['mailfolder-list-childfolders'], countChildFolders),
  route('GET', `/mailFolders/${SEG}/messages/delta(?:\\(\\))?`, P['message-delta'], messageDelta),
  route('GET', `/mailFolders/${SEG}/messages`, P['user-list-messages'], listFolderMessages),
  route('GET', `/mailFolders/${SEG}/messages/${COUNT}`, P['user-list-messages'], countFolderMessages),
  route('GET', `/mailFolders/${SEG}/messages/${SEG}`, P['message-get'], getMessage),
  route('GET', '/messages', P['user-list-messages'], listMessages),
  route('GET', `/messages/${COUNT}`, P['user-list-messages'], countMessages),
  route('GET', `/messages/${SEG}`, P['message-get'], getMessage),
  // Attachments and MIME content, under /messages/{id} or /mailFolders/{id}/messages/{id}: params [user, folder, message, attachment].
  route('GET', `${IN_FOLDER}/messages/${SEG}/attachments`, P['message-list-attachments'], listAttachments),
  route('GET', `${IN_FOLDER}/messages/${SEG}/attachments/${COUNT}`, P['message-list-attachments'], countAttachments),
  route('GET', `${IN_FOLDER}/messages/${SEG}/attachments/${SEG}`, P['attachment-get'], getAttachment),
  route('GET', `${IN_FOLDER}/messages/${SEG}/attachments/${SEG}/${VALUE}`, P['attachment-get'], getAttachmentValue),
  route('GET', `${IN_FOLDER}/messages/${SEG}/${VALUE}`, P['message-get-mime'], getMessageValue),
  route('DELETE', `/messages/${SEG}`, P['message-delete'], deleteMessage),
  // Drafts, sending, replies and forwards (PATCH of a message too), mail tips and people: graph/mail/compose/.
  ...COMPOSE_ROUTES.map(([method, path, page, handle]) => route(method, path, P[page], handle)),
  route('POST', `/messages/${SEG}/move`, P['message-move'], moveMessage),
  ...CALENDAR_ROUTES,
  // Change notifications: directory-level resources, not counted against the mailbox limits.
  root('GET', /^\/subscriptions\/?$/i, P['subscription-list'], listSubscriptions),
  root('POST', /^\/subscriptions\/?$/i, P['subscription-post-subscriptions'], createSubscription),
  root('GET', /^\/subscriptions\/([^/]+)\/?$/i, P['subscription-get'], getSubscription),
  root('PATCH', /^\/subscriptions\/([^/]+)\/?$/i, P['subscription-update'], updateSubscription),
  root('DELETE', /^\/subscriptions\/([^/]+)\/?$/i, P['subscription-delete'], deleteSubscription),
  root('POST', /^\/subscriptions\/([^/]+)\/reauthorize\/?$/i, P['subscription-reauthorize'], reauthorizeSubscription),
];
