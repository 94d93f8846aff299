import { changesIn, oldestLogged, scopeOf, type ChangeLogState, type LoggedChange } from './change-log.js';
import { ChangeListeners } from './change-listeners.js';
import { SealedMailboxes, type SealedMailboxesState } from './sealed-mailboxes.js';

/**
 * What the contacts and To Do stores share: mailboxes of items in containers (folders, lists) with one change log
 * each, the delta-link secret, and the change listeners. A store says how a mailbox is made.
 */
export abstract class ContainerItemStore<M extends { log: ChangeLogState }, E> {
  protected readonly mailboxes = new SealedMailboxes<M>();
  protected readonly changeListeners: ChangeListeners<E>;

  /** `what` names the store in the log line of a failing listener. */
  constructor(what: string) {
    this.changeListeners = new ChangeListeners<E>(what);
  }

  protected abstract mailbox(userId: string): M;

  get deltaTokenSecret(): Buffer {
    return this.mailboxes.secret;
  }

  deltaScope(userId: string, containerId: string): { seq: number; epoch: number } {
    return scopeOf(this.mailbox(userId).log, containerId);
  }

  changes(userId: string, after: number, upTo: number): LoggedChange[] {
    return changesIn(this.mailbox(userId).log, after, upTo);
  }

  oldestSeq(userId: string): number {
    return oldestLogged(this.mailbox(userId).log);
  }

  onChange(listener: (event: E) => void): () => void {
    return this.changeListeners.add(listener);
  }

  reset(): void {
    this.mailboxes.reset();
  }

  exportState(): object {
    return this.mailboxes.exportState();
  }

  importState(state: object): void {
    this.mailboxes.importState(state as Partial<SealedMailboxesState<M>>);
  }
}
