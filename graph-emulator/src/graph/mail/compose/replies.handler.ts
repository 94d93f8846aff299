import type { EmulatorContext } from '../../../http/emulator-context.js';
import type { UserRecord } from '../../../store/emulator-records.js';
import type { EmailAddress } from '../../../store/mail/mail-records.js';
import type { MessageView } from '../../../store/mail/mail-store.js';
import type { GraphCall, GraphResult } from '../../graph-call.js';
import { mailboxAccess } from '../mail-access.js';
import { composeErrors } from './compose-errors.js';
import { createDraft, messageResult, requireMessage } from './drafts.handler.js';
import { bodyObject, member, parseMessageInput, refuseMime, type MessageInput } from './message-input.js';
import { senderAddresses } from './mail-transport.js';
import { SEND_SCOPES, sendDraftOf } from './send.handler.js';

type Kind = 'reply' | 'replyAll' | 'forward';

const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const listText = (addresses: EmailAddress[]): string => addresses.map((a) => `${a.name} &lt;${escapeHtml(a.address)}&gt;`).join('; ');

function prefixed(subject: string, prefix: 'RE' | 'FW'): string {
  return new RegExp(`^${prefix}:\\s`, 'i').test(subject) ? subject : `${prefix}: ${subject}`;
}

/** The new text above the original, quoted as Outlook quotes it (a header block, then the original body). */
function quotedBody(original: MessageView, added: string): string {
  const body = original.body('html').content.replace(/^[\s\S]*?<body[^>]*>/i, '').replace(/<\/body>[\s\S]*$/i, '');
  return [
    '<html><body>',
    `<div>${added}</div>`,
    '<hr style="display:inline-block;width:98%">',
    '<div id="divRplyFwdMsg"><b>From:</b> ', listText([original.from]),
    `<br><b>Sent:</b> ${new Date(original.sentDateTime).toUTCString()}`,
    `<br><b>To:</b> ${listText(original.toRecipients)}`,
    ...(original.ccRecipients.length > 0 ? [`<br><b>Cc:</b> ${listText(original.ccRecipients)}`] : []),
    `<br><b>Subject:</b> ${escapeHtml(original.subject)}</div>`,
    `<div>${body}</div>`,
    '</body></html>',
  ].join('');
}

function withoutUser(addresses: EmailAddress[], user: UserRecord): EmailAddress[] {
  const own = senderAddresses(user);
  const seen = new Set<string>();
  return addresses.filter((a) => {
    const key = a.address.toLowerCase();
    if (own.includes(key) || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The reply or forward draft of createReply / createReplyAll / createForward and of reply / replyAll / forward:
 * `comment` or `message.body` (not both: 400), `message`'s other properties over the defaults; a forward takes
 * `toRecipients` or `message.toRecipients` (not both: 400).
 */
function answerDraft(context: EmulatorContext, call: GraphCall, user: UserRecord, original: MessageView, kind: Kind, action: string): MessageView {
  refuseMime(call.headers['content-type'], action);
  const args = bodyObject(call.body, true);
  const allowed = kind === 'forward' ? ['comment', 'message', 'torecipients'] : ['comment', 'message'];
  for (const key of Object.keys(args)) if (!allowed.includes(key.toLowerCase())) throw composeErrors.unknownProperty(key, `${action} action parameter`);
  const comment = member(args, 'comment');
  if (comment !== undefined && comment !== null && typeof comment !== 'string') throw composeErrors.badValue('comment', 'a string');
  const rawMessage = member(args, 'message');
  const message: MessageInput = rawMessage === undefined || rawMessage === null ? {} : parseMessageInput(rawMessage);
  if (typeof comment === 'string' && message.body) throw composeErrors.commentAndBody();
  const rawTo = member(args, 'toRecipients');
  if (rawTo !== undefined && message.toRecipients) throw composeErrors.recipientsTwice();
  const forwardTo = rawTo === undefined ? undefined : parseMessageInput({ toRecipients: rawTo }).toRecipients;

  const replyTarget = original.replyTo.length > 0 ? original.replyTo : [original.from];
  const to = kind === 'forward' ? forwardTo ?? [] : kind === 'reply' ? replyTarget : withoutUser([...replyTarget, ...original.toRecipients], user);
  const cc = kind === 'replyAll' ? withoutUser(original.ccRecipients, user).filter((a) => !to.some((t) => t.address.toLowerCase() === a.address.toLowerCase())) : [];
  const added = message.body
    ? message.body.contentType === 'html' ? message.body.content : escapeHtml(message.body.content).replace(/\n/g, '<br>')
    : typeof comment === 'string' ? comment : '';
  const draft: MessageInput = {
    ...message,
    subject: message.subject ?? prefixed(original.subject, kind === 'forward' ? 'FW' : 'RE'),
    toRecipients: message.toRecipients ?? to,
    ccRecipients: message.ccRecipients ?? cc,
    body: { contentType: 'html', content: quotedBody(original, added) },
  };
  // A forward carries the original's attachments; a reply does not (as Outlook's).
  return createDraft(context, user, draft, 'drafts', original.id, kind === 'forward' ? original.attachments() : []);
}

function answerHandler(kind: Kind, action: string, send: boolean) {
  return (context: EmulatorContext, call: GraphCall, [userSegment, id]: string[]): GraphResult => {
    const { user } = mailboxAccess(context, call, userSegment!, send ? SEND_SCOPES : true);
    const original = requireMessage(context, user.id, id!);
    const draft = answerDraft(context, call, user, original, kind, action);
    if (!send) return messageResult(call, user, draft, 201);
    try {
      sendDraftOf(context, user, draft.id);
    } catch (error) {
      // Nothing was sent: the draft made for it goes too, as nothing of a refused reply stays in Outlook.
      context.store.mail.deleteMessage(user.id, draft.id, { permanent: true });
      throw error;
    }
    return { status: 202 };
  };
}

/** `POST …/messages/{id}/createReply` → 201 draft (Mail.ReadWrite; message-createreply.md). */
export const createReply = answerHandler('reply', 'createReply', false);
export const createReplyAll = answerHandler('replyAll', 'createReplyAll', false);
export const createForward = answerHandler('forward', 'createForward', false);
/** `POST …/messages/{id}/reply` → 202, sent and saved to Sent Items (Mail.Send; message-reply.md). */
export const reply = answerHandler('reply', 'reply', true);
export const replyAll = answerHandler('replyAll', 'replyAll', true);
export const forward = answerHandler('forward', 'forward', true);

