import type { OutlookLimitsSettings, OutlookLimitsSettingsPatch } from '../outlook-limits/outlook-limits-records.js';

/** Records and inputs of the mailbox part of the store. Times are epoch milliseconds. */

export interface EmailAddress {
  name: string;
  address: string;
}

export const WELL_KNOWN_FOLDERS = [
  ['inbox', 'Inbox'],
  ['drafts', 'Drafts'],
  ['sentitems', 'Sent Items'],
  ['deleteditems', 'Deleted Items'],
  ['archive', 'Archive'],
  ['junkemail', 'Junk Email'],
  ['outbox', 'Outbox'],
  ['conversationhistory', 'Conversation History'],
] as const;

export type WellKnownFolderName = (typeof WELL_KNOWN_FOLDERS)[number][0] | 'msgfolderroot';

export interface MailFolderRecord {
  id: string;
  displayName: string;
  /** The root's id for top-level folders; the root itself has its own id here too. */
  parentFolderId: string;
  wellKnownName: WellKnownFolderName | null;
  childFolderCount: number;
  totalItemCount: number;
  unreadItemCount: number;
}

/** What `/_admin` and the store answer for a message: both ids and the Graph shape. */
export interface MessageSummary {
  id: string;
  immutableId: string;
  subject: string;
  parentFolderId: string;
  folder: string;
  conversationId: string;
  internetMessageId: string;
  isRead: boolean;
  receivedDateTime: string;
  from: EmailAddress;
}

export interface DeliveredMessage {
  /** The message as Graph returns it (regular id). */
  message: Record<string, unknown>;
  id: string;
  immutableId: string;
  /** When the emulator accepted it (ISO). */
  acceptedAt: string;
}

export type MailboxStatus = 'enabled' | 'MailboxNotEnabledForRESTAPI' | 'ErrorAccountDisabled';

export interface SeedMailboxInput {
  /** User id, UPN or mail. */
  user: string;
  messages: number;
  /** Names of custom top-level folders, or how many to make (default 2). */
  folders?: string[] | number;
  /** Child folders made under the first custom folder (default 1). */
  nestedFolders?: number;
  /** Share of messages that reply in an existing conversation (default 0.3). */
  threadRatio?: number;
  /** Addresses of the people mail is exchanged with (default: the people of DEMO_DIRECTORY). */
  correspondents?: string[];
  /** Share of messages the user sent (to sentitems; default 0.2). */
  sentRatio?: number;
  /** Share of received messages already read (default 0.7). */
  readRatio?: number;
  seed?: number;
  /** The newest message's time (default: now); messages spread over `spanDays` before it (default 365). */
  until?: string;
  spanDays?: number;
  /** Replace the user's mailbox (default true). */
  replace?: boolean;
}

export interface SeedMailboxResult {
  user: string;
  messages: number;
  conversations: number;
  folders: MailFolderRecord[];
  elapsedMs: number;
}

/**
 * A whole mailbox to load as it is (what the demo mail generator makes): folders, then messages in the order their
 * keys should run (oldest first). Seeding raises no change notifications.
 */
export interface MailboxContent {
  /**
   * Folders to make, each as a path from the top of the mailbox; a path may start with a well-known name
   * (`["inbox", "Clients", "Fabrikam"]`). Parents are made as needed.
   */
  folders: string[][];
  messages: MailboxContentMessage[];
}

export interface MailboxContentMessage {
  /** Path of the message's folder, as in `MailboxContent.folders` (`["sentitems"]`, `["inbox", "Clients", "Fabrikam"]`). */
  folder: string[];
  /** Messages with the same number share a conversation. */
  thread: number;
  /** Index of the earlier message this one answers (In-Reply-To), or null. */
  inReplyTo: number | null;
  subject: string;
  /** Plain text. */
  body: string;
  from: EmailAddress;
  to: EmailAddress[];
  cc: EmailAddress[];
  receivedDateTime: string;
  isRead: boolean;
  /** Kept for content made before attachments had contents: with `attachments`, it must agree with them. */
  hasAttachments: boolean;
  attachments?: NewAttachmentInput[];
  importance: 'low' | 'normal' | 'high';
  internetMessageId: string;
}

export interface NewMessageInput {
  /** Folder id or well-known name (default inbox; sentitems makes the user the sender). */
  folder?: string;
  from?: string | EmailAddress;
  to?: (string | EmailAddress)[];
  cc?: (string | EmailAddress)[];
  bcc?: (string | EmailAddress)[];
  replyTo?: (string | EmailAddress)[];
  subject?: string;
  body?: string;
  bodyContentType?: 'html' | 'text';
  /** Reply to this message (id or immutable id): same conversation, "RE: " subject, In-Reply-To. */
  inReplyTo?: string;
  receivedDateTime?: string;
  isRead?: boolean;
  isDraft?: boolean;
  /**
   * Without `attachments`, `true` gives the message one generated file, as seeded mail has. With `attachments`,
   * it follows them (Graph: true when a non-inline attachment is there) and a contradicting value is refused.
   */
  hasAttachments?: boolean;
  /** File attachments (`#microsoft.graph.fileAttachment`): the bytes as base64 `contentBytes`, or as UTF-8 `text`. */
  attachments?: NewAttachmentInput[];
  importance?: 'low' | 'normal' | 'high';
  internetMessageId?: string;
}

export interface NewAttachmentInput {
  name: string;
  /** Default: from the name's extension, else application/octet-stream. */
  contentType?: string;
  contentBytes?: string;
  text?: string;
  isInline?: boolean;
  /** The Content-ID an HTML body refers to as `cid:…` (inline images). */
  contentId?: string;
}

export interface DeltaSettings {
  defaultPageSize: number;
  /** `Prefer: odata.maxpagesize` is honoured up to this. */
  maxPageSize: number;
  /** 0..1: chance that a page's nextLink rewinds so some items appear again. */
  replayRate: number;
}

/** What `/_admin/mail-settings` shows: the Outlook limits every mailbox resource shares, and mail's delta knobs. */
export interface MailSettings extends OutlookLimitsSettings {
  delta: DeltaSettings;
}

export interface MailSettingsPatch extends OutlookLimitsSettingsPatch {
  delta?: Partial<DeltaSettings>;
}

// ---- composing -----------------------------------------------------------------------------------------------

/** What mail from another mailbox of the emulator carries (declaration merged into NewMessageInput). */
export interface NewMessageInput {
  /** The `In-Reply-To` of mail answering a message this mailbox may not hold. */
  inReplyToHeader?: string;
  /** When the sender sent it (ISO; default: received time). */
  sentDateTime?: string;
  /** `X-` headers the sender added. */
  internetMessageHeaders?: { name: string; value: string }[];
}

/** A draft's content as `PATCH` changes it; absent fields stay. */
export interface DraftPatch {
  subject?: string;
  body?: { contentType: 'html' | 'text'; content: string };
  to?: EmailAddress[];
  cc?: EmailAddress[];
  bcc?: EmailAddress[];
  replyTo?: EmailAddress[];
  from?: EmailAddress;
  importance?: 'low' | 'normal' | 'high';
}

/** A file to attach as it arrives over Graph (bytes decoded), or copied from another message. */
export interface AttachedFile {
  name: string;
  contentType?: string;
  isInline?: boolean;
  contentId?: string | null;
  bytes: Buffer;
}

/** Declaration merged into NewMessageInput: attachments copied as they are (a sent message's, any size). */
export interface NewMessageInput {
  copiedAttachments?: AttachedFile[];
}
