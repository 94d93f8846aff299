import type { Context, Middleware } from '@microsoft/microsoft-graph-client';

// Outlook allows 4 concurrent requests per app and mailbox: https://learn.microsoft.com/graph/throttling-limits#outlook-service-limits
export const MAILBOX_CONCURRENCY = 4;

class Semaphore {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly limit: number) {}

  async acquire(): Promise<void> {
    if (this.active < this.limit) {
      this.active += 1;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active -= 1;
  }

  get inFlight(): number {
    return this.active;
  }
}

/** One semaphore per mailbox in this process. A channel is synced by one worker at a time (stage claim). */
export class MailboxRequestGate {
  private readonly semaphores = new Map<string, Semaphore>();

  constructor(private readonly limit = MAILBOX_CONCURRENCY) {}

  for(mailboxKey: string): Semaphore {
    let semaphore = this.semaphores.get(mailboxKey);
    if (!semaphore) {
      semaphore = new Semaphore(this.limit);
      this.semaphores.set(mailboxKey, semaphore);
    }
    return semaphore;
  }

  inFlight(mailboxKey: string): number {
    return this.semaphores.get(mailboxKey)?.inFlight ?? 0;
  }
}

/** Middleware holding a mailbox slot around the actual HTTP exchange (retries wait outside the slot). */
export class MailboxGateHandler implements Middleware {
  private next?: Middleware;

  constructor(private readonly semaphore: Semaphore) {}

  setNext(next: Middleware): void {
    this.next = next;
  }

  async execute(context: Context): Promise<void> {
    await this.semaphore.acquire();
    try {
      await this.next!.execute(context);
    } finally {
      this.semaphore.release();
    }
  }
}
