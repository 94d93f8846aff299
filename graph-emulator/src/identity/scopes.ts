import { ADMIN_CONSENT_SCOPES, OIDC_SCOPES, normalizeScope } from '@m365/shared-types';

export const DEFAULT_SCOPE = '.default';
const GRAPH_RESOURCE = 'https://graph.microsoft.com/';

export function isOidcScope(scope: string): boolean {
  return (OIDC_SCOPES as readonly string[]).includes(scope);
}

export function isAdminConsentScope(scope: string): boolean {
  return (ADMIN_CONSENT_SCOPES as readonly string[]).includes(scope);
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
