import { aad } from '../errors/error-factory.js';
import type { EmulatorStore } from '../store/emulator-store.js';
import type { TenantRecord, UserRecord } from '../store/emulator-records.js';
import { PERSONAL_ACCOUNT_TENANT_ID } from './well-known-tenants.js';

/** The `{tenant}` path segment: which accounts may sign in. */
export type TenantAudience =
  | { kind: 'common'; segment: 'common' }
  | { kind: 'organizations'; segment: 'organizations' }
  | { kind: 'consumers'; segment: 'consumers'; tenant: TenantRecord }
  | { kind: 'tenant'; segment: string; tenant: TenantRecord };

/** Resolves a path segment; throws AADSTS90002 for an unknown tenant. */
export function resolveTenantSegment(store: EmulatorStore, segment: string): TenantAudience {
  const lowered = segment.toLowerCase();
  if (lowered === 'common') return { kind: 'common', segment: 'common' };
  if (lowered === 'organizations') return { kind: 'organizations', segment: 'organizations' };
  const personal = store.findTenant(PERSONAL_ACCOUNT_TENANT_ID);
  if ((lowered === 'consumers' || lowered === PERSONAL_ACCOUNT_TENANT_ID) && personal) {
    return { kind: 'consumers', segment: 'consumers', tenant: personal };
  }
  const tenant = store.findTenant(lowered);
  if (!tenant || tenant.kind === 'personal') throw aad.tenantNotFound(segment);
  return { kind: 'tenant', segment: tenant.id, tenant };
}

export function userAllowed(store: EmulatorStore, audience: TenantAudience, user: UserRecord): boolean {
  const personal = store.findTenant(user.tenantId)?.kind === 'personal';
  switch (audience.kind) {
    case 'common':
      return true;
    case 'organizations':
      return !personal;
    case 'consumers':
    case 'tenant':
      return user.tenantId === audience.tenant.id;
  }
}

export function usersFor(store: EmulatorStore, audience: TenantAudience): UserRecord[] {
  return store.listUsers().filter((user) => userAllowed(store, audience, user));
}
