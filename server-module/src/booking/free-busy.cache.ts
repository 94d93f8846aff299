import { Injectable } from '@nestjs/common';
import type { TimeInterval } from '../scheduling/free-slots.util.js';

/** How long Outlook's free/busy for a window is reused for the public page; a booking always asks Outlook again. */
export const FREE_BUSY_TTL_MS = 60_000;
const MAX_ENTRIES = 2_000;

/** Outlook's busy times per (account, calendars, window), briefly: a guest paging through weeks does not re-ask Graph. */
@Injectable()
export class FreeBusyCache {
  private readonly entries = new Map<string, { at: number; busy: Promise<TimeInterval[]> }>();

  get(key: string, now = Date.now()): Promise<TimeInterval[]> | null {
    const entry = this.entries.get(key);
    if (!entry) return null;
    if (now - entry.at >= FREE_BUSY_TTL_MS) {
      this.entries.delete(key);
      return null;
    }
    return entry.busy;
  }

  set(key: string, busy: Promise<TimeInterval[]>, now = Date.now()): void {
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { at: now, busy });
    // A failed look-up is not kept.
    busy.catch(() => this.entries.get(key)?.busy === busy && this.entries.delete(key));
  }

  /** The account's windows are asked again (a booking was made, cancelled or moved). */
  forgetAccount(connectedAccountId: string): void {
    for (const key of this.entries.keys()) if (key.startsWith(`${connectedAccountId}|`)) this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}
