import type pg from 'pg';
import { openHostDataSource, seedDemoWorkspace } from '@m365/dev-host';
import { DEMO_DIRECTORY } from '@m365/graph-emulator';
import { testDatabaseUrl, withAdmin } from './test-database.js';

/**
 * The migrated and seeded database test hosts are copied from (CREATE DATABASE … TEMPLATE), made once per test run by
 * the first host that needs it, so that each host neither migrates nor seeds. Its name is chosen by the test command
 * (scripts/test.mjs), which drops it at the end; without that variable every host migrates and seeds its own.
 */
export async function seededTemplate(): Promise<string | undefined> {
  const name = process.env.M365_TEST_TEMPLATE_DATABASE;
  if (!name) return undefined;
  return withAdmin(async (admin) => {
    // Jest workers start hosts side by side: one builds, the others wait for it.
    await admin.query(`SELECT pg_advisory_lock(hashtextextended($1, 0))`, [name]);
    const { rowCount } = await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name]);
    if (!rowCount) await build(admin, name);
    return name;
  });
}

/** Built under another name and renamed once complete: a crash halfway never leaves a template to copy. */
async function build(admin: pg.Client, name: string): Promise<void> {
  const building = `${name}_building`;
  await admin.query(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${building}"`);
  const dataSource = await openHostDataSource({ url: testDatabaseUrl(building), poolSize: 1 });
  try {
    await seedDemoWorkspace(dataSource, DEMO_DIRECTORY);
  } finally {
    await dataSource.destroy();
  }
  await admin.query(`ALTER DATABASE "${building}" RENAME TO "${name}"`);
}
