import { MEGAN, useTestEmulator } from './support/emulator-suite.js';
import type { Json, MailClient } from './support/mail-client.js';
import { scopeOf, tasksClient } from './support/pim-client.js';

describe('To Do: lists, tasks and linked resources', () => {
  const t = useTestEmulator({}, { resetEachTest: true });
  let c: MailClient;
  let tasksPath: string;
  beforeEach(async () => {
    c = await tasksClient(t);
    const lists = (await c.graph('/me/todo/lists')).body.value as Json[];
    tasksPath = `/me/todo/lists/${lists.find((list) => list.wellknownListName === 'defaultList')!.id}/tasks`;
  });

  it('lists the built-in lists; makes, renames and deletes others; refuses to rename or delete the built-in ones', async () => {
    const lists = await c.graph('/me/todo/lists');
    expect(lists.status).toBe(200);
    expect(lists.body.value).toEqual([
      { '@odata.etag': expect.stringMatching(/^W\/"/), displayName: 'Tasks', isOwner: true, isShared: false, wellknownListName: 'defaultList', id: expect.any(String) },
      expect.objectContaining({ displayName: 'Flagged emails', wellknownListName: 'flaggedEmails' }),
    ]);
    const made = await c.graph('/me/todo/lists', { method: 'POST', body: { displayName: 'Travel items' } });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ displayName: 'Travel items', wellknownListName: 'none', isOwner: true, isShared: false });
    const renamed = await c.graph(`/me/todo/lists/${made.body.id}`, { method: 'PATCH', body: { displayName: 'Vacation plan' } });
    expect(renamed.body.displayName).toBe('Vacation plan');
    expect((await c.graph(`/me/todo/lists/${made.body.id}`)).body.displayName).toBe('Vacation plan');
    const defaultId = lists.body.value[0].id;
    const rename = await c.graph(`/me/todo/lists/${defaultId}`, { method: 'PATCH', body: { displayName: 'Mine' } });
    expect(rename.status).toBe(400);
    expect(rename.body.error).toMatchObject({ code: 'invalidRequest', innerError: { code: 'ErrorInvalidRequest', message: "Your request can't be completed. A default task folder can't be renamed." } });
    const remove = await c.graph(`/me/todo/lists/${defaultId}`, { method: 'DELETE' });
    expect(remove.status).toBe(400);
    expect(remove.body.error.code).toBe('invalidRequest');
    expect((await c.graph(`/me/todo/lists/${lists.body.value[1].id}`, { method: 'DELETE' })).status).toBe(400);
    expect((await c.graph(`/me/todo/lists/${made.body.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await c.graph(`/me/todo/lists/${made.body.id}`)).status).toBe(404);
  });

  it('creates a task with the documented fields and inline linked resources, in UTC; completing it stamps completedDateTime', async () => {
    const made = await c.graph(tasksPath, {
      method: 'POST',
      body: {
        title: 'Follow up with Lee', body: { content: 'About the renewal', contentType: 'text' }, importance: 'high', categories: ['Customers'],
        dueDateTime: { dateTime: '2026-03-10T09:00:00', timeZone: 'Pacific Standard Time' }, isReminderOn: true,
        reminderDateTime: { dateTime: '2026-03-09T08:00:00', timeZone: 'UTC' },
        linkedResources: [{ webUrl: 'https://crm.example/people/42', applicationName: 'CRM', displayName: 'Lee Gu', externalId: 'person-42' }],
      },
    });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({
      '@odata.etag': expect.stringMatching(/^W\//), importance: 'high', isReminderOn: true, status: 'notStarted', title: 'Follow up with Lee',
      hasAttachments: false, categories: ['Customers'], body: { content: 'About the renewal', contentType: 'text' },
      dueDateTime: { dateTime: '2026-03-10T16:00:00.0000000', timeZone: 'UTC' },
      reminderDateTime: { dateTime: '2026-03-09T08:00:00.0000000', timeZone: 'UTC' },
      linkedResources: [{ id: expect.any(String), webUrl: 'https://crm.example/people/42', applicationName: 'CRM', displayName: 'Lee Gu', externalId: 'person-42' }],
    });
    expect(made.body.completedDateTime).toBeUndefined();
    expect(made.body.createdDateTime).toMatch(/Z$/);
    const done = await c.graph(`${tasksPath}/${made.body.id}`, { method: 'PATCH', body: { status: 'completed' } });
    expect(done.status).toBe(200);
    expect(done.body.status).toBe('completed');
    expect(done.body.completedDateTime).toEqual({ dateTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}$/), timeZone: 'UTC' });
    expect(done.body['@odata.etag']).not.toBe(made.body['@odata.etag']);
    const reopened = await c.graph(`${tasksPath}/${made.body.id}`, { method: 'PATCH', body: { status: 'inProgress' } });
    expect(reopened.body.completedDateTime).toBeUndefined();
    for (const status of ['notStarted', 'inProgress', 'completed', 'waitingOnOthers', 'deferred']) {
      expect((await c.graph(`${tasksPath}/${made.body.id}`, { method: 'PATCH', body: { status } })).body.status).toBe(status);
    }
    expect((await c.graph(`${tasksPath}/${made.body.id}`, { method: 'PATCH', body: { status: 'done' } })).status).toBe(400);
    expect((await c.graph(`${tasksPath}/${made.body.id}`, { method: 'PATCH', body: { title: 'x' }, headers: { 'If-Match': made.body['@odata.etag'] } })).status).toBe(412);
    expect((await c.graph(`${tasksPath}/${made.body.id}`, { method: 'PATCH', body: { recurrence: { pattern: { type: 'daily', interval: 1 } } } })).status).toBe(501);
    expect((await c.graph(`${tasksPath}/${made.body.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await c.graph(`${tasksPath}/${made.body.id}`)).status).toBe(404);
  });

  it('keeps linked resources under the task: list, add (201), read, change, delete', async () => {
    const task = (await c.graph(tasksPath, { method: 'POST', body: { title: 'Linked' } })).body;
    const links = `${tasksPath}/${task.id}/linkedResources`;
    expect((await c.graph(links)).body.value).toEqual([]);
    const added = await c.graph(links, { method: 'POST', body: { webUrl: 'https://crm.example/companies/7', applicationName: 'CRM', displayName: 'Contoso', externalId: 'company-7' } });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ id: expect.any(String), externalId: 'company-7' });
    const withoutUrl = await c.graph(links, { method: 'POST', body: { applicationName: 'CRM', displayName: 'No page', externalId: 'x-1' } });
    expect(withoutUrl.body.webUrl).toBeUndefined();
    expect((await c.graph(`${links}/${added.body.id}`)).body.displayName).toBe('Contoso');
    expect((await c.graph(`${links}/${added.body.id}`, { method: 'PATCH', body: { displayName: 'Contoso Ltd' } })).body).toMatchObject({ displayName: 'Contoso Ltd', externalId: 'company-7' });
    expect((await c.graph(`${links}/${withoutUrl.body.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await c.graph(links)).body.value.map((link: Json) => link.displayName)).toEqual(['Contoso Ltd']);
    expect((await c.graph(`${tasksPath}/${task.id}`)).body.linkedResources).toHaveLength(1);
    expect((await c.graph(`${tasksPath}/${task.id}?$select=title`)).body.linkedResources).toBeUndefined();
    expect((await c.graph(`${tasksPath}/${task.id}?$select=title&$expand=linkedResources`)).body.linkedResources).toHaveLength(1);
    expect((await c.graph(`${tasksPath}/${task.id}`, { method: 'PATCH', body: { linkedResources: [] } })).status).toBe(400);
    expect((await c.graph(`${links}/nope`)).status).toBe(404);
  });

  it('answers list query options through the OData engine and refuses the others', async () => {
    for (const [title, status] of [['A', 'notStarted'], ['B', 'completed'], ['C', 'notStarted']]) await c.graph(tasksPath, { method: 'POST', body: { title, status } });
    expect((await c.graph(`${tasksPath}?$filter=status eq 'completed'&$select=title`)).body.value.map((x: Json) => x.title)).toEqual(['B']);
    expect((await c.graph(`${tasksPath}?$orderby=title desc`)).body.value.map((x: Json) => x.title)).toEqual(['C', 'B', 'A']);
    const page = await c.graph(`${tasksPath}?$top=2&$count=true`);
    expect(page.body['@odata.count']).toBe(3);
    expect((await c.graph(page.body['@odata.nextLink'])).body.value).toHaveLength(1);
    expect((await c.graph(`${tasksPath}/$count`)).body).toBe(3);
    expect((await c.graph(`${tasksPath}?$expand=checklistItems`)).status).toBe(501);
    expect((await c.graph(`${tasksPath}?$search=A`)).status).toBe(400);
    expect((await c.graph(`${tasksPath}?$select=nothing`)).status).toBe(400);
    // Writes take no query options: refused, never ignored.
    expect((await c.graph(`${tasksPath}?$select=title`, { method: 'POST', body: { title: 'D' } })).status).toBe(501);
  });

  it('serves the personal account (outlook.com) too, answering inside $batch as well', async () => {
    const personal = await tasksClient(t, 'demo.user@outlook.com');
    const lists = (await personal.graph('/me/todo/lists')).body.value as Json[];
    const path = `/me/todo/lists/${lists[0]!.id}/tasks`;
    expect((await personal.graph(path, { method: 'POST', body: { title: 'Personal' } })).status).toBe(201);
    const batch = await personal.graph('/$batch', { method: 'POST', body: { requests: [{ id: '1', method: 'GET', url: path }, { id: '2', method: 'GET', url: tasksPath }] } });
    const byId = Object.fromEntries((batch.body.responses as Json[]).map((r) => [r.id, r]));
    expect(byId['1'].status).toBe(200);
    expect(byId['1'].body.value.map((x: Json) => x.title)).toEqual(['Personal']);
    // Megan's list is not the personal account's.
    expect(byId['2'].status).toBe(404);
  });

  it('needs Tasks.Read to read and Tasks.ReadWrite to write', async () => {
    const reader = await tasksClient(t, MEGAN, scopeOf('Tasks.Read'));
    expect((await reader.graph(tasksPath)).status).toBe(200);
    expect((await reader.graph(tasksPath, { method: 'POST', body: { title: 'x' } })).status).toBe(403);
    const contactsOnly = await tasksClient(t, MEGAN, scopeOf('Contacts.Read'));
    expect((await contactsOnly.graph('/me/todo/lists')).status).toBe(403);
  });

  it('lets the admin API act as the user in To Do: tick a task done on a phone, move it (a new id), edit, delete, seed', async () => {
    const task = (await c.graph(tasksPath, { method: 'POST', body: { title: 'Call Lee' } })).body;
    const done = await c.admin(`/mailboxes/${MEGAN}/todo/tasks/${task.id}/complete`, 'POST');
    expect(done.status).toBe(200);
    const read = (await c.graph(`${tasksPath}/${task.id}`)).body;
    expect(read.status).toBe('completed');
    expect(read.completedDateTime.timeZone).toBe('UTC');
    const list = (await c.admin(`/mailboxes/${MEGAN}/todo/lists`, 'POST', { displayName: 'Later' })).body;
    const moved = await c.admin(`/mailboxes/${MEGAN}/todo/tasks/${task.id}/move`, 'POST', { listId: list.id });
    expect(moved.status).toBe(200);
    expect(moved.body.id).not.toBe(task.id);
    expect(moved.body).toMatchObject({ listId: list.id, title: 'Call Lee', status: 'completed' });
    expect((await c.graph(`${tasksPath}/${task.id}`)).status).toBe(404);
    expect((await c.graph(`/me/todo/lists/${list.id}/tasks/${moved.body.id}`)).status).toBe(200);
    expect((await c.admin(`/mailboxes/${MEGAN}/todo/tasks/${moved.body.id}`, 'PATCH', { title: 'Call Lee Gu' })).body.title).toBe('Call Lee Gu');
    expect((await c.admin(`/mailboxes/${MEGAN}/todo/tasks/${moved.body.id}`, 'DELETE')).status).toBe(204);
    const many = await c.admin(`/mailboxes/${MEGAN}/todo/lists/default/tasks`, 'POST', { tasks: [{ title: 'One' }, { title: 'Two', status: 'bad' }] });
    expect(many.status).toBe(400);
    expect(many.body).toMatchObject({ index: 1, made: 1 });
    const seeded = await c.admin(`/mailboxes/${MEGAN}/todo-seed`, 'POST', { kind: 'demo' });
    expect(seeded.status).toBe(201);
    const lists = (await c.admin(`/mailboxes/${MEGAN}/todo/lists`)).body.lists as Json[];
    expect(lists.map((x) => x.displayName)).toContain('Customer follow-ups');
    const followUps = (await c.admin(`/mailboxes/${MEGAN}/todo/lists/${lists.find((x) => x.displayName === 'Customer follow-ups')!.id}/tasks`)).body.tasks as Json[];
    expect(followUps.some((x) => x.linkedResources.length === 1)).toBe(true);
  });

  it('seeds the demo To Do at start and again on reset (demoTodo)', async () => {
    const { startTestEmulator } = await import('./support/emulator-harness.js');
    const demo = await startTestEmulator({ demoTodo: true });
    try {
      const megan = demo.emulator.store.findUser(MEGAN)!;
      const count = () => demo.emulator.store.todo.listLists(megan.id).flatMap((list) => demo.emulator.store.todo.listTasks(megan.id, list.id)).length;
      const before = count();
      expect(before).toBeGreaterThan(5);
      demo.emulator.store.reset();
      expect(count()).toBe(before);
    } finally {
      await demo.close();
    }
  });
});
