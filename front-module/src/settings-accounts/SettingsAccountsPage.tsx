import type { SettingsPageProps } from '../plugin-front/plugin-front.types';
import { MicrosoftIcon } from '../ui/MicrosoftIcon';
import { ConnectErrorBanner } from './components/ConnectErrorBanner';
import { DisconnectConfirmDialog } from './components/DisconnectConfirmDialog';
import { MicrosoftAccountCard } from './components/MicrosoftAccountCard';
import { useConnectErrorFromQuery } from './hooks/useConnectErrorFromQuery';
import { useConnectMicrosoft } from './hooks/useConnectMicrosoft';
import { useMicrosoftAccounts } from './hooks/useMicrosoftAccounts';

/** Settings → Accounts: the member's Microsoft accounts, connecting, reconnecting and disconnecting them, and their channel settings. */
export function SettingsAccountsPage({ host, query }: SettingsPageProps) {
  const { accounts, loadError } = useMicrosoftAccounts(host);
  const { connect, starting, error: connectStartError } = useConnectMicrosoft(host);
  useConnectErrorFromQuery(host, query, '/settings/accounts');

  return (
    <div className="m365-settings-page" data-testid="settings-accounts">
      <header className="m365-page-header">
        <h1>Accounts</h1>
        <p className="m365-muted">Connect your Microsoft 365 account to bring its emails and calendar into the CRM.</p>
      </header>
      <ConnectErrorBanner />
      {connectStartError && <div className="m365-banner m365-banner-error">Could not start connecting: {connectStartError}</div>}
      <section className="m365-section">
        <div className="m365-section-header">
          <div>
            <h2>Connected accounts</h2>
            <p className="m365-muted">Emails and events sync from these accounts.</p>
          </div>
          <button type="button" className="m365-button m365-button-primary" onClick={() => void connect()} disabled={starting} data-testid="connect-microsoft">
            <MicrosoftIcon size={14} /> Connect Microsoft
          </button>
        </div>
        {loadError && <div className="m365-banner m365-banner-error">Could not load accounts: {loadError}</div>}
        {accounts === null && !loadError && <p className="m365-muted">Loading accounts…</p>}
        {accounts?.length === 0 && (
          <div className="m365-empty" data-testid="accounts-empty">
            <MicrosoftIcon size={28} />
            <strong>No account connected</strong>
            <span className="m365-muted">Connect Microsoft to see your emails and meetings on people and companies.</span>
          </div>
        )}
        <div className="m365-account-list" data-testid="account-list">
          {accounts?.map((account) => (
            <MicrosoftAccountCard key={account.id} account={account} host={host} connecting={starting} onReconnect={(hint) => void connect(hint)} onEnableFeature={(feature) => void connect(account.handle, { connectedAccountId: account.id, feature })} />
          ))}
        </div>
      </section>
      <DisconnectConfirmDialog host={host} />
    </div>
  );
}
