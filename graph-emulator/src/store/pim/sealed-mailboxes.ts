import { randomBytes } from 'node:crypto';

export interface SealedMailboxesState<M> {
  secret: string;
  mailboxes: [string, M][];
}

/**
 * A store's mailboxes by user id, with the secret its delta links are sealed with: a reset empties them and draws a
 * new secret (old links stop opening); the state file keeps both.
 */
export class SealedMailboxes<M> {
  secret = randomBytes(32);
  private mailboxes = new Map<string, M>();

  get(userId: string): M | undefined {
    return this.mailboxes.get(userId);
  }

  set(userId: string, mailbox: M): void {
    this.mailboxes.set(userId, mailbox);
  }

  reset(): void {
    this.mailboxes.clear();
    this.secret = randomBytes(32);
  }

  exportState(): SealedMailboxesState<M> {
    return { secret: this.secret.toString('base64'), mailboxes: [...this.mailboxes.entries()] };
  }

  importState(restored: Partial<SealedMailboxesState<M>>): void {
    this.mailboxes = new Map(restored.mailboxes ?? []);
    if (restored.secret) this.secret = Buffer.from(restored.secret, 'base64');
  }
}
