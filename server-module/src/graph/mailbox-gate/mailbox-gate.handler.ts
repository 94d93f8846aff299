import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import { retryAfterMs } from '../graph-error.classifier.js';
import { MAILBOX_CONCURRENCY, type MailboxGate, type MailboxKey } from './mailbox-gate.js';

/**
 * Holds the mailbox's slots around the actual HTTP exchange (the SDK's RetryHandler, outside this link, waits out
 * Retry-After without holding any). A 429 pauses the mailbox for its Retry-After, for every process.
 */
export class MailboxGateHandler implements Middleware {
  private next?: Middleware;

  constructor(
    private readonly gate: MailboxGate,
    private readonly key: MailboxKey,
  ) {}

  setNext(next: Middleware): void {
    this.next = next;
  }

  async execute(context: Context): Promise<void> {
    const slots = await this.gate.acquire(this.key, requestWeight(context));
    try {
      await this.next!.execute(context);
    } finally {
      await slots.release();
    }
    const response = context.response;
    if (response?.status === 429 && !isSendAction(context)) {
      const wait = retryAfterMs(response.headers.get('Retry-After'));
      if (wait) await this.gate.pauseFor(this.key, wait);
    }
  }
}

// A 429 on sending is Exchange's sending rate (messages a minute), which the send queue waits out: it says nothing of
// the mailbox's request limits, and pausing every read for it would stall the mailbox for a minute.
const SEND_ACTION = /\/(?:send|sendMail|reply|replyAll|forward)$/i;

function isSendAction(context: Context): boolean {
  const url = typeof context.request === 'string' ? context.request : context.request.url;
  return SEND_ACTION.test(new URL(url).pathname);
}

/**
 * Outlook counts each `$batch` item against the mailbox and runs up to 4 of a batch at a time, so a batch takes as
 * many slots as it can run at once: https://learn.microsoft.com/graph/throttling#throttling-and-batching
 */
export function requestWeight(context: Context): number {
  const url = typeof context.request === 'string' ? context.request : context.request.url;
  if (!new URL(url).pathname.endsWith('/$batch')) return 1;
  const body = context.options?.body;
  try {
    const items = (JSON.parse(typeof body === 'string' ? body : '') as { requests?: unknown[] }).requests;
    return Math.min(Math.max(1, Array.isArray(items) ? items.length : MAILBOX_CONCURRENCY), MAILBOX_CONCURRENCY);
  } catch {
    return MAILBOX_CONCURRENCY;
  }
}
