import { TodoSyncJobs, TodoSyncService } from '@m365/server-module';
import { TODO_SYNC_JOB } from '../src/todo/todo-sync.constants.js';
import { SyncRunTrigger } from '@m365/shared-types';
import { hashPassword } from '../../dev-host/src/auth/password-hasher.js';
import { connectMailbox, connectMicrosoftAccount, eventually, holdBackJobs, startTestHost, TestHttpClient, type ConnectedMailbox, type TestHost } from '../../test-support/index.js';

const MEGAN = 'megan.bowen@contoso.com';
const ALEX = 'alex.wilber@contoso.com';

interface TodoTask {
  id: string;
  listId: string;
  changeKey?: string;
  '@odata.etag': string;
  title: string;
  status: string;
  body: { content: string };
  dueDateTime?: { dateTime: string; timeZone: string };
  linkedResources: Array<{ webUrl?: string; applicationName?: string; externalId?: string; displayName?: string }>;
}

interface TaskSync {
  taskId: string;
  synced: boolean;
  syncedByAnotherMember: boolean;
  connectedAccountId: string | null;
  listId: string | null;
  listName: string | null;
  todoTaskId: string | null;
  state: string | null;
  pendingWrite: boolean;
  accounts: Array<{ connectedAccountId: string; handle: string; granted: boolean; reason: string | null }>;
}

const SYNC_FIELDS = `taskId synced syncedByAnotherMember connectedAccountId listId listName todoTaskId state pendingWrite accounts { connectedAccountId handle granted reason }`;
const TASK_SYNC = `query ($task: ID!) { microsoftTodoTaskSync(taskId: $task) { ${SYNC_FIELDS} } }`;
const SYNC = `mutation ($task: ID!, $account: ID!, $list: String) { syncMicrosoftTodoTask(taskId: $task, connectedAccountId: $account, listId: $list) { ${SYNC_FIELDS} } }`;
const UNSYNC = `mutation ($task: ID!) { unsyncMicrosoftTodoTask(taskId: $task) { ${SYNC_FIELDS} } }`;
const LISTS = `query ($account: ID!) { microsoftTodoLists(connectedAccountId: $account) { id displayName isDefault } }`;
const CREATE_TASK = `mutation ($input: TaskInput!) { createTask(input: $input) { id title status } }`;
const UPDATE_TASK = `mutation ($id: ID!, $patch: TaskPatch!) { updateTask(id: $id, patch: $patch) { id title status dueAt } }`;
const DELETE_TASK = `mutation ($id: ID!) { deleteTask(id: $id) }`;
const RUNS = `query ($id: ID!) { microsoftSyncRuns(channelKind: TODO, channelId: $id) { trigger outcome created updated deleted errorCode errorMessage action } }`;
const SYNCED_LISTS = `query ($account: ID!) { microsoftTodoSyncedLists(connectedAccountId: $account) { id displayName syncedTaskCount syncedAt syncStatus lastErrorMessage } }`;
const RETRY_LIST = `mutation ($id: ID!) { retryMicrosoftTodoListSync(todoListId: $id) }`;

interface SyncedList {
  id: string;
  displayName: string;
  syncedTaskCount: number;
  syncedAt: string | null;
  syncStatus: string;
  lastErrorMessage: string | null;
}

describe('CRM tasks ↔ Microsoft To Do', () => {
  let host: TestHost;
  let admin: TestHttpClient;
  let megan: ConnectedMailbox;
  let personId: string;
  let defaultListId: string;
  let errandsListId: string;

  const query = (sql: string, params: unknown[] = []) => host.dataSource.query(sql, params);
  const adminCall = async <T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await admin.request(method, `/_admin${path}`, { body });
    if (response.status >= 300) throw new Error(`${method} ${path} → ${response.status} ${response.text}`);
    return (response.status === 204 ? {} : response.json()) as T;
  };
  const ok = async <T>(text: string, variables: Record<string, unknown> = {}, client = host.client): Promise<T> => {
    const result = await client.graphql(text, variables);
    if (result.errors?.length) throw new Error(result.errors[0].message);
    return result.data as T;
  };
  const todoTask = (id: string) => adminCall<TodoTask>('GET', `/mailboxes/${MEGAN}/todo/tasks/${encodeURIComponent(id)}`);
  const todoHas = async (id: string) => (await admin.request('GET', `/_admin/mailboxes/${MEGAN}/todo/tasks/${encodeURIComponent(id)}`)).status === 200;
  const crmTask = async (id: string) => (await query(`SELECT * FROM "task" WHERE "id" = $1`, [id]))[0];
  const linkOf = async (taskId: string) => (await query(`SELECT * FROM "microsoftTodoLink" WHERE "taskId" = $1`, [taskId]))[0];
  const createTask = async (title: string, extra: Record<string, unknown> = {}) =>
    (await ok<{ createTask: { id: string } }>(CREATE_TASK, { input: { title, personId, ...extra } })).createTask.id;
  const sync = async (taskId: string, listId: string | null = null) => (await ok<{ syncMicrosoftTodoTask: TaskSync }>(SYNC, { task: taskId, account: megan.connectedAccountId, list: listId })).syncMicrosoftTodoTask;
  const listRow = async (externalId: string) => (await query(`SELECT * FROM "microsoftTodoList" WHERE "connectedAccountId" = $1 AND "externalId" = $2`, [megan.connectedAccountId, externalId]))[0];
  const subscriptionOf = async (todoListRowId: string) => (await query(`SELECT * FROM "microsoftSubscription" WHERE "channelId" = $1 AND "kind" = 'todo'`, [todoListRowId]))[0];
  /** A pass of the list now (a push pass may hold it: waited out). */
  const syncNow = async (todoListRowId: string, trigger?: SyncRunTrigger) => {
    for (let attempt = 0; attempt < 400; attempt += 1) {
      const outcome = await host.app.get(TodoSyncService).syncList(megan.workspaceId, todoListRowId, { trigger });
      if (outcome !== 'busy') return outcome;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('To Do list stayed busy');
  };
  const writesSettled = (taskId: string) => eventually(async () => (await linkOf(taskId))?.outboundPendingAt === null, 20_000, `the write of ${taskId}`);

  beforeAll(async () => {
    host = await startTestHost();
    admin = new TestHttpClient(host.emulator!.baseUrl, host.emulator!.caCertPem);
    megan = await connectMailbox(host, host.client, MEGAN, MEGAN);
    [{ id: personId }] = await query(`INSERT INTO "person" ("workspaceId", "nameFirstName", "nameLastName") VALUES ($1, 'Tess', 'Tasker') RETURNING "id"`, [megan.workspaceId]);
    const { lists } = await adminCall<{ lists: Array<{ id: string; wellknownListName: string }> }>('GET', `/mailboxes/${MEGAN}/todo/lists`);
    defaultListId = lists.find((list) => list.wellknownListName === 'defaultList')!.id;
    errandsListId = (await adminCall<{ id: string }>('POST', `/mailboxes/${MEGAN}/todo/lists`, { displayName: 'Errands' })).id;
  }, 120_000);

  afterAll(async () => {
    await host?.close();
  });

  it("lists the account's To Do lists, the built-in Tasks marked default", async () => {
    const { microsoftTodoLists } = await ok<{ microsoftTodoLists: Array<{ id: string; displayName: string; isDefault: boolean }> }>(LISTS, { account: megan.connectedAccountId });
    expect(microsoftTodoLists.find((list) => list.isDefault)).toEqual({ id: defaultListId, displayName: 'Tasks', isDefault: true });
    expect(microsoftTodoLists.map((list) => list.displayName)).toContain('Errands');
  });

  it('"Sync to Microsoft To Do" makes a To Do task in Tasks with title, notes, due date, status and a linked resource back to the CRM task; its list gets a subscription', async () => {
    const taskId = await createTask('Send the renewal quote', { body: 'Include the 2027 prices', dueAt: '2027-03-01T00:00:00.000Z' });
    const state = await sync(taskId);
    expect(state).toMatchObject({ synced: true, syncedByAnotherMember: false, connectedAccountId: megan.connectedAccountId, listId: defaultListId, listName: 'Tasks', state: 'LINKED' });
    const remote = await todoTask(state.todoTaskId!);
    expect(remote.listId).toBe(defaultListId);
    expect([remote.title, remote.body.content, remote.status]).toEqual(['Send the renewal quote', 'Include the 2027 prices', 'notStarted']);
    expect(new Date(`${remote.dueDateTime!.dateTime}Z`).toISOString()).toBe('2027-03-01T00:00:00.000Z');
    expect(remote.linkedResources).toEqual([expect.objectContaining({ applicationName: 'Twenty CRM', externalId: taskId, displayName: 'Send the renewal quote', webUrl: expect.stringMatching(new RegExp(`^https?://.+/object/task/${taskId}$`)) })]);
    const list = await listRow(defaultListId);
    await eventually(async () => (await subscriptionOf(list.id))?.status === 'ACTIVE', 30_000, 'an active To Do subscription');
    const subscription = await subscriptionOf(list.id);
    expect(subscription.resource).toBe(`/me/todo/lists/${encodeURIComponent(defaultListId)}/tasks`);
    expect(host.emulator!.store.subscriptions.get(subscription.graphSubscriptionId)!.resource).toBe(subscription.resource);
    // Once is enough: a second sync is refused.
    const again = await host.client.graphql(SYNC, { task: taskId, account: megan.connectedAccountId, list: null });
    expect(again.errors?.[0].message).toMatch(/already synced/);
  });

  it('a CRM edit reaches To Do (done in the CRM → completed); its notification is recognised as the echo and changes nothing', async () => {
    const taskId = await createTask('Call the buyer');
    const { todoTaskId } = await sync(taskId);
    await ok(UPDATE_TASK, { id: taskId, patch: { title: 'Call the buyer back', body: 'About the discount', dueAt: '2027-04-02T00:00:00.000Z', status: 'DONE' } });
    await eventually(async () => (await todoTask(todoTaskId!)).status === 'completed', 20_000, 'the CRM edit in To Do');
    const remote = await todoTask(todoTaskId!);
    expect([remote.title, remote.body.content]).toEqual(['Call the buyer back', 'About the discount']);
    expect(new Date(`${remote.dueDateTime!.dateTime}Z`).toISOString()).toBe('2027-04-02T00:00:00.000Z');
    await writesSettled(taskId);
    const etag = remote['@odata.etag'].replace(/^W\/"|"$/g, '');
    await eventually(async () => (await linkOf(taskId)).changeKey === etag, 20_000, 'the write acknowledged with its changeKey');
    const updatedAt = (await crmTask(taskId)).updatedAt.getTime();
    // The pass the echo's notification asks for runs: nothing flows back.
    expect(await syncNow((await linkOf(taskId)).todoListId)).toBe('synced');
    expect((await crmTask(taskId)).updatedAt.getTime()).toBe(updatedAt);
    expect((await todoTask(todoTaskId!))['@odata.etag']).toBe(remote['@odata.etag']);
  });

  it('a task ticked in To Do is done in the CRM (push); title, notes and due date edited in To Do reach the CRM task; reopened in To Do, it is to do again', async () => {
    const taskId = await createTask('Book the venue');
    const { todoTaskId } = await sync(taskId);
    await writesSettled(taskId);
    await adminCall('POST', `/mailboxes/${MEGAN}/todo/tasks/${todoTaskId}/complete`);
    await eventually(async () => (await crmTask(taskId)).status === 'DONE', 20_000, 'the completion in the CRM');
    await adminCall('PATCH', `/mailboxes/${MEGAN}/todo/tasks/${todoTaskId}`, { title: 'Book the big venue', body: { content: 'Two hundred seats', contentType: 'text' }, dueDateTime: { dateTime: '2027-05-05T00:00:00', timeZone: 'UTC' } });
    await eventually(async () => (await crmTask(taskId)).title === 'Book the big venue', 20_000, 'the To Do edit in the CRM');
    const crm = await crmTask(taskId);
    expect([crm.body, new Date(crm.dueAt).toISOString(), crm.status]).toEqual(['Two hundred seats', '2027-05-05T00:00:00.000Z', 'DONE']);
    await adminCall('PATCH', `/mailboxes/${MEGAN}/todo/tasks/${todoTaskId}`, { status: 'notStarted' });
    await eventually(async () => (await crmTask(taskId)).status === 'TODO', 20_000, 'reopened in the CRM');
  });

  it('both sides changing the same field: the later edit wins, the other side gets it', async () => {
    const taskId = await createTask('Draft the agenda');
    const { todoTaskId } = await sync(taskId);
    await writesSettled(taskId);
    const listRowId = (await linkOf(taskId)).todoListId;
    // To Do's edit first; the member's later edit, made before the import saw To Do's, wins.
    await adminCall('PATCH', `/mailboxes/${MEGAN}/todo/tasks/${todoTaskId}`, { title: 'Agenda (To Do)' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    await ok(UPDATE_TASK, { id: taskId, patch: { title: 'Agenda (CRM)' } });
    await writesSettled(taskId);
    expect(await syncNow(listRowId)).toBe('synced');
    await eventually(async () => (await todoTask(todoTaskId!)).title === 'Agenda (CRM)' && (await crmTask(taskId)).title === 'Agenda (CRM)', 20_000, 'the later edit on both sides');
  });

  it('a task moved to another list in To Do (a new id there) is followed: the link names the new task and list, which gets its own subscription, and edits keep flowing', async () => {
    const taskId = await createTask('Renew the insurance');
    const { todoTaskId } = await sync(taskId);
    await writesSettled(taskId);
    const moved = await adminCall<{ id: string; listId: string }>('POST', `/mailboxes/${MEGAN}/todo/tasks/${todoTaskId}/move`, { listId: errandsListId });
    expect(moved.id).not.toBe(todoTaskId);
    await eventually(async () => (await linkOf(taskId)).todoTaskExternalId === moved.id, 20_000, 'the link following the move');
    const errands = await listRow(errandsListId);
    expect((await linkOf(taskId)).todoListId).toBe(errands.id);
    const state = (await ok<{ microsoftTodoTaskSync: TaskSync }>(TASK_SYNC, { task: taskId })).microsoftTodoTaskSync;
    expect([state.listId, state.listName, state.todoTaskId]).toEqual([errandsListId, 'Errands', moved.id]);
    await eventually(async () => (await subscriptionOf(errands.id))?.status === 'ACTIVE', 30_000, "the Errands list's subscription");
    expect((await crmTask(taskId)).deletedAt).toBeNull();
    await adminCall('POST', `/mailboxes/${MEGAN}/todo/tasks/${moved.id}/complete`);
    await eventually(async () => (await crmTask(taskId)).status === 'DONE', 20_000, 'the moved task ticked in the CRM');
    await ok(UPDATE_TASK, { id: taskId, patch: { title: 'Renew the car insurance' } });
    await eventually(async () => (await todoTask(moved.id)).title === 'Renew the car insurance', 20_000, 'the CRM edit on the moved task');
  });

  it('deletion rule: deleted in To Do, the CRM task is unlinked and stays; deleted in the CRM or sync turned off, the To Do task the sync created is deleted', async () => {
    const inTodo = await createTask('Deleted in To Do');
    const first = await sync(inTodo);
    await writesSettled(inTodo);
    await adminCall('DELETE', `/mailboxes/${MEGAN}/todo/tasks/${first.todoTaskId}`);
    await eventually(async () => (await linkOf(inTodo)) === undefined, 20_000, 'the CRM task unlinked');
    const kept = await crmTask(inTodo);
    expect([kept.deletedAt, kept.title]).toEqual([null, 'Deleted in To Do']);
    expect((await ok<{ microsoftTodoTaskSync: TaskSync }>(TASK_SYNC, { task: inTodo })).microsoftTodoTaskSync.synced).toBe(false);

    const inCrm = await createTask('Deleted in the CRM');
    const second = await sync(inCrm, errandsListId);
    expect(second.listId).toBe(errandsListId);
    expect(await todoHas(second.todoTaskId!)).toBe(true);
    await ok(DELETE_TASK, { id: inCrm });
    await eventually(async () => !(await todoHas(second.todoTaskId!)) && (await linkOf(inCrm)) === undefined, 20_000, 'the To Do task deleted and the link gone');

    const turnedOff = await createTask('Sync turned off');
    const third = await sync(turnedOff);
    const off = (await ok<{ unsyncMicrosoftTodoTask: TaskSync }>(UNSYNC, { task: turnedOff })).unsyncMicrosoftTodoTask;
    expect(off.synced).toBe(false);
    expect(await todoHas(third.todoTaskId!)).toBe(false);
    expect((await crmTask(turnedOff)).deletedAt).toBeNull();
  });

  it('lifecycle: subscriptionRemoved makes a new subscription on the same list and a pass catches up what changed meanwhile', async () => {
    const taskId = await createTask('Lifecycle task');
    const { todoTaskId } = await sync(taskId);
    await writesSettled(taskId);
    const list = await listRow(defaultListId);
    await eventually(async () => (await subscriptionOf(list.id))?.status === 'ACTIVE', 30_000, 'an active subscription');
    const before = await subscriptionOf(list.id);
    await adminCall('POST', `/notifications/subscriptions/${before.graphSubscriptionId}/lifecycle`, { event: 'subscriptionRemoved' });
    await eventually(async () => {
      const now = await subscriptionOf(list.id);
      return now?.status === 'ACTIVE' && now.graphSubscriptionId !== before.graphSubscriptionId;
    }, 30_000, 'a new subscription');
    expect((await subscriptionOf(list.id)).resource).toBe(before.resource);
    await adminCall('POST', `/mailboxes/${MEGAN}/todo/tasks/${todoTaskId}/complete`);
    await eventually(async () => (await crmTask(taskId)).status === 'DONE', 20_000, 'the completion after the new subscription');
  });

  it('Tasks.ReadWrite unticked: the task says why for that account and the sync is refused, with no call to To Do', async () => {
    const client = host.newClient();
    await client.signIn(ALEX, 'demo-password');
    const callback = await connectMicrosoftAccount(client, host.emulator!.caCertPem, { account: ALEX, untick: ['Tasks.ReadWrite'] });
    const alexAccount = new URL(callback.headers.get('location')!).searchParams.get('connectedAccountId')!;
    const taskId = (await ok<{ createTask: { id: string } }>(CREATE_TASK, { input: { title: "Alex's task" } }, client)).createTask.id;
    const state = (await ok<{ microsoftTodoTaskSync: TaskSync }>(TASK_SYNC, { task: taskId }, client)).microsoftTodoTaskSync;
    expect(state.accounts).toEqual([{ connectedAccountId: alexAccount, handle: ALEX, granted: false, reason: expect.stringContaining('Tasks.ReadWrite') }]);
    const refused = await client.graphql(SYNC, { task: taskId, account: alexAccount, list: null });
    expect(refused.errors?.[0]).toMatchObject({ message: expect.stringContaining('Tasks.ReadWrite'), extensions: { code: 'FORBIDDEN' } });
    expect(await linkOf(taskId)).toBeUndefined();
    expect(host.emulator!.store.todo.listLists(host.emulator!.store.findUser(ALEX)!.id).flatMap((list) => host.emulator!.store.todo.listTasks(host.emulator!.store.findUser(ALEX)!.id, list.id)).some((task) => task.title === "Alex's task")).toBe(false);
    // Megan's synced task, seen by her teammate: synced by another member, nothing of hers named.
    const megansTask = await createTask('Seen by a teammate');
    await sync(megansTask);
    const seen = (await ok<{ microsoftTodoTaskSync: TaskSync }>(TASK_SYNC, { task: megansTask }, client)).microsoftTodoTaskSync;
    expect(seen).toMatchObject({ synced: true, syncedByAnotherMember: true, connectedAccountId: null, listId: null, todoTaskId: null });
    expect((await client.graphql(UNSYNC, { task: megansTask })).errors?.[0].message).toMatch(/not yours/);
  });

  it('a delta token To Do no longer knows (410) walks the list again from the start: the change arrives, nothing is linked twice', async () => {
    const taskId = await createTask('After the resync');
    const { todoTaskId } = await sync(taskId);
    await writesSettled(taskId);
    const list = await listRow(defaultListId);
    await eventually(async () => (await listRow(defaultListId)).syncCursor !== null, 20_000, 'a cursor on the list');
    const links = Number((await query(`SELECT count(*)::int AS n FROM "microsoftTodoLink" WHERE "todoListId" = $1`, [list.id]))[0].n);
    await adminCall('POST', '/todo/delta/invalidate', { user: MEGAN, list: defaultListId });
    await adminCall('PATCH', `/mailboxes/${MEGAN}/todo/tasks/${todoTaskId}`, { title: 'After the resync, renamed' });
    await eventually(async () => (await crmTask(taskId)).title === 'After the resync, renamed', 20_000, 'the edit after a 410');
    expect(Number((await query(`SELECT count(*)::int AS n FROM "microsoftTodoLink" WHERE "todoListId" = $1`, [list.id]))[0].n)).toBe(links);
  });

  it("periodic safety net: a change no notification told of (a 'missed' lifecycle event) is caught up; a list left with no synced task loses its subscription and its row", async () => {
    const taskId = await createTask('Caught up later');
    const { todoTaskId } = await sync(taskId);
    await writesSettled(taskId);
    const list = await listRow(defaultListId);
    await eventually(async () => (await subscriptionOf(list.id))?.status === 'ACTIVE', 30_000, 'an active subscription');
    // Graph drops the change notification and tells of it with a 'missed' lifecycle event: a pass catches up.
    const settings = await adminCall<Record<string, unknown>>('GET', '/notifications/settings');
    await adminCall('PUT', '/notifications/settings', { dropRate: 1, missedOnDrop: true });
    try {
      await adminCall('POST', `/mailboxes/${MEGAN}/todo/tasks/${todoTaskId}/complete`);
      await eventually(async () => (await crmTask(taskId)).status === 'DONE', 20_000, "the change caught up after 'missed'");
    } finally {
      await adminCall('PUT', '/notifications/settings', { dropRate: settings.dropRate, missedOnDrop: settings.missedOnDrop });
    }

    const { id: onceListId } = await adminCall<{ id: string }>('POST', `/mailboxes/${MEGAN}/todo/lists`, { displayName: 'Once' });
    const lone = await createTask('Alone in its list');
    await sync(lone, onceListId);
    const once = await listRow(onceListId);
    await eventually(async () => (await subscriptionOf(once.id))?.status === 'ACTIVE', 30_000, "the Once list's subscription");
    const graphId = (await subscriptionOf(once.id)).graphSubscriptionId;
    await ok(UNSYNC, { task: lone });
    expect(await host.app.get(TodoSyncJobs).enqueueAll()).toBeGreaterThan(0);
    expect(await listRow(onceListId)).toBeUndefined();
    expect(await subscriptionOf(once.id)).toBeUndefined();
    expect(host.emulator!.store.subscriptions.get(graphId)).toBeUndefined();
  });

  it("each pass of a list is in its sync log with what it changed, a failing one as FAILED with Microsoft's code; Settings lists the list with its status; only its owner reads them", async () => {
    const runsOf = async (todoListRowId: string) => (await ok<{ microsoftSyncRuns: Array<Record<string, unknown>> }>(RUNS, { id: todoListRowId })).microsoftSyncRuns;
    const syncedLists = async () => (await ok<{ microsoftTodoSyncedLists: SyncedList[] }>(SYNCED_LISTS, { account: megan.connectedAccountId })).microsoftTodoSyncedLists;
    const { id: reportsListId } = await adminCall<{ id: string }>('POST', `/mailboxes/${MEGAN}/todo/lists`, { displayName: 'Reports' });
    // No notification pass takes the changes this test means to see its own passes record.
    const notifications = host.emulator!.store.subscriptions;
    const dropRate = notifications.getSettings().dropRate;
    notifications.updateSettings({ dropRate: 1 });
    let releaseCron: () => void = () => undefined;
    try {
      const kept = await createTask('Weekly report');
      const gone = await createTask('Monthly report');
      const { todoTaskId: keptTodoId } = await sync(kept, reportsListId);
      const { todoTaskId: goneTodoId } = await sync(gone, reportsListId);
      await writesSettled(kept);
      await writesSettled(gone);
      const list = await listRow(reportsListId);
      await eventually(async () => (await listRow(reportsListId)).syncedAt !== null, 20_000, "the list's first pass");
      expect(await runsOf(list.id)).toContainEqual(expect.objectContaining({ trigger: 'FIRST_IMPORT', outcome: 'SUCCEEDED', errorCode: null }));
      // Nor a pass of the five-minute cron, should one fall in this test: it would take the changes before syncNow's.
      releaseCron = holdBackJobs(host, [TODO_SYNC_JOB.name]);

      await adminCall('PATCH', `/mailboxes/${MEGAN}/todo/tasks/${keptTodoId}`, { title: 'Weekly report, renamed' });
      await adminCall('DELETE', `/mailboxes/${MEGAN}/todo/tasks/${goneTodoId}`);
      expect(await syncNow(list.id, SyncRunTrigger.MANUAL)).toBe('synced');
      expect((await crmTask(kept)).title).toBe('Weekly report, renamed');
      expect((await runsOf(list.id))[0]).toMatchObject({ trigger: 'MANUAL', outcome: 'SUCCEEDED', created: 0, updated: 1, deleted: 1, errorCode: null });
      expect((await syncedLists()).find((each) => each.id === list.id)).toEqual({ id: list.id, displayName: 'Reports', syncedTaskCount: 1, syncedAt: expect.any(String), syncStatus: 'SYNCED', lastErrorMessage: null });

      const mail = host.emulator!.store.mail;
      mail.updateSettings({ faults: { failureRate: 1, statuses: [503], seed: 1 } });
      try {
        expect(await syncNow(list.id, SyncRunTrigger.MANUAL)).toBe('failed');
      } finally {
        mail.updateSettings({ faults: { failureRate: 0 } });
      }
      expect((await runsOf(list.id))[0]).toMatchObject({ trigger: 'MANUAL', outcome: 'FAILED', created: 0, updated: 0, deleted: 0, errorCode: 'ServiceUnavailable', action: 'WAIT_FOR_RETRY', errorMessage: expect.any(String) });
      expect((await syncedLists()).find((each) => each.id === list.id)).toMatchObject({ syncStatus: 'FAILED', lastErrorMessage: expect.any(String), syncedTaskCount: 1 });

      // Retry: the list's pass runs again (as a job) and says so in the log.
      releaseCron();
      expect((await ok<{ retryMicrosoftTodoListSync: boolean }>(RETRY_LIST, { id: list.id })).retryMicrosoftTodoListSync).toBe(true);
      await eventually(async () => (await syncedLists()).find((each) => each.id === list.id)?.syncStatus === 'SYNCED', 20_000, 'the retried pass');
      expect((await runsOf(list.id))[0]).toMatchObject({ trigger: 'MANUAL', outcome: 'SUCCEEDED' });

      // Nobody else reads the list's runs or lists, nor retries it: a teammate, and a member of another workspace.
      const alex = host.newClient();
      await alex.signIn(ALEX, 'demo-password');
      const [{ id: otherWorkspace }] = await query(`INSERT INTO "workspace" ("displayName") VALUES ('Other tenant') RETURNING "id"`);
      await query(`INSERT INTO "workspaceMember" ("workspaceId", "nameFirstName", "nameLastName", "userEmail", "passwordHash") VALUES ($1, 'Olga', 'Other', 'olga@other.example', $2)`, [otherWorkspace, await hashPassword('other-password')]);
      const olga = host.newClient();
      expect((await olga.signIn('olga@other.example', 'other-password')).workspaceId).toBe(otherWorkspace);
      const runsBefore = (await runsOf(list.id)).length;
      for (const client of [alex, olga]) {
        const runs = await client.graphql(RUNS, { id: list.id });
        expect([runs.data?.microsoftSyncRuns ?? null, runs.errors?.[0]?.extensions?.code]).toEqual([null, 'NOT_FOUND']);
        const lists = await client.graphql(SYNCED_LISTS, { account: megan.connectedAccountId });
        expect([lists.data?.microsoftTodoSyncedLists ?? null, lists.errors?.[0]?.extensions?.code]).toEqual([null, 'NOT_FOUND']);
        const retry = await client.graphql(RETRY_LIST, { id: list.id });
        expect([retry.data?.retryMicrosoftTodoListSync ?? null, retry.errors?.[0]?.extensions?.code]).toEqual([null, 'NOT_FOUND']);
      }
      // Asked as another kind's channel, the list's runs are not answered either.
      const asContacts = await host.client.graphql(`query ($id: ID!) { microsoftSyncRuns(channelKind: CONTACTS, channelId: $id) { trigger } }`, { id: list.id });
      expect(asContacts.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect((await runsOf(list.id)).length).toBe(runsBefore);
    } finally {
      releaseCron();
      notifications.updateSettings({ dropRate });
    }
  });

  it('disconnect: the account\'s lists, links and To Do subscriptions go; the CRM tasks and the To Do tasks stay', async () => {
    const taskId = await createTask('Outlives the disconnect');
    const { todoTaskId } = await sync(taskId);
    await writesSettled(taskId);
    await eventually(async () => (await subscriptionOf((await linkOf(taskId)).todoListId))?.status === 'ACTIVE', 30_000, 'the list\'s subscription');
    const listIds = (await query(`SELECT "id" FROM "microsoftTodoList" WHERE "connectedAccountId" = $1`, [megan.connectedAccountId])).map((row: { id: string }) => row.id);
    expect((await query(`SELECT count(*)::int AS n FROM "microsoftSyncRun" WHERE "channelId" = ANY($1::uuid[])`, [listIds]))[0].n).toBeGreaterThan(0);
    await ok(`mutation ($id: ID!) { disconnectMicrosoftAccount(connectedAccountId: $id) }`, { id: megan.connectedAccountId });
    await eventually(async () => (await query(`SELECT 1 FROM "microsoftTodoList" WHERE "connectedAccountId" = $1`, [megan.connectedAccountId])).length === 0, 30_000, 'the To Do lists purged');
    expect(await query(`SELECT 1 FROM "microsoftSyncRun" WHERE "channelId" = ANY($1::uuid[])`, [listIds])).toEqual([]);
    expect(await query(`SELECT 1 FROM "microsoftTodoLink" WHERE "connectedAccountId" = $1`, [megan.connectedAccountId])).toEqual([]);
    expect(await query(`SELECT 1 FROM "microsoftSubscription" WHERE "connectedAccountId" = $1`, [megan.connectedAccountId])).toEqual([]);
    const megansUser = host.emulator!.store.findUser(MEGAN)!.id;
    expect(host.emulator!.store.subscriptions.forMailbox(megansUser).filter((each) => each.resource.includes('/todo/'))).toEqual([]);
    expect((await crmTask(taskId)).deletedAt).toBeNull();
    expect(await todoHas(todoTaskId!)).toBe(true);
  });
});
