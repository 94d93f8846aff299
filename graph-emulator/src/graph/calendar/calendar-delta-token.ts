import { createHmac, timingSafeEqual } from 'node:crypto';

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

function mac(payload: string, secret: Buffer): string {
  return createHmac('sha256', secret).update(`calendarView|${payload}`).digest().subarray(0, 18).toString('base64url');
}

export function encodeCalendarDeltaToken(state: CalendarDeltaState, secret: Buffer): string {
  const payload = Buffer.from(JSON.stringify(state)).toString('base64url');
  return `${payload}.${mac(payload, secret)}`;
}

/** Undefined for anything this emulator did not mint. */
export function decodeCalendarDeltaToken(token: string, secret: Buffer): CalendarDeltaState | undefined {
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) return undefined;
  const expected = Buffer.from(mac(payload, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  try {
    const state = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as CalendarDeltaState;
    return typeof state.u === 'string' && typeof state.c === 'string' && (state.p === 'w' || state.p === 'c') ? state : undefined;
  } catch {
    return undefined;
  }
}
