import type { Request, Response } from 'express';
import { AdminError, GraphError } from '../errors/error-factory.js';
import { seedDemoTodo } from '../seed/demo-todo.js';
import type { EmulatorStore } from '../store/emulator-store.js';
import { taskJson, todoListJson } from '../todo/task-shape.js';
import { createTask, deleteTask, moveTask, updateTask } from '../todo/task-writes.js';
import { userOf } from './admin-lookups.js';

type UserParams = { user: string };
type ListParams = { user: string; listId: string };
type TaskParams = { user: string; id: string };

/** `default` names the built-in "Tasks" list. */
function listOf(store: EmulatorStore, userId: string, listId: string) {
  const list = listId === 'default' ? store.todo.defaultList(userId) : store.todo.getList(userId, listId);
  if (!list) throw new AdminError(404, `no task list ${listId}`);
  return list;
}

function taskOf(store: EmulatorStore, userId: string, id: string) {
  const task = store.todo.getTask(userId, id);
  if (!task) throw new AdminError(404, `no task ${id}`);
  return task;
}

function asOutlook<T>(res: Response, work: () => T): T | undefined {
  try {
    return work();
  } catch (error) {
    if (!(error instanceof GraphError)) throw error;
    res.status(error.status).json({ error: error.innerError.message ?? error.message, code: error.code });
    return undefined;
  }
}

/** `GET /_admin/mailboxes/:user/todo/lists` */
export function listTodoListsHandler(store: EmulatorStore) {
  return (req: Request<UserParams>, res: Response): void => {
    const user = userOf(store, req.params.user);
    res.json({ user: user.userPrincipalName, lists: store.todo.listLists(user.id).map((list) => todoListJson(list)) });
  };
}

/** `POST /_admin/mailboxes/:user/todo/lists` `{displayName}` → 201 */
export function createTodoListHandler(store: EmulatorStore) {
  return (req: Request<UserParams>, res: Response): void => {
    const user = userOf(store, req.params.user);
    res.status(201).json(todoListJson(store.todo.addList(user.id, (req.body as { displayName?: string } | undefined)?.displayName as string)));
  };
}

/** `GET /_admin/mailboxes/:user/todo/lists/:listId/tasks` (`default` for "Tasks"), with linked resources. */
export function listTasksHandler(store: EmulatorStore) {
  return (req: Request<ListParams>, res: Response): void => {
    const user = userOf(store, req.params.user);
    const list = listOf(store, user.id, req.params.listId);
    res.json({ user: user.userPrincipalName, listId: list.id, tasks: store.todo.listTasks(user.id, list.id).map((task) => taskJson(task)) });
  };
}

/**
 * `POST /_admin/mailboxes/:user/todo/lists/:listId/tasks` `{...a Graph todoTask body}` → 201: a task the user made
 * in To Do. `{tasks: [...]}` makes many and answers `{tasks: [{id, title}]}`; the first bad one stops it.
 */
export function createTaskHandler(store: EmulatorStore) {
  return (req: Request<ListParams>, res: Response): void => {
    const user = userOf(store, req.params.user);
    const list = listOf(store, user.id, req.params.listId);
    const many = (req.body as { tasks?: unknown } | undefined)?.tasks;
    if (Array.isArray(many)) {
      const made: { id: string; title: string }[] = [];
      for (const [index, input] of many.entries()) {
        try {
          const task = createTask(store, user.id, list.id, input);
          made.push({ id: task.id, title: task.title });
        } catch (error) {
          if (!(error instanceof GraphError)) throw error;
          res.status(error.status).json({ error: error.innerError.message ?? error.message, code: error.code, index, made: made.length });
          return;
        }
      }
      res.status(201).json({ tasks: made });
      return;
    }
    const task = asOutlook(res, () => createTask(store, user.id, list.id, req.body ?? {}));
    if (task) res.status(201).json(taskJson(task));
  };
}

/** `GET /_admin/mailboxes/:user/todo/tasks/:id` (whichever list holds it) */
export function getTaskHandler(store: EmulatorStore) {
  return (req: Request<TaskParams>, res: Response): void => {
    const user = userOf(store, req.params.user);
    const task = taskOf(store, user.id, req.params.id);
    res.json({ listId: task.listId, ...taskJson(task) });
  };
}

/** `PATCH /_admin/mailboxes/:user/todo/tasks/:id` `{...changed properties}`: an edit in To Do (new changeKey, notified). */
export function updateTaskHandler(store: EmulatorStore) {
  return (req: Request<TaskParams>, res: Response): void => {
    const user = userOf(store, req.params.user);
    const task = taskOf(store, user.id, req.params.id);
    const updated = asOutlook(res, () => updateTask(store, user.id, task.listId, task.id, req.body ?? {}));
    if (updated) res.json(taskJson(updated));
  };
}

/** `POST /_admin/mailboxes/:user/todo/tasks/:id/complete`: the task ticked done on a phone (status completed, completedDateTime now). */
export function completeTaskHandler(store: EmulatorStore) {
  return (req: Request<TaskParams>, res: Response): void => {
    const user = userOf(store, req.params.user);
    const task = taskOf(store, user.id, req.params.id);
    const updated = asOutlook(res, () => updateTask(store, user.id, task.listId, task.id, { status: 'completed' }));
    if (updated) res.json(taskJson(updated));
  };
}

/** `POST /_admin/mailboxes/:user/todo/tasks/:id/move` `{listId}`: moved in the To Do app — a new task (new id) there, the old one deleted. */
export function moveTaskHandler(store: EmulatorStore) {
  return (req: Request<TaskParams>, res: Response): void => {
    const user = userOf(store, req.params.user);
    const task = taskOf(store, user.id, req.params.id);
    const target = listOf(store, user.id, String((req.body as { listId?: unknown } | undefined)?.listId ?? ''));
    const moved = asOutlook(res, () => moveTask(store, user.id, task.listId, task.id, target.id));
    if (moved) res.json({ listId: moved.listId, ...taskJson(moved) });
  };
}

/** `DELETE /_admin/mailboxes/:user/todo/tasks/:id` → 204 */
export function deleteTaskHandler(store: EmulatorStore) {
  return (req: Request<TaskParams>, res: Response): void => {
    const user = userOf(store, req.params.user);
    const task = taskOf(store, user.id, req.params.id);
    deleteTask(store, user.id, task.listId, task.id);
    res.status(204).end();
  };
}

/** `POST /_admin/mailboxes/:user/todo-seed` `{kind: "demo"}` → 201 */
export function seedTodoHandler(store: EmulatorStore) {
  return (req: Request<UserParams>, res: Response): void => {
    const user = userOf(store, req.params.user);
    if ((req.body as { kind?: unknown } | undefined)?.kind !== 'demo') throw new AdminError(400, 'kind must be "demo"');
    res.status(201).json(seedDemoTodo(store, user));
  };
}

/** `POST /_admin/todo/delta/invalidate` `{user, list?}`: the mailbox's (or one list's) tasks delta tokens answer 410 from now on. */
export function invalidateTodoDeltaHandler(store: EmulatorStore) {
  return (req: Request, res: Response): void => {
    const body = (req.body ?? {}) as { user?: unknown; list?: unknown };
    const user = userOf(store, String(body.user ?? ''));
    const list = body.list === undefined ? undefined : listOf(store, user.id, String(body.list));
    store.todo.invalidateDelta(user.id, list?.id);
    res.json({ user: user.userPrincipalName, ...(list ? { list: list.id } : {}), invalidated: true });
  };
}
