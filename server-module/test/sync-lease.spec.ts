import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { openHostDataSource } from '@m365/dev-host';
import { createTestDatabase, type TestDatabase } from '../../test-support/index.js';
import { SyncLeaseRepository } from '../src/sync-leases/sync-lease.repository.js';
import { WorkerProcessRegistry } from '../src/sync-leases/worker-process.registry.js';
import { PROCESS_PRESUMED_DEAD_AFTER_MS } from '../src/sync-leases/sync-lease.constants.js';

/** One process running the plugin: its own connection pool, its own process row and heartbeat. */
interface PluginProcess {
  registry: WorkerProcessRegistry;
  leases: SyncLeaseRepository;
  dataSource: DataSource;
  /** Stops heartbeating without a word, as a killed process does. */
  crash(): void;
}

describe('sync leases across processes (PostgreSQL)', () => {
  let database: TestDatabase;
  const processes: PluginProcess[] = [];
  const workspaceId = randomUUID();

  async function startProcess(): Promise<PluginProcess> {
    const dataSource = await openHostDataSource({ url: database.url, poolSize: 3, logging: false });
    const registry = new WorkerProcessRegistry(dataSource);
    await registry.onModuleInit();
    const started: PluginProcess = {
      registry,
      leases: new SyncLeaseRepository(dataSource, registry),
      dataSource,
      crash: () => clearInterval((registry as unknown as { timer: NodeJS.Timeout }).timer),
    };
    processes.push(started);
    return started;
  }

  /** Backdates a process's last heartbeat, as if it had been silent for `ms`. */
  const silentFor = (owner: PluginProcess, ms: number) =>
    owner.dataSource.query(`UPDATE "microsoftWorkerProcess" SET "heartbeatAt" = now() - make_interval(secs => $2) WHERE "id" = $1`, [owner.registry.processId, ms / 1000]);

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterAll(async () => {
    for (const each of processes) {
      await each.registry.onApplicationShutdown();
      await each.dataSource.destroy();
    }
    await database?.drop();
  });

  it('a live process keeps its lease however old it is; nobody else, nor a second job of its own, takes it', async () => {
    const [a, b] = [await startProcess(), await startProcess()];
    const channelId = randomUUID();
    const lease = await a.leases.acquire(workspaceId, channelId, 'mail');
    expect(lease).toMatchObject({ channelId, tookOver: false });
    await a.dataSource.query(`UPDATE "microsoftSyncLease" SET "acquiredAt" = now() - interval '3 hours' WHERE "channelId" = $1`, [channelId]);

    expect(await b.leases.acquire(workspaceId, channelId, 'mail')).toBeNull();
    expect(await a.leases.acquire(workspaceId, channelId, 'mail')).toBeNull();
    expect((await b.leases.listOrphaned('mail', 10)).map((each) => each.channelId)).not.toContain(channelId);
    expect(await a.leases.isHeld(lease!)).toBe(true);

    await a.leases.release(lease!);
    expect(await b.leases.acquire(workspaceId, channelId, 'mail')).toMatchObject({ tookOver: false });
  });

  it('the lease of a process whose heartbeat is stale is orphaned and taken over; the stalled owner learns it lost it', async () => {
    const [a, b] = [await startProcess(), await startProcess()];
    const channelId = randomUUID();
    const lease = await a.leases.acquire(workspaceId, channelId, 'mail');
    a.crash();
    await silentFor(a, PROCESS_PRESUMED_DEAD_AFTER_MS + 1000);

    expect(await b.leases.listOrphaned('mail', 10)).toContainEqual(expect.objectContaining({ channelId, ownerProcessId: a.registry.processId, leaseId: lease!.leaseId }));
    const taken = await b.leases.acquire(workspaceId, channelId, 'mail');
    expect(taken).toMatchObject({ channelId, tookOver: true });
    expect(await a.leases.isHeld(lease!)).toBe(false);
    expect((await b.leases.listOrphaned('mail', 10)).map((each) => each.channelId)).not.toContain(channelId);
    // The old owner's release is a no-op: it cannot free the lease it lost.
    await a.leases.release(lease!);
    expect(await b.leases.isHeld(taken!)).toBe(true);
  });

  it('a heartbeat just inside the limit still protects the lease', async () => {
    const [a, b] = [await startProcess(), await startProcess()];
    const channelId = randomUUID();
    await a.leases.acquire(workspaceId, channelId, 'mail');
    a.crash();
    await silentFor(a, PROCESS_PRESUMED_DEAD_AFTER_MS - 1500);
    expect(await b.leases.acquire(workspaceId, channelId, 'mail')).toBeNull();
  });

  it('a process killed mid-sync frees its lease within the dead-process limit, by the clock alone', async () => {
    const [a, b] = [await startProcess(), await startProcess()];
    const channelId = randomUUID();
    await a.leases.acquire(workspaceId, channelId, 'mail');
    const killedAt = Date.now();
    a.crash();
    let taken = await b.leases.acquire(workspaceId, channelId, 'mail');
    while (!taken && Date.now() - killedAt < 15_000) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      taken = await b.leases.acquire(workspaceId, channelId, 'mail');
    }
    const waited = Date.now() - killedAt;
    expect(taken).toMatchObject({ tookOver: true });
    // Its last beat was at most one interval before the crash.
    expect(waited).toBeGreaterThanOrEqual(PROCESS_PRESUMED_DEAD_AFTER_MS - 1_500);
    expect(waited).toBeLessThan(PROCESS_PRESUMED_DEAD_AFTER_MS + 2_000);
  });

  it('a process that shuts down cleanly frees its leases at once', async () => {
    const [a, b] = [await startProcess(), await startProcess()];
    const channelId = randomUUID();
    await a.leases.acquire(workspaceId, channelId, 'mail');
    await a.registry.onApplicationShutdown();
    expect(await b.leases.acquire(workspaceId, channelId, 'mail')).toMatchObject({ tookOver: true });
  });

  it('of two processes taking over the same dead lease at once, exactly one gets it', async () => {
    const [a, b, c] = [await startProcess(), await startProcess(), await startProcess()];
    for (let round = 0; round < 10; round += 1) {
      const channelId = randomUUID();
      await a.leases.acquire(workspaceId, channelId, 'mail');
      await a.dataSource.query(`UPDATE "microsoftSyncLease" SET "ownerProcessId" = $2 WHERE "channelId" = $1`, [channelId, randomUUID()]);
      const results = await Promise.all([b.leases.acquire(workspaceId, channelId, 'mail'), c.leases.acquire(workspaceId, channelId, 'mail')]);
      expect(results.filter(Boolean)).toHaveLength(1);
    }
  });
});
