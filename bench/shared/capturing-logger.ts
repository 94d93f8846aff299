import type { LoggerService } from '@nestjs/common';

/** Nest's warnings and errors, kept for the bench to report (the rest is dropped). */
export class CapturingLogger implements LoggerService {
  readonly lines: string[] = [];
  log(): void {}
  debug(): void {}
  verbose(): void {}
  warn(message: unknown, ...rest: unknown[]): void {
    this.keep('WARN', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.keep('ERROR', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.keep('FATAL', message, rest);
  }
  private keep(level: string, message: unknown, rest: unknown[]): void {
    this.lines.push(`${level} ${String(message)} ${rest.map(String).join(' ')}`.trim());
  }
}
