import { MEGAN } from './support/emulator-suite.js';
import { deltaRound, type Json } from './support/mail-client.js';
import { tasksClient } from './support/pim-client.js';
import { inMinutes, useNotificationSuite } from './support/notification-suite.js';

describe('To Do: tasks delta per list and change notifications per list', () => {
  const { t, receiver, c } = useNotificationSuite(tasksClient);
  let listId: string;
  beforeEach(async () => {
    listId = ((await c.graph('/me/todo/lists')).body.value as Json[]).find((list) => list.wellknownListName === 'defaultList')!.id;
  });
  const tasks = () => `/me/todo/lists/${listId}/tasks`;

  it('walks the list in pages ($top), then gives changes once each; a task moved away is @removed here and new in its list', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) ids.push((await c.graph(tasks(), { method: 'POST', body: { title: `T${i}` } })).body.id);
    const first = await c.graph(`${tasks()}/delta?$top=2&$select=title,status`);
    expect(first.status).toBe(200);
    expect(first.body.value).toHaveLength(2);
    expect(Object.keys(first.body.value[0]).sort()).toEqual(['@odata.etag', '@odata.type', 'id', 'status', 'title']);
    const rest = await deltaRound(c, first.body['@odata.nextLink']);
    expect(rest.pages.every((page) => page.value.length <= 2)).toBe(true);
    expect([...first.body.value, ...rest.items].map((x: Json) => x.id)).toEqual(ids);

    await c.admin(`/mailboxes/${MEGAN}/todo/tasks/${ids[0]}/complete`, 'POST');
    await c.graph(`${tasks()}/${ids[0]}`, { method: 'PATCH', body: { title: 'T0 done' } });
    const later = (await c.admin(`/mailboxes/${MEGAN}/todo/lists`, 'POST', { displayName: 'Later' })).body.id as string;
    const moved = (await c.admin(`/mailboxes/${MEGAN}/todo/tasks/${ids[2]}/move`, 'POST', { listId: later })).body.id as string;
    const changes = await deltaRound(c, rest.deltaLink);
    expect(changes.items).toEqual([
      { '@odata.type': '#microsoft.graph.todoTask', '@odata.etag': expect.any(String), id: ids[0], title: 'T0 done', status: 'completed' },
      { '@odata.type': '#microsoft.graph.todoTask', id: ids[2], '@removed': { reason: 'deleted' } },
    ]);
    const other = await deltaRound(c, `/me/todo/lists/${later}/tasks/delta`);
    expect(other.items.map((x: Json) => x.id)).toEqual([moved]);
  });

  it('answers 410 syncStateNotFound once the list\'s sync state is invalidated; refuses $orderby, answers $expand with 501', async () => {
    await c.graph(tasks(), { method: 'POST', body: { title: 'A' } });
    const round = await deltaRound(c, `${tasks()}/delta`);
    await c.admin('/todo/delta/invalidate', 'POST', { user: MEGAN, list: listId });
    const gone = await c.graph(round.deltaLink);
    expect(gone.status).toBe(410);
    expect(gone.body.error.code).toBe('syncStateNotFound');
    expect(gone.headers.get('location')).toMatch(/\/tasks\/delta\?\$deltatoken=$/);
    expect((await c.graph(`${tasks()}/delta?$orderby=title`)).status).toBe(400);
    expect((await c.graph(`${tasks()}/delta?$expand=linkedResources`)).status).toBe(501);
    expect((await c.graph('/me/todo/lists/delta')).status).toBe(501);
  });

  it('notifies created, updated and deleted tasks of the subscribed list only, with a lifetime of at most 4,230 minutes', async () => {
    const tooLong = await c.graph('/subscriptions', { method: 'POST', body: { changeType: 'created', notificationUrl: `${receiver.baseUrl}/x`, resource: `/me/todo/lists/${listId}/tasks`, expirationDateTime: inMinutes(4300) } });
    expect(tooLong.status).toBe(400);
    const subscription = await c.graph('/subscriptions', {
      method: 'POST',
      body: { changeType: 'created,updated,deleted', notificationUrl: `${receiver.baseUrl}/todo`, resource: `/me/todo/lists/${listId}/tasks`, expirationDateTime: inMinutes(4200), clientState: 'todo-1' },
    });
    expect(subscription.status).toBe(201);
    expect((await c.graph('/subscriptions', { method: 'POST', body: { changeType: 'created', notificationUrl: `${receiver.baseUrl}/x`, resource: '/me/todo/lists/AAMkNope/tasks', expirationDateTime: inMinutes(60) } })).status).toBe(404);
    const other = (await c.graph('/me/todo/lists', { method: 'POST', body: { displayName: 'Other' } })).body.id;
    await c.graph(`/me/todo/lists/${other}/tasks`, { method: 'POST', body: { title: 'Not here' } });
    const task = (await c.graph(tasks(), { method: 'POST', body: { title: 'Pushed' } })).body;
    await receiver.waitFor(() => receiver.items('/todo').length === 1);
    await c.admin(`/mailboxes/${MEGAN}/todo/tasks/${task.id}/complete`, 'POST');
    await receiver.waitFor(() => receiver.items('/todo').length === 2);
    await c.graph(`${tasks()}/${task.id}`, { method: 'DELETE' });
    await receiver.waitFor(() => receiver.items('/todo').length === 3);
    const items = receiver.items('/todo');
    expect(items.map((item) => item.changeType)).toEqual(['created', 'updated', 'deleted']);
    const userId = t.emulator.store.findUser(MEGAN)!.id;
    expect(items[0]).toMatchObject({
      subscriptionId: subscription.body.id, clientState: 'todo-1',
      resource: `Users/${userId}/todo/lists/${listId}/tasks/${task.id}`,
      resourceData: { '@odata.type': '#Microsoft.Graph.todoTask', id: task.id },
    });
  });

  it('runs the same lifecycle machinery: a dropped task notification sends missed, subscriptionRemoved ends it', async () => {
    const subscription = (await c.graph('/subscriptions', {
      method: 'POST',
      body: { changeType: 'created', notificationUrl: `${receiver.baseUrl}/todo`, lifecycleNotificationUrl: `${receiver.baseUrl}/life`, resource: `/me/todo/lists/${listId}/tasks`, expirationDateTime: inMinutes(600) },
    })).body;
    await c.admin('/notifications/settings', 'PUT', { dropRate: 1, missedOnDrop: true });
    await c.graph(tasks(), { method: 'POST', body: { title: 'Lost' } });
    await receiver.waitFor(() => receiver.items('/life').length === 1);
    expect(receiver.items('/life')[0]).toMatchObject({ subscriptionId: subscription.id, lifecycleEvent: 'missed' });
    await c.admin('/notifications/settings', 'PUT', { dropRate: 0 });
    expect((await c.admin(`/notifications/subscriptions/${subscription.id}/lifecycle`, 'POST', { event: 'subscriptionRemoved' })).status).toBe(202);
    await receiver.waitFor(() => receiver.items('/life').length === 2);
    expect((await c.graph(`/subscriptions/${subscription.id}`)).status).toBe(404);
    expect(receiver.items('/todo')).toHaveLength(0);
  });
});
