import { parseQuery } from '../../../odata/query-options.js';
import { MESSAGE_RESOURCE } from '../../../odata/resources/message-resource.js';
import type { GraphRoute } from '../../graph-call.js';
import { addAttachment, createUploadSession, deleteAttachment } from './attachments-write.handler.js';
import { createMessage, patchMessage } from './drafts.handler.js';
import { getAutomaticRepliesSetting, getMailTips } from './mail-tips.handler.js';
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

/** [method, path under the mailbox, handler]: params are [user segment, message id, attachment id]. */
const ROUTES: [string, string, GraphRoute['handle']][] = [
  ['POST', '/messages', createMessage],
  ['POST', `/mailFolders/${SEG}/messages`, createMessage],
  ['PATCH', MESSAGE, patchMessage],
  ['POST', `${MESSAGE}/send`, sendMessage],
  ['POST', `${MESSAGE}/createReply`, createReply],
  ['POST', `${MESSAGE}/createReplyAll`, createReplyAll],
  ['POST', `${MESSAGE}/createForward`, createForward],
  ['POST', `${MESSAGE}/reply`, reply],
  ['POST', `${MESSAGE}/replyAll`, replyAll],
  ['POST', `${MESSAGE}/forward`, forward],
  ['POST', '/sendMail', sendMail],
  ['POST', `${MESSAGE}/attachments`, addAttachment],
  ['POST', `${MESSAGE}/attachments/createUploadSession`, createUploadSession],
  ['DELETE', `${MESSAGE}/attachments/${SEG}`, deleteAttachment],
  ['POST', '/getMailTips', getMailTips],
  ['GET', '/mailboxSettings/automaticRepliesSetting', getAutomaticRepliesSetting],
];

export const COMPOSE_ROUTES: [string, string, GraphRoute['handle']][] = [
  ...ROUTES.map(([method, path, handle]): [string, string, GraphRoute['handle']] => [method, path, noOptions(handle)]),
  // The people list answers its documented options through the engine itself.
  ['GET', '/people', listPeople],
];
