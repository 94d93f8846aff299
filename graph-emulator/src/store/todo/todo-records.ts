/** What the To Do store keeps: task lists and tasks per mailbox (microsoft.graph.todoTaskList, todoTask; v1.0). */

export type WellknownListName = 'none' | 'defaultList' | 'flaggedEmails';
export type TaskStatus = 'notStarted' | 'inProgress' | 'completed' | 'waitingOnOthers' | 'deferred';
export type TaskImportance = 'low' | 'normal' | 'high';

export interface TodoListRecord {
  id: string;
  userId: string;
  displayName: string;
  wellknownListName: WellknownListName;
  isOwner: boolean;
  isShared: boolean;
  changeKey: string;
}

/** A dateTimeTimeZone, kept in UTC as To Do gives it back. */
export interface UtcDateTime {
  dateTime: string;
  timeZone: 'UTC';
}

export interface LinkedResourceRecord {
  id: string;
  webUrl: string | null;
  applicationName: string | null;
  displayName: string | null;
  externalId: string | null;
}

/** The writable content of a task. */
export interface TodoTaskContent {
  title: string;
  body: { content: string; contentType: 'text' | 'html' };
  status: TaskStatus;
  importance: TaskImportance;
  isReminderOn: boolean;
  categories: string[];
  dueDateTime: UtcDateTime | null;
  startDateTime: UtcDateTime | null;
  reminderDateTime: UtcDateTime | null;
  completedDateTime: UtcDateTime | null;
  recurrence: Record<string, unknown> | null;
  linkedResources: LinkedResourceRecord[];
}

export interface TodoTaskRecord extends TodoTaskContent {
  id: string;
  userId: string;
  listId: string;
  /** Creation order in the mailbox: what the delta walk pages by. */
  key: number;
  changeKey: string;
  createdMs: number;
  modifiedMs: number;
  bodyModifiedMs: number;
}

export interface TodoChangeEvent {
  changeType: 'created' | 'updated' | 'deleted';
  userId: string;
  taskId: string;
  listId: string;
  changeKey: string;
  at: number;
}
