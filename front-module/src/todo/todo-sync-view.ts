import type { TodoAccountOption, TodoTaskSync } from './todo-sync.documents';

export type TodoSyncView =
  | { kind: 'SYNCED'; text: string }
  | { kind: 'SYNCED_BY_ANOTHER_MEMBER'; text: string }
  | { kind: 'NO_ACCOUNT'; text: string }
  | { kind: 'NOT_GRANTED'; text: string }
  | { kind: 'OFF'; accounts: TodoAccountOption[]; notes: string[] };

/** What the task's To Do control shows: where the task lives, why it cannot sync, or the accounts it can sync with. */
export function todoSyncView(sync: TodoTaskSync): TodoSyncView {
  if (sync.syncedByAnotherMember) return { kind: 'SYNCED_BY_ANOTHER_MEMBER', text: 'Synced to Microsoft To Do by another member' };
  if (sync.synced) {
    const extra = [sync.pendingWrite ? 'saving…' : null, sync.lastError].filter(Boolean);
    return { kind: 'SYNCED', text: [`In Microsoft To Do · ${sync.listName ?? 'a list'}`, ...extra].join(' · ') };
  }
  if (sync.accounts.length === 0) return { kind: 'NO_ACCOUNT', text: 'Connect a Microsoft account in Settings to sync tasks to To Do.' };
  const granted = sync.accounts.filter((account) => account.granted);
  if (granted.length === 0) return { kind: 'NOT_GRANTED', text: `To Do sync is off: ${sync.accounts[0]!.reason ?? 'the account has not granted Tasks.ReadWrite'}` };
  return { kind: 'OFF', accounts: granted, notes: sync.accounts.filter((account) => !account.granted).map((account) => `${account.handle}: ${account.reason ?? ''}`) };
}
