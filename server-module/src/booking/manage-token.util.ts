import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export type ManagePurpose = 'cancel' | 'reschedule';

export interface ManageClaims {
  bookingId: string;
  purpose: ManagePurpose;
  /** The booking's SEQUENCE when the link was made: a link of a booking since moved does nothing. */
  sequence: number;
  /** Epoch ms: the meeting's end, after which the link does nothing. */
  expiresAt: number;
}

const sign = (secret: Buffer, body: string) => createHmac('sha256', secret).update(`booking-manage.${body}`).digest('base64url');

/**
 * A cancel or reschedule link's token: the booking, the one thing it may do and when it stops working, with 16
 * random bytes (so two links for one booking differ) and an HMAC; it names the booking's sequence, so the links of
 * a booking since moved are refused.
 */
export function issueManageToken(secret: Buffer, claims: ManageClaims): string {
  const body = Buffer.from(JSON.stringify({ b: claims.bookingId, p: claims.purpose, s: claims.sequence, e: claims.expiresAt, n: randomBytes(16).toString('base64url') })).toString('base64url');
  return `${body}.${sign(secret, body)}`;
}

export function readManageToken(secret: Buffer, token: string, now = Date.now()): ManageClaims | null {
  if (token.length > 400) return null;
  const [body, signature, extra] = token.split('.');
  if (!body || !signature || extra !== undefined) return null;
  const expected = Buffer.from(sign(secret, body));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as { b?: unknown; p?: unknown; s?: unknown; e?: unknown };
    if (typeof claims.b !== 'string' || (claims.p !== 'cancel' && claims.p !== 'reschedule') || typeof claims.e !== 'number' || typeof claims.s !== 'number') return null;
    if (claims.e <= now) return null;
    return { bookingId: claims.b, purpose: claims.p, sequence: claims.s, expiresAt: claims.e };
  } catch {
    return null;
  }
}
