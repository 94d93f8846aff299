import { seededSubject } from '../../mail/mail-content.js';
import { prng } from '../../mail/prng.js';
import { DEMO_DIRECTORY } from '../../seed/demo-directory.js';
import { checkNumber } from '../check-number.js';
import type { UserRecord } from '../emulator-records.js';
import { emailAddress } from './email-address.js';
import { attachmentRecords, hasFileAttachments } from './mail-attachments.js';
import { addFolder, findChild, folderRecords } from './mail-folders.js';
import type { EmailAddress, MailboxContent, SeedMailboxInput, SeedMailboxResult } from './mail-records.js';
import { IMPORTANCE, lower, MessageRecord, type Folder, type Mailbox } from './mailbox-model.js';

const CUSTOM_FOLDER_NAMES = ['Projects', 'Clients', 'Partners', 'Suppliers', 'Finance', 'Events', 'Recruiting', 'Legal', 'Travel', 'Newsletters'];
const NESTED_FOLDER_NAMES = ['Important', 'Follow-up', 'Contracts', 'Invoices', 'Team'];

/**
 * Synthetic mail in bulk (bodies are generated when read). `open` gives the mailbox to fill once the input is
 * checked: a fresh one, or the existing one when `replace` is false.
 */
export function seedMailbox(user: UserRecord, input: SeedMailboxInput, open: (contentSeed: number) => Mailbox): SeedMailboxResult {
  const started = performance.now();
  const count = Math.floor(checkNumber('messages', input.messages, 0, 2_000_000));
  const seed = input.seed ?? 1;
  const random = prng(seed);
  const threadRatio = checkNumber('threadRatio', input.threadRatio ?? 0.3, 0, 1);
  const sentRatio = checkNumber('sentRatio', input.sentRatio ?? 0.2, 0, 1);
  const readRatio = checkNumber('readRatio', input.readRatio ?? 0.7, 0, 1);
  const spanMs = checkNumber('spanDays', input.spanDays ?? 365, 0) * 86_400_000;
  const until = input.until ? Date.parse(input.until) : Date.now();
  if (Number.isNaN(until)) throw new TypeError('until must be an ISO date');

  const mailbox = open(seed);
  const customNames = Array.isArray(input.folders)
    ? input.folders
    : CUSTOM_FOLDER_NAMES.slice(0, Math.floor(checkNumber('folders', input.folders ?? 2, 0, CUSTOM_FOLDER_NAMES.length)));
  const custom = customNames.map((name) => findChild(mailbox, 0, name) ?? addFolder(mailbox, name, 0));
  const nestedCount = Math.floor(checkNumber('nestedFolders', input.nestedFolders ?? 1, 0, NESTED_FOLDER_NAMES.length));
  const nestedParent = custom[0] ?? mailbox.byWellKnown.get('inbox')!;
  const nested = NESTED_FOLDER_NAMES.slice(0, nestedCount).map(
    (name) => findChild(mailbox, nestedParent.no, name) ?? addFolder(mailbox, name, nestedParent.no),
  );
  const inbox = mailbox.byWellKnown.get('inbox')!;
  const sentItems = mailbox.byWellKnown.get('sentitems')!;
  const others = [mailbox.byWellKnown.get('archive')!, ...custom, ...nested];

  const correspondents = (input.correspondents ?? DEMO_DIRECTORY.people.map((p) => p.email))
    .map((value) => emailAddress(value))
    .filter((address) => lower(address.address) !== lower(mailbox.address.address));
  if (correspondents.length === 0) throw new TypeError('correspondents must name at least one address other than the user');
  const single = correspondents.map((address) => [address]);
  const toUser = [mailbox.address];
  const none: EmailAddress[] = [];

  interface OpenConversation { no: number; subject: string; who: number; pos: number; lastKey: number }
  const openConversations: OpenConversation[] = [];
  const start = until - spanMs;
  for (let i = 0; i < count; i += 1) {
    const key = mailbox.messages.length;
    const received = Math.floor(start + (spanMs * (i + 1)) / Math.max(count, 1));
    const sent = random() < sentRatio;
    let conversation: OpenConversation;
    let subject: string;
    let inReplyTo = -1;
    if (openConversations.length > 0 && random() < threadRatio) {
      conversation = openConversations[Math.floor(random() * openConversations.length)]!;
      conversation.pos += 1;
      inReplyTo = conversation.lastKey;
      subject = `RE: ${conversation.subject}`;
    } else {
      conversation = { no: mailbox.conversations++, subject: seededSubject(random), who: Math.floor(random() * correspondents.length), pos: 0, lastKey: key };
      subject = conversation.subject;
      openConversations.push(conversation);
      if (openConversations.length > 40) openConversations.shift();
    }
    conversation.lastKey = key;
    const who = conversation.who;
    const ccRoll = random();
    const cc = ccRoll < 0.2 && correspondents.length > 1 ? [correspondents[(who + 1 + Math.floor(ccRoll * 97)) % correspondents.length]!] : none;
    const folder = sent ? sentItems : random() < 0.5 ? inbox : others[Math.floor(random() * others.length)] ?? inbox;
    const isRead = sent || random() < readRatio;
    const record = new MessageRecord(
      key, folder.no, received, received, subject, conversation.no, conversation.pos, inReplyTo,
      sent ? mailbox.address : correspondents[who]!, sent ? single[who]! : toUser, cc, none, none,
      isRead, false, random() < 0.1, random() < 0.05 ? 2 : 1,
    );
    mailbox.messages.push(record);
    folder.keys.push(key);
    if (!isRead) folder.unread += 1;
  }
  return {
    user: user.userPrincipalName,
    messages: count,
    conversations: mailbox.conversations,
    folders: folderRecords(mailbox),
    elapsedMs: Math.round(performance.now() - started),
  };
}

/** Fills a fresh mailbox with exactly `content` (what the demo mail generator makes). */
export function loadMailbox(mailbox: Mailbox, content: MailboxContent, started: number): SeedMailboxResult {
  const folderAt = (path: string[]): Folder => {
    if (!Array.isArray(path) || path.length === 0) throw new TypeError('a folder path needs at least one name');
    let folder = mailbox.byWellKnown.get(lower(path[0]!)) ?? findChild(mailbox, 0, path[0]!) ?? addFolder(mailbox, path[0]!, 0);
    for (const name of path.slice(1)) folder = findChild(mailbox, folder.no, name) ?? addFolder(mailbox, name, folder.no);
    return folder;
  };
  content.folders.forEach(folderAt);
  const keys: number[] = [];
  const conversations = new Map<number, number>();
  content.messages.forEach((message, index) => {
    const parentIndex = message.inReplyTo;
    if (parentIndex !== null && !(Number.isInteger(parentIndex) && parentIndex >= 0 && parentIndex < index)) {
      throw new TypeError(`message ${index} answers ${String(parentIndex)}, which is not an earlier message`);
    }
    const received = Date.parse(message.receivedDateTime);
    if (Number.isNaN(received)) throw new TypeError(`message ${index} needs an ISO receivedDateTime`);
    const importance = IMPORTANCE.indexOf(message.importance);
    if (importance < 0) throw new TypeError(`message ${index}: importance must be low, normal or high`);
    const folder = folderAt(message.folder);
    const parent = parentIndex === null ? undefined : mailbox.messages[keys[parentIndex]!]!;
    let conversation = conversations.get(message.thread);
    if (conversation === undefined) {
      conversation = mailbox.conversations++;
      conversations.set(message.thread, conversation);
    }
    const attachments = message.attachments === undefined ? null : attachmentRecords(message.attachments, received);
    if (attachments && hasFileAttachments(attachments) !== message.hasAttachments) throw new TypeError(`message ${index}: hasAttachments must follow its attachments`);
    const key = mailbox.messages.length;
    const record = new MessageRecord(
      key, folder.no, received, received, message.subject, conversation, parent ? parent.threadPos + 1 : 0, parent ? parent.key : -1,
      emailAddress(message.from), message.to.map(emailAddress), message.cc.map(emailAddress), [], [],
      message.isRead, false, message.hasAttachments, importance,
    );
    record.body = message.body;
    record.bodyType = 'text';
    record.attachments = attachments;
    record.internetMessageId = message.internetMessageId;
    mailbox.messages.push(record);
    keys.push(key);
    folder.keys.push(key);
    if (!record.isRead) folder.unread += 1;
  });
  return {
    user: mailbox.user.userPrincipalName,
    messages: content.messages.length,
    conversations: mailbox.conversations,
    folders: folderRecords(mailbox),
    elapsedMs: Math.round(performance.now() - started),
  };
}
