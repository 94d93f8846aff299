import { createHash } from 'node:crypto';

/**
 * Opaque Outlook-like ids. A regular message id carries the message's move generation, so it changes on every
 * move (as Graph's default ids do); an immutable id does not. Both name their mailbox, so an id from another
 * mailbox is simply not found. Folder ids never change.
 */
const REGULAR = 'AAMkAG';
const IMMUTABLE = 'AAkALgAA';
const FOLDER = 'AQMkAD';

export function mailboxTag(userId: string): Buffer {
  return createHash('sha256').update(`mailbox|${userId}`).digest().subarray(0, 8);
}

function encode(prefix: string, kind: number, tag: Buffer, numbers: number[]): string {
  const buffer = Buffer.alloc(1 + tag.length + numbers.length * 4);
  buffer[0] = kind;
  tag.copy(buffer, 1);
  numbers.forEach((n, i) => buffer.writeUInt32BE(n >>> 0, 1 + tag.length + i * 4));
  return `${prefix}${buffer.toString('base64url')}`;
}

export function messageId(tag: Buffer, key: number, generation: number): string {
  return encode(REGULAR, 1, tag, [key, generation]);
}

export function immutableMessageId(tag: Buffer, key: number): string {
  return encode(IMMUTABLE, 2, tag, [key]);
}

export function folderId(tag: Buffer, folderNumber: number): string {
  return encode(FOLDER, 3, tag, [folderNumber]);
}

export type DecodedMessageId = { key: number; generation: number | null };

/** Undefined for anything that is not a message id of this mailbox. */
export function decodeMessageId(tag: Buffer, id: string): DecodedMessageId | undefined {
  const prefix = id.startsWith(REGULAR) ? REGULAR : id.startsWith(IMMUTABLE) ? IMMUTABLE : undefined;
  if (!prefix) return undefined;
  const rest = id.slice(prefix.length);
  if (!/^[A-Za-z0-9_-]+$/.test(rest)) return undefined;
  const buffer = Buffer.from(rest, 'base64url');
  const regular = prefix === REGULAR;
  if (buffer.length !== (regular ? 17 : 13) || buffer[0] !== (regular ? 1 : 2)) return undefined;
  if (!buffer.subarray(1, 9).equals(tag)) return undefined;
  return { key: buffer.readUInt32BE(9), generation: regular ? buffer.readUInt32BE(13) : null };
}

export function looksLikeMessageId(id: string): boolean {
  return id.startsWith(REGULAR) || id.startsWith(IMMUTABLE);
}

const ATTACHMENT = 'AAMkAGAtt';

/** An attachment id names its mailbox, its message (by key, so it survives moves) and its place on the message. */
export function attachmentId(tag: Buffer, key: number, attachmentNumber: number): string {
  return encode(ATTACHMENT, 4, tag, [key, attachmentNumber]);
}

/** Undefined for anything that is not an attachment id of this mailbox. */
export function decodeAttachmentId(tag: Buffer, id: string): { key: number; no: number } | undefined {
  if (!id.startsWith(ATTACHMENT)) return undefined;
  const rest = id.slice(ATTACHMENT.length);
  if (!/^[A-Za-z0-9_-]+$/.test(rest)) return undefined;
  const buffer = Buffer.from(rest, 'base64url');
  if (buffer.length !== 17 || buffer[0] !== 4 || !buffer.subarray(1, 9).equals(tag)) return undefined;
  return { key: buffer.readUInt32BE(9), no: buffer.readUInt32BE(13) };
}
