import { createHash, randomBytes } from 'node:crypto';
import { DEMO_DIRECTORY } from '../seed/demo-directory.js';
import { decodeMessageId, folderId, immutableMessageId, mailboxTag, messageId } from '../mail/mail-ids.js';
import { htmlToText, preview, seededBodyText, seededSubject, textToHtml } from '../mail/mail-content.js';
import { messageJson } from '../mail/message-shape.js';
import { prng } from '../mail/prng.js';
import type { UserRecord } from './emulator-records.js';
import {
  WELL_KNOWN_FOLDERS,
  type DeliveredMessage,
  type EmailAddress,
  type MailboxContent,
  type MailboxStatus,
  type MailFolderRecord,
  type MailSettings,
  type MailSettingsPatch,
  type MessageSummary,
  type NewMessageInput,
  type RequestCounter,
  type SeedMailboxInput,
  type SeedMailboxResult,
  type WellKnownFolderName,
} from './mail-records.js';
import type { Admission, ChangesPage, DeltaChange, DeltaTokenScope, FolderWalkPage, MailChangeEvent, MailChangeListener, MailStore, MessageView } from './mail-store.js';

export const DEFAULT_MAIL_SETTINGS: Readonly<MailSettings> = Object.freeze({
  throttling: Object.freeze({
    enabled: true,
    requestsPerWindow: 10_000,
    windowSeconds: 600,
    concurrentRequests: 4,
    concurrencyRetryAfterSeconds: 1,
    batchConcurrency: 4,
  }),
  faults: Object.freeze({ failureRate: 0, statuses: [429, 500, 502, 503, 504], retryAfterSeconds: 2, latencyMs: 0, seed: null }),
  delta: Object.freeze({ defaultPageSize: 10, maxPageSize: 1000, replayRate: 0 }),
});

const FAULT_STATUSES = [429, 500, 502, 503, 504];
const IMPORTANCE = ['low', 'normal', 'high'] as const;
const CUSTOM_FOLDER_NAMES = ['Projects', 'Clients', 'Partners', 'Suppliers', 'Finance', 'Events', 'Recruiting', 'Legal', 'Travel', 'Newsletters'];
const NESTED_FOLDER_NAMES = ['Important', 'Follow-up', 'Contracts', 'Invoices', 'Team'];

/** Compact message record: recipients are shared objects, bodies of seeded mail are generated when read. */
class MessageRecord {
  generation = 0;
  version = 0;
  lastSeq = 0;
  /** Sequence at which the message came into its current folder (0: seeded); delta's changeType tells created from updated by it. */
  enteredSeq = 0;
  body: string | null = null;
  bodyType: 'html' | 'text' = 'html';
  internetMessageId: string | null = null;
  constructor(
    readonly key: number,
    public folder: number,
    readonly received: number,
    public modified: number,
    readonly subject: string,
    readonly conversation: number,
    readonly threadPos: number,
    readonly inReplyTo: number,
    readonly from: EmailAddress,
    readonly to: EmailAddress[],
    readonly cc: EmailAddress[],
    readonly bcc: EmailAddress[],
    readonly replyTo: EmailAddress[],
    public isRead: boolean,
    readonly isDraft: boolean,
    readonly hasAttachments: boolean,
    readonly importance: number,
  ) {}
}

interface LogEntry {
  seq: number;
  key: number;
  /** The message's regular-id generation while it was in this folder. */
  generation: number;
  removed: boolean;
}

interface Folder {
  no: number;
  id: string;
  displayName: string;
  parent: number;
  wellKnownName: WellKnownFolderName | null;
  children: number[];
  /** Message keys, ascending. */
  keys: number[];
  unread: number;
  epoch: number;
  log: LogEntry[];
}

interface Mailbox {
  user: UserRecord;
  address: EmailAddress;
  tag: Buffer;
  status: MailboxStatus;
  folders: Folder[];
  byId: Map<string, Folder>;
  byWellKnown: Map<string, Folder>;
  messages: (MessageRecord | undefined)[];
  seq: number;
  conversations: number;
  contentSeed: number;
}

interface Ledger {
  ring: Float64Array;
  head: number;
  inFlight: number;
}

const lower = (value: string): string => value.toLowerCase();

function lowerBound(values: number[], target: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid]! < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

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

function titleCase(localPart: string): string {
  return localPart
    .split(/[._-]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join(' ');
}

const DIRECTORY_NAMES = new Map(
  DEMO_DIRECTORY.people.flatMap((p) => [p.email, ...p.additionalEmails].map((email) => [lower(email), `${p.firstName} ${p.lastName}`] as const)),
);

export function emailAddress(value: string | EmailAddress): EmailAddress {
  if (typeof value !== 'string') {
    if (!value || typeof value.address !== 'string' || !value.address.includes('@')) throw new TypeError('an email address needs an address like name@domain');
    return { name: value.name ?? DIRECTORY_NAMES.get(lower(value.address)) ?? titleCase(value.address.split('@')[0]!), address: value.address };
  }
  const match = /^\s*(.*?)\s*<([^>]+)>\s*$/.exec(value);
  const address = (match ? match[2]! : value).trim();
  if (!address.includes('@')) throw new TypeError(`not an email address: ${value}`);
  return { name: match?.[1] || DIRECTORY_NAMES.get(lower(address)) || titleCase(address.split('@')[0]!), address };
}

interface MailStoreState {
  mailboxes: Map<string, Mailbox>;
  settings: MailSettings;
  deltaTokenSecret: Buffer;
}

function checkNumber(name: string, value: unknown, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new TypeError(`${name} must be a number between ${min} and ${max}`);
  }
  return value;
}

export class InMemoryMailStore implements MailStore {
  private mailboxes = new Map<string, Mailbox>();
  deltaTokenSecret: Buffer = randomBytes(32);
  private settings!: MailSettings;
  private ledgers = new Map<string, Ledger>();
  private counters = new Map<string, RequestCounter>();
  private random: () => number = Math.random;
  private changeListeners = new Set<MailChangeListener>();
  /** Never reset, so tokens minted before a reset or a re-seed never match a new folder's epoch. */
  private static epochCounter = 1;

  constructor(private readonly findUser: (idOrUpn: string) => UserRecord | undefined) {
    this.reset();
  }

  reset(): void {
    this.mailboxes.clear();
    this.ledgers.clear();
    this.counters.clear();
    this.settings = structuredClone(DEFAULT_MAIL_SETTINGS) as MailSettings;
    this.random = Math.random;
  }

  /** What a restart keeps: every mailbox (folders, messages, change logs) and the knobs; throttling windows start afresh. */
  exportState(): object {
    const state: MailStoreState = { mailboxes: this.mailboxes, settings: this.settings, deltaTokenSecret: this.deltaTokenSecret };
    return state;
  }

  importState(state: object): void {
    const { mailboxes, settings, deltaTokenSecret } = state as MailStoreState;
    this.reset();
    this.settings = settings;
    this.deltaTokenSecret = deltaTokenSecret;
    if (settings.faults.seed !== null) this.random = prng(settings.faults.seed);
    for (const [userId, mailbox] of mailboxes) {
      this.mailboxes.set(userId, mailbox);
      // Delta tokens name their folder's epoch: new epochs must never repeat a restored one.
      for (const folder of mailbox.folders) InMemoryMailStore.epochCounter = Math.max(InMemoryMailStore.epochCounter, folder.epoch + 1);
    }
  }

  // ---- settings -------------------------------------------------------------------------------------------

  getSettings(): MailSettings {
    return structuredClone(this.settings);
  }

  updateSettings(patch: MailSettingsPatch): MailSettings {
    const next = structuredClone(this.settings);
    const t = patch.throttling ?? {};
    if (t.enabled !== undefined) {
      if (typeof t.enabled !== 'boolean') throw new TypeError('throttling.enabled must be a boolean');
      next.throttling.enabled = t.enabled;
    }
    if (t.requestsPerWindow !== undefined) next.throttling.requestsPerWindow = Math.floor(checkNumber('throttling.requestsPerWindow', t.requestsPerWindow, 1, 10_000_000));
    if (t.windowSeconds !== undefined) next.throttling.windowSeconds = checkNumber('throttling.windowSeconds', t.windowSeconds, 0.001);
    if (t.concurrentRequests !== undefined) next.throttling.concurrentRequests = Math.floor(checkNumber('throttling.concurrentRequests', t.concurrentRequests, 1));
    if (t.concurrencyRetryAfterSeconds !== undefined) next.throttling.concurrencyRetryAfterSeconds = Math.floor(checkNumber('throttling.concurrencyRetryAfterSeconds', t.concurrencyRetryAfterSeconds, 0));
    if (t.batchConcurrency !== undefined) next.throttling.batchConcurrency = Math.floor(checkNumber('throttling.batchConcurrency', t.batchConcurrency, 1, 20));
    const f = patch.faults ?? {};
    if (f.failureRate !== undefined) next.faults.failureRate = checkNumber('faults.failureRate', f.failureRate, 0, 1);
    if (f.statuses !== undefined) {
      if (!Array.isArray(f.statuses) || f.statuses.length === 0 || f.statuses.some((s) => !FAULT_STATUSES.includes(s))) {
        throw new TypeError(`faults.statuses must be a non-empty subset of ${FAULT_STATUSES.join(', ')}`);
      }
      next.faults.statuses = [...f.statuses];
    }
    if (f.retryAfterSeconds !== undefined) next.faults.retryAfterSeconds = Math.floor(checkNumber('faults.retryAfterSeconds', f.retryAfterSeconds, 0));
    if (f.latencyMs !== undefined) next.faults.latencyMs = checkNumber('faults.latencyMs', f.latencyMs, 0, 60_000);
    if (f.seed !== undefined) {
      if (f.seed !== null) checkNumber('faults.seed', f.seed, -(2 ** 31), 2 ** 32);
      next.faults.seed = f.seed;
    }
    const d = patch.delta ?? {};
    if (d.defaultPageSize !== undefined) next.delta.defaultPageSize = Math.floor(checkNumber('delta.defaultPageSize', d.defaultPageSize, 1, 10_000));
    if (d.maxPageSize !== undefined) next.delta.maxPageSize = Math.floor(checkNumber('delta.maxPageSize', d.maxPageSize, 1, 10_000));
    if (d.replayRate !== undefined) next.delta.replayRate = checkNumber('delta.replayRate', d.replayRate, 0, 1);
    this.settings = next;
    // A (re)given seed restarts the draws, so a run is reproducible from the moment the knob is set.
    if (f.seed !== undefined) this.random = f.seed === null ? Math.random : prng(f.seed);
    if (t.requestsPerWindow !== undefined) this.ledgers.forEach((ledger) => this.resizeLedger(ledger));
    return this.getSettings();
  }

  // ---- mailboxes and folders ----------------------------------------------------------------------------

  private user(idOrUpn: string): UserRecord {
    const user = this.findUser(idOrUpn);
    if (!user) throw new TypeError(`no user ${idOrUpn}`);
    return user;
  }

  private mailbox(idOrUpn: string): Mailbox {
    const user = this.user(idOrUpn);
    return this.mailboxes.get(user.id) ?? this.createMailbox(user);
  }

  private createMailbox(user: UserRecord, contentSeed = 1): Mailbox {
    const tag = mailboxTag(user.id);
    const mailbox: Mailbox = {
      user,
      address: { name: user.displayName, address: user.mail ?? user.userPrincipalName },
      tag,
      status: this.mailboxes.get(user.id)?.status ?? 'enabled',
      folders: [],
      byId: new Map(),
      byWellKnown: new Map(),
      messages: [],
      seq: 0,
      conversations: 0,
      contentSeed,
    };
    this.addFolder(mailbox, 'Top of Information Store', -1, 'msgfolderroot');
    for (const [name, displayName] of WELL_KNOWN_FOLDERS) this.addFolder(mailbox, displayName, 0, name);
    this.mailboxes.set(user.id, mailbox);
    return mailbox;
  }

  private addFolder(mailbox: Mailbox, displayName: string, parent: number, wellKnownName: WellKnownFolderName | null = null): Folder {
    const no = mailbox.folders.length;
    const folder: Folder = {
      no,
      id: folderId(mailbox.tag, no),
      displayName,
      parent,
      wellKnownName,
      children: [],
      keys: [],
      unread: 0,
      epoch: InMemoryMailStore.epochCounter++,
      log: [],
    };
    mailbox.folders.push(folder);
    mailbox.byId.set(folder.id, folder);
    if (wellKnownName) mailbox.byWellKnown.set(wellKnownName, folder);
    if (parent >= 0) mailbox.folders[parent]!.children.push(no);
    return folder;
  }

  private folder(mailbox: Mailbox, idOrName: string): Folder {
    const folder = this.findFolder(mailbox, idOrName);
    if (!folder) throw new TypeError(`no folder ${idOrName}`);
    return folder;
  }

  private findFolder(mailbox: Mailbox, idOrName: string): Folder | undefined {
    return mailbox.byId.get(idOrName) ?? mailbox.byWellKnown.get(lower(idOrName));
  }

  private folderRecord(mailbox: Mailbox, folder: Folder): MailFolderRecord {
    return {
      id: folder.id,
      displayName: folder.displayName,
      parentFolderId: folder.parent >= 0 ? mailbox.folders[folder.parent]!.id : folder.id,
      wellKnownName: folder.wellKnownName,
      childFolderCount: folder.children.length,
      totalItemCount: folder.keys.length,
      unreadItemCount: folder.unread,
    };
  }

  getMailboxStatus(user: string): MailboxStatus {
    return this.mailbox(user).status;
  }

  setMailboxStatus(user: string, status: MailboxStatus): MailboxStatus {
    if (!['enabled', 'MailboxNotEnabledForRESTAPI', 'ErrorAccountDisabled'].includes(status)) {
      throw new TypeError('status must be enabled, MailboxNotEnabledForRESTAPI or ErrorAccountDisabled');
    }
    this.mailbox(user).status = status;
    return status;
  }

  listFolders(user: string, parent: string | null): MailFolderRecord[] {
    const mailbox = this.mailbox(user);
    const parentFolder = parent === null ? mailbox.folders[0]! : this.folder(mailbox, parent);
    return parentFolder.children.map((no) => this.folderRecord(mailbox, mailbox.folders[no]!));
  }

  getFolder(user: string, idOrWellKnownName: string): MailFolderRecord | undefined {
    const mailbox = this.mailbox(user);
    const folder = this.findFolder(mailbox, idOrWellKnownName);
    return folder && this.folderRecord(mailbox, folder);
  }

  localizeDefaultFolders(user: string, names: Partial<Record<WellKnownFolderName, string>>): MailFolderRecord[] {
    const mailbox = this.mailbox(user);
    const changes = Object.entries(names).map(([wellKnownName, displayName]) => {
      const folder = mailbox.byWellKnown.get(lower(wellKnownName));
      if (!folder || wellKnownName === 'msgfolderroot') throw new TypeError(`${wellKnownName} is not a well-known folder`);
      if (typeof displayName !== 'string' || displayName.trim() === '') throw new TypeError('a folder needs a displayName');
      return { folder, displayName };
    });
    for (const { folder, displayName } of changes) folder.displayName = displayName;
    return changes.map(({ folder }) => this.folderRecord(mailbox, folder));
  }

  createFolder(user: string, displayName: string, parent: string | null = null): MailFolderRecord {
    if (typeof displayName !== 'string' || displayName.trim() === '') throw new TypeError('a folder needs a displayName');
    const mailbox = this.mailbox(user);
    const parentFolder = parent === null ? mailbox.folders[0]! : this.folder(mailbox, parent);
    if (parentFolder.children.some((no) => lower(mailbox.folders[no]!.displayName) === lower(displayName))) {
      throw new TypeError(`a folder named ${displayName} already exists there`);
    }
    return this.folderRecord(mailbox, this.addFolder(mailbox, displayName, parentFolder.no));
  }

  // ---- seeding ------------------------------------------------------------------------------------------

  seedMailbox(input: SeedMailboxInput): SeedMailboxResult {
    const started = performance.now();
    const user = this.user(input.user);
    const count = Math.floor(checkNumber('messages', input.messages, 0, 2_000_000));
    const seed = input.seed ?? 1;
    const random = prng(seed);
    const threadRatio = checkNumber('threadRatio', input.threadRatio ?? 0.3, 0, 1);
    const sentRatio = checkNumber('sentRatio', input.sentRatio ?? 0.2, 0, 1);
    const readRatio = checkNumber('readRatio', input.readRatio ?? 0.7, 0, 1);
    const spanMs = checkNumber('spanDays', input.spanDays ?? 365, 0) * 86_400_000;
    const until = input.until ? Date.parse(input.until) : Date.now();
    if (Number.isNaN(until)) throw new TypeError('until must be an ISO date');

    const existing = this.mailboxes.get(user.id);
    const mailbox = input.replace === false && existing ? existing : this.createMailbox(user, seed);
    const customNames = Array.isArray(input.folders)
      ? input.folders
      : CUSTOM_FOLDER_NAMES.slice(0, Math.floor(checkNumber('folders', input.folders ?? 2, 0, CUSTOM_FOLDER_NAMES.length)));
    const custom = customNames.map((name) => this.findChild(mailbox, 0, name) ?? this.addFolder(mailbox, name, 0));
    const nestedCount = Math.floor(checkNumber('nestedFolders', input.nestedFolders ?? 1, 0, NESTED_FOLDER_NAMES.length));
    const nestedParent = custom[0] ?? mailbox.byWellKnown.get('inbox')!;
    const nested = NESTED_FOLDER_NAMES.slice(0, nestedCount).map(
      (name) => this.findChild(mailbox, nestedParent.no, name) ?? this.addFolder(mailbox, name, nestedParent.no),
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
    const open: OpenConversation[] = [];
    const start = until - spanMs;
    for (let i = 0; i < count; i += 1) {
      const key = mailbox.messages.length;
      const received = Math.floor(start + (spanMs * (i + 1)) / Math.max(count, 1));
      const sent = random() < sentRatio;
      let conversation: OpenConversation;
      let subject: string;
      let inReplyTo = -1;
      if (open.length > 0 && random() < threadRatio) {
        conversation = open[Math.floor(random() * open.length)]!;
        conversation.pos += 1;
        inReplyTo = conversation.lastKey;
        subject = `RE: ${conversation.subject}`;
      } else {
        conversation = { no: mailbox.conversations++, subject: seededSubject(random), who: Math.floor(random() * correspondents.length), pos: 0, lastKey: key };
        subject = conversation.subject;
        open.push(conversation);
        if (open.length > 40) open.shift();
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
      folders: mailbox.folders.slice(1).map((folder) => this.folderRecord(mailbox, folder)),
      elapsedMs: Math.round(performance.now() - started),
    };
  }

  loadMailbox(user: string, content: MailboxContent): SeedMailboxResult {
    const started = performance.now();
    const owner = this.user(user);
    if (!content || !Array.isArray(content.folders) || !Array.isArray(content.messages)) throw new TypeError('mailbox content needs folders and messages');
    const mailbox = this.createMailbox(owner);
    const folderAt = (path: string[]): Folder => {
      if (!Array.isArray(path) || path.length === 0) throw new TypeError('a folder path needs at least one name');
      let folder = mailbox.byWellKnown.get(lower(path[0]!)) ?? this.findChild(mailbox, 0, path[0]!) ?? this.addFolder(mailbox, path[0]!, 0);
      for (const name of path.slice(1)) folder = this.findChild(mailbox, folder.no, name) ?? this.addFolder(mailbox, name, folder.no);
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
      const key = mailbox.messages.length;
      const record = new MessageRecord(
        key, folder.no, received, received, message.subject, conversation, parent ? parent.threadPos + 1 : 0, parent ? parent.key : -1,
        emailAddress(message.from), message.to.map(emailAddress), message.cc.map(emailAddress), [], [],
        message.isRead, false, message.hasAttachments, importance,
      );
      record.body = message.body;
      record.bodyType = 'text';
      record.internetMessageId = message.internetMessageId;
      mailbox.messages.push(record);
      keys.push(key);
      folder.keys.push(key);
      if (!record.isRead) folder.unread += 1;
    });
    return {
      user: owner.userPrincipalName,
      messages: content.messages.length,
      conversations: mailbox.conversations,
      folders: mailbox.folders.slice(1).map((folder) => this.folderRecord(mailbox, folder)),
      elapsedMs: Math.round(performance.now() - started),
    };
  }

  private findChild(mailbox: Mailbox, parent: number, name: string): Folder | undefined {
    const no = mailbox.folders[parent]!.children.find((child) => lower(mailbox.folders[child]!.displayName) === lower(name));
    return no === undefined ? undefined : mailbox.folders[no];
  }

  // ---- messages -----------------------------------------------------------------------------------------

  private view(mailbox: Mailbox, record: MessageRecord): MessageView {
    const folder = mailbox.folders[record.folder]!;
    const internetMessageId = this.internetMessageId(mailbox, record);
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
      sentDateTime: record.received - 1000 * (1 + (record.key % 50)),
      changeKey: `CQAAABYAAA${changeKeyBytes.toString('base64')}`,
      subject: record.subject,
      importance: IMPORTANCE[record.importance]!,
      conversationId: `AAQkAG${Buffer.concat([mailbox.tag, conversationTag.subarray(0, 8)]).toString('base64url')}`,
      conversationIndex: conversationIndex.toString('base64'),
      internetMessageId,
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
      bodyPreview: () => preview(bodyText()),
      internetMessageHeaders: () => {
        const parent = record.inReplyTo >= 0 ? mailbox.messages[record.inReplyTo] : undefined;
        const parentId = parent ? this.internetMessageId(mailbox, parent) : undefined;
        const format = (a: EmailAddress) => `${a.name} <${a.address}>`;
        return [
          { name: 'Message-ID', value: internetMessageId },
          ...(parentId ? [{ name: 'In-Reply-To', value: parentId }, { name: 'References', value: parentId }] : []),
          { name: 'Date', value: new Date(record.received).toUTCString() },
          { name: 'From', value: format(sender) },
          { name: 'To', value: record.to.map(format).join(', ') },
          ...(record.cc.length > 0 ? [{ name: 'Cc', value: record.cc.map(format).join(', ') }] : []),
          { name: 'Subject', value: record.subject },
          { name: 'MIME-Version', value: '1.0' },
          { name: 'Content-Type', value: 'text/html; charset="utf-8"' },
        ];
      },
    };
  }

  private internetMessageId(mailbox: Mailbox, record: MessageRecord): string {
    if (record.internetMessageId) return record.internetMessageId;
    const domain = record.from.address.split('@')[1] ?? 'example.com';
    return `<${mailbox.tag.toString('hex', 0, 4).toUpperCase()}${record.key.toString(16).toUpperCase().padStart(8, '0')}@${domain}>`;
  }

  private record(mailbox: Mailbox, id: string): MessageRecord | undefined {
    const decoded = decodeMessageId(mailbox.tag, id);
    if (!decoded) return undefined;
    const record = mailbox.messages[decoded.key];
    if (!record || (decoded.generation !== null && decoded.generation !== record.generation)) return undefined;
    return record;
  }

  private requireRecord(mailbox: Mailbox, id: string): MessageRecord {
    const record = this.record(mailbox, id);
    if (!record) throw new TypeError(`no message ${id}`);
    return record;
  }

  getMessage(user: string, id: string): MessageView | undefined {
    const mailbox = this.mailbox(user);
    const record = this.record(mailbox, id);
    return record && this.view(mailbox, record);
  }

  listFolderMessages(user: string, folder: string, skip: number, top: number): { items: MessageView[]; total: number } {
    const mailbox = this.mailbox(user);
    const { keys } = this.folder(mailbox, folder);
    const items: MessageView[] = [];
    for (let index = keys.length - 1 - skip; index >= 0 && items.length < top; index -= 1) {
      items.push(this.view(mailbox, mailbox.messages[keys[index]!]!));
    }
    return { items, total: keys.length };
  }

  listMessages(user: string, folder?: string): MessageView[] {
    const mailbox = this.mailbox(user);
    if (folder !== undefined) {
      const { keys } = this.folder(mailbox, folder);
      return keys.map((key) => this.view(mailbox, mailbox.messages[key]!)).reverse();
    }
    const views: MessageView[] = [];
    for (let key = mailbox.messages.length - 1; key >= 0; key -= 1) {
      const record = mailbox.messages[key];
      if (record && mailbox.folders[record.folder]!.no !== 0) views.push(this.view(mailbox, record));
    }
    return views;
  }

  listMessageSummaries(user: string, options: { folder?: string; skip?: number; top?: number } = {}): MessageSummary[] {
    const mailbox = this.mailbox(user);
    const skip = options.skip ?? 0;
    const top = options.top ?? 100;
    const records = options.folder
      ? this.folder(mailbox, options.folder).keys.map((key) => mailbox.messages[key]!)
      : mailbox.messages.filter((record): record is MessageRecord => record !== undefined);
    return records
      .slice()
      .reverse()
      .slice(skip, skip + top)
      .map((record) => {
        const view = this.view(mailbox, record);
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

  deliverMessage(user: string, input: NewMessageInput): DeliveredMessage {
    const mailbox = this.mailbox(user);
    const folder = this.folder(mailbox, input.folder ?? 'inbox');
    const outgoing = folder.wellKnownName === 'sentitems' || folder.wellKnownName === 'drafts' || folder.wellKnownName === 'outbox';
    const list = (values: (string | EmailAddress)[] | undefined, fallback: EmailAddress[]): EmailAddress[] => {
      if (values === undefined) return fallback;
      if (!Array.isArray(values)) throw new TypeError('recipients must be an array');
      return values.map((value) => emailAddress(value));
    };
    const parent = input.inReplyTo ? this.requireRecord(mailbox, input.inReplyTo) : undefined;
    const from = input.from !== undefined ? emailAddress(input.from) : outgoing ? mailbox.address : parent && parent.from !== mailbox.address ? parent.from : emailAddress(DEMO_DIRECTORY.people[1]!.email);
    const to = list(input.to, outgoing ? (parent ? [parent.from] : []) : [mailbox.address]);
    if (outgoing && to.length === 0 && !input.isDraft && folder.wellKnownName !== 'drafts') throw new TypeError('sent mail needs to');
    const now = Date.now();
    const received = input.receivedDateTime ? Date.parse(input.receivedDateTime) : now;
    if (Number.isNaN(received)) throw new TypeError('receivedDateTime must be an ISO date');
    const baseSubject = parent ? parent.subject.replace(/^(re|fw|fwd):\s*/i, '') : undefined;
    const subject = input.subject ?? (baseSubject !== undefined ? `RE: ${baseSubject}` : '(no subject)');
    const importance = IMPORTANCE.indexOf(input.importance ?? 'normal');
    if (importance < 0) throw new TypeError('importance must be low, normal or high');
    const key = mailbox.messages.length;
    const isRead = input.isRead ?? outgoing;
    const record = new MessageRecord(
      key, folder.no, received, now, subject,
      parent ? parent.conversation : mailbox.conversations++, parent ? parent.threadPos + 1 : 0, parent ? parent.key : -1,
      from, to, list(input.cc, []), list(input.bcc, []), list(input.replyTo, []),
      isRead, input.isDraft ?? folder.wellKnownName === 'drafts', input.hasAttachments ?? false, importance,
    );
    if (input.body !== undefined) {
      if (typeof input.body !== 'string') throw new TypeError('body must be a string');
      record.body = input.body;
      record.bodyType = input.bodyContentType ?? (/<[a-z][\s\S]*>/i.test(input.body) ? 'html' : 'text');
    }
    if (input.internetMessageId) record.internetMessageId = input.internetMessageId;
    mailbox.messages.push(record);
    this.insertKey(folder, key);
    if (!isRead) folder.unread += 1;
    this.log(mailbox, folder, record, false);
    record.enteredSeq = record.lastSeq;
    const view = this.view(mailbox, record);
    this.emitChange(mailbox, 'created', view.id, view.immutableId, view.parentFolderId, view.changeKey, now);
    return {
      message: messageJson(view, { immutableIds: false, bodyContentType: 'html' }),
      id: view.id,
      immutableId: view.immutableId,
      acceptedAt: new Date(now).toISOString(),
    };
  }

  private insertKey(folder: Folder, key: number): void {
    const at = lowerBound(folder.keys, key);
    if (folder.keys[at] !== key) folder.keys.splice(at, 0, key);
  }

  private removeKey(folder: Folder, key: number): void {
    const at = lowerBound(folder.keys, key);
    if (folder.keys[at] === key) folder.keys.splice(at, 1);
  }

  private log(mailbox: Mailbox, folder: Folder, record: MessageRecord, removed: boolean): void {
    mailbox.seq += 1;
    folder.log.push({ seq: mailbox.seq, key: record.key, generation: record.generation, removed });
    if (!removed) record.lastSeq = mailbox.seq;
  }

  setRead(user: string, id: string, isRead: boolean): MessageView {
    if (typeof isRead !== 'boolean') throw new TypeError('isRead must be a boolean');
    const mailbox = this.mailbox(user);
    const record = this.requireRecord(mailbox, id);
    if (record.isRead !== isRead) {
      const folder = mailbox.folders[record.folder]!;
      folder.unread += isRead ? -1 : 1;
      record.isRead = isRead;
    }
    record.version += 1;
    record.modified = Date.now();
    this.log(mailbox, mailbox.folders[record.folder]!, record, false);
    const view = this.view(mailbox, record);
    this.emitChange(mailbox, 'updated', view.id, view.immutableId, view.parentFolderId, view.changeKey, record.modified);
    return view;
  }

  moveMessage(user: string, id: string, destination: string): MessageView {
    const mailbox = this.mailbox(user);
    const record = this.requireRecord(mailbox, id);
    const target = this.findFolder(mailbox, destination);
    if (!target || target.no === 0) throw new TypeError(`no folder ${destination}`);
    const source = mailbox.folders[record.folder]!;
    const before = this.changeListeners.size > 0 ? this.view(mailbox, record) : undefined;
    if (target !== source) {
      this.log(mailbox, source, record, true);
      this.removeKey(source, record.key);
      if (!record.isRead) source.unread -= 1;
      record.generation += 1;
      record.folder = target.no;
      this.insertKey(target, record.key);
      if (!record.isRead) target.unread += 1;
    }
    record.version += 1;
    record.modified = Date.now();
    this.log(mailbox, target, record, false);
    if (target !== source) record.enteredSeq = record.lastSeq;
    const view = this.view(mailbox, record);
    if (before && target !== source) {
      this.emitChange(mailbox, 'deleted', before.id, before.immutableId, before.parentFolderId, before.changeKey, record.modified);
      this.emitChange(mailbox, 'created', view.id, view.immutableId, view.parentFolderId, view.changeKey, record.modified);
    } else if (before) {
      this.emitChange(mailbox, 'updated', view.id, view.immutableId, view.parentFolderId, view.changeKey, record.modified);
    }
    return view;
  }

  deleteMessage(user: string, id: string, options: { permanent?: boolean } = {}): void {
    const mailbox = this.mailbox(user);
    const record = this.requireRecord(mailbox, id);
    const folder = mailbox.folders[record.folder]!;
    if (!options.permanent && folder.wellKnownName !== 'deleteditems') {
      this.moveMessage(user, id, 'deleteditems');
      return;
    }
    const before = this.changeListeners.size > 0 ? this.view(mailbox, record) : undefined;
    this.log(mailbox, folder, record, true);
    this.removeKey(folder, record.key);
    if (!record.isRead) folder.unread -= 1;
    mailbox.messages[record.key] = undefined;
    if (before) this.emitChange(mailbox, 'deleted', before.id, before.immutableId, before.parentFolderId, before.changeKey, Date.now());
  }

  // ---- change listeners -----------------------------------------------------------------------------------

  onChange(listener: MailChangeListener): () => void {
    this.changeListeners.add(listener);
    return () => {
      this.changeListeners.delete(listener);
    };
  }

  private emitChange(
    mailbox: Mailbox,
    changeType: MailChangeEvent['changeType'],
    messageId: string,
    immutableId: string,
    folderId: string,
    changeKey: string,
    at: number,
  ): void {
    if (this.changeListeners.size === 0) return;
    const event: MailChangeEvent = { changeType, userId: mailbox.user.id, tenantId: mailbox.user.tenantId, messageId, immutableId, folderId, changeKey, at };
    for (const listener of this.changeListeners) {
      try {
        listener(event);
      } catch (error) {
        console.error('[graph-emulator] mail change listener failed', error);
      }
    }
  }

  // ---- delta --------------------------------------------------------------------------------------------

  deltaScope(user: string, folder: string): DeltaTokenScope {
    const mailbox = this.mailbox(user);
    return { epoch: this.folder(mailbox, folder).epoch, seq: mailbox.seq };
  }

  walkFolder(user: string, folderIdOrName: string, afterKey: number, limit: number, receivedSince?: number): FolderWalkPage {
    const mailbox = this.mailbox(user);
    const { keys } = this.folder(mailbox, folderIdOrName);
    const items: MessageView[] = [];
    let index = lowerBound(keys, afterKey + 1);
    let lastKey = afterKey;
    for (; index < keys.length && items.length < limit; index += 1) {
      const record = mailbox.messages[keys[index]!]!;
      lastKey = record.key;
      if (receivedSince !== undefined && record.received < receivedSince) continue;
      items.push(this.view(mailbox, record));
    }
    return { items, lastKey, done: index >= keys.length };
  }

  folderChanges(user: string, folderIdOrName: string, afterSeq: number, upToSeq: number, limit: number, receivedSince?: number): ChangesPage {
    const mailbox = this.mailbox(user);
    const folder = this.folder(mailbox, folderIdOrName);
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
        changes.push({ kind: 'upsert', message: this.view(mailbox, record), enteredSeq: record.enteredSeq ?? 0 });
      }
    }
    const done = index >= folder.log.length || folder.log[index]!.seq > upToSeq;
    return { changes, lastSeq, done };
  }

  invalidateDeltaTokens(options: { user?: string; folder?: string } = {}): number {
    const mailboxes = options.user ? [this.mailbox(options.user)] : [...this.mailboxes.values()];
    let touched = 0;
    for (const mailbox of mailboxes) {
      const folders = options.folder ? [this.folder(mailbox, options.folder)] : mailbox.folders;
      for (const folder of folders) {
        folder.epoch = InMemoryMailStore.epochCounter++;
        touched += 1;
      }
    }
    return touched;
  }

  // ---- throttling ledger, faults and counters -------------------------------------------------------------

  private resizeLedger(ledger: Ledger): void {
    const size = this.settings.throttling.requestsPerWindow;
    if (ledger.ring.length === size) return;
    const ordered = [...ledger.ring.subarray(ledger.head), ...ledger.ring.subarray(0, ledger.head)].slice(-size);
    ledger.ring = new Float64Array(size).fill(-Infinity);
    ledger.ring.set(ordered, size - ordered.length);
    ledger.head = 0;
  }

  private counter(appId: string, mailbox: string): RequestCounter {
    const key = `${appId}|${mailbox}`;
    let counter = this.counters.get(key);
    if (!counter) {
      counter = { appId, mailbox, counted: 0, batchEnvelopes: 0, batchItems: 0, throttled: 0, faults: 0, peakInFlight: 0, byStatus: {} };
      this.counters.set(key, counter);
    }
    return counter;
  }

  admit(appId: string, mailbox: string, now = Date.now()): Admission {
    const key = `${appId}|${mailbox}`;
    const limits = this.settings.throttling;
    let ledger = this.ledgers.get(key);
    if (!ledger) {
      ledger = { ring: new Float64Array(limits.requestsPerWindow).fill(-Infinity), head: 0, inFlight: 0 };
      this.ledgers.set(key, ledger);
    }
    const counter = this.counter(appId, mailbox);
    counter.counted += 1;
    // Sliding window over the last `requestsPerWindow` stamps; every request is stamped, rejected ones too.
    const oldest = ledger.ring[ledger.head]!;
    ledger.ring[ledger.head] = now;
    ledger.head = (ledger.head + 1) % ledger.ring.length;
    const windowMs = limits.windowSeconds * 1000;
    if (limits.enabled && now - oldest < windowMs) {
      return { ok: false, reason: 'rate', retryAfterSeconds: Math.max(1, Math.ceil((oldest + windowMs - now) / 1000)) };
    }
    if (limits.enabled && ledger.inFlight >= limits.concurrentRequests) {
      return { ok: false, reason: 'concurrency', retryAfterSeconds: limits.concurrencyRetryAfterSeconds };
    }
    ledger.inFlight += 1;
    counter.peakInFlight = Math.max(counter.peakInFlight, ledger.inFlight);
    return { ok: true };
  }

  release(appId: string, mailbox: string): void {
    const ledger = this.ledgers.get(`${appId}|${mailbox}`);
    if (ledger && ledger.inFlight > 0) ledger.inFlight -= 1;
  }

  recordOutcome(appId: string, mailbox: string, outcome: { status: number; kind: 'request' | 'batchItem' | 'batchEnvelope'; throttled?: boolean; fault?: boolean }): void {
    const counter = this.counter(appId, mailbox);
    if (outcome.kind === 'batchEnvelope') counter.batchEnvelopes += 1;
    if (outcome.kind === 'batchItem') counter.batchItems += 1;
    if (outcome.throttled) counter.throttled += 1;
    if (outcome.fault) counter.faults += 1;
    if (outcome.kind !== 'batchEnvelope') counter.byStatus[outcome.status] = (counter.byStatus[outcome.status] ?? 0) + 1;
  }

  drawFault(): number | null {
    const { failureRate, statuses } = this.settings.faults;
    if (failureRate <= 0) return null;
    if (this.random() >= failureRate) return null;
    return statuses[Math.floor(this.random() * statuses.length)]!;
  }

  drawReplay(): boolean {
    const { replayRate } = this.settings.delta;
    return replayRate > 0 && this.random() < replayRate;
  }

  getRequestCounters(): RequestCounter[] {
    return [...this.counters.values()].map((counter) => structuredClone(counter));
  }

  resetRequestCounters(): void {
    this.counters.clear();
  }
}
