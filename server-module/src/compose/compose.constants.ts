import { MicrosoftQueue } from '../jobs/queue-names.js';

export enum OutgoingKind {
  NEW = 'NEW',
  REPLY = 'REPLY',
  REPLY_ALL = 'REPLY_ALL',
  FORWARD = 'FORWARD',
}

/** How far the message got at Microsoft; each step is persisted before the next begins. */
export enum OutgoingStep {
  PENDING = 'PENDING',
  DRAFT_CREATED = 'DRAFT_CREATED',
  CONTENT_SET = 'CONTENT_SET',
  ATTACHMENTS_UPLOADED = 'ATTACHMENTS_UPLOADED',
  SENT = 'SENT',
}

/** What the member sees: a draft, a send under way or waiting for Outlook's limit, sent, failed, discarded. */
export enum OutgoingStatus {
  DRAFT = 'DRAFT',
  SENDING = 'SENDING',
  QUEUED = 'QUEUED',
  SENT = 'SENT',
  FAILED = 'FAILED',
  DISCARDED = 'DISCARDED',
  /** The draft was changed in Outlook since the CRM last saved it; nothing is overwritten until the member decides. */
  CONFLICT = 'CONFLICT',
}

export const COMPOSE_SEND_JOB = { queue: MicrosoftQueue.MESSAGING, name: 'MicrosoftComposeSendJob' };
/** Picks up sends whose worker was killed, or whose job was lost, and queued sends whose time has come. */
export const COMPOSE_RESUME_CRON = { queue: MicrosoftQueue.CRON, name: 'MicrosoftComposeResumeCronJob', pattern: '* * * * *' };
export const MAIL_TIP_PRUNE_CRON = { queue: MicrosoftQueue.CRON, name: 'MicrosoftMailTipPruneCronJob', pattern: '17 * * * *' };
export const composeSendJobId = (outgoingId: string, attempt: string) => `compose-send:${outgoingId}:${attempt}`;

export interface ComposeSendJobData {
  workspaceId: string;
  outgoingId: string;
}

/** Under 3 MB an attachment goes inline (contentBytes): https://learn.microsoft.com/graph/api/message-post-attachments */
export const INLINE_ATTACHMENT_MAX_BYTES = 3 * 1024 * 1024;
/** Upload sessions take files up to 150 MB: https://learn.microsoft.com/graph/outlook-large-attachments */
export const UPLOAD_SESSION_MAX_BYTES = 150 * 1024 * 1024;
/** Exchange Online's default message size limit; tenants can change it (`maxMessageSizeBytes` in the plugin config). */
export const DEFAULT_MESSAGE_LIMIT_BYTES = 35 * 1024 * 1024;
/**
 * Ranged PUTs: each chunk under 4 MB, and a multiple of 320 KiB as Graph's upload-session guidance asks
 * (https://learn.microsoft.com/graph/api/attachment-createuploadsession).
 */
export const UPLOAD_CHUNK_BYTES = 320 * 1024 * 12;
/** A draft or send being worked on is leased for this long; a killed worker's lease lapses and a retry resumes it. */
export const OUTGOING_LEASE_MS = 60_000;
/** A 429 without Retry-After waits this long; Exchange counts 30 messages a minute per mailbox. */
export const DEFAULT_THROTTLE_WAIT_MS = 60_000;
/** Temporary failures (5xx, timeouts) a send rides out before it is reported failed. */
export const MAX_SEND_ATTEMPTS = 8;
export const MAX_RECIPIENTS = 500;
export const MAX_SUBJECT_LENGTH = 255;
export const MAX_BODY_HTML_BYTES = 4 * 1024 * 1024;
/**
 * Graph error codes for Exchange's daily sending quota (10,000 recipients a day); waiting minutes does not help, so
 * these are a clear failure rather than a queued send.
 */
export const DAILY_LIMIT_CODES = new Set(['ErrorSubmissionQuotaExceeded', 'ErrorExceededMessageLimit', 'ErrorQuotaExceeded', 'SubmissionQuotaExceeded', 'ErrorRecipientLimitExceeded']);
