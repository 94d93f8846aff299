import { invalidateLog, itemsAfterKey, logChange, newChangeLog, type ChangeLogState } from '../pim/change-log.js';
import { newChangeKey, outlookItemId } from '../pim/outlook-ids.js';
import type { TodoChangeEvent, TodoListRecord, TodoTaskContent, TodoTaskRecord, WellknownListName } from './todo-records.js';
import type { TodoStore } from './todo-store.js';
import { ContainerItemStore } from '../pim/container-item-store.js';

interface Mailbox {
  lists: TodoListRecord[];
  tasks: Map<string, TodoTaskRecord>;
  nextKey: number;
  log: ChangeLogState;
}

const clone = <T>(value: T): T => structuredClone(value);

export class InMemoryTodoStore extends ContainerItemStore<Mailbox, TodoChangeEvent> implements TodoStore {
  constructor(private readonly userExists: (userId: string) => boolean) {
    super('To Do');
  }

  protected mailbox(userId: string): Mailbox {
    let mailbox = this.mailboxes.get(userId);
    if (!mailbox) {
      if (!this.userExists(userId)) throw new TypeError(`no user ${userId}`);
      mailbox = { lists: [], tasks: new Map(), nextKey: 1, log: newChangeLog() };
      mailbox.lists.push(this.list(userId, 'Tasks', 'defaultList'), this.list(userId, 'Flagged emails', 'flaggedEmails'));
      this.mailboxes.set(userId, mailbox);
    }
    return mailbox;
  }

  private list(userId: string, displayName: string, wellknownListName: WellknownListName): TodoListRecord {
    return { id: outlookItemId(userId, 'folder'), userId, displayName, wellknownListName, isOwner: true, isShared: false, changeKey: newChangeKey() };
  }

  private found(userId: string, id: string): TodoListRecord {
    const list = this.mailbox(userId).lists.find((entry) => entry.id === id);
    if (!list) throw new TypeError(`no task list ${id}`);
    return list;
  }

  listLists(userId: string): TodoListRecord[] {
    return this.mailbox(userId).lists.map(clone);
  }

  getList(userId: string, id: string): TodoListRecord | undefined {
    const found = this.mailbox(userId).lists.find((list) => list.id === id);
    return found && clone(found);
  }

  defaultList(userId: string): TodoListRecord {
    return clone(this.mailbox(userId).lists.find((list) => list.wellknownListName === 'defaultList')!);
  }

  addList(userId: string, displayName: string): TodoListRecord {
    if (typeof displayName !== 'string' || displayName.trim() === '') throw new TypeError('a task list needs a displayName');
    const list = this.list(userId, displayName, 'none');
    this.mailbox(userId).lists.push(list);
    return clone(list);
  }

  renameList(userId: string, id: string, displayName: string): TodoListRecord {
    if (typeof displayName !== 'string' || displayName.trim() === '') throw new TypeError('a task list needs a displayName');
    const list = this.found(userId, id);
    if (list.wellknownListName !== 'none') throw new TypeError('a built-in list cannot be renamed');
    list.displayName = displayName;
    list.changeKey = newChangeKey();
    return clone(list);
  }

  deleteList(userId: string, id: string): void {
    const list = this.found(userId, id);
    if (list.wellknownListName !== 'none') throw new TypeError('a built-in list cannot be deleted');
    for (const task of this.listTasks(userId, id)) this.deleteTask(userId, task.id);
    const mailbox = this.mailbox(userId);
    mailbox.lists = mailbox.lists.filter((entry) => entry.id !== id);
  }

  listTasks(userId: string, listId: string): TodoTaskRecord[] {
    return [...this.mailbox(userId).tasks.values()].filter((task) => task.listId === listId).map(clone);
  }

  getTask(userId: string, id: string): TodoTaskRecord | undefined {
    const found = this.mailbox(userId).tasks.get(id);
    return found && clone(found);
  }

  tasksAfter(userId: string, listId: string, after: number, limit: number): { items: TodoTaskRecord[]; more: boolean } {
    return itemsAfterKey(this.mailbox(userId).tasks, (task) => task.listId === listId, after, limit);
  }

  addTask(userId: string, listId: string, content: TodoTaskContent): TodoTaskRecord {
    this.found(userId, listId);
    const mailbox = this.mailbox(userId);
    const now = Date.now();
    const task: TodoTaskRecord = { ...clone(content), id: outlookItemId(userId, 'item'), userId, listId, key: mailbox.nextKey++, changeKey: newChangeKey(), createdMs: now, modifiedMs: now, bodyModifiedMs: now };
    mailbox.tasks.set(task.id, task);
    logChange(mailbox.log, listId, task.id);
    this.changeListeners.emit({ changeType: 'created', userId, taskId: task.id, listId, changeKey: task.changeKey, at: now });
    return clone(task);
  }

  updateTask(userId: string, id: string, content: TodoTaskContent): TodoTaskRecord {
    const mailbox = this.mailbox(userId);
    const before = mailbox.tasks.get(id);
    if (!before) throw new TypeError(`no task ${id}`);
    const now = Math.max(Date.now(), before.modifiedMs);
    const bodyChanged = JSON.stringify(before.body) !== JSON.stringify(content.body);
    const task: TodoTaskRecord = { ...before, ...clone(content), changeKey: newChangeKey(), modifiedMs: now, bodyModifiedMs: bodyChanged ? now : before.bodyModifiedMs };
    mailbox.tasks.set(id, task);
    logChange(mailbox.log, task.listId, id);
    this.changeListeners.emit({ changeType: 'updated', userId, taskId: id, listId: task.listId, changeKey: task.changeKey, at: now });
    return clone(task);
  }

  deleteTask(userId: string, id: string): TodoTaskRecord | undefined {
    const mailbox = this.mailbox(userId);
    const before = mailbox.tasks.get(id);
    if (!before) return undefined;
    mailbox.tasks.delete(id);
    logChange(mailbox.log, before.listId, id);
    this.changeListeners.emit({ changeType: 'deleted', userId, taskId: id, listId: before.listId, changeKey: before.changeKey, at: Date.now() });
    return clone(before);
  }

  invalidateDelta(userId: string, listId?: string): void {
    if (listId !== undefined) this.found(userId, listId);
    invalidateLog(this.mailbox(userId).log, listId);
  }
}
