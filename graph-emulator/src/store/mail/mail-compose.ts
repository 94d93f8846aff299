import type { MailChangeEmitter } from './mail-change-emitter.js';
import { moveMessage, recordUpdated } from './mail-messages.js';
import type { DraftPatch } from './mail-records.js';
import type { MessageView } from './mail-store.js';
import { IMPORTANCE, type Mailbox } from './mailbox-model.js';
import { internetMessageId, messageView, requireRecord } from './message-view.js';

/** Changes the content of a draft (Graph lets subject, body and recipients change only while `isDraft`). */
export function updateDraft(mailbox: Mailbox, id: string, patch: DraftPatch, changes: MailChangeEmitter): MessageView {
  const record = requireRecord(mailbox, id);
  if (!record.isDraft) throw new TypeError('only a draft can change its content');
  const importance = patch.importance === undefined ? record.importance : IMPORTANCE.indexOf(patch.importance);
  if (importance < 0) throw new TypeError('importance must be low, normal or high');
  if (patch.subject !== undefined) record.subject = patch.subject;
  if (patch.body !== undefined) {
    record.body = patch.body.content;
    record.bodyType = patch.body.contentType;
  }
  if (patch.to !== undefined) record.to = patch.to;
  if (patch.cc !== undefined) record.cc = patch.cc;
  if (patch.bcc !== undefined) record.bcc = patch.bcc;
  if (patch.replyTo !== undefined) record.replyTo = patch.replyTo;
  if (patch.from !== undefined) record.from = patch.from;
  record.importance = importance;
  return recordUpdated(mailbox, record, changes);
}

/**
 * A draft once sent: no longer a draft, read, sent and received now, in Sent Items (a move, so its regular id
 * changes and delta and notifications see it leave Drafts).
 */
export function markSent(mailbox: Mailbox, id: string, at: number, changes: MailChangeEmitter): MessageView {
  const record = requireRecord(mailbox, id);
  if (!record.isDraft) throw new TypeError('only a draft can be sent');
  record.internetMessageId = internetMessageId(mailbox, record);
  record.isDraft = false;
  record.sent = at;
  record.received = at;
  if (!record.isRead) {
    mailbox.folders[record.folder]!.unread -= 1;
    record.isRead = true;
  }
  return moveMessage(mailbox, id, 'sentitems', changes);
}

/** The newest message with this `internetMessageId` (what threads mail arriving from another mailbox). */
export function findByInternetMessageId(mailbox: Mailbox, value: string): MessageView | undefined {
  for (let key = mailbox.messages.length - 1; key >= 0; key -= 1) {
    const record = mailbox.messages[key];
    if (record && mailbox.folders[record.folder]!.no !== 0 && internetMessageId(mailbox, record) === value) return messageView(mailbox, record);
  }
  return undefined;
}
