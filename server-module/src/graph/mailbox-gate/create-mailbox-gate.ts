import type { MicrosoftPluginConfig } from '../../config/microsoft-plugin-config.js';
import { InProcessMailboxGate } from './in-process-mailbox.gate.js';
import type { MailboxGate } from './mailbox-gate.js';
import { RedisMailboxGate } from './redis-mailbox.gate.js';

/** Across processes through the plugin's Redis when the host gives one; within this process otherwise. */
export function createMailboxGate(config: Pick<MicrosoftPluginConfig, 'redis'>): MailboxGate {
  if (!config.redis) return new InProcessMailboxGate();
  return new RedisMailboxGate({ url: config.redis.url, keyPrefix: config.redis.keyPrefix ?? 'm365' });
}
