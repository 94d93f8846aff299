import type { GraphRoute } from '../graph-call.js';
import { ROUTE_PERMISSIONS as P } from '../route-permissions.js';
import { getLinkedResource, listLinkedResources, patchLinkedResource, postLinkedResource, removeLinkedResource } from './linked-resources.handler.js';
import { taskDelta } from './task-delta.handler.js';
import { deleteTodoList, getTodoList, listTodoLists, patchTodoList, postTodoList } from './todo-lists.handler.js';
import { countTasks, getTask, listTasks, patchTask, postTask, removeTask } from './todo-tasks.handler.js';
import { SEG, COUNT, DELTA, mailboxRoute, lacking } from '../mailbox-route.js';

const TASKS = `/todo/lists/${SEG}/tasks`;
const LINKS = `${TASKS}/${SEG}/linkedResources`;

/**
 * Microsoft To Do: lists, tasks, linked resources, tasks delta. The Outlook throttling table names only the legacy
 * outlookTask types; counting todoTask with them (the routes' `outlook`) is an inference.
 */
export const TODO_ROUTES: GraphRoute[] = [
  mailboxRoute('GET', '/todo/lists', P['todo-list-lists'], listTodoLists),
  mailboxRoute('POST', '/todo/lists', P['todo-post-lists'], postTodoList),
  mailboxRoute('GET', `/todo/lists/${DELTA}`, P['todotasklist-delta'], lacking('task list delta (GET /me/todo/lists/delta)')),
  mailboxRoute('GET', `/todo/lists/${SEG}`, P['todotasklist-get'], getTodoList),
  mailboxRoute('PATCH', `/todo/lists/${SEG}`, P['todotasklist-update'], patchTodoList),
  mailboxRoute('DELETE', `/todo/lists/${SEG}`, P['todotasklist-delete'], deleteTodoList),
  mailboxRoute('GET', `${TASKS}/${DELTA}`, P['todotask-delta'], taskDelta),
  mailboxRoute('GET', TASKS, P['todotasklist-list-tasks'], listTasks),
  mailboxRoute('GET', `${TASKS}/${COUNT}`, P['todotasklist-list-tasks'], countTasks),
  mailboxRoute('POST', TASKS, P['todotasklist-post-tasks'], postTask),
  mailboxRoute('GET', `${TASKS}/${SEG}`, P['todotask-get'], getTask),
  mailboxRoute('PATCH', `${TASKS}/${SEG}`, P['todotask-update'], patchTask),
  mailboxRoute('DELETE', `${TASKS}/${SEG}`, P['todotask-delete'], removeTask),
  mailboxRoute('GET', LINKS, P['todotask-list-linkedresources'], listLinkedResources),
  mailboxRoute('POST', LINKS, P['todotask-post-linkedresources'], postLinkedResource),
  mailboxRoute('GET', `${LINKS}/${SEG}`, P['linkedresource-get'], getLinkedResource),
  mailboxRoute('PATCH', `${LINKS}/${SEG}`, P['linkedresource-update'], patchLinkedResource),
  mailboxRoute('DELETE', `${LINKS}/${SEG}`, P['linkedresource-delete'], removeLinkedResource),
];
