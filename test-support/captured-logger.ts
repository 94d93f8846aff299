import type { LoggerService } from '@nestjs/common';

export type CapturedLevel = 'log' | 'warn' | 'error' | 'debug' | 'verbose' | 'fatal';

export interface CapturedLine {
  level: CapturedLevel;
  /** The message and every extra argument (context, stack) joined, as a console line would show them. */
  text: string;
  /** The stack Nest passed with an error line, if any. */
  stack?: string;
}

/** A Nest LoggerService that keeps every line of every level, for tests that assert on what was logged. */
export class CapturedLogger implements LoggerService {
  readonly lines: CapturedLine[] = [];

  log(message: unknown, ...rest: unknown[]): void {
    this.add('log', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.add('warn', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.add('error', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.add('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.add('verbose', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.add('fatal', message, rest);
  }

  /** Lines logged from `mark` on (a mark is `lines.length` taken earlier). */
  since(mark: number): CapturedLine[] {
    return this.lines.slice(mark);
  }

  private add(level: CapturedLevel, message: unknown, rest: unknown[]): void {
    const parts = [message, ...rest].map(render);
    // Nest passes (message, stack, context) to error() when there is a stack.
    const stack = level === 'error' && rest.length >= 2 && typeof rest[0] === 'string' && /\n\s+at /.test(rest[0]) ? rest[0] : undefined;
    this.lines.push({ level, text: parts.join(' '), stack });
  }
}

function render(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof Error) return `${value.stack ?? value.message} ${JSON.stringify({ ...value })}`;
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}
