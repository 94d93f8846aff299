import type { EntityManager } from 'typeorm';
import type { TaskRecordsPort } from '@m365/shared-types';
import { changeKeyOf, toSharedTaskFields, type GraphTodoTask } from './graph-todo-task.mapper.js';
import { reconcileTask } from './todo-reconcile.rule.js';
import type { TodoLinkRecord, TodoLinkRepository } from './todo-link.repository.js';
import { TODO_APPLICATION_NAME } from './todo-sync.constants.js';

export type TodoImportOutcome = 'echo' | 'updated' | 'unchanged' | 'followed' | 'removed' | 'foreign';

export interface TodoImportContext {
  manager: EntityManager;
  workspaceId: string;
  connectedAccountId: string;
  todoListId: string;
  tasks: TaskRecordsPort;
  links: TodoLinkRepository;
}

/** The CRM task id a To Do task's own linked resource names: how a task moved to another list (a new id) is known again. */
export function linkedCrmTaskId(task: GraphTodoTask): string | null {
  return task.linkedResources?.find((resource) => resource.applicationName === TODO_APPLICATION_NAME && resource.externalId)?.externalId ?? null;
}

/** The link a delta item belongs to: by its id, or (moved, or made by a write whose acknowledgement was lost) by its linked resource. */
export async function linkFor(context: Pick<TodoImportContext, 'manager' | 'connectedAccountId' | 'links'>, task: GraphTodoTask): Promise<TodoLinkRecord | null> {
  const byId = await context.links.findByTodoTask(context.connectedAccountId, task.id, context.manager);
  if (byId) return byId;
  const crmTaskId = task['@removed'] ? null : linkedCrmTaskId(task);
  return crmTaskId ? context.links.findByTaskOfAccount(context.connectedAccountId, crmTaskId, context.manager) : null;
}

/**
 * One delta item of a list. A removed task's link is returned as `removed` (the caller looks for it in the other
 * lists before unlinking: To Do moves a task as a delete and a create). A task of ours takes the CRM task's row lock,
 * then the link's, skips its own write's echo by changeKey, and brings To Do's changes to the CRM task under the
 * reconcile rule; CRM changes it leaves for the pending write.
 */
export async function importTodoTask(context: TodoImportContext, task: GraphTodoTask): Promise<{ outcome: TodoImportOutcome; link?: TodoLinkRecord; needsWrite?: boolean }> {
  const found = await linkFor(context, task);
  if (!found) return { outcome: 'foreign' };
  if (task['@removed']) return found.todoListId === context.todoListId && found.todoTaskExternalId === task.id ? { outcome: 'removed', link: found } : { outcome: 'unchanged' };
  const crm = await context.tasks.findTask(context.workspaceId, found.taskId, context.manager, { forUpdate: true });
  const link = await context.links.lock(context.manager, found.id);
  if (!link || link.state === 'REMOVING') return { outcome: 'unchanged' };
  const changeKey = changeKeyOf(task);
  const followed = link.todoTaskExternalId !== task.id || link.todoListId !== context.todoListId;
  if (followed) {
    await context.links.linked(context.manager, link.id, { todoListId: context.todoListId, todoTaskExternalId: task.id, changeKey: link.changeKey, syncedFields: { title: '', body: '', dueAt: null, status: 'TODO', ...link.syncedFields } });
  } else if (changeKey !== null && changeKey === link.changeKey) {
    return { outcome: 'echo' };
  }
  if (!crm) {
    await context.links.agree(context.manager, link.id, { changeKey, syncedFields: toSharedTaskFields(task) });
    return { outcome: followed ? 'followed' : 'unchanged' };
  }
  const pending = link.outboundPendingAt !== null;
  const outcome = reconcileTask(link.syncedFields, crm, toSharedTaskFields(task), pending && link.crmEditedAt ? new Date(link.crmEditedAt) : null, task.lastModifiedDateTime ? new Date(task.lastModifiedDateTime) : null);
  if (Object.keys(outcome.toCrm).length > 0) await context.tasks.updateTask(context.workspaceId, link.taskId, outcome.toCrm, context.manager);
  // Fields the CRM keeps stay as last agreed, so that the pending write still sees them as the CRM's change.
  const agreed = { ...outcome.agreed };
  for (const field of Object.keys(outcome.toTodo) as Array<keyof typeof agreed>) (agreed as Record<string, unknown>)[field] = link.syncedFields[field] ?? null;
  await context.links.agree(context.manager, link.id, { changeKey, syncedFields: agreed });
  // A CRM value To Do lacks with no write on its way (a write given up on, say): one goes now.
  const needsWrite = Object.keys(outcome.toTodo).length > 0 && !pending;
  if (followed) return { outcome: 'followed', link, needsWrite };
  return { outcome: Object.keys(outcome.toCrm).length > 0 ? 'updated' : 'unchanged', link, needsWrite };
}
