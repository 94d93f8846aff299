import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HOST_JOB_SYSTEM } from '@m365/shared-types';
import { createDevHost, DEMO_PASSWORD, InProcessJobSystem, type DevHost } from '@m365/dev-host';
import { TestHttpClient } from '../../test-support/index.js';

describe('dev host on a fresh machine (no DATABASE_URL, no REDIS_URL)', () => {
  let host: DevHost;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'm365-embedded-host-'));
    host = await createDevHost({ port: 0, dataDir, emulatorPort: 0, logger: ['error'], env: {} });
    // A cold start on embedded PostgreSQL (WASM) runs every migration: seconds on a quiet machine, minutes on a loaded one.
  }, 180_000);

  afterAll(async () => {
    await host?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs on PGlite with in-process jobs, the emulator, and the seeded demo workspace', async () => {
    expect(host.jobs).toBeInstanceOf(InProcessJobSystem);
    expect(host.app.get(HOST_JOB_SYSTEM)).toBe(host.jobs);
    expect(host.emulator).toBeDefined();
    expect(host.microsoft.authority).toBe(`${host.emulator!.baseUrl}/common`);
    expect(host.microsoft.knownAuthorities).toEqual([host.emulator!.authorityHost]);
    // Demo mail only when asked for (npm start does): the mailboxes start empty.
    expect(host.emulator!.demoMail).toBeUndefined();
    expect(host.emulator!.store.mail.listMessageSummaries('megan.bowen@contoso.com')).toEqual([]);
    const client = new TestHttpClient(host.url, host.emulator!.caCertPem);
    try {
      await client.signIn('megan.bowen@contoso.com', DEMO_PASSWORD);
      const result = await client.graphql(`{ people { totalCount } companies { totalCount } }`);
      expect(result.data).toEqual({ people: { totalCount: 50 }, companies: { totalCount: 10 } });
    } finally {
      await client.close();
    }
  });
});
