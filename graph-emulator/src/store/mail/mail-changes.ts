import { immutableMessageId, messageId } from '../../mail/mail-ids.js';
import { requireFolder } from './mail-folders.js';
import type { ChangesPage, DeltaChange, FolderWalkPage, MessageView } from './mail-store.js';
import { lowerBound } from '../../common/lower-bound.js';
import { nextEpoch, type LogEntry, type Mailbox } from './mailbox-model.js';
import { messageView } from './message-view.js';

function firstSeqAfter(log: LogEntry[], seq: number): number {
  let lo = 0;
  let hi = log.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (log[mid]!.seq <= seq) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A delta round's first pass: the folder's current messages with a key above `afterKey`, in key order. */
export function walkFolder(mailbox: Mailbox, folderIdOrName: string, afterKey: number, limit: number, receivedSince?: number): FolderWalkPage {
  const { keys } = requireFolder(mailbox, folderIdOrName);
  const items: MessageView[] = [];
  let index = lowerBound(keys, afterKey + 1);
  let lastKey = afterKey;
  for (; index < keys.length && items.length < limit; index += 1) {
    const record = mailbox.messages[keys[index]!]!;
    lastKey = record.key;
    if (receivedSince !== undefined && record.received < receivedSince) continue;
    items.push(messageView(mailbox, record));
  }
  return { items, lastKey, done: index >= keys.length };
}

/** Changes of the folder with a sequence in (afterSeq, upToSeq], latest state per message. */
export function folderChanges(mailbox: Mailbox, folderIdOrName: string, afterSeq: number, upToSeq: number, limit: number, receivedSince?: number): ChangesPage {
  const folder = requireFolder(mailbox, folderIdOrName);
  const changes: DeltaChange[] = [];
  const seen = new Set<number>();
  let index = firstSeqAfter(folder.log, afterSeq);
  let lastSeq = afterSeq;
  for (; index < folder.log.length && changes.length < limit; index += 1) {
    const entry = folder.log[index]!;
    if (entry.seq > upToSeq) break;
    lastSeq = entry.seq;
    if (seen.has(entry.key)) continue;
    const record = mailbox.messages[entry.key];
    const here = record !== undefined && record.folder === folder.no;
    if (entry.removed) {
      // Moved back in later within this round: the later entry reports it.
      if (here && record.lastSeq > entry.seq && record.lastSeq <= upToSeq) continue;
      seen.add(entry.key);
      changes.push({ kind: 'removed', id: messageId(mailbox.tag, entry.key, entry.generation), immutableId: immutableMessageId(mailbox.tag, entry.key) });
    } else {
      // Left the folder later (a removal entry follows) or changed again later within this round: skip this one.
      if (!here || (record.lastSeq !== entry.seq && record.lastSeq <= upToSeq)) continue;
      seen.add(entry.key);
      if (receivedSince !== undefined && record.received < receivedSince) continue;
      changes.push({ kind: 'upsert', message: messageView(mailbox, record), enteredSeq: record.enteredSeq ?? 0 });
    }
  }
  const done = index >= folder.log.length || folder.log[index]!.seq > upToSeq;
  return { changes, lastSeq, done };
}

/** Bumps the token epoch of one folder or of every folder of these mailboxes. Returns folders touched. */
export function invalidateDeltaTokens(mailboxes: Mailbox[], folder?: string): number {
  let touched = 0;
  for (const mailbox of mailboxes) {
    const folders = folder ? [requireFolder(mailbox, folder)] : mailbox.folders;
    for (const each of folders) {
      each.epoch = nextEpoch();
      touched += 1;
    }
  }
  return touched;
}
