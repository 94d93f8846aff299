import { createHash, randomBytes } from 'node:crypto';

/** An id in the look of Exchange's (base64 of an entry id); `kind` varies its tail so folders and items differ. */
export function outlookItemId(userId: string, kind: 'folder' | 'item'): string {
  const body = createHash('sha256').update(`${userId}|${randomBytes(12).toString('hex')}`).digest('base64').replace(/[+/=]/g, 'A').slice(0, 64);
  return `AAMkAGI${body}${kind === 'folder' ? 'AAEOAAA=' : 'AAA='}`;
}

export function newChangeKey(): string {
  return randomBytes(12).toString('base64');
}
