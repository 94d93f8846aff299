export interface Recipient {
  address: string;
  name?: string | null;
}

export type OutgoingStatus = 'DRAFT' | 'SENDING' | 'QUEUED' | 'SENT' | 'FAILED' | 'DISCARDED' | 'CONFLICT';
export type ResponseKind = 'REPLY' | 'REPLY_ALL' | 'FORWARD';

export interface OutgoingAttachment {
  id: string;
  name: string;
  contentType: string;
  size: number;
  status: 'UPLOADING' | 'UPLOADED' | 'FAILED';
  uploadedBytes: number;
  lastError: string | null;
}

export interface OutgoingMessage {
  id: string;
  connectedAccountId: string;
  kind: 'NEW' | ResponseKind;
  status: OutgoingStatus;
  subject: string;
  bodyHtml: string;
  /** The original quoted under a reply or forward, shown below the editor (never in it) and sent once. */
  quotedBodyHtml: string | null;
  toRecipients: Recipient[];
  ccRecipients: Recipient[];
  bccRecipients: Recipient[];
  attachments: OutgoingAttachment[];
  savedToOutlook: boolean;
  savedToOutlookAt: string | null;
  queuedUntil: string | null;
  sentAt: string | null;
  errorCode: string | null;
  errorMessage: string | null;
}

export interface ComposeCapability {
  connectedAccountId: string;
  handle: string;
  canSend: boolean;
  canManageMail: boolean;
  sendUnavailableReason: string | null;
}

export interface ThreadMailState {
  messageThreadId: string;
  canManage: boolean;
  connectedAccountId: string | null;
  canSend: boolean;
  sendUnavailableReason: string | null;
  messageCount: number;
  unreadCount: number;
  isRead: boolean;
}

/** What the composer starts from: a new message from an account, or a reply / forward of a thread message. */
export type ComposeStart =
  | { kind: 'NEW'; connectedAccountId: string; to: Recipient[] }
  | { kind: ResponseKind; messageId: string };

export interface OutOfOfficeNotice {
  address: string;
  /** The automatic reply as Outlook holds it (HTML): sanitise before showing. */
  message: string;
  startsAt: string | null;
  endsAt: string | null;
}

export interface OutOfOfficeAnswer {
  available: boolean;
  notices: OutOfOfficeNotice[];
}
