import { GraphError } from '../../errors/error-factory.js';
import type { EmulatorContext } from '../../http/emulator-context.js';
import { collectionBody, pageSize } from '../../odata/collection-response.js';
import { parseQuery, type OptionName } from '../../odata/query-options.js';
import { runQuery } from '../../odata/query-engine.js';
import { TODO_LIST_RESOURCE } from '../../odata/resources/todo-resource.js';
import type { TodoListRecord } from '../../store/todo/todo-records.js';
import { invalidTaskRequest } from '../../todo/task-input.js';
import { todoListJson } from '../../todo/task-shape.js';
import type { GraphCall, GraphResult } from '../graph-call.js';
import { pathUnderMailbox, todoAccess, todoListOf, todoMetadata } from './todo-access.js';
import { refuseWriteOptions } from '../pim/write-options.js';

const LIST_OPTIONS: OptionName[] = ['$select', '$filter', '$orderby', '$top', '$skip', '$count', '$expand'];

/** `GET /me/todo/lists`: the built-in "Tasks" (defaultList) and "Flagged emails" first, then the user's own. */
export function listTodoLists(context: EmulatorContext, call: GraphCall, [userSegment]: string[]): GraphResult {
  const { user, basePath } = todoAccess(context, call, userSegment!);
  const query = parseQuery(call.query, TODO_LIST_RESOURCE, { allowed: LIST_OPTIONS });
  const size = pageSize(call, TODO_LIST_RESOURCE, query);
  const page = runQuery<TodoListRecord>({
    schema: TODO_LIST_RESOURCE,
    all: () => context.store.todo.listLists(user.id),
    read: (list, name) => (list as unknown as Record<string, unknown>)[name] ?? null,
  }, query, size.size);
  const body = collectionBody(call, {
    context: todoMetadata(call, user, 'lists'),
    linkPath: `${basePath}${pathUnderMailbox(call)}`,
    query,
    page,
    values: page.items.map((list) => todoListJson(list, query.select)),
    size: size.size,
  });
  return { status: 200, headers: size.applied ? { 'Preference-Applied': size.applied } : {}, body };
}

/** `GET /me/todo/lists/{id}` */
export function getTodoList(context: EmulatorContext, call: GraphCall, [userSegment, listId]: string[]): GraphResult {
  const { user } = todoAccess(context, call, userSegment!);
  const list = todoListOf(context, user.id, listId!);
  const { select } = parseQuery(call.query, TODO_LIST_RESOURCE, { allowed: ['$select', '$expand'] });
  return { status: 200, body: { '@odata.context': todoMetadata(call, user, 'lists/$entity'), ...todoListJson(list, select) } };
}

function displayNameOf(body: unknown, what: string): string {
  const given = (body ?? {}) as Record<string, unknown>;
  for (const key of Object.keys(given)) {
    if (key !== 'displayName' && !key.startsWith('@odata.')) throw new GraphError(400, 'RequestBodyRead', `The property '${key}' cannot be set when ${what}.`);
  }
  if (typeof given.displayName !== 'string' || given.displayName.trim() === '') throw invalidTaskRequest("A task list needs a 'displayName'.");
  return given.displayName;
}

/** `POST /me/todo/lists` `{displayName}` → 201 with the list (To Do allows two lists of the same name). */
export function postTodoList(context: EmulatorContext, call: GraphCall, [userSegment]: string[]): GraphResult {
  refuseWriteOptions(call);
  const { user } = todoAccess(context, call, userSegment!);
  const list = context.store.todo.addList(user.id, displayNameOf(call.body, 'creating a task list'));
  return { status: 201, body: { '@odata.context': todoMetadata(call, user, 'lists/$entity'), ...todoListJson(list) } };
}

/**
 * `PATCH /me/todo/lists/{id}` `{displayName}` → 200. The built-in lists cannot be renamed: 400 invalidRequest with
 * Outlook's ErrorInvalidRequest inside (as reported on microsoft-graph-docs-contrib issue 2486).
 */
export function patchTodoList(context: EmulatorContext, call: GraphCall, [userSegment, listId]: string[]): GraphResult {
  refuseWriteOptions(call);
  const { user } = todoAccess(context, call, userSegment!);
  const list = todoListOf(context, user.id, listId!);
  const displayName = displayNameOf(call.body, 'updating a task list');
  if (list.wellknownListName !== 'none') throw invalidTaskRequest("Your request can't be completed. A default task folder can't be renamed.");
  const renamed = context.store.todo.renameList(user.id, list.id, displayName);
  return { status: 200, body: { '@odata.context': todoMetadata(call, user, 'lists/$entity'), ...todoListJson(renamed) } };
}

/** `DELETE /me/todo/lists/{id}` → 204, its tasks with it; a built-in list is refused like a rename of one. */
export function deleteTodoList(context: EmulatorContext, call: GraphCall, [userSegment, listId]: string[]): GraphResult {
  refuseWriteOptions(call);
  const { user } = todoAccess(context, call, userSegment!);
  const list = todoListOf(context, user.id, listId!);
  if (list.wellknownListName !== 'none') throw invalidTaskRequest("Your request can't be completed. A default task folder can't be deleted.");
  context.store.todo.deleteList(user.id, list.id);
  return { status: 204 };
}
