import type { EmulatorContext } from '../../http/emulator-context.js';
import { collectionBody, countResult, pageSize } from '../../odata/collection-response.js';
import { parseQuery, type OptionName } from '../../odata/query-options.js';
import { runQuery } from '../../odata/query-engine.js';
import { TODO_TASK_RESOURCE } from '../../odata/resources/todo-resource.js';
import type { TodoTaskRecord } from '../../store/todo/todo-records.js';
import { taskJson, taskProperty } from '../../todo/task-shape.js';
import { createTask, deleteTask, existingTask, updateTask } from '../../todo/task-writes.js';
import type { GraphCall, GraphResult } from '../graph-call.js';
import { pathUnderMailbox, todoAccess, todoListOf, todoMetadata } from './todo-access.js';
import { refuseWriteOptions } from '../pim/write-options.js';

const LIST_OPTIONS: OptionName[] = ['$select', '$filter', '$orderby', '$top', '$skip', '$count', '$expand'];

function list(context: EmulatorContext, call: GraphCall, [userSegment, listId]: string[], countOnly: boolean): GraphResult {
  const { user, basePath } = todoAccess(context, call, userSegment!);
  const taskList = todoListOf(context, user.id, listId!);
  const query = parseQuery(call.query, TODO_TASK_RESOURCE, { allowed: countOnly ? ['$filter'] : LIST_OPTIONS });
  const size = pageSize(call, TODO_TASK_RESOURCE, query);
  const page = runQuery<TodoTaskRecord>({
    schema: TODO_TASK_RESOURCE,
    all: () => context.store.todo.listTasks(user.id, taskList.id),
    read: taskProperty,
  }, query, countOnly ? 0 : size.size);
  if (countOnly) return countResult(page.total);
  const expandLinked = query.expand?.includes('linkedResources') ?? false;
  const body = collectionBody(call, {
    context: todoMetadata(call, user, `lists('${taskList.id}')/tasks`),
    linkPath: `${basePath}${pathUnderMailbox(call)}`,
    query,
    page,
    values: page.items.map((task) => taskJson(task, { ...(query.select ? { select: query.select } : {}), expandLinked })),
    size: size.size,
  });
  return { status: 200, headers: size.applied ? { 'Preference-Applied': size.applied } : {}, body };
}

/** `GET /me/todo/lists/{id}/tasks` */
export function listTasks(context: EmulatorContext, call: GraphCall, params: string[]): GraphResult {
  return list(context, call, params, false);
}

/** `GET /me/todo/lists/{id}/tasks/$count` */
export function countTasks(context: EmulatorContext, call: GraphCall, params: string[]): GraphResult {
  return list(context, call, params, true);
}

const entity = (call: GraphCall, user: { id: string }, listId: string) => `${call.origin}/v1.0/$metadata#users('${user.id}')/todo/lists('${listId}')/tasks/$entity`;

/** `GET /me/todo/lists/{id}/tasks/{id}` (`$select`, `$expand=linkedResources`). */
export function getTask(context: EmulatorContext, call: GraphCall, [userSegment, listId, id]: string[]): GraphResult {
  const { user } = todoAccess(context, call, userSegment!);
  const taskList = todoListOf(context, user.id, listId!);
  const task = existingTask(context.store, user.id, taskList.id, id!);
  const { select, expand } = parseQuery(call.query, TODO_TASK_RESOURCE, { allowed: ['$select', '$expand'] });
  return { status: 200, body: { '@odata.context': entity(call, user, taskList.id), ...taskJson(task, { ...(select ? { select } : {}), expandLinked: expand?.includes('linkedResources') ?? false }) } };
}

/** `POST /me/todo/lists/{id}/tasks` → 201 with the task (its linked resources made inline when given). */
export function postTask(context: EmulatorContext, call: GraphCall, [userSegment, listId]: string[]): GraphResult {
  refuseWriteOptions(call);
  const { user } = todoAccess(context, call, userSegment!);
  const taskList = todoListOf(context, user.id, listId!);
  const task = createTask(context.store, user.id, taskList.id, call.body);
  return { status: 201, body: { '@odata.context': entity(call, user, taskList.id), ...taskJson(task) } };
}

/** `PATCH /me/todo/lists/{id}/tasks/{id}` → 200 with the task (status completed stamps completedDateTime). */
export function patchTask(context: EmulatorContext, call: GraphCall, [userSegment, listId, id]: string[]): GraphResult {
  refuseWriteOptions(call);
  const { user } = todoAccess(context, call, userSegment!);
  const taskList = todoListOf(context, user.id, listId!);
  const task = updateTask(context.store, user.id, taskList.id, id!, call.body, call.headers['if-match']);
  return { status: 200, body: { '@odata.context': entity(call, user, taskList.id), ...taskJson(task) } };
}

/** `DELETE /me/todo/lists/{id}/tasks/{id}` → 204 */
export function removeTask(context: EmulatorContext, call: GraphCall, [userSegment, listId, id]: string[]): GraphResult {
  refuseWriteOptions(call);
  const { user } = todoAccess(context, call, userSegment!);
  const taskList = todoListOf(context, user.id, listId!);
  deleteTask(context.store, user.id, taskList.id, id!, call.headers['if-match']);
  return { status: 204 };
}
