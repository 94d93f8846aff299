import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';

/** Graph gives up redelivering a notification after four hours; a copy within that time is one it already sent. */
const REMEMBERED_MS = 4 * 60 * 60 * 1000;
const MAX_REMEMBERED = 200_000;

/**
 * Authentic notifications already taken, by their replay key: the same one again (an attacker replaying a captured
 * request, or a redelivery) is acknowledged and does no work. Kept in this process's memory, oldest forgotten first.
 */
@Injectable()
export class NotificationReplayGuard {
  private readonly seen = new Map<string, number>();

  /** True the first time a key is offered within the window; false for a replay. A null key is always new. */
  firstTime(replayKey: string | null, now = Date.now()): boolean {
    if (replayKey === null) return true;
    const digest = createHash('sha256').update(replayKey).digest('base64url');
    const until = this.seen.get(digest);
    if (until !== undefined && until > now) return false;
    this.seen.delete(digest);
    this.seen.set(digest, now + REMEMBERED_MS);
    this.forgetOldest(now);
    return true;
  }

  /** Forgets keys whose notifications could not be taken after all (not recorded): Graph's retry must get through. */
  forget(replayKeys: Array<string | null>): void {
    for (const replayKey of replayKeys) if (replayKey !== null) this.seen.delete(createHash('sha256').update(replayKey).digest('base64url'));
  }

  private forgetOldest(now: number): void {
    for (const [digest, until] of this.seen) {
      if (this.seen.size <= MAX_REMEMBERED && until > now) return;
      this.seen.delete(digest);
    }
  }
}
