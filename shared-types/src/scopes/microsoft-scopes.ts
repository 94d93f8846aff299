import { MicrosoftFeature } from './microsoft-feature.enum.js';

/** OpenID Connect scopes MSAL always adds; never shown as features. */
export const OIDC_SCOPES = ['openid', 'profile', 'email', 'offline_access'] as const;

/** Graph scopes the plugin cannot work without: sign-in identity. */
export const REQUIRED_GRAPH_SCOPES = ['User.Read'] as const;

/** Graph scopes a user may decline on the consent screen; each feature lists the scopes it needs (all of them). */
export const FEATURE_SCOPES: Readonly<Record<MicrosoftFeature, readonly string[]>> = {
  [MicrosoftFeature.MAIL_IMPORT]: ['Mail.ReadWrite'],
  [MicrosoftFeature.MAIL_SEND]: ['Mail.ReadWrite', 'Mail.Send'],
  [MicrosoftFeature.CALENDAR]: ['Calendars.ReadWrite'],
  [MicrosoftFeature.TEAMS_MEETINGS]: ['Calendars.ReadWrite', 'OnlineMeetings.ReadWrite'],
  [MicrosoftFeature.CONTACTS]: ['Contacts.ReadWrite'],
  [MicrosoftFeature.PEOPLE_SUGGESTIONS]: ['People.Read'],
  [MicrosoftFeature.OUT_OF_OFFICE]: ['MailboxSettings.Read'],
  [MicrosoftFeature.TODO]: ['Tasks.ReadWrite'],
  [MicrosoftFeature.FILES]: ['Files.ReadWrite'],
  [MicrosoftFeature.SHAREPOINT]: ['Sites.Read.All'],
};

/** Scopes that only a tenant administrator can grant (admin consent), per Microsoft's permission reference. */
export const ADMIN_CONSENT_SCOPES = ['Sites.Read.All'] as const;

/** Optional scopes requested at sign-in. Admin-consent scopes are requested separately through admin consent. */
export const OPTIONAL_GRAPH_SCOPES: readonly string[] = [
  ...new Set(Object.values(FEATURE_SCOPES).flat()),
].filter((scope) => !(ADMIN_CONSENT_SCOPES as readonly string[]).includes(scope));

const GRAPH_RESOURCE_PREFIX = 'https://graph.microsoft.com/';

/** `https://graph.microsoft.com/Mail.Read` and `mail.read` both become `Mail.Read` when known. */
export function normalizeScope(scope: string): string {
  const short = scope.startsWith(GRAPH_RESOURCE_PREFIX) ? scope.slice(GRAPH_RESOURCE_PREFIX.length) : scope;
  const known = [...OIDC_SCOPES, ...REQUIRED_GRAPH_SCOPES, ...OPTIONAL_GRAPH_SCOPES, ...ADMIN_CONSENT_SCOPES];
  return known.find((candidate) => candidate.toLowerCase() === short.toLowerCase()) ?? short;
}

export function normalizeScopes(scopes: Iterable<string>): string[] {
  return [...new Set([...scopes].map(normalizeScope))].sort();
}

export interface FeatureGrant {
  feature: MicrosoftFeature;
  granted: boolean;
  /** Scopes the feature needs that were not granted. */
  missingScopes: string[];
}

/** Which features a set of granted scopes enables. */
export function featureGrants(grantedScopes: Iterable<string>): FeatureGrant[] {
  const granted = new Set(normalizeScopes(grantedScopes));
  return (Object.keys(FEATURE_SCOPES) as MicrosoftFeature[]).map((feature) => {
    const missingScopes = FEATURE_SCOPES[feature].filter((scope) => !granted.has(scope));
    return { feature, granted: missingScopes.length === 0, missingScopes };
  });
}

/** Whether the granted scopes cover every scope the feature needs. */
export function isFeatureGranted(grantedScopes: Iterable<string>, feature: MicrosoftFeature): boolean {
  const granted = new Set(normalizeScopes(grantedScopes));
  return FEATURE_SCOPES[feature].every((scope) => granted.has(scope));
}

/** Features a member can grant on the consent screen (admin-consent ones go through the tenant's administrator). */
export function isUserConsentableFeature(feature: MicrosoftFeature): boolean {
  return FEATURE_SCOPES[feature].every((scope) => !(ADMIN_CONSENT_SCOPES as readonly string[]).includes(scope));
}
