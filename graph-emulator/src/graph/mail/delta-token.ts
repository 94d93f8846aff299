import { createHmac, timingSafeEqual } from 'node:crypto';

export type DeltaChangeType = 'created' | 'updated' | 'deleted';

/**
 * The state a delta link carries, signed so clients cannot forge or edit it. Nothing per token is kept on the
 * server: a token is a position in the folder's change log (and, during the initial walk, a key in the folder).
 */
export interface DeltaState {
  /** Mailbox user id. */
  u: string;
  /** Folder id. */
  f: string;
  /** The folder's token epoch when the sync started: an invalidation bumps it and the token answers 410. */
  e: number;
  /** 'w': initial walk of the folder's messages; 'c': a round of changes. */
  p: 'w' | 'c';
  /** Walk: the mailbox sequence when the walk began (the next round starts there). Changes: the round's start. */
  s: number;
  /** Walk: the last message key returned. */
  k?: number;
  /** Changes: the round's upper bound (sequence when the round's first page was served). */
  t?: number;
  /** Changes: the last sequence looked at. */
  c?: number;
  /** The original `$select`. */
  sel?: string;
  /** The original `$top` (the page size). */
  top?: number;
  /** The original `changeType` (applies to rounds of changes, not to the initial walk). */
  ct?: DeltaChangeType;
  /** The original `$filter=receivedDateTime ge …`, as epoch ms, and its text. */
  since?: number;
  flt?: string;
  /** This page was a replay: the next one will not replay again. */
  r?: 1;
}

function mac(payload: string, secret: Buffer): string {
  return createHmac('sha256', secret).update(payload).digest().subarray(0, 18).toString('base64url');
}

/** `secret` is the mail store's: each emulator signs its own links, and keeps the key when its state is saved. */
export function encodeDeltaToken(state: DeltaState, secret: Buffer): string {
  const payload = Buffer.from(JSON.stringify(state)).toString('base64url');
  return `${payload}.${mac(payload, secret)}`;
}

/** Undefined for anything this emulator did not mint (garbled, edited, foreign). */
export function decodeDeltaToken(token: string, secret: Buffer): DeltaState | undefined {
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) return undefined;
  const expected = Buffer.from(mac(payload, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  try {
    const state = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as DeltaState;
    return typeof state.u === 'string' && typeof state.f === 'string' && (state.p === 'w' || state.p === 'c') ? state : undefined;
  } catch {
    return undefined;
  }
}
