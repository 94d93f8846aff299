import type { TodoSyncedList } from '../todo/todo-sync.documents';
import type { AccountStatus } from './account-sync-status';
import { formatRelativeTime } from './import-progress';

export type TodoListSyncViewKind = 'QUEUED' | 'SYNCED' | 'FAILED';

export interface TodoListSyncView {
  kind: TodoListSyncViewKind;
  /** "Synced · 3 tasks · last synced 2 minutes ago" */
  text: string;
  /** Why its last pass failed, in the server's words; null otherwise. */
  reason: string | null;
}

const tasks = (count: number) => `${count} ${count === 1 ? 'task' : 'tasks'}`;

/** One To Do list's line in Settings → Accounts: how many CRM tasks it holds, when it last synced, why it failed. */
export function todoListSyncView(list: Pick<TodoSyncedList, 'syncStatus' | 'syncedAt' | 'syncedTaskCount' | 'lastErrorMessage'>, now: Date): TodoListSyncView {
  const count = tasks(list.syncedTaskCount);
  const last = list.syncedAt ? ` · last synced ${formatRelativeTime(list.syncedAt, now)}` : '';
  switch (list.syncStatus) {
    case 'NOT_SYNCED':
      return { kind: 'QUEUED', text: `${count} · first sync starting shortly…`, reason: null };
    case 'FAILED':
      return { kind: 'FAILED', text: `Sync failed · ${count}${last}`, reason: list.lastErrorMessage ?? 'Microsoft To Do did not answer as expected; the sync tries again every 5 minutes.' };
    default:
      return { kind: 'SYNCED', text: `Synced · ${count}${last}`, reason: null };
  }
}

const BADGES: Record<TodoListSyncViewKind, Pick<AccountStatus, 'kind' | 'label' | 'tone'>> = {
  QUEUED: { kind: 'NOT_SYNCED', label: 'Not synced', tone: 'gray' },
  SYNCED: { kind: 'SYNCED', label: 'Synced', tone: 'green' },
  FAILED: { kind: 'SYNC_FAILED', label: 'Sync failed', tone: 'red' },
};

/** The list's badge, in the shape the other channels' badges take. */
export function todoListSyncBadge(view: TodoListSyncView): AccountStatus {
  return { ...BADGES[view.kind], detail: view.reason };
}

/** Moves whenever a pass of the list may have ended: its open sync log reloads on it. */
export function todoListSyncKey(list: Pick<TodoSyncedList, 'syncStatus' | 'syncedAt' | 'lastErrorMessage'>): string {
  return [list.syncStatus, list.syncedAt, list.lastErrorMessage].join('|');
}
