import type { OnCleanup, PrivateServer } from './private-server.mjs';

export function startPrivateRedis(onCleanup: OnCleanup): Promise<PrivateServer & { binary: string }>;
