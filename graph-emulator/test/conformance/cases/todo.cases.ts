import { absent, each, eq, like, type ConformanceCase, type Shape } from '../conformance-case.js';
import { DATE_TIME, JSON_HEADERS, refused } from './shapes.js';
import { graphApi } from './sources.js';

// Every To Do route needs Tasks.* (`auth: 'tasks'`); the seeded lists and tasks are in runner/fixtures.ts.
const LIST: Shape = { '@odata.etag': like(/^W\/".+"$/), displayName: 'string', isOwner: 'boolean', isShared: 'boolean', wellknownListName: 'string', id: 'string' };
const LINKED: Shape = { id: 'string', applicationName: 'string', displayName: 'string' };
/** https://learn.microsoft.com/graph/api/resources/todotask — as the Create and List tasks examples show it. */
const TASK: Shape = {
  '@odata.etag': like(/^W\/".+"$/),
  importance: 'string',
  isReminderOn: 'boolean',
  status: 'string',
  title: 'string',
  createdDateTime: DATE_TIME,
  lastModifiedDateTime: DATE_TIME,
  categories: 'array',
  id: 'string',
  body: { content: 'string', contentType: 'string' },
};
const TASKS = '/v1.0/me/todo/lists/{defaultListId}/tasks';

export const todoCases: ConformanceCase[] = [
  {
    name: 'GET /me/todo/lists lists the task lists, the default "Tasks" among them',
    source: graphApi('todo-list-lists'),
    request: { method: 'GET', path: '/v1.0/me/todo/lists', auth: 'tasks' },
    expect: { status: 200, headers: JSON_HEADERS, body: { '@odata.context': like(/\/\$metadata#users\('[^']+'\)\/todo\/lists$/), value: each(LIST) } },
  },
  {
    name: 'POST /me/todo/lists creates a list → 201',
    source: graphApi('todo-post-lists'),
    request: { method: 'POST', path: '/v1.0/me/todo/lists', auth: 'tasks', body: { displayName: 'Travel items' } },
    expect: { status: 201, headers: JSON_HEADERS, body: { ...LIST, displayName: eq('Travel items'), wellknownListName: eq('none'), isOwner: eq(true), isShared: eq(false) } },
  },
  {
    name: 'GET /me/todo/lists/{id} returns the list',
    source: graphApi('todotasklist-get'),
    request: { method: 'GET', path: '/v1.0/me/todo/lists/{defaultListId}', auth: 'tasks' },
    expect: { status: 200, headers: JSON_HEADERS, body: { ...LIST, wellknownListName: eq('defaultList'), id: eq('{defaultListId}') } },
  },
  {
    name: 'PATCH /me/todo/lists/{id} renames a list → 200',
    source: graphApi('todotasklist-update'),
    request: { method: 'PATCH', path: '/v1.0/me/todo/lists/{todoListId}', auth: 'tasks', body: { displayName: 'Vacation Plan' } },
    expect: { status: 200, headers: JSON_HEADERS, body: { ...LIST, displayName: eq('Vacation Plan') } },
  },
  {
    // The resource page says the built-in lists cannot be renamed; the error body is the one reported on
    // microsoft-graph-docs-contrib issue 2486.
    name: 'PATCH /me/todo/lists/{id} of the default list → 400 invalidRequest (it cannot be renamed)',
    source: 'https://learn.microsoft.com/graph/api/resources/todotasklist?view=graph-rest-1.0',
    request: { method: 'PATCH', path: '/v1.0/me/todo/lists/{defaultListId}', auth: 'tasks', body: { displayName: 'Mine' } },
    expect: { status: 400, headers: JSON_HEADERS, body: { error: { code: eq('invalidRequest'), message: 'string', innerError: { code: eq('ErrorInvalidRequest') } } } },
  },
  {
    name: 'DELETE /me/todo/lists/{id} → 204',
    source: graphApi('todotasklist-delete'),
    request: { method: 'DELETE', path: '/v1.0/me/todo/lists/{todoListId}', auth: 'tasks' },
    expect: { status: 204 },
  },
  {
    name: 'GET /me/todo/lists/{id}/tasks lists the tasks with their linked resources',
    source: graphApi('todotasklist-list-tasks'),
    request: { method: 'GET', path: TASKS, auth: 'tasks' },
    needs: ['todoTaskId'],
    expect: { status: 200, headers: JSON_HEADERS, body: { value: each({ ...TASK, linkedResources: 'array' }) } },
  },
  {
    name: 'GET /me/todo/lists/{id}/tasks/$count counts them',
    source: graphApi('todotasklist-list-tasks'),
    request: { method: 'GET', path: `${TASKS}/$count`, auth: 'tasks' },
    needs: ['todoTaskId'],
    expect: { status: 200, text: /^2$/ },
  },
  {
    name: 'POST /me/todo/lists/{id}/tasks with a linked resource → 201 with the task and the resource',
    source: graphApi('todotasklist-post-tasks'),
    request: { method: 'POST', path: TASKS, auth: 'tasks', body: { title: 'A new task', linkedResources: [{ webUrl: 'http://microsoft.com', applicationName: 'Microsoft', displayName: 'Microsoft' }] } },
    expect: {
      status: 201,
      headers: JSON_HEADERS,
      body: { ...TASK, title: eq('A new task'), status: eq('notStarted'), body: { content: eq(''), contentType: eq('text') }, linkedResources: each({ ...LINKED, webUrl: eq('http://microsoft.com') }) },
    },
  },
  {
    name: 'GET /me/todo/lists/{id}/tasks/{id} returns the task',
    source: graphApi('todotask-get'),
    request: { method: 'GET', path: `${TASKS}/{todoTaskId}`, auth: 'tasks' },
    expect: { status: 200, headers: JSON_HEADERS, body: { ...TASK, id: eq('{todoTaskId}') } },
  },
  {
    name: 'PATCH /me/todo/lists/{id}/tasks/{id} with a due date → 200 with the date in UTC',
    source: graphApi('todotask-update'),
    request: { method: 'PATCH', path: `${TASKS}/{todoTaskId}`, auth: 'tasks', body: { dueDateTime: { dateTime: '2020-07-25T16:00:00', timeZone: 'Eastern Standard Time' } } },
    expect: { status: 200, headers: JSON_HEADERS, body: { ...TASK, dueDateTime: { dateTime: eq('2020-07-25T20:00:00.0000000'), timeZone: eq('UTC') } } },
  },
  {
    name: 'PATCH a task to status completed → 200 with its completedDateTime',
    source: 'https://learn.microsoft.com/graph/api/resources/todotask?view=graph-rest-1.0',
    request: { method: 'PATCH', path: `${TASKS}/{todoTaskId}`, auth: 'tasks', body: { status: 'completed' } },
    expect: { status: 200, headers: JSON_HEADERS, body: { ...TASK, status: eq('completed'), completedDateTime: { dateTime: 'string', timeZone: eq('UTC') } } },
  },
  {
    name: 'DELETE /me/todo/lists/{id}/tasks/{id} → 204',
    source: graphApi('todotask-delete'),
    request: { method: 'DELETE', path: `${TASKS}/{todoTaskId}`, auth: 'tasks' },
    expect: { status: 204 },
  },
  {
    name: 'GET …/tasks/{id}/linkedResources lists them',
    source: graphApi('todotask-list-linkedresources'),
    request: { method: 'GET', path: `${TASKS}/{todoTaskId}/linkedResources`, auth: 'tasks' },
    expect: { status: 200, headers: JSON_HEADERS, body: { value: each({ ...LINKED, externalId: eq('teset1243434') }) } },
  },
  {
    name: 'POST …/tasks/{id}/linkedResources → 201 with the resource',
    source: graphApi('todotask-post-linkedresources'),
    request: { method: 'POST', path: `${TASKS}/{todoTaskId}/linkedResources`, auth: 'tasks', body: { webUrl: 'https://microsoft.com', applicationName: 'Microsoft', displayName: 'Microsoft', externalId: 'dk9cddce2-dce2-f9dd-e2fe-cdf9e2dccdf9' } },
    expect: { status: 201, headers: JSON_HEADERS, body: { ...LINKED, externalId: eq('dk9cddce2-dce2-f9dd-e2fe-cdf9e2dccdf9'), webUrl: eq('https://microsoft.com') } },
  },
  {
    name: 'GET …/linkedResources/{id} returns one',
    source: graphApi('linkedresource-get'),
    request: { method: 'GET', path: `${TASKS}/{todoTaskId}/linkedResources/{linkedResourceId}`, auth: 'tasks' },
    expect: { status: 200, headers: JSON_HEADERS, body: { ...LINKED, id: eq('{linkedResourceId}') } },
  },
  {
    name: 'PATCH …/linkedResources/{id} → 200',
    source: graphApi('linkedresource-update'),
    request: { method: 'PATCH', path: `${TASKS}/{todoTaskId}/linkedResources/{linkedResourceId}`, auth: 'tasks', body: { webUrl: 'https://bing.com' } },
    expect: { status: 200, headers: JSON_HEADERS, body: { ...LINKED, webUrl: eq('https://bing.com') } },
  },
  {
    name: 'DELETE …/linkedResources/{id} → 204',
    source: graphApi('linkedresource-delete'),
    request: { method: 'DELETE', path: `${TASKS}/{todoTaskId}/linkedResources/{linkedResourceId}`, auth: 'tasks' },
    expect: { status: 204 },
  },
  {
    name: 'GET /me/todo/lists/{id}/tasks/delta with $top gives tasks and a nextLink',
    source: graphApi('todotask-delta'),
    request: { method: 'GET', path: `${TASKS}/delta`, auth: 'tasks', query: { $top: '1' } },
    needs: ['todoTaskId'],
    expect: {
      status: 200,
      headers: JSON_HEADERS,
      body: { '@odata.nextLink': like(/\/tasks\/delta\?\$skiptoken=[^&]+$/), '@odata.deltaLink': absent(), value: each({ '@odata.type': eq('#microsoft.graph.todoTask'), ...TASK }) },
    },
  },
  {
    name: 'GET a tasks deltaLink after a deletion returns the task under @removed',
    source: graphApi('todotask-delta'),
    request: { method: 'GET', path: '{removedTaskDeltaPath}', auth: 'tasks' },
    expect: {
      status: 200,
      headers: JSON_HEADERS,
      body: { '@odata.deltaLink': like(/\/tasks\/delta\?\$deltatoken=/), value: each({ id: eq('{todoTaskId}'), '@removed': { reason: eq('deleted') } }) },
    },
  },
  ...refused([
    {
      name: 'GET /me/todo/lists/delta (Graph: list changes)',
      source: graphApi('todotasklist-delta'),
      request: { method: 'GET', path: '/v1.0/me/todo/lists/delta', auth: 'tasks' },
      refusal: 'task list delta is not implemented',
    },
  ]),
];
