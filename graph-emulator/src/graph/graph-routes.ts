import type { GraphRoute } from './graph-call.js';
import { countChildFolders, countMailFolders, getMailFolder, listChildFolders, listMailFolders } from './mail/mail-folders.handler.js';
import { countFolderMessages, countMessages, listFolderMessages, listMessages } from './mail/message-lists.handler.js';
import { messageDelta } from './mail/message-delta.handler.js';
import { deleteMessage, getMessage, moveMessage } from './mail/messages.handler.js';
import { countAttachments, getAttachment, getAttachmentValue, getMessageValue, listAttachments } from './mail/attachments.handler.js';
import { COMPOSE_ROUTES } from './mail/compose/compose-routes.js';
import { meResource } from './me.handler.js';
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
const route = (method: string, path: string, handle: GraphRoute['handle'], outlook = true): GraphRoute => ({
  method,
  pattern: new RegExp(`${MAILBOX}${path}/?$`, 'i'),
  outlook,
  handle,
});

/** Graph resources answered by plain handlers (over HTTP and inside `$batch`), in matching order. */
export const GRAPH_ROUTES: GraphRoute[] = [
  {
    method: 'GET',
    pattern: /^\/me\/?$/i,
    outlook: false,
    handle: (_context, call) => ({ status: 200, body: meResource(call.caller, call.query.get('$select') ?? undefined, call.origin) }),
  },
  route('GET', '/mailFolders', listMailFolders),
  route('GET', `/mailFolders/${COUNT}`, countMailFolders),
  route('GET', `/mailFolders/${SEG}`, getMailFolder),
  route('GET', `/mailFolders/${SEG}/childFolders`, listChildFolders),
  route('GET', `/mailFolders/${SEG}/childFolders/${COUNT}`, countChildFolders),
  route('GET', `/mailFolders/${SEG}/messages/delta(?:\\(\\))?`, messageDelta),
  route('GET', `/mailFolders/${SEG}/messages`, listFolderMessages),
  route('GET', `/mailFolders/${SEG}/messages/${COUNT}`, countFolderMessages),
  route('GET', `/mailFolders/${SEG}/messages/${SEG}`, getMessage),
  route('GET', '/messages', listMessages),
  route('GET', `/messages/${COUNT}`, countMessages),
  route('GET', `/messages/${SEG}`, getMessage),
  // Attachments and MIME content, under /messages/{id} or /mailFolders/{id}/messages/{id}: params [user, folder, message, attachment].
  route('GET', `${IN_FOLDER}/messages/${SEG}/attachments`, listAttachments),
  route('GET', `${IN_FOLDER}/messages/${SEG}/attachments/${COUNT}`, countAttachments),
  route('GET', `${IN_FOLDER}/messages/${SEG}/attachments/${SEG}`, getAttachment),
  route('GET', `${IN_FOLDER}/messages/${SEG}/attachments/${SEG}/${VALUE}`, getAttachmentValue),
  route('GET', `${IN_FOLDER}/messages/${SEG}/${VALUE}`, getMessageValue),
  route('DELETE', `/messages/${SEG}`, deleteMessage),
  // Drafts, sending, replies and forwards (PATCH of a message too): graph/mail/compose/.
  ...COMPOSE_ROUTES.map(([method, path, handle]) => route(method, path, handle)),
  route('POST', `/messages/${SEG}/move`, moveMessage),
  // Change notifications: directory-level resources, not counted against the mailbox limits.
  { method: 'GET', pattern: /^\/subscriptions\/?$/i, outlook: false, handle: listSubscriptions },
  { method: 'POST', pattern: /^\/subscriptions\/?$/i, outlook: false, handle: createSubscription },
  { method: 'GET', pattern: /^\/subscriptions\/([^/]+)\/?$/i, outlook: false, handle: getSubscription },
  { method: 'PATCH', pattern: /^\/subscriptions\/([^/]+)\/?$/i, outlook: false, handle: updateSubscription },
  { method: 'DELETE', pattern: /^\/subscriptions\/([^/]+)\/?$/i, outlook: false, handle: deleteSubscription },
  { method: 'POST', pattern: /^\/subscriptions\/([^/]+)\/reauthorize\/?$/i, outlook: false, handle: reauthorizeSubscription },
];
