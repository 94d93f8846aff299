import type { MessageDirection, MessageParticipantRole } from '../enums/channel-settings.enum.js';

export interface MessageFolderInput {
  externalId: string;
  name: string;
  parentExternalId: string | null;
  isSentFolder: boolean;
}

export interface MessageFolderRecord {
  id: string;
  messageChannelId: string;
  externalId: string;
  name: string;
  parentFolderId: string | null;
  isSentFolder: boolean;
  isSynced: boolean;
  /** The folder's delta position: a nextLink while a walk is under way, the deltaLink once it is done. */
  syncCursor: string | null;
}

export interface ImportedParticipant {
  role: MessageParticipantRole;
  handle: string;
  displayName: string;
}

export interface ImportedMessage {
  externalId: string;
  /** Outlook's conversationId. */
  threadExternalId: string;
  headerMessageId: string;
  subject: string;
  text: string;
  receivedAt: Date;
  direction: MessageDirection;
  participants: ImportedParticipant[];
}

export interface MessagesPage {
  workspaceId: string;
  messageChannelId: string;
  messageFolderId: string;
  messages: ImportedMessage[];
  /** External ids Microsoft reported as removed from this folder (deleted, or moved out). */
  removedExternalIds: string[];
  /** Saved in the same transaction as the page, so a crash resumes exactly after it. */
  nextCursor: string;
}

export interface MessagesPageResult {
  created: number;
  updated: number;
  detached: number;
}

/**
 * Where imported mail lands in the host: folders, threads, messages, participants (matched to people, companies
 * and workspace members), channel associations and contact auto-creation, all idempotent by external id.
 */
export interface MessageImportRecordsPort {
  upsertFolders(workspaceId: string, messageChannelId: string, folders: MessageFolderInput[]): Promise<MessageFolderRecord[]>;
  listFolders(workspaceId: string, messageChannelId: string): Promise<MessageFolderRecord[]>;
  /** The user's folder choice (SELECTED_FOLDERS policy); null when the folder is not in that channel. */
  setFolderSynced(workspaceId: string, messageChannelId: string, messageFolderId: string, isSynced: boolean): Promise<MessageFolderRecord | null>;
  /** Writes one delta page and its cursor atomically. Removed messages are detached from the folder, not yet deleted. */
  saveMessagesPage(page: MessagesPage): Promise<MessagesPageResult>;
  /**
   * Moves folders' cursors past pages that brought nothing (most pages of a quick pass), in one write at the end of
   * the pass. Losing it to a crash only means walking those empty pages again.
   */
  saveFolderCursors(workspaceId: string, cursors: Array<{ messageFolderId: string; cursor: string }>): Promise<void>;
  /** Forgets a folder's cursor and detaches its messages, so the next walk re-attaches those still there (after a 410). */
  restartFolder(workspaceId: string, messageFolderId: string): Promise<void>;
  /** After a full pass: deletes messages no folder claimed (deleted, or moved to a folder not synced). */
  deleteDetachedMessages(workspaceId: string, messageChannelId: string): Promise<number>;
  /**
   * After a pass that imported mail: links the channel's participants still matched to nobody to the person with
   * their address. Pages are written side by side, so a person one page creates can miss a participant another page
   * was committing at that moment.
   */
  linkUnmatchedParticipants(workspaceId: string, messageChannelId: string): Promise<number>;
  countChannelMessages(workspaceId: string, messageChannelId: string): Promise<number>;
}
