import { CalendarSyncService, GraphClientFactory, MicrosoftTokenService, SubscriptionJobs } from '@m365/server-module';
import { SyncRunTrigger } from '@m365/shared-types';
import { connectMailbox, eventually, startTestHost, TestHttpClient, type ConnectedMailbox, type TestHost } from '../../test-support/index.js';
import { AccountGraphClient } from '../src/graph/account-graph-client.js';

const MEGAN = 'megan.bowen@contoso.com';
const at = (day: string, hour: string) => ({ dateTime: `2027-${day}T${hour}:00:00`, timeZone: 'UTC' });

interface Pass {
  mode: 'full' | 'quick';
  trigger: SyncRunTrigger | undefined;
}

describe('Calendar push: Outlook changes reach the CRM through /me/events change notifications', () => {
  let host: TestHost;
  let admin: TestHttpClient;
  let megan: ConnectedMailbox & { calendarChannelId: string };
  let projectsCalendarId: string;
  const passes: Pass[] = [];

  const query = (sql: string, params: unknown[] = []) => host.dataSource.query(sql, params);
  const subscriptions = () => host.emulator!.store.subscriptions;
  const adminCall = async (method: string, path: string, body?: unknown) => {
    const response = await admin.request(method, `/_admin${path}`, { body });
    if (response.status >= 300) throw new Error(`${method} ${path} → ${response.status} ${response.text}`);
    return response.status === 204 ? {} : response.json<Record<string, unknown>>();
  };
  const seedEvent = async (body: Record<string, unknown>) => (await adminCall('POST', `/mailboxes/${MEGAN}/events`, body)).id as string;
  const subscriptionRow = async (kind: 'mail' | 'calendar') => {
    const channelId = kind === 'calendar' ? megan.calendarChannelId : megan.messageChannelId;
    const [row] = await query(`SELECT "graphSubscriptionId", "expiresAt", "status", "resource" FROM "microsoftSubscription" WHERE "channelId" = $1 AND "kind" = $2`, [channelId, kind]);
    return row as { graphSubscriptionId: string; expiresAt: Date; status: string; resource: string } | undefined;
  };
  const calendarSubscriptionId = async () => {
    const row = await subscriptionRow('calendar');
    return row?.status === 'ACTIVE' ? row.graphSubscriptionId : undefined;
  };
  /** Titles by Outlook event id, of what the CRM holds for Megan's calendar channel. */
  const crmEvents = async (): Promise<Map<string, string>> =>
    new Map(
      (await query(
        `SELECT a."eventExternalId" AS id, e."title" FROM "calendarChannelEventAssociation" a JOIN "calendarEvent" e ON e."id" = a."calendarEventId" WHERE a."calendarChannelId" = $1`,
        [megan.calendarChannelId],
      )).map((row: { id: string; title: string }) => [row.id, row.title]),
    );
  const titleInCrm = async (eventId: string) => (await crmEvents()).get(eventId);
  const quickPassesSince = (mark: number) => passes.slice(mark).filter((pass) => pass.mode === 'quick').length;
  const pendingNotifications = async () => Number((await query(`SELECT count(*)::int AS n FROM "microsoftNotification" WHERE "channelId" = $1 AND "processedAt" IS NULL`, [megan.calendarChannelId]))[0].n);

  beforeAll(async () => {
    host = await startTestHost();
    admin = new TestHttpClient(host.emulator!.baseUrl, host.emulator!.caCertPem);
    projectsCalendarId = (await adminCall('POST', `/mailboxes/${MEGAN}/calendars`, { name: 'Projects' })).id as string;
    await seedEvent({ subject: 'Pricing review', start: at('01-12', '10'), end: at('01-12', '11') });
    await seedEvent({ calendarId: projectsCalendarId, subject: 'Kickoff', start: at('01-20', '15'), end: at('01-20', '16') });
    const mailbox = await connectMailbox(host, host.client, MEGAN, MEGAN);
    const [channel] = await query(`SELECT "id" FROM "calendarChannel" WHERE "connectedAccountId" = $1`, [mailbox.connectedAccountId]);
    megan = { ...mailbox, calendarChannelId: channel.id };
    await eventually(async () => {
      const [row] = await query(`SELECT "syncedAt" FROM "calendarChannel" WHERE "id" = $1`, [channel.id]);
      return row.syncedAt !== null && (await crmEvents()).size === 2;
    }, 60_000, 'the first calendar import');
    await eventually(async () => (await calendarSubscriptionId()) !== undefined, 15_000, 'an active calendar subscription');
    const sync = host.app.get(CalendarSyncService);
    const original = sync.syncChannel.bind(sync);
    sync.syncChannel = (workspaceId, calendarChannelId, options = {}) => {
      passes.push({ mode: options.mode ?? 'full', trigger: options.trigger });
      return original(workspaceId, calendarChannelId, options);
    };
  });

  afterAll(async () => {
    await host?.close();
  });

  it('subscribes to /me/events for the calendar channel, beside the mailbox subscription, each with its own clientState; Settings shows it live', async () => {
    const calendarId = (await calendarSubscriptionId())!;
    const remote = subscriptions().get(calendarId)!;
    expect(remote.resource).toBe('/me/events');
    expect(remote.notificationUrl).toBe(`${host.publicUrl}/webhooks/microsoft/messaging`);
    expect(remote.lifecycleNotificationUrl).toBe(`${host.publicUrl}/webhooks/microsoft/lifecycle`);
    expect(remote.changeTypes.sort()).toEqual(['created', 'deleted', 'updated']);
    expect(remote.expirationDateTime).toBeGreaterThan(Date.now() + 6 * 24 * 3600 * 1000);
    const mail = subscriptions().get((await subscriptionRow('mail'))!.graphSubscriptionId)!;
    expect(mail.resource).toBe('/me/messages');
    expect(mail.clientState).not.toBe(remote.clientState);
    const { data } = await host.client.graphql(`{ microsoftAccounts { calendarChannel { push { status expiresAt unavailableReason } } messageChannel { push { status } } } }`);
    expect(data.microsoftAccounts[0].calendarChannel.push).toMatchObject({ status: 'LIVE', unavailableReason: null });
    expect(new Date(data.microsoftAccounts[0].calendarChannel.push.expiresAt).getTime()).toBeGreaterThan(Date.now());
    expect(data.microsoftAccounts[0].messageChannel.push.status).toBe('LIVE');
  });

  it('an event created in Outlook (a Graph call as the user), then edited and deleted there (admin API), reaches the CRM by quick push passes', async () => {
    const graph = new AccountGraphClient(host.app.get(GraphClientFactory), host.app.get(MicrosoftTokenService), megan.workspaceId, megan.connectedAccountId);
    let mark = passes.length;
    const created: { id: string } = await graph.request((client) => client.api('/me/events').post({ subject: 'Pushed meeting', start: at('02-03', '09'), end: at('02-03', '10') }));
    await eventually(async () => (await titleInCrm(created.id)) === 'Pushed meeting', 10_000, 'the created event in the CRM');
    expect(quickPassesSince(mark)).toBeGreaterThan(0);

    mark = passes.length;
    await adminCall('PATCH', `/mailboxes/${MEGAN}/events/${created.id}`, { subject: 'Pushed meeting (moved)', start: at('02-04', '09'), end: at('02-04', '10') });
    await eventually(async () => (await titleInCrm(created.id)) === 'Pushed meeting (moved)', 10_000, 'the edit in the CRM');
    const [row] = await query(
      `SELECT e."startsAt" FROM "calendarChannelEventAssociation" a JOIN "calendarEvent" e ON e."id" = a."calendarEventId" WHERE a."eventExternalId" = $1`,
      [created.id],
    );
    expect(row.startsAt.toISOString()).toBe('2027-02-04T09:00:00.000Z');
    expect(quickPassesSince(mark)).toBeGreaterThan(0);

    mark = passes.length;
    await adminCall('DELETE', `/mailboxes/${MEGAN}/events/${created.id}`);
    await eventually(async () => (await titleInCrm(created.id)) === undefined, 10_000, 'the deletion in the CRM');
    expect(quickPassesSince(mark)).toBeGreaterThan(0);
    await eventually(async () => (await pendingNotifications()) === 0, 5_000, 'every notification handled');
    // Quick passes run from the cursors: none of them listed the calendars again, so none is in the sync log as a first import.
    expect(passes.slice(mark).every((pass) => pass.trigger === undefined)).toBe(true);
  });

  it('occurrences of one series renamed in Outlook one after another each reach the CRM by push (every notification names the series, none is taken for a replay)', async () => {
    const graph = new AccountGraphClient(host.app.get(GraphClientFactory), host.app.get(MicrosoftTokenService), megan.workspaceId, megan.connectedAccountId);
    const series: { id: string } = await graph.request((client) => client.api('/me/events').post({
      subject: 'Weekly sync',
      start: at('03-01', '09'),
      end: at('03-01', '10'),
      recurrence: { pattern: { type: 'weekly', interval: 1, daysOfWeek: ['monday'] }, range: { type: 'numbered', startDate: '2027-03-01', numberOfOccurrences: 6 } },
    }));
    const occurrenceIds = async (): Promise<string[]> =>
      (await query(`SELECT "eventExternalId" AS id FROM "calendarChannelEventAssociation" WHERE "calendarChannelId" = $1 AND "recurringEventExternalId" = $2 ORDER BY 1`, [megan.calendarChannelId, series.id]))
        .map((row: { id: string }) => row.id);
    await eventually(async () => (await occurrenceIds()).length === 6, 10_000, 'the series\' six occurrences in the CRM');
    const ids = await occurrenceIds();
    for (const [index, id] of ids.slice(0, 3).entries()) {
      await graph.request((client) => client.api(`/me/events/${encodeURIComponent(id)}`).patch({ subject: `Weekly sync, agenda ${index}` }));
      await eventually(async () => (await titleInCrm(id)) === `Weekly sync, agenda ${index}`, 10_000, `rename ${index} in the CRM`);
    }
    const titles = await crmEvents();
    expect(ids.map((id) => titles.get(id))).toEqual(['Weekly sync, agenda 0', 'Weekly sync, agenda 1', 'Weekly sync, agenda 2', 'Weekly sync', 'Weekly sync', 'Weekly sync']);
  });

  it('an event in a second calendar arrives by push too (one subscription covers every calendar of the mailbox)', async () => {
    const id = await seedEvent({ calendarId: projectsCalendarId, subject: 'Design review', start: at('02-10', '15'), end: at('02-10', '16') });
    await eventually(async () => (await titleInCrm(id)) === 'Design review', 10_000, 'the Projects event in the CRM');
  });

  // Push may deliver a write before its acknowledgement is committed (the pass then reads the event as Outlook has it,
  // and the bind merges what it imported), or after (the echo filter skips it): either way the CRM ends with one row,
  // which the echo does not change once the write is acknowledged.
  it('an event created, then edited, in the CRM: its echoes by push change nothing and no duplicate appears', async () => {
    const write = async (text: string, variables: Record<string, unknown>) => {
      const result = await host.client.graphql(text, variables);
      if (result.errors?.length) throw new Error(result.errors[0].message);
      return result.data;
    };
    const applied = (id: string) => eventually(async () => {
      const [row] = await query(`SELECT count(*)::int AS n, count(*) FILTER (WHERE "status" = 'APPLIED')::int AS done FROM "microsoftCalendarOutbox" WHERE "calendarEventId" = $1`, [id]);
      return row.n > 0 && row.n === row.done;
    }, 20_000, `the CRM writes of ${id} in Outlook`);
    const crmRows = async (id: string) => ({
      events: (await query(`SELECT count(*)::int AS n FROM "calendarEvent" WHERE "title" LIKE 'Renewal kickoff%'`))[0].n,
      associations: (await query(`SELECT count(*)::int AS n FROM "calendarChannelEventAssociation" WHERE "calendarEventId" = $1`, [id]))[0].n,
    });
    const updatedAt = async (id: string) => (await query(`SELECT "updatedAt" FROM "calendarEvent" WHERE "id" = $1`, [id]))[0].updatedAt as Date;

    let mark = passes.length;
    const created = await write(
      `mutation ($channel: ID!, $input: CalendarEventInput!) { createCalendarEvent(calendarChannelId: $channel, input: $input) { id } }`,
      { channel: megan.calendarChannelId, input: { title: 'Renewal kickoff', startsAt: '2027-02-17T09:00:00.000Z', endsAt: '2027-02-17T10:00:00.000Z', timeZone: 'UTC' } },
    );
    const id = created.createCalendarEvent.id as string;
    await applied(id);
    const afterCreate = await updatedAt(id);
    await eventually(async () => quickPassesSince(mark) > 0, 10_000, 'a push pass after the create');
    await eventually(async () => (await pendingNotifications()) === 0, 5_000, 'every notification handled');
    expect(await updatedAt(id)).toEqual(afterCreate);
    expect(await crmRows(id)).toEqual({ events: 1, associations: 1 });

    mark = passes.length;
    await write(`mutation ($id: ID!, $patch: CalendarEventPatch!) { updateCalendarEvent(id: $id, patch: $patch) { id } }`, { id, patch: { title: 'Renewal kickoff (agenda)' } });
    await applied(id);
    const afterEdit = await updatedAt(id);
    await eventually(async () => quickPassesSince(mark) > 0, 10_000, 'a push pass after the edit');
    await eventually(async () => (await pendingNotifications()) === 0, 5_000, 'every notification handled');
    expect(await updatedAt(id)).toEqual(afterEdit);
    expect(await crmRows(id)).toEqual({ events: 1, associations: 1 });
    expect((await query(`SELECT "title" FROM "calendarEvent" WHERE "id" = $1`, [id]))[0].title).toBe('Renewal kickoff (agenda)');
  });

  it('refuses a notification for the calendar subscription whose clientState is forged, and records nothing', async () => {
    const id = (await calendarSubscriptionId())!;
    const before = Number((await query(`SELECT count(*)::int AS n FROM "microsoftNotification" WHERE "channelId" = $1`, [megan.calendarChannelId]))[0].n);
    const response = await host.newClient().request('POST', '/webhooks/microsoft/messaging', {
      body: {
        value: [
          {
            subscriptionId: id,
            subscriptionExpirationDateTime: new Date(Date.now() + 3_600_000).toISOString(),
            changeType: 'created',
            clientState: 'not-the-client-state-we-registered',
            tenantId: '6f1d3a52-8c47-4e0b-9a2d-1b5c7e9f3a10',
            resource: 'Users/u1/Events/forged',
            resourceData: { '@odata.type': '#Microsoft.Graph.Event', '@odata.id': 'Users/u1/Events/forged', id: 'forged' },
          },
        ],
      },
    });
    expect(response.status).toBe(403);
    const after = Number((await query(`SELECT count(*)::int AS n FROM "microsoftNotification" WHERE "channelId" = $1`, [megan.calendarChannelId]))[0].n);
    expect(after).toBe(before);
  });

  it('dropped notifications, then `missed`: a resync of the calendar channel recovers the event', async () => {
    const dropped = subscriptions().getTotals().itemsDropped;
    subscriptions().updateSettings({ dropRate: 1 });
    let lost: string;
    try {
      lost = await seedEvent({ subject: 'Dropped notification', start: at('03-01', '10'), end: at('03-01', '11') });
      await eventually(() => subscriptions().getTotals().itemsDropped > dropped, 5_000, 'the notification dropped');
    } finally {
      subscriptions().updateSettings({ dropRate: 0 });
    }
    const mark = passes.length;
    host.emulator!.notifications.triggerLifecycle((await calendarSubscriptionId())!, 'missed');
    await eventually(async () => (await titleInCrm(lost)) === 'Dropped notification', 10_000, 'the event recovered by the resync');
    expect(passes.slice(mark).some((pass) => pass.trigger === SyncRunTrigger.RESYNC)).toBe(true);
  });

  it('reauthorizationRequired is answered by reauthorizing the calendar subscription; push goes on', async () => {
    const id = (await calendarSubscriptionId())!;
    host.emulator!.notifications.triggerLifecycle(id, 'reauthorizationRequired');
    await eventually(() => subscriptions().get(id)?.reauthorizationRequestedAt === null, 5_000, 'reauthorization answered');
    const pushed = await seedEvent({ subject: 'After reauthorize', start: at('03-02', '10'), end: at('03-02', '11') });
    await eventually(async () => (await titleInCrm(pushed)) === 'After reauthorize', 10_000, 'the event after reauthorizing');
  });

  it('subscriptionRemoved: a new calendar subscription, then a resync that brings what changed meanwhile', async () => {
    const before = (await calendarSubscriptionId())!;
    const mailBefore = (await subscriptionRow('mail'))!.graphSubscriptionId;
    subscriptions().updateSettings({ dropRate: 1 });
    let meanwhile: string;
    try {
      meanwhile = await seedEvent({ subject: 'While unsubscribed', start: at('03-03', '10'), end: at('03-03', '11') });
    } finally {
      subscriptions().updateSettings({ dropRate: 0 });
    }
    const mark = passes.length;
    host.emulator!.notifications.triggerLifecycle(before, 'subscriptionRemoved');
    await eventually(async () => {
      const now = await calendarSubscriptionId();
      return now !== undefined && now !== before;
    }, 10_000, 'a new calendar subscription');
    expect(subscriptions().get(before)).toBeUndefined();
    expect(subscriptions().get((await calendarSubscriptionId())!)!.resource).toBe('/me/events');
    // The mailbox's own subscription is left as it was.
    expect((await subscriptionRow('mail'))!.graphSubscriptionId).toBe(mailBefore);
    await eventually(async () => (await titleInCrm(meanwhile)) === 'While unsubscribed', 10_000, 'the event changed while unsubscribed');
    expect(passes.slice(mark).some((pass) => pass.trigger === SyncRunTrigger.RESYNC)).toBe(true);
    const pushed = await seedEvent({ subject: 'On the new subscription', start: at('03-04', '10'), end: at('03-04', '11') });
    await eventually(async () => (await titleInCrm(pushed)) === 'On the new subscription', 10_000, 'push on the new subscription');
  });

  it('a 410 on one calendar\'s delta, met by a push pass, restarts that calendar only and duplicates nothing', async () => {
    const before = await crmEvents();
    const [{ since }] = await query(`SELECT now() AS since`);
    await adminCall('POST', '/calendar/delta/invalidate', { user: MEGAN, calendar: projectsCalendarId });
    const mark = passes.length;
    const id = await seedEvent({ calendarId: projectsCalendarId, subject: 'After the 410', start: at('03-05', '10'), end: at('03-05', '11') });
    await eventually(async () => (await titleInCrm(id)) === 'After the 410', 10_000, 'the event after the restart');
    expect(quickPassesSince(mark)).toBeGreaterThan(0);
    // The event is in the CRM with its page; the pass's entry in the sync log is written when the pass ends.
    await eventually(async () => (await pendingNotifications()) === 0, 10_000, 'the push pass finished');
    // Every pass that ended since the invalidation restarted Projects alone (quick passes of the last hour share one row of the log).
    const runs: Array<{ trigger: string; foldersRestarted: string[] }> = await query(
      `SELECT "trigger", "foldersRestarted" FROM "microsoftSyncRun" WHERE "channelId" = $1 AND "finishedAt" >= $2`,
      [megan.calendarChannelId, since],
    );
    expect([...new Set(runs.flatMap((run) => run.foldersRestarted))]).toEqual(['Projects']);
    expect(runs.filter((run) => run.foldersRestarted.length > 0).map((run) => run.trigger)).toEqual(['PUSH']);
    const after = await crmEvents();
    expect(after.size).toBe(before.size + 1);
    for (const [eventId, title] of before) expect(after.get(eventId)).toBe(title);
    const rows = await query(`SELECT count(*)::int AS n, count(DISTINCT "eventExternalId")::int AS d FROM "calendarChannelEventAssociation" WHERE "calendarChannelId" = $1`, [megan.calendarChannelId]);
    expect(rows[0].n).toBe(rows[0].d);
  });

  it('renewal extends the calendar subscription with the mail one, and recreates it when Graph let it expire', async () => {
    const jobs = host.app.get(SubscriptionJobs);
    const calendarId = (await calendarSubscriptionId())!;
    const mailId = (await subscriptionRow('mail'))!.graphSubscriptionId;
    const calendarExpiry = subscriptions().get(calendarId)!.expirationDateTime;
    const mailExpiry = subscriptions().get(mailId)!.expirationDateTime;
    await query(`UPDATE "microsoftSubscription" SET "expiresAt" = now() + interval '2 hours' WHERE "connectedAccountId" = $1`, [megan.connectedAccountId]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await jobs.renewDue();
    expect(subscriptions().get(calendarId)!.expirationDateTime).toBeGreaterThan(calendarExpiry);
    expect(subscriptions().get(mailId)!.expirationDateTime).toBeGreaterThan(mailExpiry);
    expect((await subscriptionRow('calendar'))!.expiresAt.getTime()).toBeGreaterThan(Date.now() + 6 * 24 * 3600 * 1000);

    host.emulator!.notifications.expireNow(calendarId);
    await query(`UPDATE "microsoftSubscription" SET "expiresAt" = now() + interval '1 minute' WHERE "channelId" = $1`, [megan.calendarChannelId]);
    await jobs.renewDue();
    const recreated = (await calendarSubscriptionId())!;
    expect(recreated).not.toBe(calendarId);
    expect(subscriptions().get(recreated)!.resource).toBe('/me/events');
    const pushed = await seedEvent({ subject: 'On the recreated subscription', start: at('03-06', '10'), end: at('03-06', '11') });
    await eventually(async () => (await titleInCrm(pushed)) === 'On the recreated subscription', 10_000, 'push after recreation');
  });

  it('an account connected before calendar push (a mail subscription only) gets its calendar subscription from the renewal pass', async () => {
    const jobs = host.app.get(SubscriptionJobs);
    const old = (await calendarSubscriptionId())!;
    subscriptions().remove(old);
    await query(`DELETE FROM "microsoftSubscription" WHERE "channelId" = $1 AND "kind" = 'calendar'`, [megan.calendarChannelId]);
    await jobs.renewDue();
    await eventually(async () => (await calendarSubscriptionId()) !== undefined, 10_000, 'a calendar subscription requested by the renewal pass');
    const created = (await calendarSubscriptionId())!;
    expect(created).not.toBe(old);
    expect(subscriptions().get(created)!.resource).toBe('/me/events');
    const pushed = await seedEvent({ subject: 'After the upgrade', start: at('03-07', '10'), end: at('03-07', '11') });
    await eventually(async () => (await titleInCrm(pushed)) === 'After the upgrade', 10_000, 'push on the new subscription');
    // Once both kinds exist, a further pass asks for nothing more.
    await jobs.renewDue();
    expect((await calendarSubscriptionId())!).toBe(created);
  });

  it('disconnect deletes the calendar subscription at Graph with the mail one', async () => {
    const calendarId = (await calendarSubscriptionId())!;
    const mailId = (await subscriptionRow('mail'))!.graphSubscriptionId;
    await host.client.graphql(`mutation ($id: ID!) { disconnectMicrosoftAccount(connectedAccountId: $id) }`, { id: megan.connectedAccountId });
    expect(subscriptions().get(calendarId)).toBeUndefined();
    expect(subscriptions().get(mailId)).toBeUndefined();
    expect(subscriptions().list().filter((s) => s.notificationUrl.startsWith(host.publicUrl))).toEqual([]);
    expect(Number((await query(`SELECT count(*)::int AS c FROM "microsoftSubscription"`))[0].c)).toBe(0);
  });
});
