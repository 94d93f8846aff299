import { formatGraphDateTime } from '../graph/graph-date-time.js';
import type { LinkedResourceRecord, TodoListRecord, TodoTaskRecord } from '../store/todo/todo-records.js';

/** A task's property as Graph gives it (the query engine reads through this too). */
export function taskProperty(task: TodoTaskRecord, name: string): unknown {
  switch (name) {
    case 'createdDateTime': return formatGraphDateTime(task.createdMs);
    case 'lastModifiedDateTime': return formatGraphDateTime(task.modifiedMs);
    case 'bodyLastModifiedDateTime': return formatGraphDateTime(task.bodyModifiedMs);
    case 'hasAttachments': return false;
    default: return (task as unknown as Record<string, unknown>)[name] ?? null;
  }
}

const ORDER = [
  'importance', 'isReminderOn', 'status', 'title', 'createdDateTime', 'lastModifiedDateTime', 'hasAttachments', 'categories',
  'id', 'body', 'bodyLastModifiedDateTime', 'dueDateTime', 'startDateTime', 'reminderDateTime', 'completedDateTime', 'recurrence',
] as const;
/** To Do leaves out the dates and recurrence a task does not have. */
const OMITTED_WHEN_NULL = new Set(['dueDateTime', 'startDateTime', 'reminderDateTime', 'completedDateTime', 'recurrence']);

export interface TaskShapeOptions {
  select?: string[];
  /** `$expand=linkedResources`; without `$select` they come anyway, as the reference's examples show them. */
  expandLinked?: boolean;
}

export function linkedResourceJson(resource: LinkedResourceRecord): Record<string, unknown> {
  const body: Record<string, unknown> = { id: resource.id };
  for (const name of ['webUrl', 'applicationName', 'displayName', 'externalId'] as const) if (resource[name] !== null) body[name] = resource[name];
  return body;
}

/** The task as Graph writes it: `@odata.etag`, then its properties in Graph's order (`id` always). */
export function taskJson(task: TodoTaskRecord, options: TaskShapeOptions = {}): Record<string, unknown> {
  const body: Record<string, unknown> = { '@odata.etag': `W/"${task.changeKey}"` };
  for (const name of ORDER) {
    if (name !== 'id' && options.select && !options.select.includes(name)) continue;
    const value = taskProperty(task, name);
    if (value === null && OMITTED_WHEN_NULL.has(name)) continue;
    body[name] = structuredClone(value);
  }
  if (!options.select || options.expandLinked) body.linkedResources = task.linkedResources.map(linkedResourceJson);
  return body;
}

export function todoListJson(list: TodoListRecord, select?: string[]): Record<string, unknown> {
  const body: Record<string, unknown> = { '@odata.etag': `W/"${list.changeKey}"` };
  for (const name of ['displayName', 'isOwner', 'isShared', 'wellknownListName'] as const) if (!select || select.includes(name)) body[name] = list[name];
  body.id = list.id;
  return body;
}
