import type { UserRecord } from '../emulator-records.js';
import type { EmailAddress, MailboxStatus, WellKnownFolderName } from './mail-records.js';

export const IMPORTANCE = ['low', 'normal', 'high'] as const;

/** One file attachment's stored form (`fileAttachment`); `no` is its place on the message, which its id names. */
export interface AttachmentRecord {
  no: number;
  name: string;
  contentType: string;
  isInline: boolean;
  contentId: string | null;
  lastModified: number;
  bytes: Buffer;
}

/** Compact message record: recipients are shared objects, bodies of seeded mail are generated when read. */
export class MessageRecord {
  generation = 0;
  version = 0;
  lastSeq = 0;
  /** Sequence at which the message came into its current folder (0: seeded); delta's changeType tells created from updated by it. */
  enteredSeq = 0;
  body: string | null = null;
  bodyType: 'html' | 'text' = 'html';
  internetMessageId: string | null = null;
  /** `In-Reply-To` of mail that came from another mailbox, whose parent this mailbox may not hold. */
  inReplyToHeader: string | null = null;
  /** When it was sent (epoch ms); null: derived from the received time, as seeded mail's is. */
  sent: number | null = null;
  /** The `X-` headers its sender added. */
  customHeaders: { name: string; value: string }[] | null = null;
  /** Stored attachments; null: none, or (when `hasAttachments`) one generated from the key when read, as bodies are. */
  attachments: AttachmentRecord[] | null = null;
  constructor(
    readonly key: number,
    public folder: number,
    public received: number,
    public modified: number,
    public subject: string,
    readonly conversation: number,
    readonly threadPos: number,
    readonly inReplyTo: number,
    public from: EmailAddress,
    public to: EmailAddress[],
    public cc: EmailAddress[],
    public bcc: EmailAddress[],
    public replyTo: EmailAddress[],
    public isRead: boolean,
    public isDraft: boolean,
    public hasAttachments: boolean,
    public importance: number,
  ) {}
}

export interface LogEntry {
  seq: number;
  key: number;
  /** The message's regular-id generation while it was in this folder. */
  generation: number;
  removed: boolean;
}

export interface Folder {
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

export interface Mailbox {
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

export const lower = (value: string): string => value.toLowerCase();

/** Never reset, so tokens minted before a reset or a re-seed never match a new folder's epoch. */
let epochCounter = 1;

export function nextEpoch(): number {
  return epochCounter++;
}

/** After a restore: new epochs must never repeat a restored one. */
export function epochsAbove(epoch: number): void {
  epochCounter = Math.max(epochCounter, epoch + 1);
}
