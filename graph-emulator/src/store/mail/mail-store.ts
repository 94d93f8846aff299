import type {
  AttachedFile,
  DeliveredMessage,
  DraftPatch,
  EmailAddress,
  MailboxStatus,
  MailFolderRecord,
  WellKnownFolderName,
  MailSettings,
  MailboxContent,
  MailSettingsPatch,
  MessageSummary,
  NewMessageInput,
  SeedMailboxInput,
  SeedMailboxResult,
} from './mail-records.js';
import type { Admission, RequestCounter } from '../outlook-limits/outlook-limits-records.js';

/** A message as read from the store: built on demand from the compact record. */
export interface MessageView {
  /** Internal, stable across moves; orders the folder walk. */
  key: number;
  id: string;
  immutableId: string;
  parentFolderId: string;
  createdDateTime: number;
  lastModifiedDateTime: number;
  receivedDateTime: number;
  sentDateTime: number;
  changeKey: string;
  subject: string;
  importance: 'low' | 'normal' | 'high';
  conversationId: string;
  conversationIndex: string;
  internetMessageId: string;
  isRead: boolean;
  isDraft: boolean;
  hasAttachments: boolean;
  from: EmailAddress;
  sender: EmailAddress;
  toRecipients: EmailAddress[];
  ccRecipients: EmailAddress[];
  bccRecipients: EmailAddress[];
  replyTo: EmailAddress[];
  body(contentType: 'html' | 'text'): { contentType: 'html' | 'text'; content: string };
  /** File attachments, in the order they were attached (inline ones too). */
  attachments(): AttachmentView[];
  bodyPreview(): string;
  internetMessageHeaders(): { name: string; value: string }[];
}

/** A `#microsoft.graph.fileAttachment` as read from the store. */
export interface AttachmentView {
  id: string;
  name: string;
  contentType: string;
  size: number;
  isInline: boolean;
  contentId: string | null;
  /** Epoch ms. */
  lastModifiedDateTime: number;
  bytes: Buffer;
}

export interface FolderWalkPage {
  items: MessageView[];
  /** Key of the last message looked at; pass back as `afterKey`. */
  lastKey: number;
  done: boolean;
}

export type DeltaChange =
  /** `enteredSeq`: the mailbox sequence at which the message came into this folder (0 when seeded). */
  | { kind: 'upsert'; message: MessageView; enteredSeq: number }
  | { kind: 'removed'; id: string; immutableId: string };

export interface ChangesPage {
  changes: DeltaChange[];
  /** Sequence of the last log entry looked at; pass back as `afterSeq`. */
  lastSeq: number;
  done: boolean;
}

export interface DeltaTokenScope {
  /** The folder's token epoch: tokens minted under an older epoch answer 410. */
  epoch: number;
  /** The mailbox's change sequence now. */
  seq: number;
}

/**
 * One change to a message as change notifications see it (seeding raises none). A move is a `deleted` of the old
 * id in the source folder followed by a `created` of the new id in the destination folder.
 */
export interface MailChangeEvent {
  changeType: 'created' | 'updated' | 'deleted';
  userId: string;
  tenantId: string;
  /** The regular id (for `deleted`, the id the message had). */
  messageId: string;
  immutableId: string;
  folderId: string;
  changeKey: string;
  /** Epoch ms. */
  at: number;
}

export type MailChangeListener = (event: MailChangeEvent) => void;

/**
 * The mailbox part of the store: per-user mailboxes (folders, messages, per-folder change logs for delta) and the
 * delta knobs. The request limits are the Outlook limits area's (`EmulatorStore.outlookLimits`), shared with every
 * other mailbox resource; the settings and counter methods here show and change them too, as they always did.
 * `user` is a user id, UPN or mail everywhere; unknown users throw a TypeError.
 */
export interface MailStore {
  /** Drops every mailbox and token epoch; delta settings back to their defaults (the Outlook limits reset on their own). */
  reset(): void;
  /** The key this mailbox service signs its delta links with. */
  readonly deltaTokenSecret: Buffer;

  /** The Outlook limits' settings with mail's delta settings. */
  getSettings(): MailSettings;
  /** Checks the whole patch first: a bad knob anywhere throws and changes nothing. */
  updateSettings(patch: MailSettingsPatch): MailSettings;

  getMailboxStatus(user: string): MailboxStatus;
  setMailboxStatus(user: string, status: MailboxStatus): MailboxStatus;

  seedMailbox(input: SeedMailboxInput): SeedMailboxResult;
  /** Replaces the user's mailbox with exactly this content (its status is kept). */
  loadMailbox(user: string, content: MailboxContent): SeedMailboxResult;
  /** Folders under `parent` (a folder id or well-known name; `null` = top level). */
  listFolders(user: string, parent: string | null): MailFolderRecord[];
  getFolder(user: string, idOrWellKnownName: string): MailFolderRecord | undefined;
  /**
   * Names the well-known folders in another language, as Exchange does when a mailbox's language changes with
   * "localize default folder names" set; their ids and contents stay.
   */
  localizeDefaultFolders(user: string, names: Partial<Record<WellKnownFolderName, string>>): MailFolderRecord[];
  createFolder(user: string, displayName: string, parent?: string | null): MailFolderRecord;

  /** By regular or immutable id; undefined when unknown (or a regular id made stale by a move). */
  getMessage(user: string, id: string): MessageView | undefined;
  /** Newest first. */
  listFolderMessages(user: string, folder: string, skip: number, top: number): { items: MessageView[]; total: number };
  /** Every message of a folder, or of the whole mailbox, newest key first. */
  listMessages(user: string, folder?: string): MessageView[];
  listMessageSummaries(user: string, options?: { folder?: string; skip?: number; top?: number }): MessageSummary[];
  deliverMessage(user: string, input: NewMessageInput): DeliveredMessage;
  setRead(user: string, id: string, isRead: boolean): MessageView;
  /** `destination`: folder id or well-known name. A move gives the message a new regular id. */
  moveMessage(user: string, id: string, destination: string): MessageView;
  /** `permanent` (what Graph's DELETE does) removes it; otherwise it goes to Deleted Items like Outlook's Delete key. */
  deleteMessage(user: string, id: string, options?: { permanent?: boolean }): void;

  deltaScope(user: string, folder: string): DeltaTokenScope;
  /** The folder's current messages with a key above `afterKey`, in key order. */
  walkFolder(user: string, folder: string, afterKey: number, limit: number, receivedSince?: number): FolderWalkPage;
  /** Changes of the folder with a sequence in (afterSeq, upToSeq], latest state per message. */
  folderChanges(user: string, folder: string, afterSeq: number, upToSeq: number, limit: number, receivedSince?: number): ChangesPage;
  /** Bumps the token epoch of one folder, of every folder of a user, or of every mailbox. Returns folders touched. */
  invalidateDeltaTokens(options?: { user?: string; folder?: string }): number;

  /** The Outlook limits' own (`OutlookLimitsStore`), reachable here as before. */
  admit(appId: string, mailbox: string, now?: number): Admission;
  release(appId: string, mailbox: string): void;
  getRequestCounters(): RequestCounter[];
  resetRequestCounters(): void;

  // ---- composing: drafts change, sent drafts go to Sent Items (see mail-compose.ts) ----
  updateDraft(user: string, id: string, patch: DraftPatch): MessageView;
  markSent(user: string, id: string): MessageView;
  findByInternetMessageId(user: string, internetMessageId: string): MessageView | undefined;
  /** Attaches a file to a message (its changeKey moves); see mail-draft-attachments.ts. */
  addAttachment(user: string, id: string, file: AttachedFile): AttachmentView;
  /** False when the message has no attachment with that id. */
  removeAttachment(user: string, id: string, attachmentId: string): boolean;

  /** Calls `listener` synchronously after each message change (not for seeding); survives `reset()`. Returns an unsubscribe function. */
  onChange(listener: MailChangeListener): () => void;
}

/** Declaration merged into MessageView: the type the body was written in, which sending keeps. */
export interface MessageView {
  bodyContentType: 'html' | 'text';
}
