import { featureGrants, MicrosoftAccountType, MicrosoftFeature } from '@m365/shared-types';

export interface FeatureRow {
  feature: MicrosoftFeature;
  label: string;
  granted: boolean;
  /** Scopes to grant (by reconnecting) for this feature to work. */
  missingScopes: string[];
  /** Set when no consent can enable the feature on this kind of account. */
  unavailableReason: string | null;
}

const FEATURE_LABELS: Partial<Record<MicrosoftFeature, string>> = {
  [MicrosoftFeature.MAIL_IMPORT]: 'Mail',
  [MicrosoftFeature.MAIL_SEND]: 'Send mail',
  [MicrosoftFeature.CALENDAR]: 'Calendar',
  [MicrosoftFeature.TEAMS_MEETINGS]: 'Teams meetings',
  [MicrosoftFeature.CONTACTS]: 'Contacts',
  [MicrosoftFeature.PEOPLE_SUGGESTIONS]: 'People suggestions',
  [MicrosoftFeature.OUT_OF_OFFICE]: 'Out of office',
  [MicrosoftFeature.TODO]: 'To Do',
  [MicrosoftFeature.FILES]: 'Files',
};

// Teams meetings through Graph's onlineMeetings are for work or school accounts only.
const WORK_ONLY_FEATURES = new Set([MicrosoftFeature.TEAMS_MEETINGS]);

/**
 * The features a member can switch on by consent, in display order, from the scopes the account granted.
 * SharePoint is left out: it needs a tenant administrator's consent, not the member's.
 */
export function featureRows(scopes: readonly string[], accountType: MicrosoftAccountType): FeatureRow[] {
  return featureGrants(scopes)
    .filter(({ feature }) => FEATURE_LABELS[feature] !== undefined)
    .map(({ feature, granted, missingScopes }) => {
      const unavailable = accountType === MicrosoftAccountType.PERSONAL && WORK_ONLY_FEATURES.has(feature);
      return {
        feature,
        label: FEATURE_LABELS[feature]!,
        granted: granted && !unavailable,
        missingScopes: unavailable ? [] : missingScopes,
        unavailableReason: unavailable ? 'Teams meetings need a work or school account' : null,
      };
    });
}

/**
 * What the row says. A feature that is off although its channel exists was on before: its permission was withdrawn
 * at Microsoft (the account's scopes follow each token), so it says that instead of "Not granted".
 */
export function featureStateLabel(row: FeatureRow, hasChannel: boolean): string {
  if (row.granted) return 'Granted';
  if (row.unavailableReason) return row.unavailableReason;
  return hasChannel ? 'Access withdrawn at Microsoft' : 'Not granted';
}

/** Every scope missing across the rows, for one "Grant access" reconnect that asks for all of them. */
export function missingScopesOf(rows: readonly FeatureRow[]): string[] {
  return [...new Set(rows.flatMap((row) => row.missingScopes))].sort();
}
