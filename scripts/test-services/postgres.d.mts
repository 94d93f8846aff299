import type { OnCleanup, PrivateServer } from './private-server.mjs';

export function startPrivatePostgres(onCleanup: OnCleanup): Promise<PrivateServer>;
