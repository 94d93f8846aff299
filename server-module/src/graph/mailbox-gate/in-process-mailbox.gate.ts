import { clampWeight, MAILBOX_CONCURRENCY, MAX_PAUSE_MS, mailboxKeyString, type MailboxGate, type MailboxKey, type MailboxSlots } from './mailbox-gate.js';

interface Waiter {
  weight: number;
  resolve(slots: MailboxSlots): void;
}

interface MailboxState {
  held: number;
  pausedUntil: number;
  queue: Waiter[];
  timer?: NodeJS.Timeout;
}

/** The mailbox gate of a process without Redis (and of a process while its Redis is unreachable). */
export class InProcessMailboxGate implements MailboxGate {
  private readonly mailboxes = new Map<string, MailboxState>();

  constructor(private readonly limit = MAILBOX_CONCURRENCY) {}

  acquire(key: MailboxKey, weight = 1): Promise<MailboxSlots> {
    const name = mailboxKeyString(key);
    const state = this.state(name);
    return new Promise((resolve) => {
      state.queue.push({ weight: clampWeight(weight, this.limit), resolve });
      this.pump(name, state);
    });
  }

  async pauseFor(key: MailboxKey, ms: number): Promise<void> {
    const name = mailboxKeyString(key);
    const state = this.state(name);
    state.pausedUntil = Math.max(state.pausedUntil, Date.now() + Math.min(Math.max(0, ms), MAX_PAUSE_MS));
    this.pump(name, state);
  }

  async inFlight(key: MailboxKey): Promise<number> {
    return this.mailboxes.get(mailboxKeyString(key))?.held ?? 0;
  }

  async pausedFor(key: MailboxKey): Promise<number> {
    return Math.max(0, (this.mailboxes.get(mailboxKeyString(key))?.pausedUntil ?? 0) - Date.now());
  }

  async close(): Promise<void> {
    for (const state of this.mailboxes.values()) clearTimeout(state.timer);
  }

  private state(name: string): MailboxState {
    let state = this.mailboxes.get(name);
    if (!state) {
      state = { held: 0, pausedUntil: 0, queue: [] };
      this.mailboxes.set(name, state);
    }
    return state;
  }

  /** Lets waiters in, in order; the first one that does not fit holds back those behind it (a $batch is not starved). */
  private pump(name: string, state: MailboxState): void {
    const pause = state.pausedUntil - Date.now();
    if (pause > 0) {
      if (state.queue.length > 0) {
        clearTimeout(state.timer);
        state.timer = setTimeout(() => this.pump(name, state), pause).unref();
      }
      return;
    }
    while (state.queue.length > 0 && state.held + state.queue[0]!.weight <= this.limit) {
      const waiter = state.queue.shift()!;
      state.held += waiter.weight;
      let released = false;
      waiter.resolve({
        release: async () => {
          if (released) return;
          released = true;
          state.held -= waiter.weight;
          this.pump(name, state);
        },
      });
    }
    if (state.held === 0 && state.queue.length === 0 && state.pausedUntil <= Date.now()) this.mailboxes.delete(name);
  }
}
