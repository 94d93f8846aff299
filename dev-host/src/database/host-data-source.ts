import { DataSource, type LoggerOptions } from 'typeorm';
import { pluginMigrations } from '@m365/migrations';
import { hostEntities } from './entities/host-entities.js';
import { hostMigrations } from './migrations/host-migrations.js';
import { ParameterlessQueryLogger } from './parameterless-query-logger.js';

export interface HostDataSourceOptions {
  url: string;
  /** The embedded server takes a single connection; a bigger pool gets its connections reset. */
  poolSize: number;
  logging?: LoggerOptions;
}

// Any constant both sides agree on: the session-level advisory lock that lets one process migrate at a time.
const MIGRATION_LOCK_KEY = 7_351_924_001;

/** Connects, then runs the host's migrations followed by the plugin's. */
export async function openHostDataSource(options: HostDataSourceOptions): Promise<DataSource> {
  const dataSource = new DataSource({
    type: 'postgres',
    url: options.url,
    entities: hostEntities,
    migrations: [...hostMigrations, ...pluginMigrations],
    migrationsRun: false,
    synchronize: false,
    ...(options.logging === undefined ? { logger: new ParameterlessQueryLogger() } : { logging: options.logging }),
    extra: { max: options.poolSize },
  });
  await dataSource.initialize();
  try {
    await migrateOnce(dataSource, options.poolSize);
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return dataSource;
}

/**
 * Processes started together on a new database (the web app and its workers) would each see every migration pending
 * and collide creating the same tables; the advisory lock makes the later ones wait and then find nothing to do. The
 * lock lives on a connection of its own, so it needs a pool of two; a single-connection server has one process.
 */
async function migrateOnce(dataSource: DataSource, poolSize: number): Promise<void> {
  if (poolSize < 2) {
    await dataSource.runMigrations();
    return;
  }
  const lock = dataSource.createQueryRunner();
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await dataSource.runMigrations();
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lock.release();
  }
}
