import { randomUUID } from 'node:crypto';
import type { EmulatorContext } from '../../../http/emulator-context.js';
import type { UserRecord } from '../../../store/emulator-records.js';
import type { AttachedFile, EmailAddress } from '../../../store/mail/mail-records.js';
import type { MessageView } from '../../../store/mail/mail-store.js';
import { composeErrors } from './compose-errors.js';
import { isAddress } from './message-input.js';

/** A message on its way out: what the sender's copy holds, and what recipients' copies are made from. */
export interface Outgoing {
  subject: string;
  body: { contentType: 'html' | 'text'; content: string };
  from: EmailAddress;
  to: EmailAddress[];
  cc: EmailAddress[];
  bcc: EmailAddress[];
  replyTo: EmailAddress[];
  importance: 'low' | 'normal' | 'high';
  /** Empty until the sender's copy (or the transport) names it. */
  internetMessageId: string;
  inReplyTo?: string;
  headers: { name: string; value: string }[];
  attachments: AttachedFile[];
}

const lower = (value: string): string => value.toLowerCase();

export function senderAddresses(user: UserRecord): string[] {
  return [user.mail, user.userPrincipalName, ...user.otherMails].filter((value): value is string => !!value).map(lower);
}

export function outgoingFromView(view: MessageView): Outgoing {
  const headers = view.internetMessageHeaders();
  return {
    subject: view.subject,
    body: view.body(view.bodyContentType),
    from: view.from,
    to: view.toRecipients,
    cc: view.ccRecipients,
    bcc: view.bccRecipients,
    replyTo: view.replyTo,
    importance: view.importance,
    internetMessageId: view.internetMessageId,
    inReplyTo: headers.find((header) => header.name === 'In-Reply-To')?.value,
    headers: headers.filter((header) => /^x-/i.test(header.name)),
    attachments: view.attachments(),
  };
}

/** Size as Exchange's limit counts it: the message as it travels, attachments base64-encoded. */
export function messageSize(outgoing: Outgoing): number {
  const text = Buffer.byteLength(outgoing.subject) + Buffer.byteLength(outgoing.body.content);
  return text + outgoing.attachments.reduce((sum, file) => sum + Math.ceil(file.bytes.length / 3) * 4 + Buffer.byteLength(file.name), 0);
}

function allRecipients(outgoing: Outgoing): EmailAddress[] {
  return [...outgoing.to, ...outgoing.cc, ...outgoing.bcc];
}

/**
 * What Exchange checks before it accepts a message for sending: recipients (at least one, each resolvable), the
 * sending address (the user's own), the size limit and the mailbox's sending limits. Throws Graph's error.
 */
export function checkSubmission(context: EmulatorContext, sender: UserRecord, outgoing: Outgoing): void {
  const recipients = allRecipients(outgoing);
  if (recipients.length === 0) throw composeErrors.noRecipients();
  const invalid = recipients.find((recipient) => !isAddress(recipient.address));
  if (invalid) throw composeErrors.invalidRecipient(invalid.address);
  if (!senderAddresses(sender).includes(lower(outgoing.from.address))) throw composeErrors.sendAsDenied();
  const limits = context.store.outbound.getSettings();
  const size = messageSize(outgoing);
  if (size > limits.maxMessageSizeBytes) throw composeErrors.messageTooLarge(size, limits.maxMessageSizeBytes);
  const admission = context.store.outbound.admitSend(sender.id, recipients.length);
  if (!admission.ok) throw admission.reason === 'messageRate' ? composeErrors.messageRate(admission.retryAfterSeconds) : composeErrors.recipientRate();
}

export function newInternetMessageId(sender: UserRecord): string {
  const domain = (sender.mail ?? sender.userPrincipalName).split('@')[1] ?? 'example.com';
  return `<${randomUUID().replace(/-/g, '').toUpperCase()}@${domain}>`;
}

/**
 * Hands an accepted message to the transport: counted against the sender's limits, a copy in the Inbox of each
 * recipient who is a user of the emulator (the store's delivery path, so delta and change notifications see it),
 * threaded there by In-Reply-To, and the recipients outside the sender's tenant in the record of what left it.
 */
export function transport(context: EmulatorContext, sender: UserRecord, outgoing: Outgoing, at = Date.now()): void {
  const { store } = context;
  const recipients = allRecipients(outgoing);
  store.outbound.recordSend(sender.id, recipients.length, at);
  const sentDateTime = new Date(at).toISOString();
  const delivered = new Set<string>();
  const external: { to: EmailAddress[]; cc: EmailAddress[]; bcc: EmailAddress[] } = { to: [], cc: [], bcc: [] };
  for (const [list, recipientsOfList] of [['to', outgoing.to], ['cc', outgoing.cc], ['bcc', outgoing.bcc]] as const) {
    for (const recipient of recipientsOfList) {
      const user = store.findUser(recipient.address);
      if (!user || user.tenantId !== sender.tenantId) external[list].push(recipient);
      if (!user || delivered.has(user.id) || store.mail.getMailboxStatus(user.id) !== 'enabled') continue;
      delivered.add(user.id);
      const parent = outgoing.inReplyTo ? store.mail.findByInternetMessageId(user.id, outgoing.inReplyTo) : undefined;
      store.mail.deliverMessage(user.id, {
        folder: 'inbox',
        from: outgoing.from,
        to: outgoing.to,
        cc: outgoing.cc,
        // Bcc recipients are not shown to anyone but the sender.
        bcc: [],
        replyTo: outgoing.replyTo,
        subject: outgoing.subject,
        body: outgoing.body.content,
        bodyContentType: outgoing.body.contentType,
        importance: outgoing.importance,
        internetMessageId: outgoing.internetMessageId,
        ...(parent ? { inReplyTo: parent.id } : {}),
        ...(outgoing.inReplyTo ? { inReplyToHeader: outgoing.inReplyTo } : {}),
        internetMessageHeaders: outgoing.headers,
        receivedDateTime: sentDateTime,
        sentDateTime,
        isRead: false,
        copiedAttachments: outgoing.attachments,
      });
      automaticReply(context, sender, user, outgoing, at);
    }
  }
  if (external.to.length + external.cc.length + external.bcc.length > 0) {
    store.outbound.recordOutbound({
      id: randomUUID(),
      sentAt: sentDateTime,
      userId: sender.id,
      from: outgoing.from,
      internetMessageId: outgoing.internetMessageId,
      subject: outgoing.subject,
      ...external,
      replyTo: outgoing.replyTo,
      body: { ...outgoing.body },
      internetMessageHeaders: outgoing.headers.map((header) => ({ ...header })),
      attachments: outgoing.attachments.map((file, index) => ({
        id: `${index + 1}`,
        name: file.name,
        contentType: file.contentType ?? 'application/octet-stream',
        size: file.bytes.length,
        isInline: file.isInline ?? false,
        contentId: file.contentId ?? null,
        bytes: Buffer.from(file.bytes),
      })),
      size: messageSize(outgoing),
    });
  }
}

/**
 * The recipient's automatic reply, once per sender while it is on (as Exchange sends it): the internal message to
 * senders in the recipient's tenant, the external one to others when its audience allows, into the sender's Inbox.
 */
function automaticReply(context: EmulatorContext, sender: UserRecord, recipient: UserRecord, outgoing: Outgoing, at: number): void {
  const { outbound, mail } = context.store;
  if (recipient.id === sender.id || !outbound.claimAutomaticReply(recipient.id, outgoing.from.address, at)) return;
  const setting = outbound.getAutomaticReplies(recipient.id);
  const internal = recipient.tenantId === sender.tenantId;
  const message = internal ? setting.internalReplyMessage : setting.externalAudience === 'all' ? setting.externalReplyMessage : '';
  if (!message || mail.getMailboxStatus(sender.id) !== 'enabled') return;
  mail.deliverMessage(sender.id, {
    folder: 'inbox',
    from: { name: recipient.displayName, address: recipient.mail ?? recipient.userPrincipalName },
    to: [outgoing.from],
    subject: `Automatic reply: ${outgoing.subject}`,
    body: message,
    bodyContentType: 'html',
    internetMessageId: newInternetMessageId(recipient),
    inReplyToHeader: outgoing.internetMessageId,
    internetMessageHeaders: [{ name: 'X-Auto-Response-Suppress', value: 'All' }],
    isRead: false,
  });
}
