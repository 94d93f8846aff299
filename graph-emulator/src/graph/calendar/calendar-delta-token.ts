import { openToken, sealToken } from '../sealed-token.js';

/**
 * What a calendarView delta link carries, signed so it cannot be forged or edited: the calendar, the window, and a
 * position in the mailbox's change log (or, during the initial walk, in the window's instances). Nothing per token
 * is kept on the server.
 */
export interface CalendarDeltaState {
  /** Mailbox user id and calendar id. */
  u: string;
  c: string;
  /** The mailbox's token epoch when the sync started: an invalidation bumps it and the token answers 410. */
  e: number;
  /** The window, epoch ms, and as the first request wrote it (for the restart link). */
  from: number;
  until: number;
  ws: string;
  we: string;
  /** 'w': initial walk of the window; 'c': a round of changes. */
  p: 'w' | 'c';
  /** Walk: the change sequence when the walk began (the next round starts there). Changes: the round's start. */
  s: number;
  /** Walk: the last instance returned, as [startMs, id]. */
  k?: [number, string];
  /** Changes: the round's upper bound, and the position reached (changed event index, item index in it). */
  t?: number;
  g?: number;
  i?: number;
  /** `Prefer: odata.maxpagesize` of the first request. */
  ps?: number;
  /** This page was a replay: the next one will not replay again. */
  r?: 1;
}

export function encodeCalendarDeltaToken(state: CalendarDeltaState, secret: Buffer): string {
  return sealToken(state, secret, 'calendarView');
}

/** Undefined for anything this emulator did not mint (garbled, edited, foreign). */
export function decodeCalendarDeltaToken(token: string, secret: Buffer): CalendarDeltaState | undefined {
  const state = openToken(token, secret, 'calendarView') as Partial<CalendarDeltaState> | undefined;
  return state && typeof state.u === 'string' && typeof state.c === 'string' && (state.p === 'w' || state.p === 'c') ? (state as CalendarDeltaState) : undefined;
}
