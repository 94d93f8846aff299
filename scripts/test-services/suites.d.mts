import type { ServiceKey } from './plan.mjs';

export const SERVICE_HELPERS: Record<ServiceKey, string[]>;
export function servicesNeeded(suiteFile: string, rootDir: string, helpers?: Record<ServiceKey, string[]>): Set<ServiceKey>;
