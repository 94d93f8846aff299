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

/** Connects, then runs the host's migrations followed by the plugin's. */
export async function openHostDataSource(options: HostDataSourceOptions): Promise<DataSource> {
  const dataSource = new DataSource({
    type: 'postgres',
    url: options.url,
    entities: hostEntities,
    migrations: [...hostMigrations, ...pluginMigrations],
    migrationsRun: true,
    synchronize: false,
    ...(options.logging === undefined ? { logger: new ParameterlessQueryLogger() } : { logging: options.logging }),
    extra: { max: options.poolSize },
  });
  return dataSource.initialize();
}
