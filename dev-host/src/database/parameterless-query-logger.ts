import { Logger } from '@nestjs/common';
import type { Logger as TypeOrmLogger } from 'typeorm';

const MAX_QUERY_CHARS = 300;

/**
 * TypeORM's lines through Nest's logger, never with a query's parameters: they carry mail subjects and bodies,
 * sealed credentials and member data. A failed query is a debug line; the error itself reaches whoever ran the
 * query (a resolver through the exception filter, a job through the job system), which decides how to log it.
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

  logSchemaBuild(message: string): void {
    this.logger.debug(message);
  }

  logMigration(message: string): void {
    this.logger.log(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    const text = String(message);
    if (level === 'warn') this.logger.warn(text);
    else this.logger.log(text);
  }
}

function shorten(query: string): string {
  const flat = query.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_QUERY_CHARS ? `${flat.slice(0, MAX_QUERY_CHARS)}…` : flat;
}
