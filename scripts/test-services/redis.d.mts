import type { OnCleanup, PrivateServer } from './private-server.mjs';

export function findOnPath(command: string, path?: string): string | null;
export function startPrivateRedis(onCleanup: OnCleanup): Promise<PrivateServer & { binary: string }>;
