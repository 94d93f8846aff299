import type { EntityManager } from 'typeorm';

/** Runs an UPDATE/DELETE … RETURNING and gives its rows (TypeORM's PostgreSQL driver answers `[rows, count]` for those). */
export async function updateReturning<T = Record<string, unknown>>(manager: EntityManager, sql: string, parameters: unknown[]): Promise<T[]> {
  const result = await manager.query(sql, parameters);
  return (Array.isArray(result[0]) ? result[0] : result) as T[];
}
