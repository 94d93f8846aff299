import { DEMO_DIRECTORY } from '../../seed/demo-directory.js';
import { messageJson } from '../../mail/message-shape.js';
import { emailAddress } from './email-address.js';
import { attachmentRecords, hasFileAttachments } from './mail-attachments.js';
import { recordOf } from './mail-draft-attachments.js';
import type { MailChangeEmitter } from './mail-change-emitter.js';
import { findFolder, requireFolder } from './mail-folders.js';
import type { DeliveredMessage, EmailAddress, MessageSummary, NewMessageInput } from './mail-records.js';
import type { MessageView } from './mail-store.js';
import { lowerBound } from '../../common/lower-bound.js';
import { IMPORTANCE, MessageRecord, type Folder, type Mailbox } from './mailbox-model.js';
import { messageView, requireRecord } from './message-view.js';

function insertKey(folder: Folder, key: number): void {
  const at = lowerBound(folder.keys, key);
  if (folder.keys[at] !== key) folder.keys.splice(at, 0, key);
}

function removeKey(folder: Folder, key: number): void {
  const at = lowerBound(folder.keys, key);
  if (folder.keys[at] === key) folder.keys.splice(at, 1);
}

/** One entry in the folder's change log, which delta reads. */
function logChange(mailbox: Mailbox, folder: Folder, record: MessageRecord, removed: boolean): void {
  mailbox.seq += 1;
  folder.log.push({ seq: mailbox.seq, key: record.key, generation: record.generation, removed });
  if (!removed) record.lastSeq = mailbox.seq;
}

/** Newest first. */
export function listFolderMessages(mailbox: Mailbox, folder: string, skip: number, top: number): { items: MessageView[]; total: number } {
  const { keys } = requireFolder(mailbox, folder);
  const items: MessageView[] = [];
  for (let index = keys.length - 1 - skip; index >= 0 && items.length < top; index -= 1) {
    items.push(messageView(mailbox, mailbox.messages[keys[index]!]!));
  }
  return { items, total: keys.length };
}

export function listMessages(mailbox: Mailbox, folder?: string): MessageView[] {
  if (folder !== undefined) {
    const { keys } = requireFolder(mailbox, folder);
    return keys.map((key) => messageView(mailbox, mailbox.messages[key]!)).reverse();
  }
  const views: MessageView[] = [];
  for (let key = mailbox.messages.length - 1; key >= 0; key -= 1) {
    const record = mailbox.messages[key];
    if (record && mailbox.folders[record.folder]!.no !== 0) views.push(messageView(mailbox, record));
  }
  return views;
}

export function listMessageSummaries(mailbox: Mailbox, options: { folder?: string; skip?: number; top?: number }): MessageSummary[] {
  const skip = options.skip ?? 0;
  const top = options.top ?? 100;
  const records = options.folder
    ? requireFolder(mailbox, options.folder).keys.map((key) => mailbox.messages[key]!)
    : mailbox.messages.filter((record): record is MessageRecord => record !== undefined);
  return records
    .slice()
    .reverse()
    .slice(skip, skip + top)
    .map((record) => {
      const view = messageView(mailbox, record);
      const folder = mailbox.folders[record.folder]!;
      return {
        id: view.id,
        immutableId: view.immutableId,
        subject: view.subject,
        parentFolderId: folder.id,
        folder: folder.wellKnownName ?? folder.displayName,
        conversationId: view.conversationId,
        internetMessageId: view.internetMessageId,
        isRead: view.isRead,
        receivedDateTime: new Date(view.receivedDateTime).toISOString(),
        from: view.from,
      };
    });
}

export function deliverMessage(mailbox: Mailbox, input: NewMessageInput, changes: MailChangeEmitter): DeliveredMessage {
  const folder = requireFolder(mailbox, input.folder ?? 'inbox');
  const outgoing = folder.wellKnownName === 'sentitems' || folder.wellKnownName === 'drafts' || folder.wellKnownName === 'outbox';
  const list = (values: (string | EmailAddress)[] | undefined, fallback: EmailAddress[]): EmailAddress[] => {
    if (values === undefined) return fallback;
    if (!Array.isArray(values)) throw new TypeError('recipients must be an array');
    return values.map((value) => emailAddress(value));
  };
  const parent = input.inReplyTo ? requireRecord(mailbox, input.inReplyTo) : undefined;
  const from = input.from !== undefined ? emailAddress(input.from) : outgoing ? mailbox.address : parent && parent.from !== mailbox.address ? parent.from : emailAddress(DEMO_DIRECTORY.people[1]!.email);
  const to = list(input.to, outgoing ? (parent ? [parent.from] : []) : [mailbox.address]);
  const copied = (input.cc ?? []).length + (input.bcc ?? []).length;
  if (outgoing && to.length === 0 && copied === 0 && !input.isDraft && folder.wellKnownName !== 'drafts') throw new TypeError('sent mail needs to');
  const now = Date.now();
  const received = input.receivedDateTime ? Date.parse(input.receivedDateTime) : now;
  if (Number.isNaN(received)) throw new TypeError('receivedDateTime must be an ISO date');
  const baseSubject = parent ? parent.subject.replace(/^(re|fw|fwd):\s*/i, '') : undefined;
  const subject = input.subject ?? (baseSubject !== undefined ? `RE: ${baseSubject}` : '(no subject)');
  const importance = IMPORTANCE.indexOf(input.importance ?? 'normal');
  if (importance < 0) throw new TypeError('importance must be low, normal or high');
  const attachments = input.copiedAttachments
    ? input.copiedAttachments.map((file, no) => recordOf(file, no, now))
    : input.attachments === undefined ? null : attachmentRecords(input.attachments, now);
  const hasAttachments = attachments ? hasFileAttachments(attachments) : input.hasAttachments ?? false;
  if (input.hasAttachments !== undefined && typeof input.hasAttachments !== 'boolean') throw new TypeError('hasAttachments must be a boolean');
  if (attachments && input.hasAttachments !== undefined && input.hasAttachments !== hasAttachments) {
    throw new TypeError(`hasAttachments follows the attachments: ${hasAttachments} for these (inline ones do not count, as in Graph)`);
  }
  const key = mailbox.messages.length;
  const isRead = input.isRead ?? outgoing;
  const record = new MessageRecord(
    key, folder.no, received, now, subject,
    parent ? parent.conversation : mailbox.conversations++, parent ? parent.threadPos + 1 : 0, parent ? parent.key : -1,
    from, to, list(input.cc, []), list(input.bcc, []), list(input.replyTo, []),
    isRead, input.isDraft ?? folder.wellKnownName === 'drafts', hasAttachments, importance,
  );
  record.attachments = attachments;
  if (input.body !== undefined) {
    if (typeof input.body !== 'string') throw new TypeError('body must be a string');
    record.body = input.body;
    record.bodyType = input.bodyContentType ?? (/<[a-z][\s\S]*>/i.test(input.body) ? 'html' : 'text');
  }
  if (input.internetMessageId) record.internetMessageId = input.internetMessageId;
  if (input.inReplyToHeader) record.inReplyToHeader = input.inReplyToHeader;
  if (input.internetMessageHeaders?.length) record.customHeaders = input.internetMessageHeaders;
  if (input.sentDateTime !== undefined) record.sent = Date.parse(input.sentDateTime);
  mailbox.messages.push(record);
  insertKey(folder, key);
  if (!isRead) folder.unread += 1;
  logChange(mailbox, folder, record, false);
  record.enteredSeq = record.lastSeq;
  const view = messageView(mailbox, record);
  changes.emit(mailbox, 'created', view, now);
  return {
    message: messageJson(view, { immutableIds: false, bodyContentType: 'html' }),
    id: view.id,
    immutableId: view.immutableId,
    acceptedAt: new Date(now).toISOString(),
  };
}

/** A message changed in place: its changeKey moves, its folder's change log and listeners hear of it. */
export function recordUpdated(mailbox: Mailbox, record: MessageRecord, changes: MailChangeEmitter): MessageView {
  record.version += 1;
  record.modified = Date.now();
  logChange(mailbox, mailbox.folders[record.folder]!, record, false);
  const view = messageView(mailbox, record);
  changes.emit(mailbox, 'updated', view, record.modified);
  return view;
}

export function setRead(mailbox: Mailbox, id: string, isRead: boolean, changes: MailChangeEmitter): MessageView {
  const record = requireRecord(mailbox, id);
  if (record.isRead !== isRead) {
    const folder = mailbox.folders[record.folder]!;
    folder.unread += isRead ? -1 : 1;
    record.isRead = isRead;
  }
  return recordUpdated(mailbox, record, changes);
}

export function moveMessage(mailbox: Mailbox, id: string, destination: string, changes: MailChangeEmitter): MessageView {
  const record = requireRecord(mailbox, id);
  const target = findFolder(mailbox, destination);
  if (!target || target.no === 0) throw new TypeError(`no folder ${destination}`);
  const source = mailbox.folders[record.folder]!;
  const before = changes.listening ? messageView(mailbox, record) : undefined;
  if (target !== source) {
    logChange(mailbox, source, record, true);
    removeKey(source, record.key);
    if (!record.isRead) source.unread -= 1;
    record.generation += 1;
    record.folder = target.no;
    insertKey(target, record.key);
    if (!record.isRead) target.unread += 1;
  }
  record.version += 1;
  record.modified = Date.now();
  logChange(mailbox, target, record, false);
  if (target !== source) record.enteredSeq = record.lastSeq;
  const view = messageView(mailbox, record);
  if (before && target !== source) {
    changes.emit(mailbox, 'deleted', before, record.modified);
    changes.emit(mailbox, 'created', view, record.modified);
  } else if (before) {
    changes.emit(mailbox, 'updated', view, record.modified);
  }
  return view;
}

export function deleteMessage(mailbox: Mailbox, id: string, permanent: boolean, changes: MailChangeEmitter): void {
  const record = requireRecord(mailbox, id);
  const folder = mailbox.folders[record.folder]!;
  if (!permanent && folder.wellKnownName !== 'deleteditems') {
    moveMessage(mailbox, id, 'deleteditems', changes);
    return;
  }
  const before = changes.listening ? messageView(mailbox, record) : undefined;
  logChange(mailbox, folder, record, true);
  removeKey(folder, record.key);
  if (!record.isRead) folder.unread -= 1;
  mailbox.messages[record.key] = undefined;
  if (before) changes.emit(mailbox, 'deleted', before, Date.now());
}
