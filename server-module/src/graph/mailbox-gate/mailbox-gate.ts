// Outlook allows 4 concurrent requests per app and mailbox, and counts every Graph workload on that mailbox (mail,
// calendar, contacts, sends) together: https://learn.microsoft.com/graph/throttling-limits#outlook-service-limits
export const MAILBOX_CONCURRENCY = 4;

/** Whose mailbox a request is for: the CRM tenant (workspace) and the mailbox's account within it. */
export interface MailboxKey {
  tenantId: string;
  mailboxId: string;
}

export function mailboxKeyString({ tenantId, mailboxId }: MailboxKey): string {
  return `${tenantId}:${mailboxId}`;
}

/** Slots held for one request; released exactly once when the request is over. */
export interface MailboxSlots {
  release(): Promise<void>;
}

/**
 * One gate for every Graph request of every capability: at most MAILBOX_CONCURRENCY requests in flight per mailbox,
 * and none while Microsoft's last Retry-After for that mailbox runs. The Redis implementation holds across every
 * process sharing the Redis; the in-process one within this process.
 */
export interface MailboxGate {
  /**
   * Waits until `weight` slots are free and no Retry-After holds the mailbox, first come first served (across
   * processes too, for the Redis gate): a request that needs several slots is not overtaken by single ones.
   */
  acquire(key: MailboxKey, weight?: number): Promise<MailboxSlots>;
  /** Microsoft answered 429 with Retry-After: nobody asks this mailbox again for `ms`. Holds only ever lengthen. */
  pauseFor(key: MailboxKey, ms: number): Promise<void>;
  /** Slots held now for the mailbox (by every process, for the Redis gate). */
  inFlight(key: MailboxKey): Promise<number>;
  /** How long the mailbox is still held by a Retry-After, in ms (0 when it is not). */
  pausedFor(key: MailboxKey): Promise<number>;
  close(): Promise<void>;
}

// A Retry-After beyond Outlook's 10-minute rate window is not believed further than that.
export const MAX_PAUSE_MS = 10 * 60 * 1000;

export function clampWeight(weight: number, limit: number): number {
  return Math.min(Math.max(1, Math.floor(weight)), limit);
}
