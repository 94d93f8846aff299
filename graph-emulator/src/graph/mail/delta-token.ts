import { openToken, sealToken } from '../sealed-token.js';

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

export function encodeDeltaToken(state: DeltaState, secret: Buffer): string {
  return sealToken(state, secret);
}

/** Undefined for anything this emulator did not mint (garbled, edited, foreign). */
export function decodeDeltaToken(token: string, secret: Buffer): DeltaState | undefined {
  const state = openToken(token, secret) as Partial<DeltaState> | undefined;
  return state && typeof state.u === 'string' && typeof state.f === 'string' && (state.p === 'w' || state.p === 'c') ? (state as DeltaState) : undefined;
}
