import type { Page } from 'playwright-core';
import { TestHttpClient, eventually, type TestHost } from '../../../test-support/index.js';
import { connectThroughConsent } from './support/connect-through-consent.js';
import { HostBrowser } from './support/host-browser.js';

const BROWSER_TIMEOUT_MS = 180_000;
const MEGAN = 'megan.bowen@contoso.com';

/** A CRM task synced to Microsoft To Do from its row on a person's Tasks tab, then ticked in To Do: done in the CRM. */
describe('CRM tasks ↔ Microsoft To Do, in a browser', () => {
  const browser = new HostBrowser();
  let host: TestHost;
  let page: Page;
  let admin: TestHttpClient;
  let personId: string;

  beforeAll(async () => {
    ({ host, page } = await browser.open({ signInAs: MEGAN, prepare: (started) => void (admin = new TestHttpClient(started.emulator!.baseUrl, started.emulator!.caCertPem)) }));
    const [{ workspaceId }] = await host.dataSource.query(`SELECT "workspaceId" FROM "workspaceMember" WHERE lower("userEmail") = $1`, [MEGAN]);
    [{ id: personId }] = await host.dataSource.query(`INSERT INTO "person" ("workspaceId", "nameFirstName", "nameLastName") VALUES ($1, 'Tilly', 'Todo') RETURNING "id"`, [workspaceId]);
  }, BROWSER_TIMEOUT_MS);

  afterAll(() => browser.close(), BROWSER_TIMEOUT_MS);

  it('adds a task on the person, syncs it to the Tasks list, and shows it done once ticked in To Do', async () => {
    await page.goto(`${host.publicUrl}/settings/accounts`);
    await connectThroughConsent(page, host, MEGAN);
    await page.goto(`${host.publicUrl}/people/${personId}`);
    await page.getByTestId('tab-tasks').click();
    await page.getByTestId('task-new-title').fill('Send Tilly the contract');
    await page.getByTestId('task-add').click();
    const row = page.getByTestId('task-row').filter({ hasText: 'Send Tilly the contract' });
    await row.waitFor();
    expect(await row.getAttribute('data-status')).toBe('TODO');
    await row.getByTestId('todo-list').locator('option', { hasText: 'Tasks' }).waitFor({ state: 'attached' });
    expect(await row.getByTestId('todo-list').inputValue()).not.toBe('');
    await row.getByTestId('todo-sync').click();
    await row.getByTestId('todo-sync-state').waitFor();
    expect(await row.getByTestId('todo-sync-state').innerText()).toContain('In Microsoft To Do · Tasks');

    const taskId = await row.getAttribute('data-task-id');
    const [link] = await host.dataSource.query(`SELECT "todoTaskExternalId" FROM "microsoftTodoLink" WHERE "taskId" = $1`, [taskId]);
    const response = await admin.request('POST', `/_admin/mailboxes/${MEGAN}/todo/tasks/${link.todoTaskExternalId}/complete`);
    expect(response.status).toBe(200);
    await eventually(async () => (await page.getByTestId('task-row').filter({ hasText: 'Send Tilly the contract' }).getAttribute('data-status')) === 'DONE', 30_000, 'the task done on the Tasks tab');
    expect(await page.getByTestId('task-row').filter({ hasText: 'Send Tilly the contract' }).getByTestId('task-done').isChecked()).toBe(true);

    // The To Do task's link back opens the task in the CRM's Tasks page, with the person it is on.
    const remote = (await (await admin.request('GET', `/_admin/mailboxes/${MEGAN}/todo/tasks/${link.todoTaskExternalId}`)).json()) as { linkedResources: Array<{ webUrl: string }> };
    await page.goto(remote.linkedResources[0]!.webUrl);
    const opened = page.getByTestId('tasks-page').getByTestId('task-row').filter({ hasText: 'Send Tilly the contract' });
    await opened.getByTestId('task-edit-title').waitFor();
    expect(await opened.getByTestId('task-record').innerText()).toBe('Tilly Todo');
  }, BROWSER_TIMEOUT_MS);

  it("Settings → Accounts shows the To Do list that holds the synced task, synced, with the list's first pass succeeded in its sync log", async () => {
    await eventually(async () => (await host.dataSource.query(`SELECT 1 FROM "microsoftTodoList" WHERE "displayName" = 'Tasks' AND "syncedAt" IS NOT NULL`)).length === 1, 30_000, "the Tasks list's first pass");
    await page.goto(`${host.publicUrl}/settings/accounts`);
    const list = page.getByTestId('todo-settings').getByTestId('todo-list-sync').filter({ hasText: 'Tasks' });
    await list.waitFor();
    expect(await list.getAttribute('data-status')).toBe('SYNCED');
    expect(await list.getByTestId('todo-list-status').innerText()).toBe('Synced');
    expect(await list.getByTestId('todo-list-progress').innerText()).toMatch(/^Synced · 1 task · last synced /);
    expect(await list.getByTestId('todo-list-retry').count()).toBe(0);
    await list.getByTestId('sync-log-toggle').click();
    await list.getByTestId('sync-log-list').waitFor();
    const first = list.getByTestId('sync-run').filter({ hasText: 'First import' });
    await first.waitFor();
    expect(await first.getAttribute('data-outcome')).toBe('SUCCEEDED');
    expect(await first.getByTestId('sync-run-outcome').innerText()).toBe('Succeeded');
  }, BROWSER_TIMEOUT_MS);
});
