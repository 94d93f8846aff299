/**
 * A mailbox's change log for items kept in containers (contacts in folders, tasks in lists): the sequence of
 * changes delta rounds walk, and the token epochs an invalidation bumps. Plain data, so the state file keeps it.
 */
export interface LoggedChange {
  seq: number;
  containerId: string;
  itemId: string;
}

export interface ChangeLogState {
  seq: number;
  epoch: number;
  containerEpochs: Record<string, number>;
  entries: LoggedChange[];
}

// Enough history for any sync the tests and benchmarks run; older tokens restart (410), as Outlook's cache does.
const MAX_ENTRIES = 200_000;

export function newChangeLog(): ChangeLogState {
  return { seq: 0, epoch: 1, containerEpochs: {}, entries: [] };
}

export function logChange(log: ChangeLogState, containerId: string, itemId: string): number {
  log.seq += 1;
  log.entries.push({ seq: log.seq, containerId, itemId });
  if (log.entries.length > MAX_ENTRIES) log.entries.splice(0, log.entries.length - MAX_ENTRIES);
  return log.seq;
}

/** Changes with `after < seq <= upTo`, oldest first. */
export function changesIn(log: ChangeLogState, after: number, upTo: number): LoggedChange[] {
  return log.entries.filter((entry) => entry.seq > after && entry.seq <= upTo).map((entry) => ({ ...entry }));
}

/** The first sequence still logged: a token from before it must restart. */
export function oldestLogged(log: ChangeLogState): number {
  return log.entries[0]?.seq ?? log.seq + 1;
}

/** The last logged sequence and the container's epoch (the mailbox's plus the container's own bumps). */
export function scopeOf(log: ChangeLogState, containerId: string): { seq: number; epoch: number } {
  return { seq: log.seq, epoch: log.epoch + (log.containerEpochs[containerId] ?? 0) };
}

/** Every delta token of the mailbox (or of one container) answers 410 from now on. */
export function invalidateLog(log: ChangeLogState, containerId?: string): void {
  if (containerId === undefined) log.epoch += 1;
  else log.containerEpochs[containerId] = (log.containerEpochs[containerId] ?? 0) + 1;
}

/**
 * Up to `limit` items of a container with a key above `after`, in key order, cloned, and whether more follow. Items
 * sit in their map in creation order (keys only grow and updates keep an entry's place), so the walk stops early.
 */
export function itemsAfterKey<T extends { key: number }>(items: Map<string, T>, inContainer: (item: T) => boolean, after: number, limit: number): { items: T[]; more: boolean } {
  const page: T[] = [];
  for (const item of items.values()) {
    if (item.key <= after || !inContainer(item)) continue;
    if (page.length === limit) return { items: page, more: true };
    page.push(structuredClone(item));
  }
  return { items: page, more: false };
}
