import { attachmentViews, contentTypeFor, hasFileAttachments } from './mail-attachments.js';
import type { MailChangeEmitter } from './mail-change-emitter.js';
import { recordUpdated } from './mail-messages.js';
import type { AttachedFile } from './mail-records.js';
import type { AttachmentView, MessageView } from './mail-store.js';
import type { AttachmentRecord, Mailbox, MessageRecord } from './mailbox-model.js';
import { requireRecord } from './message-view.js';

/** The message's attachments as stored records (a seeded message's generated one made real first). */
function storedAttachments(mailbox: Mailbox, record: MessageRecord): AttachmentRecord[] {
  if (record.attachments) return record.attachments;
  return attachmentViews(mailbox, record).map((view, no) => recordOf(view, no));
}

export function recordOf(file: AttachedFile | AttachmentView, no: number, now = Date.now()): AttachmentRecord {
  return {
    no,
    name: file.name,
    contentType: file.contentType ?? contentTypeFor(file.name),
    isInline: file.isInline ?? false,
    contentId: file.contentId ?? null,
    lastModified: 'lastModifiedDateTime' in file ? file.lastModifiedDateTime : now,
    bytes: file.bytes,
  };
}

function changed(mailbox: Mailbox, record: MessageRecord, changes: MailChangeEmitter): MessageView {
  record.hasAttachments = hasFileAttachments(record.attachments ?? []);
  return recordUpdated(mailbox, record, changes);
}

/** Attaches a file (its changeKey moves, as Graph's does); returns the new attachment. */
export function addAttachment(mailbox: Mailbox, id: string, file: AttachedFile, changes: MailChangeEmitter): AttachmentView {
  const record = requireRecord(mailbox, id);
  const attachments = storedAttachments(mailbox, record);
  const no = attachments.reduce((max, attachment) => Math.max(max, attachment.no + 1), 0);
  record.attachments = [...attachments, recordOf(file, no)];
  return changed(mailbox, record, changes).attachments().at(-1)!;
}

/** Removes one attachment; false when the message has none with that id. */
export function removeAttachment(mailbox: Mailbox, id: string, attachmentId: string, changes: MailChangeEmitter): boolean {
  const record = requireRecord(mailbox, id);
  const views = attachmentViews(mailbox, record);
  const index = views.findIndex((view) => view.id === attachmentId);
  if (index < 0) return false;
  record.attachments = storedAttachments(mailbox, record).filter((_, at) => at !== index);
  changed(mailbox, record, changes);
  return true;
}
