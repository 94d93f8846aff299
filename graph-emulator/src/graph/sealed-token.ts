import { createHmac, timingSafeEqual } from 'node:crypto';

// The opaque links the emulator hands out (delta, skip tokens): the state as base64url JSON, then a MAC so a client
// can neither edit nor forge one. `purpose` keeps one kind of link from being accepted as another.
function mac(payload: string, secret: Buffer, purpose: string): string {
  return createHmac('sha256', secret).update(purpose ? `${purpose}|${payload}` : payload).digest().subarray(0, 18).toString('base64url');
}

export function sealToken(state: object, secret: Buffer, purpose = ''): string {
  const payload = Buffer.from(JSON.stringify(state)).toString('base64url');
  return `${payload}.${mac(payload, secret, purpose)}`;
}

/** The state a token carries, or undefined for anything this emulator did not mint (garbled, edited, foreign). */
export function openToken(token: string, secret: Buffer, purpose = ''): Record<string, unknown> | undefined {
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) return undefined;
  const expected = Buffer.from(mac(payload, secret, purpose));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  try {
    const state: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    return typeof state === 'object' && state !== null && !Array.isArray(state) ? (state as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
