import type { DataSource } from 'typeorm';

/** Every row of every table (the host's and the plugin's, whatever schema), each as its JSON, sorted, by table. */
export type DatabaseSnapshot = Map<string, string[]>;

export async function snapshotDatabase(dataSource: DataSource): Promise<DatabaseSnapshot> {
  const tables: Array<{ schema: string; name: string }> = await dataSource.query(
    `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
     WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2`,
  );
  const snapshot: DatabaseSnapshot = new Map();
  for (const { schema, name } of tables) {
    const rows: Array<{ row: unknown }> = await dataSource.query(`SELECT to_jsonb(t) AS row FROM "${schema}"."${name}" t`);
    snapshot.set(`${schema}.${name}`, rows.map(({ row }) => JSON.stringify(row)).sort());
  }
  return snapshot;
}

export interface TableDifference {
  table: string;
  added: Array<Record<string, unknown>>;
  removed: Array<Record<string, unknown>>;
}

/** What differs, table by table (a row changed shows as one removed and one added). */
export function diffSnapshots(before: DatabaseSnapshot, after: DatabaseSnapshot): TableDifference[] {
  const differences: TableDifference[] = [];
  for (const table of new Set([...before.keys(), ...after.keys()])) {
    const was = before.get(table) ?? [];
    const is = after.get(table) ?? [];
    const remaining = new Map<string, number>();
    for (const row of was) remaining.set(row, (remaining.get(row) ?? 0) + 1);
    const added: string[] = [];
    for (const row of is) {
      const count = remaining.get(row) ?? 0;
      if (count > 0) remaining.set(row, count - 1);
      else added.push(row);
    }
    const removed = [...remaining].flatMap(([row, count]) => Array<string>(count).fill(row));
    if (added.length || removed.length || !before.has(table) || !after.has(table)) {
      differences.push({ table, added: added.map((row) => JSON.parse(row)), removed: removed.map((row) => JSON.parse(row)) });
    }
  }
  return differences;
}
