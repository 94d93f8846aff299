import pg from 'pg';
import { testDatabaseAdminUrl } from '../../test-support/test-database.js';

/** Drops a child's CRM database, whoever is still connected to it. */
export async function dropDatabase(name: string): Promise<void> {
  const client = new pg.Client({ connectionString: testDatabaseAdminUrl() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
