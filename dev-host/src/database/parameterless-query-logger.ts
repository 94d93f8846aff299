import { Logger } from '@nestjs/common';
import type { Logger as TypeOrmLogger } from 'typeorm';

const MAX_QUERY_CHARS = 300;

/**
 * TypeORM's query errors and slow queries through Nest's logger, never with a query's parameters: they carry mail
 * subjects and bodies, sealed credentials and member data. A failed query is a debug line; the error itself reaches
 * whoever ran the query (a resolver through the exception filter, a job through the job system), which logs it.
 */
export class ParameterlessQueryLogger implements TypeOrmLogger {
  private readonly logger = new Logger('TypeORM');

  logQuery(): void {}

  logQueryError(error: string | Error, query: string): void {
    this.logger.debug(`Query failed (${typeof error === 'string' ? error : error.message}): ${shorten(query)}`);
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn(`Slow query (${time} ms): ${shorten(query)}`);
  }

  // Schema, migration and driver chatter stays out of the log, as TypeORM's own logger does with `logging: ['error']`.
  logSchemaBuild(): void {}

  logMigration(): void {}

  log(): void {}
}

function shorten(query: string): string {
  const flat = query.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_QUERY_CHARS ? `${flat.slice(0, MAX_QUERY_CHARS)}…` : flat;
}
