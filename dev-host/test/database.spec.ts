import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { DEMO_DIRECTORY } from '@m365/graph-emulator';
import { openHostDataSource, seedDemoWorkspace, startEmbeddedPostgres } from '@m365/dev-host';
import { createTestDatabase, type TestDatabase } from '../../test-support/index.js';

const HOST_TABLES = [
  'workspace', 'workspaceMember', 'person', 'company', 'connectedAccount', 'messageChannel', 'messageFolder', 'messageThread', 'message',
  'messageParticipant', 'messageChannelMessageAssociation', 'calendarChannel', 'calendarEvent', 'calendarEventParticipant',
  'calendarChannelEventAssociation', 'task', 'attachment',
];

async function tableNames(dataSource: DataSource): Promise<string[]> {
  const rows: Array<{ name: string }> = await dataSource.query(`SELECT table_name AS "name" FROM information_schema.tables WHERE table_schema = 'public'`);
  return rows.map((row) => row.name);
}

async function counts(dataSource: DataSource) {
  const [row] = await dataSource.query(`
    SELECT (SELECT count(*)::int FROM "workspace") AS "workspaces", (SELECT count(*)::int FROM "workspaceMember") AS "members",
           (SELECT count(*)::int FROM "person") AS "people", (SELECT count(*)::int FROM "company") AS "companies"`);
  return row;
}

describe('host schema and seed on PostgreSQL', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await openHostDataSource({ url: database.url, poolSize: 4, logging: false });
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('creates every host table, then the plugin tables', async () => {
    const tables = await tableNames(dataSource);
    expect(tables).toEqual(expect.arrayContaining([...HOST_TABLES, 'microsoftSecret']));
    const migrations: Array<{ name: string }> = await dataSource.query(`SELECT "name" FROM "migrations" ORDER BY "id"`);
    expect(migrations[0].name).toBe('CreateHostSchema1700000000000');
  });

  it('keeps the notification inbox unlogged (hints, not mail: no WAL flush per webhook call) and everything else logged', async () => {
    const rows: Array<{ name: string; persistence: string }> = await dataSource.query(
      `SELECT relname AS "name", relpersistence AS "persistence" FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace`,
    );
    expect(rows.filter((row) => row.persistence === 'u').map((row) => row.name)).toEqual(['microsoftNotification']);
  });

  it('cascades channel rows when a connected account goes, and rejects values outside Twenty enums', async () => {
    const [{ id: workspaceId }] = await dataSource.query(`INSERT INTO "workspace" ("displayName") VALUES ('Cascade') RETURNING "id"`);
    const [{ id: memberId }] = await dataSource.query(`INSERT INTO "workspaceMember" ("workspaceId", "userEmail") VALUES ($1, 'x@cascade.test') RETURNING "id"`, [workspaceId]);
    const [{ id: accountId }] = await dataSource.query(
      `INSERT INTO "connectedAccount" ("workspaceId", "accountOwnerId", "provider", "handle") VALUES ($1, $2, 'microsoft', 'X@cascade.test') RETURNING "id"`,
      [workspaceId, memberId],
    );
    await expect(
      dataSource.query(`INSERT INTO "connectedAccount" ("workspaceId", "accountOwnerId", "provider", "handle") VALUES ($1, $2, 'microsoft', 'x@CASCADE.test')`, [workspaceId, memberId]),
    ).rejects.toThrow(/unique/i);
    const [{ id: channelId }] = await dataSource.query(`INSERT INTO "messageChannel" ("workspaceId", "connectedAccountId", "handle") VALUES ($1, $2, 'x@cascade.test') RETURNING "id", "syncStage"`, [workspaceId, accountId]);
    await expect(dataSource.query(`UPDATE "messageChannel" SET "syncStage" = 'NOPE' WHERE "id" = $1`, [channelId])).rejects.toThrow(/check/i);
    await dataSource.query(`INSERT INTO "messageFolder" ("workspaceId", "messageChannelId", "name", "externalId") VALUES ($1, $2, 'Inbox', 'f1')`, [workspaceId, channelId]);
    await dataSource.query(`DELETE FROM "connectedAccount" WHERE "id" = $1`, [accountId]);
    const [{ left }] = await dataSource.query(`SELECT (SELECT count(*) FROM "messageChannel" WHERE "workspaceId" = $1) + (SELECT count(*) FROM "messageFolder" WHERE "workspaceId" = $1) AS "left"`, [workspaceId]);
    expect(Number(left)).toBe(0);
    await dataSource.query(`DELETE FROM "workspace" WHERE "id" = $1`, [workspaceId]);
  });

  it('seeds the demo workspace: 2 members, 10 companies, 50 people linked to their companies', async () => {
    await seedDemoWorkspace(dataSource, DEMO_DIRECTORY);
    expect(await counts(dataSource)).toEqual({ workspaces: 1, members: 2, people: 50, companies: 10 });
    const unlinked = await dataSource.query(`
      SELECT p."emailsPrimaryEmail" FROM "person" p LEFT JOIN "company" c ON c."id" = p."companyId"
      WHERE c."id" IS NULL OR lower(split_part(p."emailsPrimaryEmail", '@', 2)) <> lower(c."domainName")`);
    expect(unlinked).toEqual([]);
    const members = await dataSource.query(`SELECT "userEmail", "passwordHash" FROM "workspaceMember" ORDER BY "userEmail"`);
    expect(members.map((member: { userEmail: string }) => member.userEmail)).toEqual(['alex.wilber@contoso.com', 'megan.bowen@contoso.com']);
    expect(members[0].passwordHash).toMatch(/^scrypt\$/);
    expect(members[0].passwordHash).not.toContain('demo-password');
  });

  it('seeds idempotently', async () => {
    const first = await seedDemoWorkspace(dataSource, DEMO_DIRECTORY);
    expect(first.created).toBe(false);
    expect(await counts(dataSource)).toEqual({ workspaces: 1, members: 2, people: 50, companies: 10 });
  });
});

describe('several processes starting at once on a new database', () => {
  it('migrate it once between them: each waits for the first to finish, none fails on a half-made schema', async () => {
    const fresh = await createTestDatabase();
    const opened: DataSource[] = [];
    try {
      const results = await Promise.allSettled([0, 1, 2].map(() => openHostDataSource({ url: fresh.url, poolSize: 3, logging: false })));
      for (const result of results) if (result.status === 'fulfilled') opened.push(result.value);
      expect(results.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
      const rows: Array<{ name: string; times: number }> = await opened[0]!.query(`SELECT "name", count(*)::int AS "times" FROM "migrations" GROUP BY "name"`);
      expect(rows.length).toBe(opened[0]!.migrations.length);
      expect(rows.filter((row) => row.times !== 1)).toEqual([]);
    } finally {
      await Promise.all(opened.map((dataSource) => dataSource.destroy()));
      await fresh.drop();
    }
  });
});

describe('host schema on embedded PGlite', () => {
  it('migrates, seeds, and keeps its data across restarts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'm365-pglite-'));
    try {
      for (const round of [1, 2]) {
        const embedded = await startEmbeddedPostgres(dir);
        const dataSource = await openHostDataSource({ url: embedded.url, poolSize: 1, logging: false });
        try {
          expect(await tableNames(dataSource)).toEqual(expect.arrayContaining(HOST_TABLES));
          if (round === 1) await seedDemoWorkspace(dataSource, DEMO_DIRECTORY);
          expect(await counts(dataSource)).toEqual({ workspaces: 1, members: 2, people: 50, companies: 10 });
        } finally {
          await dataSource.destroy();
          await embedded.stop();
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // Two cold starts of PGlite, each migrating every table: a minute is not always enough on a loaded machine.
  }, 180_000);
});
