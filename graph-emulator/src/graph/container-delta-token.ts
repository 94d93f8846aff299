import { openToken, sealToken } from './sealed-token.js';

/**
 * The position a delta link over one container (a mail folder, a contact folder, a task list) carries, signed so
 * clients cannot forge or edit it. Nothing per token is kept on the server: a token is a position in the mailbox's
 * change log (and, during the initial walk, an item key in the container).
 */
export interface ContainerDeltaPosition {
  /** Mailbox user id. */
  u: string;
  /** Container id. */
  f: string;
  /** The container's token epoch when the sync started: an invalidation bumps it and the token answers 410. */
  e: number;
  /** 'w': initial walk of the container's items; 'c': a round of changes. */
  p: 'w' | 'c';
  /** Walk: the mailbox sequence when the walk began (the next round starts there). Changes: the round's start. */
  s: number;
  /** Walk: the last item key returned. */
  k?: number;
  /** Changes: the round's upper bound (sequence when the round's first page was served). */
  t?: number;
  /** Changes: the last sequence looked at. */
  c?: number;
  /** The original `$select`. */
  sel?: string;
  /** This page was a replay: the next one will not replay again. */
  r?: 1;
}

export function sealDeltaPosition<T extends ContainerDeltaPosition>(state: T, secret: Buffer, purpose = ''): string {
  return sealToken(state, secret, purpose);
}

/** Undefined for anything this emulator did not mint (garbled, edited, foreign). */
export function openDeltaPosition<T extends ContainerDeltaPosition>(token: string, secret: Buffer, purpose = ''): T | undefined {
  const state = openToken(token, secret, purpose) as Partial<T> | undefined;
  return state && typeof state.u === 'string' && typeof state.f === 'string' && (state.p === 'w' || state.p === 'c') ? (state as T) : undefined;
}
