import type { LoggedChange } from '../pim/change-log.js';
import type { TodoChangeEvent, TodoListRecord, TodoTaskContent, TodoTaskRecord } from './todo-records.js';

/** Microsoft To Do per mailbox: lists, tasks with their linked resources, and the change log tasks delta walks. */
export interface TodoStore {
  readonly deltaTokenSecret: Buffer;

  /** The lists, the built-in "Tasks" (defaultList) and "Flagged emails" first (made on first use). */
  listLists(userId: string): TodoListRecord[];
  getList(userId: string, id: string): TodoListRecord | undefined;
  defaultList(userId: string): TodoListRecord;
  addList(userId: string, displayName: string): TodoListRecord;
  renameList(userId: string, id: string, displayName: string): TodoListRecord;
  /** Removes the list and its tasks (each logged and announced as deleted). */
  deleteList(userId: string, id: string): void;

  listTasks(userId: string, listId: string): TodoTaskRecord[];
  getTask(userId: string, id: string): TodoTaskRecord | undefined;
  /** Up to `limit` tasks of the list with a key above `after`, by key (the delta walk), and whether more follow. */
  tasksAfter(userId: string, listId: string, after: number, limit: number): { items: TodoTaskRecord[]; more: boolean };
  addTask(userId: string, listId: string, content: TodoTaskContent): TodoTaskRecord;
  /** Replaces the content, with a new changeKey and modification time (and body time when the body changed). */
  updateTask(userId: string, id: string, content: TodoTaskContent): TodoTaskRecord;
  deleteTask(userId: string, id: string): TodoTaskRecord | undefined;

  deltaScope(userId: string, listId: string): { seq: number; epoch: number };
  changes(userId: string, after: number, upTo: number): LoggedChange[];
  oldestSeq(userId: string): number;
  invalidateDelta(userId: string, listId?: string): void;

  onChange(listener: (event: TodoChangeEvent) => void): () => void;
  reset(): void;
  exportState(): object;
  importState(state: object): void;
}
