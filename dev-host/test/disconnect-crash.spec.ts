import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startGraphEmulator, type RunningGraphEmulator } from '@m365/graph-emulator';
import { findFreePort } from '@m365/dev-host';
import { HostProcess, TestHttpClient, connectMicrosoftAccount, createTestDatabase, eventually, type TestDatabase } from '../../test-support/index.js';

const USER = 'megan.bowen@contoso.com';
const LEE = 'lee.gu@fabrikam.com';

/**
 * A host process killed (SIGKILL, no shutdown hook) in the middle of a disconnect: the purge is held inside its
 * compose step by a lock the test takes on that step's table, the process is killed there, and the host started
 * again finishes the purge on its own.
 */
describe('a host killed mid-disconnect finishes the purge when started again', () => {
  const dir = mkdtempSync(join(tmpdir(), 'm365-disconnect-crash-'));
  let emulator: RunningGraphEmulator;
  let database: TestDatabase;
  let db: pg.Client;
  let host: HostProcess;
  let port: number;

  const rows = async (sql: string, params: unknown[] = []) => (await db.query(sql, params)).rows;

  beforeAll(async () => {
    emulator = await startGraphEmulator({ port: 0, dataDir: join(dir, 'emulator') });
    for (let index = 0; index < 5; index += 1) emulator.store.mail.deliverMessage(USER, { from: LEE, to: [USER], subject: `Budget ${index}`, body: 'Numbers.' });
    database = await createTestDatabase();
    db = new pg.Client({ connectionString: database.url });
    await db.connect();
    port = await findFreePort();
    host = new HostProcess({
      PORT: String(port),
      DATA_DIR: join(dir, 'host'),
      DATABASE_URL: database.url,
      REDIS_URL: '',
      APP_SECRET: 'disconnect-crash-test-app-secret-0123456789',
      TOKEN_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 9).toString('base64')}`,
      MICROSOFT_AUTHORITY: `${emulator.baseUrl}/common`,
      MICROSOFT_KNOWN_AUTHORITIES: emulator.authorityHost,
      MICROSOFT_GRAPH_BASE_URL: emulator.graphBaseUrl,
      MICROSOFT_CA_FILE: emulator.caCertPath,
      MICROSOFT_CLIENT_ID: emulator.demoApp.clientId,
      MICROSOFT_CLIENT_SECRET: emulator.demoApp.clientSecret,
    });
  }, 60_000);

  afterAll(async () => {
    await host?.dispose();
    await db?.end();
    await database?.drop();
    await emulator?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('kill -9 inside a step: the purge keeps the steps it did, and the restarted host completes it', async () => {
    try {
      await host.start();
      const client = new TestHttpClient(`http://127.0.0.1:${port}`, emulator.caCertPem);
      await client.signIn(USER, 'demo-password');
      const callback = await connectMicrosoftAccount(client, emulator.caCertPem, { account: USER });
      const connectedAccountId = new URL(callback.headers.get('location')!).searchParams.get('connectedAccountId')!;
      await eventually(async () => (await rows(`SELECT 1 FROM "messageChannel" WHERE "connectedAccountId" = $1 AND "syncStatus" = 'ACTIVE' AND "syncStage" = 'MESSAGE_LIST_FETCH_PENDING'`, [connectedAccountId])).length === 1, 45_000, 'the first import');
      expect((await rows(`SELECT count(*)::int AS n FROM "message"`))[0].n).toBe(5);

      // The compose step deletes from microsoftOutgoingMessage first: it waits on this lock, past the steps before it.
      const blocker = new pg.Client({ connectionString: database.url });
      await blocker.connect();
      await blocker.query('BEGIN');
      await blocker.query(`LOCK TABLE "microsoftOutgoingMessage" IN ACCESS EXCLUSIVE MODE`);
      const request = client.graphql(`mutation ($id: ID!) { disconnectMicrosoftAccount(connectedAccountId: $id) }`, { id: connectedAccountId }).catch(() => undefined);
      await eventually(async () => (await rows(`SELECT "completedSteps" FROM "microsoftAccountPurge" WHERE "connectedAccountId" = $1`, [connectedAccountId]))[0]?.completedSteps.includes('memory-caches'), 20_000, 'the purge up to the compose step');
      await eventually(async () => (await rows(`SELECT 1 FROM pg_locks WHERE relation = '"microsoftOutgoingMessage"'::regclass AND NOT granted`)).length > 0, 10_000, 'the compose step waiting');
      await host.kill();
      await blocker.query('ROLLBACK');
      await blocker.end();
      await request;
      await client.close();

      const [stopped] = await rows(`SELECT "completedSteps", "ownerProcessId" FROM "microsoftAccountPurge" WHERE "connectedAccountId" = $1`, [connectedAccountId]);
      expect(stopped.completedSteps).toEqual(['stop-syncs', 'push-subscriptions', 'memory-caches']);
      expect(stopped.ownerProcessId).not.toBeNull();
      expect((await rows(`SELECT count(*)::int AS n FROM "message"`))[0].n).toBe(5);

      await host.start();
      await eventually(async () => (await rows(`SELECT 1 FROM "microsoftAccountPurge"`)).length === 0, 30_000, 'the restarted host to finish the purge');
      for (const table of ['connectedAccount', 'messageChannel', 'calendarChannel', 'message', 'messageThread', 'messageParticipant', 'messageFolder', 'microsoftSecret', 'microsoftIdentity', 'microsoftSyncLease', 'microsoftSyncProgress', 'microsoftSyncRun', 'microsoftCalendar']) {
        expect([table, (await rows(`SELECT count(*)::int AS n FROM "${table}"`))[0].n]).toEqual([table, 0]);
      }
      // Microsoft keeps its mail.
      expect(emulator.store.mail.listMessages(USER).filter((message) => message.subject?.startsWith('Budget'))).toHaveLength(5);
    } catch (error) {
      console.log(host.output().split('\n').slice(-80).join('\n'));
      throw error;
    }
  }, 120_000);
});
