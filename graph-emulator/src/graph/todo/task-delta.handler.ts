import type { EmulatorContext } from '../../http/emulator-context.js';
import { TODO_TASK_RESOURCE } from '../../odata/resources/todo-resource.js';
import type { TodoTaskRecord } from '../../store/todo/todo-records.js';
import { taskJson } from '../../todo/task-shape.js';
import type { GraphCall, GraphResult } from '../graph-call.js';
import { itemDelta } from '../pim/item-delta.js';
import { todoAccess, todoListOf } from './todo-access.js';

/**
 * `GET /me/todo/lists/{id}/tasks/delta`: the list's tasks, then what changed since (`@removed` for deleted ones,
 * and for tasks moved to another list, which To Do does as delete and create). `$select` and `$top` as documented,
 * `Prefer: odata.maxpagesize`; the documented `$expand` and `$filter` are answered 501, the rest refused
 * (https://learn.microsoft.com/graph/api/todotask-delta).
 */
export function taskDelta(context: EmulatorContext, call: GraphCall, [userSegment, listId]: string[]): GraphResult {
  const { user, basePath } = todoAccess(context, call, userSegment!);
  const list = todoListOf(context, user.id, listId!);
  const store = context.store.todo;
  return itemDelta<TodoTaskRecord>(context, call, {
    purpose: 'todoTasks',
    secret: store.deltaTokenSecret,
    schema: TODO_TASK_RESOURCE,
    odataType: '#microsoft.graph.todoTask',
    resourceName: 'Tasks',
    userId: user.id,
    containerId: list.id,
    link: `${call.origin}/v1.0${basePath}/todo/lists/${encodeURIComponent(listId!)}/tasks/delta`,
    context: `${call.origin}/v1.0/$metadata#Collection(todoTask)`,
    options: ['$top', '$expand', '$filter'],
    scope: () => store.deltaScope(user.id, list.id),
    oldestSeq: () => store.oldestSeq(user.id),
    itemsAfter: (after, limit) => store.tasksAfter(user.id, list.id, after, limit),
    keyOf: (task) => task.key,
    current: (id) => {
      const task = store.getTask(user.id, id);
      return task && task.listId === list.id ? task : undefined;
    },
    changes: (after, upTo) => store.changes(user.id, after, upTo),
    json: (task, select) => taskJson(task, select ? { select } : {}),
  });
}
