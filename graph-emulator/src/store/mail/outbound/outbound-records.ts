import type { EmailAddress } from '../mail-records.js';

/** Records of mail leaving mailboxes: what left the tenant, sending limits, automatic replies. Times are epoch ms. */

/** A file attached to a message that left the tenant, with its bytes. */
export interface OutboundAttachmentRecord {
  id: string;
  name: string;
  contentType: string;
  size: number;
  isInline: boolean;
  contentId: string | null;
  bytes: Buffer;
}

/** One message as it left the sender's tenant: only the recipients outside it, its body and its attachments. */
export interface OutboundRecord {
  /** The emulator's id of the record (for the admin API). */
  id: string;
  /** ISO. */
  sentAt: string;
  /** The sender's user id and address. */
  userId: string;
  from: EmailAddress;
  internetMessageId: string;
  subject: string;
  to: EmailAddress[];
  cc: EmailAddress[];
  bcc: EmailAddress[];
  replyTo: EmailAddress[];
  body: { contentType: 'html' | 'text'; content: string };
  /** The `x-` headers the sender set. */
  internetMessageHeaders: { name: string; value: string }[];
  attachments: OutboundAttachmentRecord[];
  /** The message's size as the limit counts it (bytes). */
  size: number;
}

/** What the admin API lists: the record without attachment bytes. */
export type OutboundSummary = Omit<OutboundRecord, 'attachments'> & { attachments: Omit<OutboundAttachmentRecord, 'bytes'>[] };

/**
 * Exchange Online's sending limits per mailbox (learn.microsoft.com/office365/servicedescriptions/
 * exchange-online-service-description/exchange-online-limits#sending-limits) and its message size limit.
 */
export interface SendingLimitsSettings {
  messagesPerMinute: number;
  /** A rolling 24 hours, To, Cc and Bcc each counted. */
  recipientsPerDay: number;
  /** Exchange Online's default maximum message size: 35 MB (MaxSendSize; up to 150 MB when an admin raises it). */
  maxMessageSizeBytes: number;
  /** How long an attachment upload session takes PUTs (not documented; Graph's examples show a few hours). */
  uploadSessionLifetimeSeconds: number;
}

export const DEFAULT_SENDING_LIMITS: Readonly<SendingLimitsSettings> = Object.freeze({
  messagesPerMinute: 30,
  recipientsPerDay: 10_000,
  maxMessageSizeBytes: 35 * 1024 * 1024,
  uploadSessionLifetimeSeconds: 6 * 3600,
});

/** An attachment upload session (attachment-createuploadsession.md): the bytes received so far, in order. */
export interface UploadSessionRecord {
  id: string;
  /** The secret the upload URL carries (`authtoken`), in place of an Authorization header. */
  token: string;
  userId: string;
  /** The message's immutable id: the session survives the draft's moves. */
  messageId: string;
  name: string;
  size: number;
  contentType: string | null;
  isInline: boolean;
  contentId: string | null;
  chunks: Buffer[];
  received: number;
  expiresAt: number;
}

export type SendAdmission =
  | { ok: true }
  | { ok: false; reason: 'messageRate'; retryAfterSeconds: number }
  | { ok: false; reason: 'recipientRate' };

export type AutomaticRepliesStatus = 'disabled' | 'alwaysEnabled' | 'scheduled';
export type ExternalAudience = 'none' | 'contactsOnly' | 'all';

/** `automaticRepliesSetting` of mailboxSettings; the scheduled window as ISO UTC. */
export interface AutomaticRepliesRecord {
  status: AutomaticRepliesStatus;
  externalAudience: ExternalAudience;
  internalReplyMessage: string;
  externalReplyMessage: string;
  scheduledStartDateTime: string | null;
  scheduledEndDateTime: string | null;
}

export const DEFAULT_AUTOMATIC_REPLIES: Readonly<AutomaticRepliesRecord> = Object.freeze({
  status: 'disabled',
  externalAudience: 'all',
  internalReplyMessage: '',
  externalReplyMessage: '',
  scheduledStartDateTime: null,
  scheduledEndDateTime: null,
});
