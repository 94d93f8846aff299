import { useCallback, useEffect, useState } from 'react';
import type { TaskSlotProps } from '../plugin-front/plugin-front.types';
import { MicrosoftIcon } from '../ui/MicrosoftIcon';
import { todoSyncView } from './todo-sync-view';
import { SYNC_TODO_TASK, TODO_LISTS_QUERY, TODO_TASK_SYNC_QUERY, UNSYNC_TODO_TASK, type TodoList, type TodoTaskSync } from './todo-sync.documents';

/**
 * "Sync to Microsoft To Do" on a task: off, the member picks one of their accounts that granted Tasks.ReadWrite and
 * a list ("Tasks" unless chosen); on, where it lives and a way to stop. Accounts without the scope say why.
 */
export function TodoSyncControl({ host, taskId }: TaskSlotProps) {
  const [sync, setSync] = useState<TodoTaskSync | null>(null);
  const [accountId, setAccountId] = useState<string>('');
  const [lists, setLists] = useState<TodoList[] | null>(null);
  const [listId, setListId] = useState<string>('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => {
    host.graphql<{ microsoftTodoTaskSync: TodoTaskSync }>(TODO_TASK_SYNC_QUERY, { taskId }).then((data) => setSync(data.microsoftTodoTaskSync), (failure: Error) => setError(failure.message));
  }, [host, taskId]);
  useEffect(load, [load]);

  const granted = sync?.accounts.filter((account) => account.granted) ?? [];
  useEffect(() => {
    if (!accountId && granted[0]) setAccountId(granted[0].connectedAccountId);
  }, [accountId, granted]);
  useEffect(() => {
    if (!accountId || sync?.synced) return;
    setLists(null);
    host.graphql<{ microsoftTodoLists: TodoList[] }>(TODO_LISTS_QUERY, { connectedAccountId: accountId }).then(
      (data) => {
        setLists(data.microsoftTodoLists);
        setListId(data.microsoftTodoLists.find((list) => list.isDefault)?.id ?? data.microsoftTodoLists[0]?.id ?? '');
      },
      (failure: Error) => setError(failure.message),
    );
  }, [host, accountId, sync?.synced]);

  const run = async (mutation: string, variables: Record<string, unknown>, field: 'syncMicrosoftTodoTask' | 'unsyncMicrosoftTodoTask') => {
    setBusy(true);
    setError(null);
    try {
      const data = await host.graphql<Record<string, TodoTaskSync>>(mutation, variables);
      setSync(data[field]!);
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  };

  if (!sync) return error ? <span className="m365-todo-error" data-testid="todo-sync-error">{error}</span> : null;
  const view = todoSyncView(sync);
  if (view.kind === 'SYNCED_BY_ANOTHER_MEMBER' || view.kind === 'NO_ACCOUNT' || view.kind === 'NOT_GRANTED') {
    return (
      <span className="m365-todo-state m365-muted" data-testid={view.kind === 'SYNCED_BY_ANOTHER_MEMBER' ? 'todo-sync-state' : 'todo-sync-unavailable'}>
        <MicrosoftIcon size={12} /> {view.text}
      </span>
    );
  }
  if (view.kind === 'SYNCED') {
    return (
      <span className="m365-todo-state" data-testid="todo-sync-state" data-synced="true">
        <MicrosoftIcon size={12} /> {view.text}
        <button type="button" className="m365-button m365-button-secondary m365-button-small" disabled={busy} onClick={() => void run(UNSYNC_TODO_TASK, { taskId }, 'unsyncMicrosoftTodoTask')} data-testid="todo-unsync">
          Stop syncing
        </button>
        {error && <span className="m365-todo-error">{error}</span>}
      </span>
    );
  }
  return (
    <span className="m365-todo-state" data-testid="todo-sync-off">
      {granted.length > 1 && (
        <select className="m365-select" value={accountId} onChange={(event) => setAccountId(event.target.value)} aria-label="Microsoft account" data-testid="todo-account">
          {granted.map((account) => (
            <option key={account.connectedAccountId} value={account.connectedAccountId}>{account.handle}</option>
          ))}
        </select>
      )}
      <select className="m365-select" value={listId} disabled={!lists} onChange={(event) => setListId(event.target.value)} aria-label="To Do list" data-testid="todo-list">
        {(lists ?? []).map((list) => (
          <option key={list.id} value={list.id}>{list.displayName}</option>
        ))}
      </select>
      <button
        type="button"
        className="m365-button m365-button-primary m365-button-small"
        disabled={busy || !lists || !listId}
        onClick={() => void run(SYNC_TODO_TASK, { taskId, connectedAccountId: accountId, listId }, 'syncMicrosoftTodoTask')}
        data-testid="todo-sync"
      >
        <MicrosoftIcon size={12} /> Sync to Microsoft To Do
      </button>
      {view.notes.map((note) => (
        <span key={note} className="m365-muted">{note}</span>
      ))}
      {error && <span className="m365-todo-error" data-testid="todo-sync-error">{error}</span>}
    </span>
  );
}
