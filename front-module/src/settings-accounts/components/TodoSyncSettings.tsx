import { SyncChannelKind } from '@m365/shared-types';
import { todoListSyncBadge, todoListSyncKey, todoListSyncView } from '../../accounts/todo-list-sync-view';
import type { FrontHost } from '../../plugin-front/plugin-front.types';
import type { TodoSyncedList } from '../../todo/todo-sync.documents';
import { useNow } from '../hooks/useNow';
import { useTodoSyncedLists } from '../hooks/useTodoSyncedLists';
import { SyncLog } from './SyncLog';
import { SyncStatusBadge } from './SyncStatusBadge';

interface TodoListRowProps {
  list: TodoSyncedList;
  host: FrontHost;
  retrying: boolean;
  now: Date;
  onRetry(): void;
}

function TodoListRow({ list, host, retrying, now, onRetry }: TodoListRowProps) {
  const view = todoListSyncView(list, now);
  return (
    <li className="m365-folder-row m365-todo-list-row" data-testid="todo-list-sync" data-list-name={list.displayName} data-status={list.syncStatus}>
      <div className="m365-subsection-header">
        <span className="m365-subsection-title">
          {list.displayName} <SyncStatusBadge status={todoListSyncBadge(view)} testId="todo-list-status" />
        </span>
      </div>
      <p className="m365-field-caption" data-testid="todo-list-progress">
        {view.text}
      </p>
      {view.reason && (
        <p className="m365-error-text" data-testid="todo-list-error">
          {view.reason}{' '}
          <button type="button" className="m365-button m365-button-small" onClick={onRetry} disabled={retrying} data-testid="todo-list-retry">
            {retrying ? 'Retrying…' : 'Retry'}
          </button>
        </p>
      )}
      <SyncLog host={host} channelKind={SyncChannelKind.TODO} channelId={list.id} refreshKey={todoListSyncKey(list)} />
    </li>
  );
}

/** Microsoft To Do: each list that holds synced CRM tasks, with its status, last sync, task count, Retry and sync log. */
export function TodoSyncSettings({ accountId, host }: { accountId: string; host: FrontHost }) {
  const { lists, error, retrying, retry } = useTodoSyncedLists(host, accountId);
  const now = useNow();
  return (
    <section className="m365-subsection" data-testid="todo-settings">
      <div className="m365-subsection-header">
        <h4 className="m365-subsection-title">Microsoft To Do</h4>
      </div>
      <p className="m365-field-caption">
        Tasks synced from the CRM stay in step with their To Do task both ways: title, notes, due date and done. A task deleted in To Do only unlinks its CRM task.
      </p>
      {error && (
        <p className="m365-error-text" data-testid="todo-settings-error">
          Could not load the To Do lists: {error}
        </p>
      )}
      {lists === null && !error && <p className="m365-muted">Loading…</p>}
      {lists?.length === 0 && (
        <p className="m365-muted" data-testid="todo-settings-empty">
          No task is synced yet: open a task and choose “Sync to Microsoft To Do”.
        </p>
      )}
      {lists && lists.length > 0 && (
        <ul className="m365-folder-list" data-testid="todo-lists">
          {lists.map((list) => (
            <TodoListRow key={list.id} list={list} host={host} now={now} retrying={list.id in retrying} onRetry={() => void retry(list)} />
          ))}
        </ul>
      )}
    </section>
  );
}
