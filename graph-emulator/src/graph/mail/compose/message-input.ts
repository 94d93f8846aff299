import { odataErrors } from '../../../odata/odata-errors.js';
import type { EmailAddress } from '../../../store/mail/mail-records.js';
import { composeErrors } from './compose-errors.js';

/** A message as a compose request writes it (`POST /me/messages`, `PATCH`, `sendMail`'s and `reply`'s `message`). */
export interface MessageInput {
  subject?: string;
  body?: { contentType: 'html' | 'text'; content: string };
  toRecipients?: EmailAddress[];
  ccRecipients?: EmailAddress[];
  bccRecipients?: EmailAddress[];
  replyTo?: EmailAddress[];
  from?: EmailAddress;
  importance?: 'low' | 'normal' | 'high';
  isRead?: boolean;
  internetMessageId?: string;
  internetMessageHeaders?: { name: string; value: string }[];
  /** Raw `attachments` of the request, for the attachments code to read. */
  attachments?: unknown[];
}

const RECIPIENT_LISTS = ['toRecipients', 'ccRecipients', 'bccRecipients', 'replyTo'] as const;
// Writable message properties the emulator does not store: accepted only with the value every message has.
const NOT_STORED: Record<string, (value: unknown) => boolean> = {
  categories: (value) => Array.isArray(value) && value.length === 0,
  flag: (value) => typeof value === 'object' && value !== null && JSON.stringify(value) === '{"flagStatus":"notFlagged"}',
  isDeliveryReceiptRequested: (value) => value === false,
  isReadReceiptRequested: (value) => value === false,
  inferenceClassification: (value) => value === 'focused',
  singleValueExtendedProperties: () => false,
  multiValueExtendedProperties: () => false,
  extensions: () => false,
  mentions: () => false,
};
// Read-only properties: Graph leaves them as they are when a request carries them (a message read and sent back).
const READ_ONLY = [
  'id', 'createdDateTime', 'lastModifiedDateTime', 'changeKey', 'receivedDateTime', 'sentDateTime', 'hasAttachments',
  'bodyPreview', 'parentFolderId', 'conversationId', 'conversationIndex', 'isDraft', 'webLink', 'uniqueBody', 'sender',
];
/** The first read-only property a body names, if any (a PATCH refuses it: it would otherwise be dropped unseen). */
export function readOnlyProperty(raw: Record<string, unknown>): string | undefined {
  return Object.keys(raw).find((key) => READ_ONLY.some((name) => name.toLowerCase() === key.toLowerCase()));
}
const WRITABLE = ['subject', 'body', ...RECIPIENT_LISTS, 'from', 'importance', 'isRead', 'internetMessageId', 'internetMessageHeaders', 'attachments'];

/** Loose enough for what Exchange resolves: `local@domain`, no spaces or angle brackets. */
export function isAddress(value: string): boolean {
  return /^[^\s@<>()",;]+@[^\s@<>()",;]+\.[^\s@<>()",;]+$/.test(value);
}

function recipient(value: unknown, where: string): EmailAddress {
  const emailAddress = (value as { emailAddress?: unknown } | null)?.emailAddress as { address?: unknown; name?: unknown } | undefined;
  if (typeof emailAddress !== 'object' || emailAddress === null) throw composeErrors.badValue(where, 'a recipient is {"emailAddress": {"address": …}}');
  const { address, name } = emailAddress;
  if (typeof address !== 'string' || !isAddress(address.trim())) throw composeErrors.invalidRecipient(String(address ?? ''));
  if (name !== undefined && name !== null && typeof name !== 'string') throw composeErrors.badValue(`${where}.emailAddress.name`, 'a string');
  const trimmed = address.trim();
  return { name: typeof name === 'string' && name !== '' ? name : trimmed, address: trimmed };
}

function recipients(value: unknown, where: string): EmailAddress[] {
  if (!Array.isArray(value)) throw composeErrors.badValue(where, 'a collection of recipients');
  return value.map((item, index) => recipient(item, `${where}[${index}]`));
}

/** The request body as an object whose keys Graph matches case-insensitively (`Message`, `SaveToSentItems`). */
export function bodyObject(body: unknown, optional = false): Record<string, unknown> {
  if (body === undefined || body === null || (typeof body === 'object' && !Array.isArray(body) && Object.keys(body).length === 0 && optional)) return {};
  if (typeof body !== 'object' || Array.isArray(body)) throw composeErrors.badValue('body', 'the request body must be a JSON object');
  return body as Record<string, unknown>;
}

/** `name`'s value in `object`, its key matched case-insensitively. */
export function member(object: Record<string, unknown>, name: string): unknown {
  const key = Object.keys(object).find((candidate) => candidate.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : object[key];
}

/** Checks a `message` object against the writable properties; unknown names are Graph's 400, unstored ones 501. */
export function parseMessageInput(raw: unknown, where = 'message'): MessageInput {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw composeErrors.badValue(where, 'a message object');
  const input: MessageInput = {};
  for (const [rawKey, value] of Object.entries(raw as Record<string, unknown>)) {
    if (rawKey.startsWith('@odata.')) continue;
    const key = WRITABLE.find((name) => name.toLowerCase() === rawKey.toLowerCase())
      ?? Object.keys(NOT_STORED).find((name) => name.toLowerCase() === rawKey.toLowerCase())
      ?? READ_ONLY.find((name) => name.toLowerCase() === rawKey.toLowerCase());
    if (!key) throw composeErrors.unknownProperty(rawKey);
    if (READ_ONLY.includes(key)) continue;
    if (key in NOT_STORED) {
      if (!NOT_STORED[key]!(value)) throw odataErrors.notImplemented(`writing '${key}' on a message (it stores no ${key})`);
      continue;
    }
    switch (key) {
      case 'subject':
        if (typeof value !== 'string' && value !== null) throw composeErrors.badValue(key, 'a string');
        input.subject = value ?? '';
        break;
      case 'body': {
        const body = value as { contentType?: unknown; content?: unknown } | null;
        if (typeof body !== 'object' || body === null) throw composeErrors.badValue(key, 'an itemBody {contentType, content}');
        const type = body.contentType === undefined ? 'text' : typeof body.contentType === 'string' ? body.contentType.toLowerCase() : '';
        if (type !== 'text' && type !== 'html') throw composeErrors.badValue('body.contentType', "'text' or 'html'");
        if (body.content !== undefined && body.content !== null && typeof body.content !== 'string') throw composeErrors.badValue('body.content', 'a string');
        input.body = { contentType: type, content: (body.content as string | null | undefined) ?? '' };
        break;
      }
      case 'toRecipients':
      case 'ccRecipients':
      case 'bccRecipients':
      case 'replyTo':
        input[key] = recipients(value, key);
        break;
      case 'from':
        input.from = recipient(value, key);
        break;
      case 'importance': {
        const importance = typeof value === 'string' ? value.toLowerCase() : '';
        if (importance !== 'low' && importance !== 'normal' && importance !== 'high') throw composeErrors.badValue(key, "'low', 'normal' or 'high'");
        input.importance = importance;
        break;
      }
      case 'isRead':
        if (typeof value !== 'boolean') throw composeErrors.badValue(key, 'a boolean');
        input.isRead = value;
        break;
      case 'internetMessageId':
        if (typeof value !== 'string' || !/^<[^<>\s]+@[^<>\s]+>$/.test(value)) throw composeErrors.badValue(key, 'a Message-ID such as <id@domain>');
        input.internetMessageId = value;
        break;
      case 'internetMessageHeaders':
        input.internetMessageHeaders = headers(value);
        break;
      case 'attachments':
        if (!Array.isArray(value)) throw composeErrors.badValue(key, 'a collection of attachments');
        input.attachments = value;
        break;
    }
  }
  return input;
}

// user-sendmail.md / message-post: custom headers must start with X- (or x-); Graph refuses others.
function headers(value: unknown): { name: string; value: string }[] {
  if (!Array.isArray(value)) throw composeErrors.badValue('internetMessageHeaders', 'a collection of {name, value}');
  return value.map((item) => {
    const { name, value: text } = (item ?? {}) as { name?: unknown; value?: unknown };
    if (typeof name !== 'string' || typeof text !== 'string') throw composeErrors.badValue('internetMessageHeaders', 'a collection of {name, value}');
    if (!/^x-/i.test(name)) {
      throw composeErrors.badValue('internetMessageHeaders', `only custom headers starting with 'X-' can be added, not '${name}'`);
    }
    return { name, value: text };
  });
}

/** createReply, sendMail and the like also take a base64 MIME message (`Content-Type: text/plain`): not emulated. */
export function refuseMime(contentType: string | undefined, action: string): void {
  if (contentType && /^text\/plain/i.test(contentType)) throw odataErrors.notImplemented(`MIME content for ${action}`);
}
