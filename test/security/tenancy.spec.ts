import { readFileSync } from 'node:fs';
import { MicrosoftTokenService } from '@m365/server-module';
import { hashPassword } from '../../dev-host/src/auth/password-hasher.js';
import { CONTACTS_SYNC_JOB } from '../../server-module/src/contacts/contacts-sync.constants.js';
import { TODO_SYNC_JOB } from '../../server-module/src/todo/todo-sync.constants.js';
import { connectMailbox, eventually, holdBackJobs, startTestHost, TestHttpClient, type Json, type TestHost } from '../../test-support/index.js';
import { diffSnapshots, snapshotDatabase, type DatabaseSnapshot } from '../../test-support/database-snapshot.js';
import { INTROSPECTION_QUERY, isRequired, selectionFor, typeLiteral, unwrap, type InputValue, type IntrospectedSchema, type SchemaField, type TypeRef } from './support/graphql-schema-probe.js';

const MEGAN = 'megan.bowen@contoso.com';
const LEE = 'lee.gu@fabrikam.com';
const EVE = 'eve@tenant-b.example';
const EVE_PASSWORD = 'tenant-b-password';
const ALEX = 'alex.wilber@contoso.com';

/** The dev host's own fields (records, timeline, Calendar section, calendar writes, sign-in): not the plugin's. */
const HOST_FIELDS = new Set([
  'people', 'person', 'companies', 'company', 'signIn', 'signOut', 'currentWorkspaceMember', 'createCalendarEvent', 'updateCalendarEvent', 'deleteCalendarEvent', 'updatePerson', 'deletePerson',
  'tasks', 'task', 'createTask', 'updateTask', 'deleteTask',
  'calendarSectionEvents', 'getTimelineThreadsFromPersonId', 'getTimelineThreadsFromCompanyId', 'messageThread', 'getTimelineCalendarEventsFromPersonId', 'getTimelineCalendarEventsFromCompanyId',
]);

type IdKind = 'account' | 'messageChannel' | 'calendarChannel' | 'thread' | 'message' | 'draft' | 'calendarEvent' | 'person' | 'messageFolder' | 'calendar' | 'task' | 'fileLink' | 'bookingPage' | 'todoList';

/** Which of workspace A's ids an ID argument is given, by its name. */
const ID_ARGUMENTS: Record<string, IdKind> = {
  connectedAccountId: 'account',
  messageChannelId: 'messageChannel',
  calendarChannelId: 'calendarChannel',
  messageThreadId: 'thread',
  messageId: 'message',
  calendarEventIds: 'calendarEvent',
  personId: 'person',
  messageFolderId: 'messageFolder',
  calendarId: 'calendar',
  taskId: 'task',
  recordId: 'person',
  fileLinkId: 'fileLink',
  busyCalendarIds: 'calendar',
  pageId: 'bookingPage',
  todoListId: 'todoList',
};
/** Names that mean different things on different fields: each field says. A new field with one fails until it is added. */
const FIELD_ID_ARGUMENTS: Record<string, Record<string, IdKind>> = {
  microsoftOutgoingMessage: { id: 'draft' },
  updateMicrosoftDraft: { id: 'draft' },
  sendMicrosoftDraft: { id: 'draft' },
  discardMicrosoftDraft: { id: 'draft' },
  // The probe gives the last channel kind the schema lists (TODO): a To Do list's runs.
  microsoftSyncRuns: { channelId: 'todoList' },
  updateMicrosoftBookingPage: { id: 'bookingPage' },
  deleteMicrosoftBookingPage: { id: 'bookingPage' },
};
/** Strings given by argument or input field name; any other string is a harmless probe text. */
const STRING_VALUES: Record<string, unknown> = { search: 'lee', addresses: [LEE], address: LEE, attendeeEmails: [LEE], bodyHtml: '<p>Tenancy probe</p>' };
/**
 * A OneDrive file of Megan's linked to a person of A (teammates see the link, by the workspace's rules; only she may
 * remove it), and SharePoint granted to her account by her tenant's administrator, so every files field has a valid
 * probe: the site id is a real one of her tenant.
 */
async function attachFileOfA(host: TestHost, megan: TestHttpClient, workspaceId: string, ids: Record<IdKind, string>): Promise<string> {
  const store = host.emulator!.store;
  const user = store.findUser(MEGAN)!;
  const drive = store.files.userDrive(user.id);
  const { item } = store.files.putFile(drive.id, drive.rootId, 'Tenancy probe file.txt', Buffer.from('probe'), 'rename', { id: user.id, displayName: user.displayName, email: MEGAN });
  const site = store.files.listSites(user.tenantId)[0] ?? store.files.addSite(user.tenantId, { name: 'probe', displayName: 'Probe' });
  STRING_VALUES.siteId = site.id;
  const [{ clientId }] = store.listApps();
  store.grantAdminConsent(user.tenantId, clientId, ['Sites.Read.All'], 'admin-api');
  expect(await host.app.get(MicrosoftTokenService).tryExtendGrant(workspaceId, ids.account, ['Sites.Read.All'])).toBe(true);
  const attached = await megan.graphql<{ attachMicrosoftFile: { id: string } }>(
    `mutation ($a: ID!, $r: ID!, $d: String!, $i: String!) { attachMicrosoftFile(connectedAccountId: $a, objectName: PERSON, recordId: $r, driveId: $d, itemId: $i) { id } }`,
    { a: ids.account, r: ids.person, d: drive.id, i: item.id },
  );
  if (!attached.data) throw new Error(`attach failed: ${JSON.stringify(attached.errors)}`);
  return attached.data.attachMicrosoftFile.id;
}

/** A refusal that is about ownership, not about the input's shape (which would prove nothing). */
const REFUSED = /no such|not found|not yours|among yours|not connected/i;

/**
 * Tenancy and ownership: a member of workspace B, and a teammate of Megan's in workspace A, presenting the ids of
 * Megan's account, channels, threads, drafts and events to every GraphQL query and mutation the plugin adds (read from
 * the schema by introspection: a new field without a way to give it those ids fails this suite) and to every HTTP
 * route of the manifest, get nothing of hers and change nothing of hers, here or at Microsoft.
 */
describe('Security — tenancy and ownership: nobody but the owner gets or changes anything of an account', () => {
  let host: TestHost;
  let megan: TestHttpClient;
  let eve: TestHttpClient;
  let alex: TestHttpClient;
  let alexMemberId: string;
  let workspaceA: string;
  let workspaceB: string;
  let schema: IntrospectedSchema;
  const ids = {} as Record<IdKind, string>;
  /** What must never reach B: A's ids and texts that only A's mailbox, calendar and drafts hold. */
  let secretsOfA: string[];

  const query = (sql: string, params: unknown[] = []) => host.dataSource.query(sql, params);
  const microsoftState = () => {
    const store = host.emulator!.store;
    const user = store.findUser(MEGAN)!.id;
    const todo = store.todo.listLists(user).map((list) => store.todo.listTasks(user, list.id).map((task) => [task.id, task.changeKey]));
    return JSON.stringify({ mail: store.mail.listMessages(MEGAN), events: store.calendar.listEvents(user), subscriptions: store.subscriptions.forMailbox(user).map((s) => s.id), todo });
  };
  /**
   * Who attacks: a member of another workspace, and a teammate (another member of A, who shares A's people and
   * companies and the file links on them, but owns none of Megan's account, channels or drafts).
   */
  const attackers = {
    'a member of workspace B': () => ({ client: eve, own: workspaceB, shared: [] as IdKind[] }),
    // Files linked to a record are the workspace's: a teammate sees the links (not the account), only the attacher removes one.
    'a teammate in workspace A': () => ({ client: alex, own: alexMemberId, shared: ['person', 'task', 'fileLink'] as IdKind[] }),
  };
  type AttackerName = keyof typeof attackers;
  const attackerNames = Object.keys(attackers) as AttackerName[];
  /** The database less the running process's heartbeat and the attacker's own rows (their own doings, such as a connect link). */
  const snapshotOfA = async (own: string): Promise<DatabaseSnapshot> => {
    const snapshot = await snapshotDatabase(host.dataSource);
    snapshot.delete('public.microsoftWorkerProcess');
    for (const [table, rows] of snapshot) snapshot.set(table, rows.filter((row) => !row.includes(own)));
    return snapshot;
  };

  beforeAll(async () => {
    host = await startTestHost();
    host.emulator!.store.mail.deliverMessage(MEGAN, { from: LEE, to: [MEGAN], subject: 'Quarterly numbers for A only', body: 'Confidential to workspace A.' });
    megan = host.newClient();
    const mailbox = await connectMailbox(host, megan, MEGAN, MEGAN);
    workspaceA = mailbox.workspaceId;
    const [calendarChannel] = await query(`SELECT "id" FROM "calendarChannel" WHERE "connectedAccountId" = $1`, [mailbox.connectedAccountId]);
    await eventually(async () => (await query(`SELECT 1 FROM "calendarChannel" WHERE "id" = $1 AND "syncStatus" = 'ACTIVE' AND "syncStage" = 'CALENDAR_EVENT_LIST_FETCH_PENDING'`, [calendarChannel.id])).length === 1, 60_000, 'the first calendar import');
    const event = await megan.graphql(`mutation ($c: ID!) { createCalendarEvent(calendarChannelId: $c, input: { title: "Board prep for A only", startsAt: "2027-01-20T08:00:00.000Z", endsAt: "2027-01-20T09:00:00.000Z", timeZone: "UTC" }) { id } }`, { c: calendarChannel.id });
    const draft = await megan.graphql(`mutation ($a: ID!) { createMicrosoftDraft(connectedAccountId: $a, input: { subject: "Draft for A only", bodyHtml: "<p>A</p>", to: [{ address: "${LEE}" }] }) { id } }`, { a: mailbox.connectedAccountId });
    const [message] = await query(`SELECT "id", "messageThreadId" FROM "message" WHERE "workspaceId" = $1 AND "subject" = 'Quarterly numbers for A only'`, [workspaceA]);
    const task = await megan.graphql(`mutation { createTask(input: { title: "Task for A only" }) { id } }`);
    const synced = await megan.graphql(`mutation ($t: ID!, $a: ID!) { syncMicrosoftTodoTask(taskId: $t, connectedAccountId: $a) { todoTaskId } }`, { t: task.data.createTask.id, a: mailbox.connectedAccountId });
    expect(synced.errors).toBeUndefined();
    const [defaultCalendar] = await query(`SELECT "id" FROM "microsoftCalendar" WHERE "calendarChannelId" = $1 AND "isDefaultCalendar"`, [calendarChannel.id]);
    const bookingPage = await megan.graphql(`mutation ($i: MicrosoftBookingPageInput!) { createMicrosoftBookingPage(input: $i) { id } }`, {
      i: {
        connectedAccountId: mailbox.connectedAccountId, title: 'Booking page of A only', slug: 'a-only-booking', durationsMinutes: [30], locationKind: 'TEAMS', timeZone: 'UTC',
        workingHours: [{ day: 'monday', start: '09:00', end: '17:00' }], bufferBeforeMinutes: 0, bufferAfterMinutes: 0, minimumNoticeMinutes: 0, horizonDays: 30, busyCalendarIds: [defaultCalendar.id], enabled: true,
      },
    });
    Object.assign(ids, {
      account: mailbox.connectedAccountId,
      messageChannel: mailbox.messageChannelId,
      calendarChannel: calendarChannel.id,
      thread: message.messageThreadId,
      message: message.id,
      draft: draft.data.createMicrosoftDraft.id,
      calendarEvent: event.data.createCalendarEvent.id,
      person: (await query(`SELECT "id" FROM "person" WHERE "workspaceId" = $1 AND lower("emailsPrimaryEmail") = $2`, [workspaceA, LEE]))[0].id,
      messageFolder: (await query(`SELECT "id" FROM "messageFolder" WHERE "messageChannelId" = $1 LIMIT 1`, [mailbox.messageChannelId]))[0].id,
      calendar: (await query(`SELECT "id" FROM "microsoftCalendar" WHERE "calendarChannelId" = $1 LIMIT 1`, [calendarChannel.id]))[0].id,
      task: task.data.createTask.id,
      fileLink: '',
      bookingPage: bookingPage.data.createMicrosoftBookingPage.id,
      todoList: (await query(`SELECT "id" FROM "microsoftTodoList" WHERE "workspaceId" = $1`, [workspaceA]))[0].id,
    } satisfies Record<IdKind, string>);
    // The synced task's list takes its first pass (and push its subscription) before anything is compared.
    await eventually(async () => (await query(`SELECT 1 FROM "microsoftTodoList" WHERE "workspaceId" = $1 AND "syncedAt" IS NOT NULL`, [workspaceA])).length === 1, 20_000, "the To Do list's first pass");
    await eventually(async () => (await query(`SELECT 1 FROM "microsoftSubscription" WHERE "workspaceId" = $1 AND "kind" = 'todo' AND "status" = 'ACTIVE'`, [workspaceA])).length === 1, 30_000, 'the To Do subscription');
    ids.fileLink = await attachFileOfA(host, megan, workspaceA, ids);
    await eventually(async () => (await query(`SELECT 1 FROM "microsoftCalendarOutbox" WHERE "calendarEventId" = $1 AND "status" = 'PENDING'`, [ids.calendarEvent])).length === 0, 20_000, "the CRM event's write to Outlook");
    secretsOfA = [...Object.values(ids), MEGAN, 'Quarterly numbers for A only', 'Board prep for A only', 'Draft for A only', 'Confidential to workspace A', synced.data.syncMicrosoftTodoTask.todoTaskId, 'Booking page of A only'];
    // Nothing of A moves on its own meanwhile: no periodic pass (push brings nothing: Microsoft changes nothing).
    await query(`UPDATE "messageChannel" SET "isSyncEnabled" = false WHERE "id" = $1`, [ids.messageChannel]);
    await query(`UPDATE "calendarChannel" SET "isSyncEnabled" = false WHERE "id" = $1`, [ids.calendarChannel]);
    // Contacts and To Do have no such switch: their five-minute crons' passes are held back here instead.
    holdBackJobs(host, [CONTACTS_SYNC_JOB.name, TODO_SYNC_JOB.name]);
    await eventually(async () => (await query(`SELECT 1 FROM "microsoftSyncLease"`)).length === 0, 20_000, 'passes in flight let go');

    [{ id: workspaceB }] = await query(`INSERT INTO "workspace" ("displayName") VALUES ('Tenant B') RETURNING "id"`);
    await query(`INSERT INTO "workspaceMember" ("workspaceId", "nameFirstName", "nameLastName", "userEmail", "passwordHash") VALUES ($1, 'Eve', 'Other', $2, $3)`, [workspaceB, EVE, await hashPassword(EVE_PASSWORD)]);
    eve = host.newClient();
    expect((await eve.signIn(EVE, EVE_PASSWORD)).workspaceId).toBe(workspaceB);
    alex = host.newClient();
    alexMemberId = (await alex.signIn(ALEX, 'demo-password')).id;
    schema = (await eve.graphql(INTROSPECTION_QUERY)).data.__schema;
  });

  afterAll(async () => {
    await host?.close();
  });

  // Arguments a valid probe needs other than 1 and one instant (a window's end after its start, a meeting's length).
  const NUMBER_VALUES: Record<string, number> = { durationMinutes: 30, intervalMinutes: 30 };
  const LATER_TIMES = new Set(['end', 'until']);

  const idFor = (field: string, arg: string): string => {
    const kind = FIELD_ID_ARGUMENTS[field]?.[arg] ?? ID_ARGUMENTS[arg];
    if (!kind) throw new Error(`${field}(${arg}): which of workspace A's ids does this argument take? Add it to the tenancy suite's ID_ARGUMENTS or FIELD_ID_ARGUMENTS`);
    return ids[kind];
  };

  /** A value of the type for argument or input field `name` of `field`: A's ids for IDs, probes for the rest. */
  const valueFor = (field: string, name: string, type: TypeRef): unknown => {
    const named = unwrap(type);
    const one = (): unknown => {
      if (named.name === 'ID') return idFor(field, name);
      if (named.kind === 'ENUM') return schema.types.find((candidate) => candidate.name === named.name)!.enumValues!.at(-1)!.name;
      if (named.kind === 'INPUT_OBJECT') return inputObject(field, named.name);
      if (named.name === 'Boolean') return false;
      if (named.name === 'Int' || named.name === 'Float') return NUMBER_VALUES[name] ?? 1;
      if (named.name in STRING_VALUES) return STRING_VALUES[named.name];
      const preset = STRING_VALUES[name];
      if (preset !== undefined) return Array.isArray(preset) && !named.list ? preset[0] : preset;
      if (named.name === 'DateTime') return LATER_TIMES.has(name) ? '2027-01-20T18:00:00.000Z' : '2027-01-20T08:00:00.000Z';
      return 'Tenancy probe';
    };
    const value = one();
    return named.list && !Array.isArray(value) ? [value] : value;
  };
  const inputObject = (field: string, typeName: string): Record<string, unknown> => {
    const type = schema.types.find((candidate) => candidate.name === typeName)!;
    return Object.fromEntries(type.inputFields!.map((input) => [input.name, valueFor(field, input.name, input.type)]));
  };

  /** Every argument given (optional ones too: an optional account id is still a door). */
  const callOf = (operation: 'query' | 'mutation', field: SchemaField) => {
    const args = field.args.filter((arg) => isRequired(arg.type) || unwrap(arg.type).name === 'ID' || unwrap(arg.type).kind === 'INPUT_OBJECT');
    const variables = Object.fromEntries(args.map((arg: InputValue) => [arg.name, valueFor(field.name, arg.name, arg.type)]));
    const definitions = args.map((arg) => `$${arg.name}: ${typeLiteral(arg.type)}`).join(', ');
    const passed = args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
    const named = unwrap(field.type);
    const selection = named.kind === 'OBJECT' ? selectionFor(schema, named.name) : '';
    const text = `${operation}${definitions ? ` (${definitions})` : ''} { ${field.name}${passed ? `(${passed})` : ''} ${selection} }`;
    return { text, variables, takesIdsOfA: args.some((arg) => JSON.stringify(variables[arg.name]).match(/[0-9a-f]{8}-[0-9a-f]{4}-/)) };
  };

  const pluginFields = (operation: 'query' | 'mutation') => {
    const typeName = operation === 'query' ? schema.queryType.name : schema.mutationType!.name;
    return schema.types.find((type) => type.name === typeName)!.fields!.filter((field) => !HOST_FIELDS.has(field.name));
  };

  it('finds the plugin\'s queries and mutations in the schema', () => {
    const names = [...pluginFields('query'), ...pluginFields('mutation')].map((field) => field.name);
    // A floor, not the list: the list is whatever the schema says.
    expect(names).toEqual(expect.arrayContaining(['microsoftAccounts', 'disconnectMicrosoftAccount', 'createMicrosoftDraft', 'sendMicrosoftDraft', 'microsoftSyncRuns', 'microsoftCalendarEventWriteStates', 'microsoftRecipientSuggestions']));
    expect(names.length).toBeGreaterThanOrEqual(25);
  });

  const cases = attackerNames.flatMap((attacker) => (['query', 'mutation'] as const).map((operation) => [attacker, operation] as const));
  it.each(cases)('%s, given the ids of Megan\'s account to every %s: refused or empty, nothing of hers in the answer, nothing of hers changed', async (attackerName, operation) => {
    const attacker = attackers[attackerName]();
    const secrets = secretsOfA.filter((secret) => !attacker.shared.some((kind) => ids[kind] === secret));
    const failures: string[] = [];
    for (const field of pluginFields(operation)) {
      const call = callOf(operation, field);
      const databaseBefore = await snapshotOfA(attacker.own);
      const microsoftBefore = microsoftState();
      const answer = await attacker.client.graphql<Json>(call.text, call.variables);
      const said = JSON.stringify(answer);
      // An id the caller gave, answered back as the key of an empty answer, tells them nothing they did not know.
      const given = JSON.stringify(call.variables);
      const leaked = secrets.filter((secret) => said.includes(secret) && !given.includes(secret));
      if (leaked.length) failures.push(`${field.name}: the answer holds A's ${leaked.join(', ')}: ${said.slice(0, 300)}`);
      if (answer.errors?.length && call.takesIdsOfA && !answer.errors.every((error: { message: string }) => REFUSED.test(error.message))) {
        failures.push(`${field.name}: refused for another reason than ownership (the probe proves nothing until its input is valid): ${answer.errors[0].message}`);
      }
      if (answer.errors?.some((error: { extensions?: { code?: string } }) => error.extensions?.code === 'INTERNAL_SERVER_ERROR')) failures.push(`${field.name}: internal error: ${said.slice(0, 300)}`);
      const changed = diffSnapshots(databaseBefore, await snapshotOfA(attacker.own));
      if (changed.length) failures.push(`${field.name}: changed A's rows in ${changed.map((difference) => difference.table).join(', ')}`);
      if (microsoftState() !== microsoftBefore) failures.push(`${field.name}: changed A's mailbox or calendar at Microsoft`);
      // The control: the same query from A's member is answered, so B's refusal is about B, not about the probe.
      if (operation === 'query' && call.takesIdsOfA) {
        const own = await megan.graphql<Json>(call.text, call.variables);
        if (own.errors?.length) failures.push(`${field.name}: A's own member is refused the probe too (${own.errors[0].message}): make its arguments valid`);
      }
    }
    expect(failures).toEqual([]);
  });

  it.each(attackerNames)("%s, to every HTTP route of the manifest: Megan's draft answers 404 and nothing changes; the other routes take no workspace ids", async (attackerName) => {
    const attacker = attackers[attackerName]();
    const manifest = JSON.parse(readFileSync(new URL('../../plugin.manifest.json', import.meta.url), 'utf8')) as { routes: Array<{ method: string; path: string }> };
    /** Routes that take no id of a workspace's records, and where their own attacks are tested. */
    const noWorkspaceIds: Record<string, string> = {
      'GET /auth/microsoft-apis': "starts a connect for the caller's own session; no ids (OAuth attacks: connect-flow and incremental-consent specs)",
      'GET /auth/microsoft-apis/get-access-token': 'Microsoft\'s redirect; the signed single-use state names the member (connect-flow spec)',
      'POST /webhooks/microsoft/messaging': 'Graph, not a member; clientState decides (webhook-endpoint spec)',
      'POST /webhooks/microsoft/lifecycle': 'Graph, not a member; clientState decides (webhook-endpoint spec)',
      'GET /book/static/booking-page.js': 'the public booking page\'s script: the same file for everyone',
      'GET /book/static/booking-page.css': 'the public booking page\'s stylesheet: the same file for everyone',
      'GET /book/manage/:token': 'a guest\'s signed link: an HMAC token naming one booking, nothing else opens it (booking-pages spec)',
      'POST /book/manage/:token': 'a guest\'s signed link: an HMAC token naming one booking, nothing else opens it (booking-pages spec)',
    };
    const probes: Record<string, () => Promise<{ status: number }>> = {
      'PUT /microsoft/compose/drafts/:outgoingId/attachments': () => attacker.client.request('PUT', `/microsoft/compose/drafts/${ids.draft}/attachments?name=probe.txt&size=5`, { body: 'probe', headers: { 'content-type': 'application/octet-stream' } }),
      'DELETE /microsoft/compose/drafts/:outgoingId/attachments/:attachmentId': () => attacker.client.request('DELETE', `/microsoft/compose/drafts/${ids.draft}/attachments/${ids.draft}`),
      'PUT /microsoft/files/accounts/:connectedAccountId/upload': () => attacker.client.request('PUT', `/microsoft/files/accounts/${ids.account}/upload?name=probe.txt&size=5&objectName=person&recordId=${ids.person}`, { body: 'probe', headers: { 'content-type': 'application/octet-stream' } }),
      'GET /auth/microsoft-apis/admin-consent': () => attacker.client.request('GET', `/auth/microsoft-apis/admin-consent?connectedAccountId=${ids.account}`),
      // A public page is reached by its published slug only: its id (or any other of A's) opens nothing.
      'GET /book/:slug': () => attacker.client.request('GET', `/book/${ids.bookingPage}`),
      'GET /book/:slug/slots': () => attacker.client.request('GET', `/book/${ids.bookingPage}/slots?duration=30&timeZone=UTC`),
      'POST /book/:slug': () => attacker.client.request('POST', `/book/${ids.bookingPage}`, { body: { name: 'Probe', email: 'probe@example.org', start: '2027-01-25T09:00:00.000Z', duration: 30, timeZone: 'UTC', submissionKey: 'tenancy-probe' } }),
    };
    for (const route of manifest.routes) {
      const key = `${route.method} ${route.path}`;
      if (noWorkspaceIds[key]) continue;
      expect([key, key in probes ? 'has a tenancy probe' : 'has no tenancy probe: add one']).toEqual([key, 'has a tenancy probe']);
      const probe = probes[key];
      const before = await snapshotOfA(attacker.own);
      const microsoftBefore = microsoftState();
      expect([key, (await probe()).status]).toEqual([key, 404]);
      expect(diffSnapshots(before, await snapshotOfA(attacker.own))).toEqual([]);
      expect(microsoftState()).toBe(microsoftBefore);
    }
  });
});
