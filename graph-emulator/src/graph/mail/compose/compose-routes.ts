import { parseQuery } from '../../../odata/query-options.js';
import { MESSAGE_RESOURCE } from '../../../odata/resources/message-resource.js';
import type { GraphRoute } from '../../graph-call.js';
import type { ROUTE_PERMISSIONS } from '../../route-permissions.js';
import { addAttachment, createUploadSession, deleteAttachment } from './attachments-write.handler.js';
import { createMessage, patchMessage } from './drafts.handler.js';
import { getMailTips } from './mail-tips.handler.js';
import { listPeople } from '../../people/people.handler.js';
import { createForward, createReply, createReplyAll, forward, reply, replyAll } from './replies.handler.js';
import { sendMail, sendMessage } from './send.handler.js';

const SEG = '([^/]+)';
// Actions on a message answer under /messages/{id} and /mailFolders/{folder}/messages/{id} alike.
const MESSAGE = `(?:/mailFolders/[^/]+)?/messages/${SEG}`;

/** Actions and writes take no query options: any `$` option is Graph's 400 (unknown) or 501 (not evaluated), never ignored. */
const noOptions = (handle: GraphRoute['handle']): GraphRoute['handle'] => (context, call, params) => {
  parseQuery(call.query, MESSAGE_RESOURCE, { allowed: [] });
  return handle(context, call, params);
};

/**
 * [method, path under the mailbox, API reference page (its entry in ROUTE_PERMISSIONS), handler]; params are
 * [user segment, message id, attachment id].
 */
export type ComposeRoute = [string, string, keyof typeof ROUTE_PERMISSIONS, GraphRoute['handle']];

const ROUTES: ComposeRoute[] = [
  ['POST', '/messages', 'user-post-messages', createMessage],
  ['POST', `/mailFolders/${SEG}/messages`, 'mailfolder-post-messages', createMessage],
  ['PATCH', MESSAGE, 'message-update', patchMessage],
  ['POST', `${MESSAGE}/send`, 'message-send', sendMessage],
  ['POST', `${MESSAGE}/createReply`, 'message-createreply', createReply],
  ['POST', `${MESSAGE}/createReplyAll`, 'message-createreplyall', createReplyAll],
  ['POST', `${MESSAGE}/createForward`, 'message-createforward', createForward],
  ['POST', `${MESSAGE}/reply`, 'message-reply', reply],
  ['POST', `${MESSAGE}/replyAll`, 'message-replyall', replyAll],
  ['POST', `${MESSAGE}/forward`, 'message-forward', forward],
  ['POST', '/sendMail', 'user-sendmail', sendMail],
  ['POST', `${MESSAGE}/attachments`, 'message-post-attachments', addAttachment],
  ['POST', `${MESSAGE}/attachments/createUploadSession`, 'attachment-createuploadsession', createUploadSession],
  ['DELETE', `${MESSAGE}/attachments/${SEG}`, 'attachment-delete', deleteAttachment],
  ['POST', '/getMailTips', 'user-getmailtips', getMailTips],
];

export const COMPOSE_ROUTES: ComposeRoute[] = [
  ...ROUTES.map(([method, path, doc, handle]): ComposeRoute => [method, path, doc, noOptions(handle)]),
  // The people list answers its documented options through the engine itself.
  ['GET', '/people', 'user-list-people', listPeople],
];
