import { graph } from '../errors/error-factory.js';
import { ifMatchNames } from '../calendar/if-match.js';
import { changeKeyConflict } from '../graph/contacts/contact-access.js';
import type { EmulatorStore } from '../store/emulator-store.js';
import type { LinkedResourceRecord, TodoTaskRecord } from '../store/todo/todo-records.js';
import { applyTaskInput, emptyTask, readLinkedResource } from './task-input.js';

/** To Do writes, the same for Graph clients and for the admin API's "the user in To Do" (on a phone, say). */
export function createTask(store: EmulatorStore, userId: string, listId: string, body: unknown): TodoTaskRecord {
  return store.todo.addTask(userId, listId, applyTaskInput(emptyTask(), body, true));
}

/** The task, in that list; a stale `If-Match` is 412 (not on the To Do pages; Outlook items honour it). */
export function existingTask(store: EmulatorStore, userId: string, listId: string, id: string, ifMatch?: string): TodoTaskRecord {
  const task = store.todo.getTask(userId, id);
  if (!task || task.listId !== listId) throw graph.itemNotFound();
  if (ifMatch !== undefined && !ifMatchNames(ifMatch, task.changeKey)) throw changeKeyConflict();
  return task;
}

export function updateTask(store: EmulatorStore, userId: string, listId: string, id: string, body: unknown, ifMatch?: string): TodoTaskRecord {
  const task = existingTask(store, userId, listId, id, ifMatch);
  return store.todo.updateTask(userId, id, applyTaskInput(task, body, false));
}

export function deleteTask(store: EmulatorStore, userId: string, listId: string, id: string, ifMatch?: string): void {
  existingTask(store, userId, listId, id, ifMatch);
  store.todo.deleteTask(userId, id);
}

/**
 * Graph v1.0 has no move for tasks: a task "moved" to another list (in the To Do app) is a new task there with a
 * new id, and the old one is deleted — delta and notifications see a deletion in one list and a creation in the other.
 */
export function moveTask(store: EmulatorStore, userId: string, listId: string, id: string, toListId: string): TodoTaskRecord {
  const task = existingTask(store, userId, listId, id);
  if (!store.todo.getList(userId, toListId)) throw graph.itemNotFound();
  const { id: _id, userId: _user, listId: _list, key: _key, changeKey: _changeKey, createdMs: _created, modifiedMs: _modified, bodyModifiedMs: _body, ...content } = task;
  const moved = store.todo.addTask(userId, toListId, content);
  store.todo.deleteTask(userId, id);
  return moved;
}

export function addLinkedResource(store: EmulatorStore, userId: string, listId: string, taskId: string, body: unknown): LinkedResourceRecord {
  const task = existingTask(store, userId, listId, taskId);
  const resource = readLinkedResource(body);
  store.todo.updateTask(userId, taskId, { ...task, linkedResources: [...task.linkedResources, resource] });
  return resource;
}

export function linkedResourceOf(task: TodoTaskRecord, id: string): LinkedResourceRecord {
  const found = task.linkedResources.find((resource) => resource.id === id);
  if (!found) throw graph.itemNotFound();
  return found;
}

export function updateLinkedResource(store: EmulatorStore, userId: string, listId: string, taskId: string, id: string, body: unknown): LinkedResourceRecord {
  const task = existingTask(store, userId, listId, taskId);
  const updated = readLinkedResource(body, linkedResourceOf(task, id));
  store.todo.updateTask(userId, taskId, { ...task, linkedResources: task.linkedResources.map((resource) => (resource.id === id ? updated : resource)) });
  return updated;
}

export function deleteLinkedResource(store: EmulatorStore, userId: string, listId: string, taskId: string, id: string): void {
  const task = existingTask(store, userId, listId, taskId);
  linkedResourceOf(task, id);
  store.todo.updateTask(userId, taskId, { ...task, linkedResources: task.linkedResources.filter((resource) => resource.id !== id) });
}
