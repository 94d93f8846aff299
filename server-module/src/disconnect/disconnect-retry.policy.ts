import type { MicrosoftPluginConfig } from '../config/microsoft-plugin-config.js';

export interface DisconnectRetryPolicy {
  attempts: number;
  /** The wait before run `attempt + 1` (attempt counts the runs that stopped so far, from 1). */
  delayMs(attempt: number, retryAfterMs?: number): number;
}

export function disconnectRetryPolicy(config: MicrosoftPluginConfig): DisconnectRetryPolicy {
  const attempts = config.disconnectRetry?.attempts ?? 8;
  const base = config.disconnectRetry?.baseDelayMs ?? 2_000;
  const max = config.disconnectRetry?.maxDelayMs ?? 5 * 60_000;
  return {
    attempts,
    delayMs: (attempt, retryAfterMs) => Math.min(max, Math.max(retryAfterMs ?? 0, base * 2 ** Math.max(0, attempt - 1))),
  };
}
