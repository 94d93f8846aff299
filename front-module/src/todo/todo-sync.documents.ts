const SYNC_FIELDS = `taskId synced syncedByAnotherMember connectedAccountId listId listName todoTaskId state pendingWrite lastError
  accounts { connectedAccountId handle granted reason }`;

export const TODO_TASK_SYNC_QUERY = `query MicrosoftTodoTaskSync($taskId: ID!) { microsoftTodoTaskSync(taskId: $taskId) { ${SYNC_FIELDS} } }`;
export const TODO_LISTS_QUERY = `query MicrosoftTodoLists($connectedAccountId: ID!) { microsoftTodoLists(connectedAccountId: $connectedAccountId) { id displayName isDefault } }`;
export const SYNC_TODO_TASK = `mutation SyncMicrosoftTodoTask($taskId: ID!, $connectedAccountId: ID!, $listId: String) {
  syncMicrosoftTodoTask(taskId: $taskId, connectedAccountId: $connectedAccountId, listId: $listId) { ${SYNC_FIELDS} } }`;
export const UNSYNC_TODO_TASK = `mutation UnsyncMicrosoftTodoTask($taskId: ID!) { unsyncMicrosoftTodoTask(taskId: $taskId) { ${SYNC_FIELDS} } }`;

export interface TodoAccountOption {
  connectedAccountId: string;
  handle: string;
  granted: boolean;
  reason: string | null;
}

export interface TodoTaskSync {
  taskId: string;
  synced: boolean;
  syncedByAnotherMember: boolean;
  connectedAccountId: string | null;
  listId: string | null;
  listName: string | null;
  todoTaskId: string | null;
  state: string | null;
  pendingWrite: boolean;
  lastError: string | null;
  accounts: TodoAccountOption[];
}

export interface TodoList {
  id: string;
  displayName: string;
  isDefault: boolean;
}

export const TODO_SYNCED_LISTS_QUERY = `query MicrosoftTodoSyncedLists($connectedAccountId: ID!) {
  microsoftTodoSyncedLists(connectedAccountId: $connectedAccountId) { id displayName syncedTaskCount syncedAt syncStatus lastErrorMessage } }`;
export const RETRY_TODO_LIST_SYNC = `mutation RetryMicrosoftTodoListSync($todoListId: ID!) { retryMicrosoftTodoListSync(todoListId: $todoListId) }`;

export type TodoListSyncStatus = 'NOT_SYNCED' | 'SYNCED' | 'FAILED';

/** A To Do list of the account that holds synced tasks, as Settings → Accounts shows it. */
export interface TodoSyncedList {
  /** Also its sync log's channel id. */
  id: string;
  displayName: string;
  syncedTaskCount: number;
  syncedAt: string | null;
  syncStatus: TodoListSyncStatus;
  lastErrorMessage: string | null;
}
