import { useCallback, useEffect, useState } from 'react';
import { todoListSyncKey } from '../../accounts/todo-list-sync-view';
import type { FrontHost } from '../../plugin-front/plugin-front.types';
import { RETRY_TODO_LIST_SYNC, TODO_SYNCED_LISTS_QUERY, type TodoSyncedList } from '../../todo/todo-sync.documents';

const POLL_MS = 2000;
/** How long (in polls) it keeps looking for a first pass or a retried one to end before it waits for the member. */
const MAX_POLLS = 30;

/**
 * The account's To Do lists that hold synced tasks, loaded when shown; refreshed every ~2 s while a list waits for its
 * first pass or a Retry's pass has not ended yet.
 */
export function useTodoSyncedLists(host: FrontHost, accountId: string) {
  const [lists, setLists] = useState<TodoSyncedList[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** Lists retried, each with its state when Retry was pressed: retrying until that state moves. */
  const [retrying, setRetrying] = useState<Record<string, string>>({});
  const [pollsLeft, setPollsLeft] = useState(MAX_POLLS);

  const load = useCallback(async () => {
    try {
      const data = await host.graphql<{ microsoftTodoSyncedLists: TodoSyncedList[] }>(TODO_SYNCED_LISTS_QUERY, { connectedAccountId: accountId });
      setLists(data.microsoftTodoSyncedLists);
      setRetrying((current) => {
        const still = Object.entries(current).filter(([id, key]) => data.microsoftTodoSyncedLists.some((list) => list.id === id && todoListSyncKey(list) === key));
        return still.length === Object.keys(current).length ? current : Object.fromEntries(still);
      });
      setError(null);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  }, [host, accountId]);

  useEffect(() => {
    void load();
  }, [load]);

  const waiting = (lists ?? []).some((list) => list.syncStatus === 'NOT_SYNCED') || Object.keys(retrying).length > 0;
  const polling = waiting && pollsLeft > 0;
  useEffect(() => {
    if (!polling) return undefined;
    const timer = setTimeout(() => {
      setPollsLeft((left) => left - 1);
      void load();
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [polling, pollsLeft, load]);

  const retry = useCallback(
    async (list: TodoSyncedList) => {
      setRetrying((current) => ({ ...current, [list.id]: todoListSyncKey(list) }));
      setPollsLeft(MAX_POLLS);
      try {
        await host.graphql(RETRY_TODO_LIST_SYNC, { todoListId: list.id });
      } catch (failure) {
        setRetrying((current) => Object.fromEntries(Object.entries(current).filter(([id]) => id !== list.id)));
        setError(failure instanceof Error ? failure.message : String(failure));
      }
    },
    [host],
  );

  return { lists, error, retrying, retry };
}
