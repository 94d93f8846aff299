import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

export function testDatabaseAdminUrl(): string {
  return process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

/** The URL of database `name` on the test server, as the admin user. */
export function testDatabaseUrl(name: string): string {
  const url = new URL(testDatabaseAdminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

export async function withAdmin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: testDatabaseAdminUrl() });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

const OBJECT_IN_USE = '55006';

/**
 * A fresh database `m365_test_<random>` on the test PostgreSQL server: empty, or a copy of `template`. PostgreSQL
 * refuses to copy a template while another session is in it (55006): that is tried again for a while.
 */
export async function createTestDatabase(options: { template?: string } = {}): Promise<TestDatabase> {
  const name = `m365_test_${randomBytes(6).toString('hex')}`;
  const create = options.template ? `CREATE DATABASE "${name}" TEMPLATE "${options.template}"` : `CREATE DATABASE "${name}"`;
  for (let attempt = 1; ; attempt += 1) {
    try {
      await withAdmin((client) => client.query(create));
      break;
    } catch (error) {
      if ((error as { code?: string }).code !== OBJECT_IN_USE || attempt >= 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt));
    }
  }
  let dropped = false;
  return {
    url: testDatabaseUrl(name),
    name,
    async drop() {
      if (dropped) return;
      dropped = true;
      await withAdmin((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}
