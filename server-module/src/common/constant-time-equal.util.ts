import { createHash, timingSafeEqual } from 'node:crypto';

/** Compares two secrets without leaking, through timing, where they differ or how long the expected one is. */
export function constantTimeEqual(actual: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(actual), digest(expected)) && actual.length === expected.length;
}
