import type { EmulatorContext } from '../../../http/emulator-context.js';
import type { UserRecord } from '../../../store/emulator-records.js';
import type { GraphCall, GraphResult } from '../../graph-call.js';
import { mailboxAccess } from '../mail-access.js';
import { fileAttachmentInput } from './attachment-input.js';
import { composeErrors } from './compose-errors.js';
import { requireMessage } from './drafts.handler.js';
import { bodyObject, member, parseMessageInput } from './message-input.js';
import { checkSubmission, newInternetMessageId, outgoingFromView, transport, type Outgoing } from './mail-transport.js';

export const SEND_SCOPES = ['mail.send'];

/** Sends a draft of the user's: checked, moved to Sent Items, handed to the transport. */
export function sendDraftOf(context: EmulatorContext, user: UserRecord, id: string): void {
  const draft = requireMessage(context, user.id, id);
  if (!draft.isDraft) throw composeErrors.notDraft();
  const outgoing = outgoingFromView(draft);
  checkSubmission(context, user, outgoing);
  const sent = context.store.mail.markSent(user.id, draft.id);
  transport(context, user, { ...outgoing, internetMessageId: sent.internetMessageId });
}

/** `POST /me/messages/{id}/send` → 202, no body (Mail.Send; message-send.md). The draft is saved to Sent Items. */
export function sendMessage(context: EmulatorContext, call: GraphCall, [userSegment, id]: string[]): GraphResult {
  const { user } = mailboxAccess(context, call, userSegment!, SEND_SCOPES);
  sendDraftOf(context, user, id!);
  return { status: 202 };
}

/** `POST /me/sendMail` `{message, saveToSentItems}` → 202 (Mail.Send; user-sendmail.md). `saveToSentItems` defaults to true. */
export function sendMail(context: EmulatorContext, call: GraphCall, [userSegment]: string[]): GraphResult {
  const { user } = mailboxAccess(context, call, userSegment!, SEND_SCOPES);
  const args = bodyObject(call.body);
  for (const key of Object.keys(args)) {
    if (!['message', 'savetosentitems'].includes(key.toLowerCase())) throw composeErrors.unknownProperty(key, 'sendMail action parameter');
  }
  const rawMessage = member(args, 'message');
  if (rawMessage === undefined) throw composeErrors.badValue('message', "the 'message' parameter is required");
  const save = member(args, 'saveToSentItems') ?? true;
  if (typeof save !== 'boolean') throw composeErrors.badValue('saveToSentItems', 'a boolean');
  const input = parseMessageInput(rawMessage);
  const outgoing: Outgoing = {
    subject: input.subject ?? '',
    body: input.body ?? { contentType: 'text', content: '' },
    from: input.from ?? { name: user.displayName, address: user.mail ?? user.userPrincipalName },
    to: input.toRecipients ?? [],
    cc: input.ccRecipients ?? [],
    bcc: input.bccRecipients ?? [],
    replyTo: input.replyTo ?? [],
    importance: input.importance ?? 'normal',
    internetMessageId: input.internetMessageId ?? newInternetMessageId(user),
    headers: input.internetMessageHeaders ?? [],
    attachments: (input.attachments ?? []).map((attachment) => fileAttachmentInput(attachment)),
  };
  checkSubmission(context, user, outgoing);
  const at = Date.now();
  if (save) {
    const sentDateTime = new Date(at).toISOString();
    context.store.mail.deliverMessage(user.id, {
      folder: 'sentitems',
      from: outgoing.from,
      to: outgoing.to,
      cc: outgoing.cc,
      bcc: outgoing.bcc,
      replyTo: outgoing.replyTo,
      subject: outgoing.subject,
      body: outgoing.body.content,
      bodyContentType: outgoing.body.contentType,
      importance: outgoing.importance,
      internetMessageId: outgoing.internetMessageId,
      internetMessageHeaders: outgoing.headers,
      receivedDateTime: sentDateTime,
      sentDateTime,
      isRead: true,
      isDraft: false,
      copiedAttachments: outgoing.attachments,
    });
  }
  transport(context, user, outgoing, at);
  return { status: 202 };
}
