import { createHash } from 'node:crypto';
import { decodeMessageId, immutableMessageId, messageId } from '../../mail/mail-ids.js';
import { htmlToText, preview, seededBodyText, textToHtml } from '../../mail/mail-content.js';
import { attachmentViews } from './mail-attachments.js';
import type { EmailAddress } from './mail-records.js';
import type { MessageView } from './mail-store.js';
import { IMPORTANCE, type Mailbox, type MessageRecord } from './mailbox-model.js';

export function internetMessageId(mailbox: Mailbox, record: MessageRecord): string {
  if (record.internetMessageId) return record.internetMessageId;
  const domain = record.from.address.split('@')[1] ?? 'example.com';
  return `<${mailbox.tag.toString('hex', 0, 4).toUpperCase()}${record.key.toString(16).toUpperCase().padStart(8, '0')}@${domain}>`;
}

/** The record by regular or immutable id; undefined when unknown or a regular id made stale by a move. */
export function findRecord(mailbox: Mailbox, id: string): MessageRecord | undefined {
  const decoded = decodeMessageId(mailbox.tag, id);
  if (!decoded) return undefined;
  const record = mailbox.messages[decoded.key];
  if (!record || (decoded.generation !== null && decoded.generation !== record.generation)) return undefined;
  return record;
}

export function requireRecord(mailbox: Mailbox, id: string): MessageRecord {
  const record = findRecord(mailbox, id);
  if (!record) throw new TypeError(`no message ${id}`);
  return record;
}

export function messageView(mailbox: Mailbox, record: MessageRecord): MessageView {
  const folder = mailbox.folders[record.folder]!;
  const messageInternetId = internetMessageId(mailbox, record);
  const sender = record.from;
  const bodyText = (): string => {
    if (record.body === null) {
      const greeting = (record.to[0]?.name ?? 'there').split(' ')[0]!;
      return seededBodyText(mailbox.contentSeed, record.key, greeting, sender.name);
    }
    return record.bodyType === 'text' ? record.body : htmlToText(record.body);
  };
  const conversationTag = createHash('sha256').update(mailbox.tag).update(String(record.conversation)).digest();
  const conversationIndex = Buffer.concat([
    Buffer.from([0x01]),
    conversationTag.subarray(0, 21),
    ...Array.from({ length: record.threadPos }, (_, i) => conversationTag.subarray(21 + (i % 2) * 5, 26 + (i % 2) * 5)),
  ]);
  const changeKeyBytes = Buffer.alloc(12);
  mailbox.tag.copy(changeKeyBytes, 0, 0, 4);
  changeKeyBytes.writeUInt32BE(record.key, 4);
  changeKeyBytes.writeUInt32BE(record.version, 8);
  return {
    key: record.key,
    id: messageId(mailbox.tag, record.key, record.generation),
    immutableId: immutableMessageId(mailbox.tag, record.key),
    parentFolderId: folder.id,
    createdDateTime: record.received,
    lastModifiedDateTime: record.modified,
    receivedDateTime: record.received,
    sentDateTime: record.sent ?? record.received - 1000 * (1 + (record.key % 50)),
    changeKey: `CQAAABYAAA${changeKeyBytes.toString('base64')}`,
    subject: record.subject,
    importance: IMPORTANCE[record.importance]!,
    conversationId: `AAQkAG${Buffer.concat([mailbox.tag, conversationTag.subarray(0, 8)]).toString('base64url')}`,
    conversationIndex: conversationIndex.toString('base64'),
    internetMessageId: messageInternetId,
    isRead: record.isRead,
    isDraft: record.isDraft,
    hasAttachments: record.hasAttachments,
    from: sender,
    sender,
    toRecipients: record.to,
    ccRecipients: record.cc,
    bccRecipients: record.bcc,
    replyTo: record.replyTo,
    body: (contentType) => {
      if (record.body !== null && record.bodyType === contentType) return { contentType, content: record.body };
      const text = bodyText();
      return { contentType, content: contentType === 'text' ? text : textToHtml(text) };
    },
    bodyContentType: record.body === null ? 'html' : record.bodyType,
    attachments: () => attachmentViews(mailbox, record),
    bodyPreview: () => preview(bodyText()),
    internetMessageHeaders: () => {
      const parent = record.inReplyTo >= 0 ? mailbox.messages[record.inReplyTo] : undefined;
      const parentId = parent ? internetMessageId(mailbox, parent) : record.inReplyToHeader ?? undefined;
      const format = (a: EmailAddress) => `${a.name} <${a.address}>`;
      return [
        { name: 'Message-ID', value: messageInternetId },
        ...(parentId ? [{ name: 'In-Reply-To', value: parentId }, { name: 'References', value: parentId }] : []),
        { name: 'Date', value: new Date(record.received).toUTCString() },
        { name: 'From', value: format(sender) },
        { name: 'To', value: record.to.map(format).join(', ') },
        ...(record.cc.length > 0 ? [{ name: 'Cc', value: record.cc.map(format).join(', ') }] : []),
        { name: 'Subject', value: record.subject },
        { name: 'MIME-Version', value: '1.0' },
        { name: 'Content-Type', value: 'text/html; charset="utf-8"' },
        ...(record.customHeaders ?? []),
      ];
    },
  };
}
