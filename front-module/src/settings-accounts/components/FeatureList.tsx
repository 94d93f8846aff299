import { MicrosoftFeature } from '@m365/shared-types';
import { featureRows, featureStateLabel } from '../../accounts/feature-rows';
import type { MicrosoftAccount } from '../../graphql/microsoft-account.types';

interface FeatureListProps {
  account: MicrosoftAccount;
  onEnable(feature: MicrosoftFeature): void;
  enabling: boolean;
}

function hasChannel(account: MicrosoftAccount, feature: MicrosoftFeature): boolean {
  if (feature === MicrosoftFeature.MAIL_IMPORT) return account.messageChannel !== null;
  if (feature === MicrosoftFeature.CALENDAR) return account.calendarChannel !== null;
  return false;
}

/**
 * What the granted scopes let the plugin do. "Enable" asks Microsoft for just that feature's missing scopes
 * (incremental consent: what the account granted already stays granted).
 */
export function FeatureList({ account, onEnable, enabling }: FeatureListProps) {
  return (
    <div className="m365-subsection" data-testid="account-features">
      <h4 className="m365-subsection-title">Features</h4>
      <ul className="m365-feature-list">
        {featureRows(account.scopes, account.accountType).map((row) => (
          <li
            key={row.feature}
            className={`m365-feature${row.granted ? ' is-granted' : ''}`}
            data-testid={`feature-${row.feature}`}
            data-granted={row.granted}
            title={row.missingScopes.length > 0 ? `Needs ${row.missingScopes.join(', ')}` : undefined}
          >
            <span className="m365-feature-mark" aria-hidden="true">
              {row.granted ? '✓' : '–'}
            </span>
            <span className="m365-feature-label">{row.label}</span>
            <span className="m365-feature-state" data-testid={`feature-state-${row.feature}`}>
              {featureStateLabel(row, hasChannel(account, row.feature))}
            </span>
            {row.missingScopes.length > 0 && (
              <button type="button" className="m365-link-button" onClick={() => onEnable(row.feature)} disabled={enabling} data-testid={`grant-${row.feature}`}>
                Enable
              </button>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
