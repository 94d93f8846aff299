/**
 * Graph's DateTimeOffset values: UTC, to the 100-nanosecond tick, trailing zeros of the fraction dropped
 * (`2016-11-20T18:23:45.9356913Z`, `2026-12-01T19:00:00Z`). Graph gives back a subscription's expiration with the
 * precision the client sent it.
 */
export interface GraphDateTime {
  /** Epoch milliseconds. */
  ms: number;
  /** As Graph writes it. */
  text: string;
}

const ISO = /^(\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d)?)(?:\.(\d+))?(Z|[+-]\d\d:?\d\d)$/i;

/** `ms` plus `ticks` (0–9999 hundred-nanosecond ticks below the millisecond), as Graph writes it. */
export function formatGraphDateTime(ms: number, ticks = 0): string {
  const iso = new Date(ms).toISOString();
  const fraction = `${iso.slice(20, 23)}${String(ticks).padStart(4, '0')}`.replace(/0+$/, '');
  return `${iso.slice(0, 19)}${fraction ? `.${fraction}` : ''}Z`;
}

/** Parses an ISO 8601 date and time with its offset; undefined when it is not one. Beyond 7 fractional digits is cut. */
export function parseGraphDateTime(value: string): GraphDateTime | undefined {
  const match = ISO.exec(value.trim());
  if (!match) return undefined;
  const [, wholeSeconds, fraction = '', offset] = match;
  const base = Date.parse(`${wholeSeconds}${offset!.toUpperCase() === 'Z' ? 'Z' : offset}`);
  if (Number.isNaN(base)) return undefined;
  const digits = fraction.slice(0, 7).padEnd(7, '0');
  const ms = base + Number(digits.slice(0, 3));
  const ticks = Number(digits.slice(3));
  return { ms, text: formatGraphDateTime(ms, ticks) };
}

/** A subscription's expiration as Graph writes it, in responses and in notifications. */
export function subscriptionExpirationText(record: { expirationDateTime: number; expirationText?: string }): string {
  return record.expirationText ?? formatGraphDateTime(record.expirationDateTime);
}
