// A worker process that takes mailbox slots and keeps them, for a test to kill (SIGKILL) while it holds them.
// Environment: REDIS_URL, GATE_PREFIX, GATE_TENANT, GATE_MAILBOX, GATE_SLOTS, GATE_LEASE_TTL_MS. Prints `held` when it holds.
import { RedisMailboxGate } from '../server-module/src/graph/mailbox-gate/redis-mailbox.gate.js';

const env = process.env;
const gate = new RedisMailboxGate({ url: env.REDIS_URL!, keyPrefix: env.GATE_PREFIX!, leaseTtlMs: Number(env.GATE_LEASE_TTL_MS) });
const key = { tenantId: env.GATE_TENANT!, mailboxId: env.GATE_MAILBOX! };
await Promise.all(Array.from({ length: Number(env.GATE_SLOTS) }, () => gate.acquire(key)));
console.log('held');
setInterval(() => undefined, 60_000);
