import type { EmulatorContext } from '../../http/emulator-context.js';
import { parseQuery, refuseQueryOptions } from '../../odata/query-options.js';
import { LINKED_RESOURCE_RESOURCE } from '../../odata/resources/todo-resource.js';
import { linkedResourceJson } from '../../todo/task-shape.js';
import { addLinkedResource, deleteLinkedResource, existingTask, linkedResourceOf, updateLinkedResource } from '../../todo/task-writes.js';
import type { GraphCall, GraphResult } from '../graph-call.js';
import { todoAccess, todoListOf } from './todo-access.js';
import { refuseWriteOptions } from '../pim/write-options.js';

const context = (call: GraphCall, userId: string, listId: string, taskId: string) =>
  `${call.origin}/v1.0/$metadata#users('${userId}')/todo/lists('${listId}')/tasks('${taskId}')/linkedResources`;

function target(ctx: EmulatorContext, call: GraphCall, userSegment: string, listId: string, taskId: string) {
  const { user } = todoAccess(ctx, call, userSegment);
  const list = todoListOf(ctx, user.id, listId);
  return { user, list, task: existingTask(ctx.store, user.id, list.id, taskId) };
}

/** `GET /me/todo/lists/{id}/tasks/{id}/linkedResources` (`$select`; the list is short, never paged). */
export function listLinkedResources(ctx: EmulatorContext, call: GraphCall, [userSegment, listId, taskId]: string[]): GraphResult {
  const { user, list, task } = target(ctx, call, userSegment!, listId!, taskId!);
  const { select } = parseQuery(call.query, LINKED_RESOURCE_RESOURCE, { allowed: ['$select'] });
  const pick = (item: Record<string, unknown>) => (select ? Object.fromEntries(Object.entries(item).filter(([key]) => key === 'id' || select.includes(key))) : item);
  return { status: 200, body: { '@odata.context': context(call, user.id, list.id, task.id), value: task.linkedResources.map((item) => pick(linkedResourceJson(item))) } };
}

/** `POST /me/todo/lists/{id}/tasks/{id}/linkedResources` `{webUrl?, applicationName?, displayName?, externalId?}` → 201 */
export function postLinkedResource(ctx: EmulatorContext, call: GraphCall, [userSegment, listId, taskId]: string[]): GraphResult {
  refuseWriteOptions(call);
  const { user, list, task } = target(ctx, call, userSegment!, listId!, taskId!);
  const resource = addLinkedResource(ctx.store, user.id, list.id, task.id, call.body);
  return { status: 201, body: { '@odata.context': `${context(call, user.id, list.id, task.id)}/$entity`, ...linkedResourceJson(resource) } };
}

/** `GET …/linkedResources/{id}` */
export function getLinkedResource(ctx: EmulatorContext, call: GraphCall, [userSegment, listId, taskId, id]: string[]): GraphResult {
  const { user, list, task } = target(ctx, call, userSegment!, listId!, taskId!);
  refuseQueryOptions(call.query);
  return { status: 200, body: { '@odata.context': `${context(call, user.id, list.id, task.id)}/$entity`, ...linkedResourceJson(linkedResourceOf(task, id!)) } };
}

/** `PATCH …/linkedResources/{id}` → 200 */
export function patchLinkedResource(ctx: EmulatorContext, call: GraphCall, [userSegment, listId, taskId, id]: string[]): GraphResult {
  refuseWriteOptions(call);
  const { user, list, task } = target(ctx, call, userSegment!, listId!, taskId!);
  const resource = updateLinkedResource(ctx.store, user.id, list.id, task.id, id!, call.body);
  return { status: 200, body: { '@odata.context': `${context(call, user.id, list.id, task.id)}/$entity`, ...linkedResourceJson(resource) } };
}

/** `DELETE …/linkedResources/{id}` → 204 */
export function removeLinkedResource(ctx: EmulatorContext, call: GraphCall, [userSegment, listId, taskId, id]: string[]): GraphResult {
  refuseWriteOptions(call);
  const { user, list, task } = target(ctx, call, userSegment!, listId!, taskId!);
  deleteLinkedResource(ctx.store, user.id, list.id, task.id, id!);
  return { status: 204 };
}
