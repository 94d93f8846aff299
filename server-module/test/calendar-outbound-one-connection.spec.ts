import { CalendarSyncService, MicrosoftTokenService } from '@m365/server-module';
import { connectMailbox, eventually, startTestHost, TestHttpClient, type TestHost } from '../../test-support/index.js';
import { TwentyCalendarEventOutboundAdapter } from '../src/host-adapters/twenty/twenty-calendar-event-outbound.adapter.js';

const MEGAN = 'megan.bowen@contoso.com';
const UPDATE = `mutation ($id: ID!, $patch: CalendarEventPatch!) { updateCalendarEvent(id: $id, patch: $patch) { id outboundStatus } }`;

/**
 * The embedded host has one database connection, and a write to an Outlook event holds it (the import's lock on the
 * event) from the Graph call to its acknowledgement: a token Graph rejects then must be refreshed outside that lock.
 */
describe('calendar write-back on a host with one database connection', () => {
  let host: TestHost;
  let admin: TestHttpClient;

  beforeAll(async () => {
    host = await startTestHost({ databasePoolSize: 1, microsoft: { allowInsecureWebhookUrl: false } });
    admin = new TestHttpClient(host.emulator!.baseUrl, host.emulator!.caCertPem);
  });

  afterAll(async () => {
    await admin?.close();
    await host?.close();
  });

  it('a token Graph rejects during the locked write is refreshed after the lock: the edit reaches Outlook, nothing hangs', async () => {
    const seeded = await admin.request('POST', `/_admin/mailboxes/${MEGAN}/events`, {
      body: { subject: 'Quarterly numbers', start: { dateTime: '2027-05-03T10:00:00', timeZone: 'UTC' }, end: { dateTime: '2027-05-03T11:00:00', timeZone: 'UTC' } },
    });
    const outlookId = seeded.json<{ id: string }>().id;
    const client = host.newClient();
    const mailbox = await connectMailbox(host, client, MEGAN, MEGAN);
    const query = (sql: string, params: unknown[] = []) => host.dataSource.query(sql, params);
    const [channel] = await query(`SELECT "id" FROM "calendarChannel" WHERE "connectedAccountId" = $1`, [mailbox.connectedAccountId]);
    await eventually(async () => (await query(`SELECT 1 FROM "calendarChannelEventAssociation" WHERE "calendarChannelId" = $1 AND "eventExternalId" = $2`, [channel.id, outlookId])).length === 1, 60_000, 'the event imported');
    const [{ calendarEventId }] = await query(`SELECT "calendarEventId" FROM "calendarChannelEventAssociation" WHERE "calendarChannelId" = $1 AND "eventExternalId" = $2`, [channel.id, outlookId]);

    // The emulator cannot revoke an access token before its expiry (Microsoft can, e.g. continuous access evaluation):
    // the plugin's memory cache is handed a token Graph will reject, as if it had been revoked.
    const tokens = host.app.get(MicrosoftTokenService) as unknown as { issued: Map<string, { accessToken: string; expiresAt: number }> };
    tokens.issued.set(mailbox.connectedAccountId, { accessToken: 'revoked.token.value', expiresAt: Date.now() + 3_600_000 });

    const result = await client.graphql(UPDATE, { id: calendarEventId, patch: { title: 'Quarterly numbers (final)' } });
    expect(result.errors).toBeUndefined();
    await eventually(async () => (await query(`SELECT "status" FROM "microsoftCalendarOutbox" WHERE "calendarEventId" = $1`, [calendarEventId]))[0]?.status === 'APPLIED', 30_000, 'the edit applied');
    const event = await admin.request('GET', `/_admin/mailboxes/${MEGAN}/events/${encodeURIComponent(outlookId)}`);
    expect(event.json<{ subject: string }>().subject).toBe('Quarterly numbers (final)');
  }, 90_000);

  it('no token at hand once the lock is held (another job\'s refresh took it out): the write gives way, is refreshed outside the lock and retried, and nothing hangs', async () => {
    const seeded = await admin.request('POST', `/_admin/mailboxes/${MEGAN}/events`, {
      body: { subject: 'Pipeline review', start: { dateTime: '2027-05-10T10:00:00', timeZone: 'UTC' }, end: { dateTime: '2027-05-10T11:00:00', timeZone: 'UTC' } },
    });
    const outlookId = seeded.json<{ id: string }>().id;
    const query = (sql: string, params: unknown[] = []) => host.dataSource.query(sql, params);
    const [account] = await query(`SELECT a."id" AS "connectedAccountId", a."workspaceId", c."id" AS "channelId" FROM "connectedAccount" a JOIN "calendarChannel" c ON c."connectedAccountId" = a."id" WHERE a."handle" = $1`, [MEGAN]);
    // No push here (the host's webhook is plain http): a pass brings the new event in.
    await eventually(async () => (await host.app.get(CalendarSyncService).syncChannel(account.workspaceId, account.channelId)) === 'synced', 30_000, 'a calendar pass');
    await eventually(async () => (await query(`SELECT 1 FROM "calendarChannelEventAssociation" WHERE "calendarChannelId" = $1 AND "eventExternalId" = $2`, [account.channelId, outlookId])).length === 1, 60_000, 'the event imported');
    const [{ calendarEventId }] = await query(`SELECT "calendarEventId" FROM "calendarChannelEventAssociation" WHERE "calendarChannelId" = $1 AND "eventExternalId" = $2`, [account.channelId, outlookId]);

    // The moment the lock is held, the cached token goes, as a forced refresh elsewhere in the process does.
    const tokens = host.app.get(MicrosoftTokenService) as unknown as { issued: Map<string, unknown> };
    const original = TwentyCalendarEventOutboundAdapter.prototype.whileEventLocked;
    let locked = 0;
    TwentyCalendarEventOutboundAdapter.prototype.whileEventLocked = function (this: TwentyCalendarEventOutboundAdapter, ...args: Parameters<typeof original>) {
      const [workspaceId, calendarChannelId, lock, work] = args;
      return original.call(this, workspaceId, calendarChannelId, lock, async (transaction) => {
        locked += 1;
        if (locked === 1) tokens.issued.delete(account.connectedAccountId);
        return work(transaction);
      });
    } as typeof original;
    try {
      const client = host.newClient();
      await client.signIn(MEGAN, 'demo-password');
      const result = await client.graphql(UPDATE, { id: calendarEventId, patch: { title: 'Pipeline review (moved)' } });
      expect(result.errors).toBeUndefined();
      await eventually(async () => (await query(`SELECT "status" FROM "microsoftCalendarOutbox" WHERE "calendarEventId" = $1`, [calendarEventId]))[0]?.status === 'APPLIED', 30_000, 'the edit applied');
    } finally {
      TwentyCalendarEventOutboundAdapter.prototype.whileEventLocked = original;
    }
    expect(locked).toBeGreaterThanOrEqual(2);
    const event = await admin.request('GET', `/_admin/mailboxes/${MEGAN}/events/${encodeURIComponent(outlookId)}`);
    expect(event.json<{ subject: string }>().subject).toBe('Pipeline review (moved)');
  }, 60_000);
});
