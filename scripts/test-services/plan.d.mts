export type ServiceKey = 'postgres' | 'redis';
export interface ServiceTarget {
  url: string;
  variable: string | null;
}
export type ServiceDecision =
  | { use: 'existing'; url: string; variable: string | null }
  | { use: 'private' }
  | { use: 'refuse'; message: string };

export const SERVICES: Record<ServiceKey, { name: string; variables: string[]; defaultUrl: string; defaultPort: number }>;
export function serviceTargets(env: Record<string, string | undefined>): Record<ServiceKey, ServiceTarget | null>;
export function decide(key: ServiceKey, target: ServiceTarget | null, answered: boolean): ServiceDecision;
export function binarySource(facts: { onPath: boolean; isRoot: boolean; hasAptGet: boolean }): 'path' | 'apt' | 'none';
export function unavailableMessage(key: ServiceKey, reason: string, suites: string[]): string;
export function redact(url: string): string;
