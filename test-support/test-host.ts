import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDevHost, type DevHost, type DevHostOptions } from '@m365/dev-host';
import { TestHttpClient } from './http-client.js';
import { seededTemplate } from './seeded-template.js';
import { reuseEmulatorKeys, shareEmulatorKeys } from '../graph-emulator/test/support/shared-emulator-keys.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';
import { deleteRedisPrefix, testRedisUrl, uniqueQueuePrefix } from './test-redis.js';

export interface TestHost extends DevHost {
  database: TestDatabase;
  queuePrefix: string;
  dataDir: string;
  /** A client with its own cookie jar, trusting the emulator's CA. */
  client: TestHttpClient;
  newClient(): TestHttpClient;
}

/**
 * A dev host on a fresh PostgreSQL database, real Redis under a unique prefix, a temporary data dir,
 * the emulator in-process on a free port, and a free HTTP port. `close()` removes all of it.
 */
export async function startTestHost(overrides: Partial<DevHostOptions> = {}): Promise<TestHost> {
  const seeded = overrides.seed ?? true;
  const database = await createTestDatabase({ template: seeded ? await seededTemplate() : undefined });
  const queuePrefix = overrides.queuePrefix ?? uniqueQueuePrefix();
  const dataDir = mkdtempSync(join(tmpdir(), 'm365-test-host-'));
  const emulatorDir = join(dataDir, 'emulator');
  const startsEmulator = (overrides.startEmulator ?? true) && !overrides.dataDir;
  if (startsEmulator) reuseEmulatorKeys(emulatorDir);
  let host: DevHost;
  try {
    host = await createDevHost({
      port: 0,
      databaseUrl: database.url,
      redisUrl: testRedisUrl(),
      queuePrefix,
      dataDir,
      emulatorPort: 0,
      startEmulator: true,
      logger: ['error'],
      jobBackoffDelayMs: 100,
      env: {},
      ...overrides,
    });
  } catch (error) {
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  if (startsEmulator) shareEmulatorKeys(emulatorDir);
  const clients: TestHttpClient[] = [];
  const newClient = () => {
    const client = new TestHttpClient(host.url, host.emulator?.caCertPem);
    clients.push(client);
    return client;
  };
  const client = newClient();
  return {
    ...host,
    database,
    queuePrefix,
    dataDir,
    client,
    newClient,
    async close() {
      await Promise.allSettled(clients.map((each) => each.close()));
      await host.close();
      await database.drop();
      await deleteRedisPrefix(queuePrefix);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
