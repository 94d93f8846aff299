import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MicrosoftTokenService } from '@m365/server-module';
import { createDevHost, DEMO_PASSWORD, findFreePort, type DevHost, type DevHostOptions } from '@m365/dev-host';
import { activeSubscription, channelMessageIds, connectMicrosoftAccount, eventually, TestHttpClient, waitForMailSync } from '../../test-support/index.js';

const MICROSOFT_USER = 'megan.bowen@contoso.com';

describe('restarting the product (npm start) keeps the connected accounts working', () => {
  let dataDir: string;
  let options: DevHostOptions;
  let host: DevHost | undefined;
  let client: TestHttpClient | undefined;

  const start = async () => {
    host = await createDevHost(options);
    client = new TestHttpClient(host.url, host.emulator!.caCertPem);
    await client.signIn('megan.bowen@contoso.com', DEMO_PASSWORD);
    return { host, client };
  };
  const stop = async () => {
    await client?.close();
    await host?.close();
    client = undefined;
    host = undefined;
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'm365-restart-'));
    // Fixed ports, as `npm start` has: the subscriptions point at the host, MSAL's cache at the emulator's authority.
    const [port, emulatorPort] = [await findFreePort(), await findFreePort()];
    options = { port, dataDir, emulatorPort, persistEmulatorState: true, logger: ['error'], env: {} };
  });

  // A failed test leaves no host on the fixed ports for the next one.
  afterEach(async () => {
    await stop();
  });

  afterAll(async () => {
    await stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  // Two cold starts of the whole product (embedded PostgreSQL, emulator, migrations, seed): 15 s on a quiet machine,
  // over a minute when the machine is loaded.
  it('restores the emulator: tokens refresh and push delivers new mail without reconnecting, delta links honoured', async () => {
    const first = await start();
    expect(first.host.emulator!.state).toEqual({ kind: 'absent' });
    const callback = await connectMicrosoftAccount(first.client, first.host.emulator!.caCertPem, { account: MICROSOFT_USER });
    const connectedAccountId = new URL(callback.headers.get('location')!).searchParams.get('connectedAccountId')!;
    const [channel] = await first.host.dataSource.query(`SELECT "id", "workspaceId" FROM "messageChannel" WHERE "connectedAccountId" = $1`, [connectedAccountId]);
    expect(await waitForMailSync(first.host.dataSource, channel.id)).toMatchObject({ syncStatus: 'ACTIVE' });
    await eventually(async () => (await activeSubscription(first.host.dataSource, channel.id)) !== null, 10_000, 'push live');
    const subscription = await activeSubscription(first.host.dataSource, channel.id);
    const before = await channelMessageIds(first.host.dataSource, channel.id);
    await stop();

    const second = await start();
    expect(second.host.emulator!.state).toMatchObject({ kind: 'restored' });
    expect(second.host.emulator!.store.subscriptions.get(subscription!.graphSubscriptionId)).toBeDefined();
    const refreshed = await second.host.app.get(MicrosoftTokenService).getAccessToken(channel.workspaceId, connectedAccountId, { forceRefresh: true });
    expect(refreshed).toEqual(expect.any(String));

    const delivered = second.host.emulator!.store.mail.deliverMessage(MICROSOFT_USER, { from: 'lee.gu@fabrikam.com', to: [MICROSOFT_USER], subject: 'After the restart' });
    const newId = String(delivered.message.internetMessageId);
    await eventually(async () => (await channelMessageIds(second.host.dataSource, channel.id)).includes(newId), 10_000, 'the new message in the CRM');
    const after = await channelMessageIds(second.host.dataSource, channel.id);
    expect(after).toEqual([...before, newId].sort());
    // The delta links saved before the restart were honoured: no folder was told to start over (410).
    const statuses = second.host.emulator!.store.mail.getRequestCounters().map((counter) => counter.byStatus);
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.some((byStatus) => '410' in byStatus)).toBe(false);
    // A pass may be running when asked (the new mail's, or the periodic one after the restart): it ends ACTIVE.
    const accounts = async () => (await second.client.graphql(`{ microsoftAccounts { needsReconnect messageChannel { syncStatus push { status } } } }`)).data.microsoftAccounts;
    await eventually(async () => (await accounts())[0]?.messageChannel.syncStatus !== 'ONGOING', 20_000, 'the running pass over');
    expect(await accounts()).toEqual([{ needsReconnect: false, messageChannel: { syncStatus: 'ACTIVE', push: { status: 'LIVE' } } }]);
    await stop();
  }, 180_000);

  it('sets an unreadable state file aside and starts from the seeded tenant', async () => {
    const emulatorDir = join(dataDir, 'emulator');
    writeFileSync(join(emulatorDir, 'state.v8'), 'not a saved state');
    const third = await start();
    expect(third.host.emulator!.state).toMatchObject({ kind: 'set-aside' });
    expect(readdirSync(emulatorDir).some((name) => name.startsWith('state.v8.unreadable-'))).toBe(true);
    expect(third.host.emulator!.store.subscriptions.list()).toEqual([]);
    const { data } = await third.client.graphql(`{ microsoftAccounts { needsReconnect } }`);
    expect(data.microsoftAccounts).toHaveLength(1);
  }, 120_000);
});
