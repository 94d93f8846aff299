import type { EmulatorStore } from '../store/emulator-store.js';
import type { AppRegistrationRecord } from '../store/emulator-records.js';
import { DEFAULT_SCOPE, isAdminConsentScope, isOidcScope, orderScopes } from './scopes.js';

export type ConsentRowState = 'required' | 'optional' | 'needs-admin';

export interface ConsentRow {
  scope: string;
  state: ConsentRowState;
  /** For admin-consent scopes: the tenants whose administrator approved it. */
  approvedIn: string[];
}

/** The scopes an authorize request asks for: `.default` expands to the app's permissions; required ones always come. */
export function scopesToRequest(app: AppRegistrationRecord, requested: string[]): string[] {
  const expanded = requested.flatMap((scope) => (scope === DEFAULT_SCOPE ? app.apiPermissions : [scope]));
  return orderScopes([...expanded, ...app.requiredScopes]);
}

/**
 * How each scope appears on the consent page for accounts of `tenantIds`: OIDC and app-required scopes can't be
 * declined; admin-consent scopes are grantable only where a tenant administrator consented for the app.
 */
export function consentRows(
  store: EmulatorStore,
  app: AppRegistrationRecord,
  scopes: string[],
  tenantIds: string[],
): ConsentRow[] {
  const required = new Set(app.requiredScopes);
  return scopes.map((scope) => {
    if (isOidcScope(scope) || required.has(scope)) return { scope, state: 'required', approvedIn: [] };
    // Where a tenant keeps the scope for its administrators, it is grantable once one of them consented for the app.
    const keptFor = tenantIds.filter((tenantId) => isAdminConsentScope(scope, store.findTenant(tenantId)));
    if (!isAdminConsentScope(scope) && keptFor.length === 0) return { scope, state: 'optional', approvedIn: [] };
    const approvedIn = (keptFor.length > 0 ? keptFor : tenantIds).filter((tenantId) => store.adminConsentedScopes(tenantId, app.clientId).includes(scope));
    return { scope, state: approvedIn.length > 0 ? 'optional' : 'needs-admin', approvedIn };
  });
}

/**
 * Incremental consent: a scope the user already granted the app is not asked for again. The identity platform
 * shows only the new permissions, and the grant keeps the old ones.
 */
export function withoutConsented(rows: ConsentRow[], consented: string[]): ConsentRow[] {
  const already = new Set(consented.map((scope) => scope.toLowerCase()));
  return rows.filter((row) => row.state !== 'optional' || !already.has(row.scope.toLowerCase()));
}

/** What accepting grants: required scopes always, optional ones only when ticked. */
export function grantedScopes(rows: ConsentRow[], ticked: string[]): string[] {
  const tickedLower = new Set(ticked.map((scope) => scope.toLowerCase()));
  return rows
    .filter((row) => row.state === 'required' || (row.state === 'optional' && tickedLower.has(row.scope.toLowerCase())))
    .map((row) => row.scope);
}
