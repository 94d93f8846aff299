import type { GraphRoute } from '../../graph-call.js';
import { addAttachment, createUploadSession, deleteAttachment } from './attachments-write.handler.js';
import { createMessage, patchMessage } from './drafts.handler.js';
import { createForward, createReply, createReplyAll, forward, reply, replyAll } from './replies.handler.js';
import { sendMail, sendMessage } from './send.handler.js';

const SEG = '([^/]+)';
// Actions on a message answer under /messages/{id} and /mailFolders/{folder}/messages/{id} alike.
const MESSAGE = `(?:/mailFolders/[^/]+)?/messages/${SEG}`;

/** [method, path under the mailbox, handler]: params are [user segment, message id, attachment id]. */
export const COMPOSE_ROUTES: [string, string, GraphRoute['handle']][] = [
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
];
