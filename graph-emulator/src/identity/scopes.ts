import type { TenantRecord } from '../store/emulator-records.js';
import { findGraphPermission } from './graph-permissions.js';

/** The OpenID Connect scopes of the identity platform; they name no resource and are never Graph permissions. */
export const OIDC_SCOPES = ['openid', 'profile', 'email', 'offline_access'] as const;

export const DEFAULT_SCOPE = '.default';
const GRAPH_RESOURCE = 'https://graph.microsoft.com/';

export function isOidcScope(scope: string): boolean {
  return (OIDC_SCOPES as readonly string[]).includes(scope);
}

/** Whether only a tenant administrator can grant the scope: per the permissions reference, or the tenant's consent policy. */
export function isAdminConsentScope(scope: string, tenant?: Pick<TenantRecord, 'adminOnlyPermissions'>): boolean {
  if (findGraphPermission(scope)?.adminConsentRequired) return true;
  return (tenant?.adminOnlyPermissions ?? []).some((name) => sameScope(name, scope));
}

/** `https://graph.microsoft.com/mail.read` and `mail.read` become `Mail.Read`; OIDC scopes lower-case; unknown names kept. */
export function normalizeScope(scope: string): string {
  const short = scope.toLowerCase().startsWith(GRAPH_RESOURCE) ? scope.slice(GRAPH_RESOURCE.length) : scope;
  const oidc = OIDC_SCOPES.find((name) => sameScope(name, short));
  return oidc ?? findGraphPermission(short)?.name ?? short;
}

/** Distinct, normalised, sorted. */
export function normalizeScopes(scopes: Iterable<string>): string[] {
  return [...new Set([...scopes].map(normalizeScope))].sort();
}

/** Space-separated scopes to distinct short names (`https://graph.microsoft.com/mail.read` → `Mail.Read`), order kept. */
export function parseScopeParameter(value: unknown): string[] {
  if (typeof value !== 'string') return [];
  const scopes = value.split(/\s+/).filter(Boolean).map((scope) => normalizeScope(scope));
  return [...new Set(scopes.map((scope) => (scope.toLowerCase() === DEFAULT_SCOPE ? DEFAULT_SCOPE : scope)))];
}

/** OIDC scopes last, as the identity platform lists them. */
export function orderScopes(scopes: Iterable<string>): string[] {
  const unique = [...new Set(scopes)];
  return [...unique.filter((s) => !isOidcScope(s)), ...OIDC_SCOPES.filter((s) => unique.includes(s))];
}

export function graphScopeUri(scope: string): string {
  return isOidcScope(scope) ? scope : `${GRAPH_RESOURCE}${scope}`;
}

export function sameScope(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
