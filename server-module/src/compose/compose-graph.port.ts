import type { ComposeRecipient } from './compose-address.validator.js';

export interface GraphDraftContent {
  subject?: string;
  bodyHtml?: string;
  toRecipients?: ComposeRecipient[];
  ccRecipients?: ComposeRecipient[];
  bccRecipients?: ComposeRecipient[];
}

export interface GraphDraftRef {
  id: string;
  changeKey: string | null;
  /** The body Outlook put in a reply or forward draft (the quoted original), kept under what the member writes. */
  bodyHtml?: string | null;
  toRecipients?: ComposeRecipient[];
  ccRecipients?: ComposeRecipient[];
  subject?: string | null;
}

export interface GraphMessageState {
  id: string;
  isDraft: boolean;
  changeKey: string | null;
}

export interface UploadSession {
  uploadUrl: string;
  nextExpectedRanges: string[];
}

export type ReplyKind = 'createReply' | 'createReplyAll' | 'createForward';

/**
 * The Graph calls compose makes, for one account. Every failure is thrown as a MicrosoftGraphException, so the send
 * state machine reacts to kinds (throttled, temporary, not found…) and never to raw statuses.
 */
export interface ComposeGraphPort {
  /** `marker` goes on the draft as a custom header, so a draft whose creation answer was lost can be found again. */
  createDraft(content: GraphDraftContent, marker: string): Promise<GraphDraftRef>;
  createReplyDraft(kind: ReplyKind, sourceMessageId: string, marker: string): Promise<GraphDraftRef>;
  /** The draft carrying `marker` created since `since` (null: none; its creation never reached Outlook). */
  findDraftByMarker(marker: string, since: Date): Promise<GraphDraftRef | null>;
  /** PATCH with `If-Match` when `changeKey` is given: a draft changed in Outlook since answers 412 (CONFLICT). */
  updateDraft(draftId: string, content: GraphDraftContent, changeKey: string | null): Promise<GraphDraftRef>;
  getMessage(messageId: string): Promise<GraphMessageState | null>;
  deleteMessage(messageId: string): Promise<void>;
  /** POST /send without the SDK's own retries: a 429 comes back to us so the send can be queued with its time. */
  sendDraft(draftId: string): Promise<void>;
  addInlineAttachment(draftId: string, attachment: { name: string; contentType: string; contentBytes: Buffer }): Promise<{ id: string }>;
  createUploadSession(draftId: string, attachment: { name: string; size: number }): Promise<UploadSession>;
  /** One ranged PUT to the session's URL, without Authorization (the URL carries its own). */
  uploadChunk(uploadUrl: string, chunk: Buffer, start: number, total: number): Promise<{ done: boolean; attachmentId: string | null; nextExpectedRanges: string[] }>;
  deleteAttachment(draftId: string, attachmentId: string): Promise<void>;
  setRead(messageId: string, isRead: boolean): Promise<{ changeKey: string | null }>;
  /** Moves to a folder (well-known name or id); a move gives the message a new id. */
  move(messageId: string, destinationId: string): Promise<{ id: string; parentFolderId: string | null; changeKey: string | null }>;
}
