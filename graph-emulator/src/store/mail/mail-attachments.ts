import { lookup } from 'mime-types';
import { attachmentId } from '../../mail/mail-ids.js';
import { prng, pick } from '../../mail/prng.js';
import type { NewAttachmentInput } from './mail-records.js';
import type { AttachmentView } from './mail-store.js';
import type { AttachmentRecord, Mailbox, MessageRecord } from './mailbox-model.js';

/** Graph takes file attachments under 3 MB in one request: https://learn.microsoft.com/en-us/graph/outlook-large-attachments */
const MAX_ATTACHMENT_BYTES = 3 * 1024 * 1024;
// One character class, no repeated group: a group repeated a million times (a 3 MB file) can overflow the regexp stack.
const BASE64_CHARS = /^[A-Za-z0-9+/]*={0,2}$/;
export const isBase64 = (text: string): boolean => text.length % 4 === 0 && BASE64_CHARS.test(text);
const GENERATED_NAMES = ['Notes.txt', 'Agenda.txt', 'Summary.txt', 'Minutes.txt', 'Checklist.txt'];

export function contentTypeFor(name: string): string {
  return lookup(name) || 'application/octet-stream';
}

/** The attachments of a new message, checked: a bad one throws a TypeError naming it, and nothing is stored. */
export function attachmentRecords(inputs: unknown, now: number): AttachmentRecord[] {
  if (!Array.isArray(inputs)) throw new TypeError('attachments must be an array');
  return inputs.map((value: unknown, no) => {
    const input = (value ?? {}) as NewAttachmentInput;
    const where = `attachments[${no}]`;
    if (typeof input !== 'object' || typeof input.name !== 'string' || input.name.trim() === '') throw new TypeError(`${where} needs a name`);
    const odataType = (input as { '@odata.type'?: unknown })['@odata.type'];
    if (odataType !== undefined && String(odataType).replace(/^#/, '').toLowerCase() !== 'microsoft.graph.fileattachment') {
      throw new TypeError(`${where}: the emulator stores file attachments only (#microsoft.graph.fileAttachment), not ${String(odataType)}`);
    }
    if ((input.contentBytes === undefined) === (input.text === undefined)) throw new TypeError(`${where} needs exactly one of contentBytes (base64) and text`);
    let bytes: Buffer;
    if (input.contentBytes !== undefined) {
      if (typeof input.contentBytes !== 'string' || !isBase64(input.contentBytes)) throw new TypeError(`${where}.contentBytes must be base64`);
      bytes = Buffer.from(input.contentBytes, 'base64');
    } else {
      if (typeof input.text !== 'string') throw new TypeError(`${where}.text must be a string`);
      bytes = Buffer.from(input.text, 'utf8');
    }
    if (bytes.length >= MAX_ATTACHMENT_BYTES) throw new TypeError(`${where} must be under 3 MB, as Graph takes attachments in one request`);
    if (input.contentType !== undefined && (typeof input.contentType !== 'string' || !/^[\w.+-]+\/[\w.+-]+/.test(input.contentType))) {
      throw new TypeError(`${where}.contentType must be a media type like text/plain`);
    }
    if (input.isInline !== undefined && typeof input.isInline !== 'boolean') throw new TypeError(`${where}.isInline must be a boolean`);
    if (input.contentId !== undefined && (typeof input.contentId !== 'string' || /[\s<>]/.test(input.contentId))) {
      throw new TypeError(`${where}.contentId must be a Content-ID without spaces or angle brackets`);
    }
    return {
      no,
      name: input.name,
      contentType: input.contentType ?? contentTypeFor(input.name),
      isInline: input.isInline ?? false,
      contentId: input.contentId ?? null,
      lastModified: now,
      bytes,
    };
  });
}

/** Graph's hasAttachments leaves inline attachments out: https://learn.microsoft.com/en-us/graph/api/resources/message */
export function hasFileAttachments(records: AttachmentRecord[]): boolean {
  return records.some((record) => !record.isInline);
}

/** The one small text file seeded mail with `hasAttachments` carries, made from the message key when read. */
function generatedAttachment(mailbox: Mailbox, record: MessageRecord): AttachmentRecord {
  const random = prng((mailbox.contentSeed * 2246822519) ^ (record.key * 3266489917) ^ 0x27d4eb2f);
  const name = pick(random, GENERATED_NAMES);
  const text = `${name.replace(/\.txt$/, '')} for "${record.subject}"\r\n\r\nFrom ${record.from.name}, ${new Date(record.received).toUTCString()}.\r\n`;
  return { no: 0, name, contentType: 'text/plain', isInline: false, contentId: null, lastModified: record.received, bytes: Buffer.from(text, 'utf8') };
}

function attachmentView(mailbox: Mailbox, record: MessageRecord, attachment: AttachmentRecord): AttachmentView {
  return {
    id: attachmentId(mailbox.tag, record.key, attachment.no),
    name: attachment.name,
    contentType: attachment.contentType,
    size: attachment.bytes.length,
    isInline: attachment.isInline,
    contentId: attachment.contentId,
    lastModifiedDateTime: attachment.lastModified,
    bytes: attachment.bytes,
  };
}

export function attachmentViews(mailbox: Mailbox, record: MessageRecord): AttachmentView[] {
  // Records restored from a state file written before attachments were stored have no `attachments` field.
  const stored = record.attachments ?? null;
  const records = stored ?? (record.hasAttachments ? [generatedAttachment(mailbox, record)] : []);
  return records.map((attachment) => attachmentView(mailbox, record, attachment));
}
