import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startGraphEmulator, type RunningGraphEmulator } from '@m365/graph-emulator';
import { findFreePort } from '@m365/dev-host';
import {
  HostProcess,
  TestHttpClient,
  connectMicrosoftAccount,
  createTestDatabase,
  deleteRedisPrefix,
  testRedisUrl,
  uniqueQueuePrefix,
  type TestDatabase,
} from '../../test-support/index.js';

const USER = 'megan.bowen@contoso.com';
const MESSAGES = 1_200;
const PAGE_SIZE = 10;
/** Per Graph request: with 10 messages a page, the import runs for several seconds. */
const LATENCY_MS = 120;
/** The first process is killed once this share of the mailbox is in. */
const KILL_AT = 0.3;
/**
 * From the restarted host being ready to its first new message (the periodic pass is 5 minutes away). Measured from
 * "ready", not from the spawn: loading Node modules takes 3 to 15 s on a machine shared by several test runs, which
 * says nothing about the plugin; the log line gives both.
 */
const RESUMED_WITHIN_MS = 10_000;
const NOT_IMPORTED = new Set(['deleteditems', 'junkemail', 'drafts', 'outbox', 'conversationhistory']);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor<T>(probe: () => Promise<T | undefined | false>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

describe.each([
  ['the in-process job driver', false],
  ['BullMQ on Redis', true],
])('a host killed mid-import resumes at once when started again (%s, PostgreSQL)', (driver, withRedis) => {
  let emulator: RunningGraphEmulator;
  let database: TestDatabase;
  let db: pg.Client;
  let host: HostProcess;
  let port: number;
  const dir = mkdtempSync(join(tmpdir(), 'm365-crash-resume-'));
  const queuePrefix = uniqueQueuePrefix();

  const importable = () =>
    emulator.store.mail
      .listMessageSummaries(USER, { top: 1_000_000 })
      .filter((message) => !NOT_IMPORTED.has(message.folder.toLowerCase().replace(/\s+/g, '')))
      .map((message) => message.internetMessageId)
      .sort();
  const imported = async (channelId: string): Promise<number> =>
    (await db.query(`SELECT count(*)::int AS "count" FROM "messageChannelMessageAssociation" WHERE "messageChannelId" = $1 AND "messageFolderId" IS NOT NULL`, [channelId])).rows[0].count;

  beforeAll(async () => {
    emulator = await startGraphEmulator({ port: 0, dataDir: join(dir, 'emulator') });
    emulator.store.mail.seedMailbox({ user: USER, messages: MESSAGES, folders: 3, nestedFolders: 1, seed: 11 });
    database = await createTestDatabase();
    db = new pg.Client({ connectionString: database.url });
    await db.connect();
    port = await findFreePort();
    host = new HostProcess({
      PORT: String(port),
      DATA_DIR: join(dir, 'host'),
      DATABASE_URL: database.url,
      REDIS_URL: withRedis ? testRedisUrl() : '',
      QUEUE_PREFIX: queuePrefix,
      MICROSOFT_AUTHORITY: `${emulator.baseUrl}/common`,
      MICROSOFT_KNOWN_AUTHORITIES: emulator.authorityHost,
      MICROSOFT_GRAPH_BASE_URL: emulator.graphBaseUrl,
      MICROSOFT_CA_FILE: emulator.caCertPath,
      MICROSOFT_CLIENT_ID: emulator.demoApp.clientId,
      MICROSOFT_CLIENT_SECRET: emulator.demoApp.clientSecret,
      MICROSOFT_MAIL_PAGE_SIZE: String(PAGE_SIZE),
    });
  }, 120_000);

  afterAll(async () => {
    await host?.dispose();
    await db?.end();
    await database?.drop();
    await emulator?.close();
    if (withRedis) await deleteRedisPrefix(queuePrefix);
    rmSync(dir, { recursive: true, force: true });
  });

  it('kill -9 partway, start again: the import goes on within seconds, and ends with every message exactly once', async () => {
    try {
      await host.start();
      const client = new TestHttpClient(`http://127.0.0.1:${port}`, emulator.caCertPem);
      await client.signIn(USER, 'demo-password');
      emulator.store.mail.updateSettings({ faults: { latencyMs: LATENCY_MS } });
      const callback = await connectMicrosoftAccount(client, emulator.caCertPem, { account: USER });
      const connectedAccountId = new URL(callback.headers.get('location')!).searchParams.get('connectedAccountId');
      const { id: channelId } = (await db.query(`SELECT "id" FROM "messageChannel" WHERE "connectedAccountId" = $1`, [connectedAccountId])).rows[0];
      const expected = importable();
      expect(expected.length).toBeGreaterThan(MESSAGES / 2);

      await waitFor(async () => (await imported(channelId)) >= expected.length * KILL_AT, 120_000, 'part of the import');
      await host.kill();
      await client.close();
      await sleep(300);
      const atKill = await imported(channelId);
      const [stopped] = (await db.query(`SELECT "syncStage" FROM "messageChannel" WHERE "id" = $1`, [channelId])).rows;
      // Killed midway: some but not all of the mailbox, and the channel still claimed by the dead process.
      expect(atKill).toBeLessThan(expected.length);
      expect(stopped.syncStage).toBe('MESSAGE_LIST_FETCH_ONGOING');

      const restartedAt = Date.now();
      await host.start();
      const readyAt = Date.now();
      const resumedAt = await waitFor(async () => (await imported(channelId)) > atKill && Date.now(), 60_000, 'the import to resume');
      console.log(`${driver}: killed at ${atKill}/${expected.length}; restart → ready ${readyAt - restartedAt} ms, ready → next message ${resumedAt - readyAt} ms`);
      expect(resumedAt - readyAt).toBeLessThanOrEqual(RESUMED_WITHIN_MS);

      await waitFor(
        async () => {
          const [row] = (await db.query(`SELECT "syncStage", "syncStatus" FROM "messageChannel" WHERE "id" = $1`, [channelId])).rows;
          return row.syncStatus === 'ACTIVE' && row.syncStage === 'MESSAGE_LIST_FETCH_PENDING';
        },
        120_000,
        'the import to finish',
      );
      const rows: Array<{ header: string }> = (
        await db.query(
          `SELECT m."headerMessageId" AS "header" FROM "messageChannelMessageAssociation" a JOIN "message" m ON m."id" = a."messageId"
           WHERE a."messageChannelId" = $1 AND a."messageFolderId" IS NOT NULL`,
          [channelId],
        )
      ).rows;
      expect(rows.map((row) => row.header).sort()).toEqual(expected);
      const [counts] = (
        await db.query(
          `SELECT (SELECT count(*) FROM "messageChannelMessageAssociation" WHERE "messageChannelId" = $1)::int AS "associations",
                  (SELECT count(DISTINCT "messageExternalId") FROM "messageChannelMessageAssociation" WHERE "messageChannelId" = $1)::int AS "externalIds",
                  (SELECT count(*) FROM "message")::int AS "messages",
                  (SELECT count(DISTINCT "headerMessageId") FROM "message")::int AS "headers"`,
          [channelId],
        )
      ).rows;
      expect(counts.associations).toBe(counts.externalIds);
      expect(counts.messages).toBe(counts.headers);
    } catch (error) {
      console.log(host.output().split('\n').slice(-80).join('\n'));
      throw error;
    }
  }, 300_000);
});
