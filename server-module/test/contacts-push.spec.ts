import { ContactsSyncJobs, ContactsSyncService, SubscriptionJobs, SubscriptionService } from '@m365/server-module';
import { connectMailbox, connectMicrosoftAccount, eventually, startTestHost, TestHttpClient, type ConnectedMailbox, type TestHost } from '../../test-support/index.js';
import { CONTACTS_SUBSCRIPTION } from '../src/subscriptions/subscription-kinds.js';
import { AccountGraphClient } from '../src/graph/account-graph-client.js';

const MEGAN = 'megan.bowen@contoso.com';
const ALEX = 'alex.wilber@contoso.com';

interface ContactSyncView {
  id: string;
  syncStatus: string;
  push: { status: string };
}

const ACCOUNTS = `query { microsoftAccounts { id features { feature granted missingScopes } contactSync { id syncStatus push { status } } } }`;
const UPDATE_PERSON = `mutation ($id: ID!, $patch: PersonPatch!) { updatePerson(id: $id, patch: $patch) { id } }`;

describe('Contacts push: Outlook contact changes reach the CRM through /me/contacts change notifications; an unticked scope keeps the feature off', () => {
  let host: TestHost;
  let admin: TestHttpClient;
  let megan: ConnectedMailbox;
  let contactChannelId: string;

  const query = (sql: string, params: unknown[] = []) => host.dataSource.query(sql, params);
  const adminCall = async <T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await admin.request(method, `/_admin${path}`, { body });
    if (response.status >= 300) throw new Error(`${method} ${path} → ${response.status} ${response.text}`);
    return (response.status === 204 ? {} : response.json()) as T;
  };
  const accounts = async (client: TestHttpClient) => {
    const result = await client.graphql<{ microsoftAccounts: Array<{ id: string; features: Array<{ feature: string; granted: boolean; missingScopes: string[] }>; contactSync: ContactSyncView | null }> }>(ACCOUNTS);
    if (result.errors?.length) throw new Error(result.errors[0].message);
    return result.data!.microsoftAccounts;
  };
  const linkOf = async (contactId: string) => (await query(`SELECT * FROM "microsoftContactLink" WHERE "contactChannelId" = $1 AND "contactExternalId" = $2`, [contactChannelId, contactId]))[0];
  const subscription = async () => (await query(`SELECT * FROM "microsoftSubscription" WHERE "channelId" = $1 AND "kind" = 'contacts'`, [contactChannelId]))[0];
  const pendingNotifications = async () => Number((await query(`SELECT count(*)::int AS n FROM "microsoftNotification" WHERE "channelId" = $1 AND "processedAt" IS NULL`, [contactChannelId]))[0].n);

  beforeAll(async () => {
    host = await startTestHost();
    admin = new TestHttpClient(host.emulator!.baseUrl, host.emulator!.caCertPem);
    megan = await connectMailbox(host, host.client, MEGAN, MEGAN);
    [{ id: contactChannelId }] = await query(`SELECT "id" FROM "microsoftContactChannel" WHERE "connectedAccountId" = $1`, [megan.connectedAccountId]);
    await eventually(async () => (await subscription())?.status === 'ACTIVE', 30_000, 'an active contacts subscription');
    await eventually(async () => (await query(`SELECT "syncedAt" FROM "microsoftContactChannel" WHERE "id" = $1`, [contactChannelId]))[0].syncedAt !== null, 60_000, 'the first contacts import');
  }, 120_000);

  afterAll(async () => {
    await host?.close();
  });

  it('subscribes to /me/contacts with its own clientState; Settings shows push live', async () => {
    const row = await subscription();
    expect(row.resource).toBe('/me/contacts');
    const remote = host.emulator!.store.subscriptions.get(row.graphSubscriptionId)!;
    expect(remote.resource).toBe('/me/contacts');
    const others = await query(`SELECT "id" FROM "microsoftSubscription" WHERE "connectedAccountId" = $1 AND "kind" <> 'contacts'`, [megan.connectedAccountId]);
    expect(others.length).toBeGreaterThan(0);
    const [mine] = (await accounts(host.client)).filter((account) => account.id === megan.connectedAccountId);
    expect(mine.contactSync!.push.status).toBe('LIVE');
  });

  it('a contact created, then edited, in Outlook shows on its CRM person without any periodic pass', async () => {
    const { id } = await adminCall<{ id: string }>('POST', `/mailboxes/${MEGAN}/contacts`, { givenName: 'Pia', surname: 'Pushed', jobTitle: 'Buyer', emailAddresses: [{ address: 'pia@pushed.test' }] });
    await eventually(async () => Boolean((await linkOf(id))?.personId), 20_000, 'the pushed contact linked');
    const personId = (await linkOf(id)).personId;
    await adminCall('PATCH', `/mailboxes/${MEGAN}/contacts/${id}`, { jobTitle: 'Head of Buying' });
    await eventually(async () => (await query(`SELECT "jobTitle" FROM "person" WHERE "id" = $1`, [personId]))[0].jobTitle === 'Head of Buying', 20_000, 'the pushed edit on the person');
  });

  it('the notification of the plugin\'s own write is recognised as its echo: the link stays as the write left it', async () => {
    const { id } = await adminCall<{ id: string }>('POST', `/mailboxes/${MEGAN}/contacts`, { givenName: 'Quinn', surname: 'Echo', emailAddresses: [{ address: 'quinn@echo.test' }] });
    await eventually(async () => Boolean((await linkOf(id))?.personId), 20_000, 'the contact linked');
    await eventually(async () => (await pendingNotifications()) === 0, 20_000, 'notifications handled');
    const personId = (await linkOf(id)).personId;
    const result = await host.client.graphql(UPDATE_PERSON, { id: personId, patch: { jobTitle: 'Analyst' } });
    expect(result.errors).toBeUndefined();
    await eventually(async () => (await query(`SELECT "status" FROM "microsoftContactOutbox" WHERE "contactExternalId" = $1`, [id]))[0]?.status === 'APPLIED', 20_000, 'the write applied');
    const acknowledged = await linkOf(id);
    expect((await adminCall<{ jobTitle: string; changeKey: string }>('GET', `/mailboxes/${MEGAN}/contacts/${id}`)).changeKey).toBe(acknowledged.changeKey);
    // Graph notifies the write; once its pass is over the link is untouched and the person keeps the CRM's value.
    await eventually(async () => Number((await query(`SELECT count(*)::int AS n FROM "microsoftNotification" WHERE "channelId" = $1 AND "receivedAt" > $2`, [contactChannelId, acknowledged.updatedAt]))[0].n) > 0, 20_000, 'the echo notified');
    await eventually(async () => (await pendingNotifications()) === 0, 20_000, 'the echo handled');
    expect((await linkOf(id)).updatedAt).toEqual(acknowledged.updatedAt);
    expect((await query(`SELECT "jobTitle" FROM "person" WHERE "id" = $1`, [personId]))[0].jobTitle).toBe('Analyst');
  });

  it('Contacts.ReadWrite unticked on the consent screen: no contact channel, no subscription, Settings says why; a pass the gate refuses makes no Graph call', async () => {
    const client = host.newClient();
    await client.signIn(ALEX, 'demo-password');
    const callback = await connectMicrosoftAccount(client, host.emulator!.caCertPem, { account: ALEX, untick: ['Contacts.ReadWrite'] });
    const connectedAccountId = new URL(callback.headers.get('location')!).searchParams.get('connectedAccountId')!;
    expect(connectedAccountId).toBeTruthy();
    const [alex] = await accounts(client);
    expect(alex.features.find((grant) => grant.feature === 'CONTACTS')).toEqual({ feature: 'CONTACTS', granted: false, missingScopes: ['Contacts.ReadWrite'] });
    expect(alex.contactSync).toBeNull();
    expect(await query(`SELECT 1 FROM "microsoftContactChannel" WHERE "connectedAccountId" = $1`, [connectedAccountId])).toEqual([]);
    // Were a channel there (a grant withdrawn later), the gate stops the pass and the subscription before Graph.
    const [{ workspaceId }] = await query(`SELECT "workspaceId" FROM "connectedAccount" WHERE "id" = $1`, [connectedAccountId]);
    const [{ id: channelId }] = await query(`INSERT INTO "microsoftContactChannel" ("workspaceId", "connectedAccountId") VALUES ($1, $2) RETURNING "id"`, [workspaceId, connectedAccountId]);
    // Alex's mail and calendar settle first (their imports and subscriptions call Graph as Alex too).
    await eventually(async () => {
      const [mail] = await query(`SELECT "syncStatus", "syncStage" FROM "messageChannel" WHERE "connectedAccountId" = $1`, [connectedAccountId]);
      const [calendar] = await query(`SELECT "syncedAt", "syncStage" FROM "calendarChannel" WHERE "connectedAccountId" = $1`, [connectedAccountId]);
      const subscribed = await query(`SELECT 1 FROM "microsoftSubscription" WHERE "connectedAccountId" = $1 AND "status" = 'ACTIVE'`, [connectedAccountId]);
      return mail?.syncStatus === 'ACTIVE' && mail.syncStage === 'MESSAGE_LIST_FETCH_PENDING' && calendar?.syncedAt !== null && calendar.syncStage === 'CALENDAR_EVENT_LIST_FETCH_PENDING' && subscribed.length === 2;
    }, 60_000, "Alex's mail and calendar at rest");
    const original = AccountGraphClient.prototype.request;
    let alexCalls = 0;
    AccountGraphClient.prototype.request = function (this: AccountGraphClient, ...args: Parameters<typeof original>) {
      if (this.connectedAccountId === connectedAccountId) alexCalls += 1;
      return original.apply(this, args) as ReturnType<typeof original>;
    } as typeof original;
    try {
      expect(await host.app.get(ContactsSyncService).syncChannel(workspaceId, channelId)).toBe('failed');
      expect(await host.app.get(SubscriptionService).create(CONTACTS_SUBSCRIPTION, workspaceId, connectedAccountId, channelId)).toBeNull();
    } finally {
      AccountGraphClient.prototype.request = original;
    }
    expect(alexCalls).toBe(0);
    const [channel] = await query(`SELECT "syncStatus", "lastErrorMessage" FROM "microsoftContactChannel" WHERE "id" = $1`, [channelId]);
    expect(channel.syncStatus).toBe('FAILED_INSUFFICIENT_PERMISSIONS');
    expect(channel.lastErrorMessage).toContain('FeatureNotGranted');
    const [view] = await accounts(client);
    expect(view.contactSync!.syncStatus).toBe('FAILED_INSUFFICIENT_PERMISSIONS');
  });

  it('an account connected before contacts sync existed gets its contact channel from the periodic pass and its subscription from the renewal pass; its people are matched, not made again', async () => {
    const people = Number((await query(`SELECT count(*)::int AS n FROM "person" WHERE "deletedAt" IS NULL`))[0].n);
    await query(`DELETE FROM "microsoftSubscription" WHERE "channelId" = $1`, [contactChannelId]);
    await query(`DELETE FROM "microsoftContactChannel" WHERE "id" = $1`, [contactChannelId]);
    await host.app.get(ContactsSyncJobs).enqueueAll();
    const [channel] = await query(`SELECT "id" FROM "microsoftContactChannel" WHERE "connectedAccountId" = $1`, [megan.connectedAccountId]);
    expect(channel).toBeDefined();
    contactChannelId = channel.id;
    await host.app.get(SubscriptionJobs).renewDue();
    await eventually(async () => (await subscription())?.status === 'ACTIVE', 30_000, 'the contacts subscription of the older account');
    await eventually(async () => (await query(`SELECT "syncedAt" FROM "microsoftContactChannel" WHERE "id" = $1`, [contactChannelId]))[0].syncedAt !== null, 30_000, 'its contacts imported');
    expect(Number((await query(`SELECT count(*)::int AS n FROM "microsoftContactLink" WHERE "contactChannelId" = $1`, [contactChannelId]))[0].n)).toBeGreaterThanOrEqual(2);
    expect(Number((await query(`SELECT count(*)::int AS n FROM "person" WHERE "deletedAt" IS NULL`))[0].n)).toBe(people);
  });
});
