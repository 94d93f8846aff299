import { Logger } from '@nestjs/common';
import { redactSecrets } from './redact-secrets.util.js';

/**
 * Nest's Logger with every string argument (message, stack, context) passed through redactSecrets: the plugin's
 * lines quote Microsoft's error messages and paths, and a credential in them must not reach the host's log.
 */
export class PluginLogger extends Logger {
  override log(message: unknown, ...rest: unknown[]): void {
    super.log(redact(message), ...rest.map(redact));
  }
  override warn(message: unknown, ...rest: unknown[]): void {
    super.warn(redact(message), ...rest.map(redact));
  }
  override error(message: unknown, ...rest: unknown[]): void {
    super.error(redact(message), ...rest.map(redact));
  }
  override debug(message: unknown, ...rest: unknown[]): void {
    super.debug(redact(message), ...rest.map(redact));
  }
  override verbose(message: unknown, ...rest: unknown[]): void {
    super.verbose(redact(message), ...rest.map(redact));
  }
}

function redact(value: unknown): unknown {
  return typeof value === 'string' ? redactSecrets(value) : value;
}
