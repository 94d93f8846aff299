import { featureRows } from '../../accounts/feature-rows';
import type { MicrosoftAccount } from '../../graphql/microsoft-account.types';

interface FeatureListProps {
  account: MicrosoftAccount;
  onGrantAccess(): void;
  granting: boolean;
}

/** What the granted scopes let the plugin do. Microsoft asks for every optional scope again on reconnect, so one reconnect grants any of them. */
export function FeatureList({ account, onGrantAccess, granting }: FeatureListProps) {
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
            <span className="m365-feature-state">{row.granted ? 'Granted' : (row.unavailableReason ?? 'Not granted')}</span>
            {row.missingScopes.length > 0 && (
              <button type="button" className="m365-link-button" onClick={onGrantAccess} disabled={granting} data-testid={`grant-${row.feature}`}>
                Grant access
              </button>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
