import { useEffect } from 'react';
import { useRecoilState, useRecoilValue } from 'recoil';
import type { FrontHost } from '../../plugin-front/plugin-front.types';
import { accountToDisconnectState } from '../../state/account-to-disconnect.state';
import { microsoftAccountsState } from '../../state/microsoft-accounts.state';
import { useDisconnectMicrosoftAccount } from '../hooks/useDisconnectMicrosoftAccount';

export function DisconnectConfirmDialog({ host }: { host: FrontHost }) {
  const [accountId, setAccountId] = useRecoilState(accountToDisconnectState);
  const account = useRecoilValue(microsoftAccountsState)?.find((each) => each.id === accountId);
  const { disconnect, disconnecting, error } = useDisconnectMicrosoftAccount(host);
  const close = () => setAccountId(null);

  useEffect(() => {
    if (!account) return undefined;
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && setAccountId(null);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [account, setAccountId]);

  if (!account) return null;
  return (
    <div className="m365-dialog-backdrop" onClick={close}>
      <div
        className="m365-dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="m365-disconnect-title"
        data-testid="disconnect-dialog"
        onClick={(event) => event.stopPropagation()}
      >
        <h3 id="m365-disconnect-title">Disconnect {account.handle}?</h3>
        <p>
          The emails, calendar events, contacts, tasks and file links synced from this account will be deleted from the CRM, and syncing stops.
        </p>
        <p className="m365-muted">Nothing is deleted in Microsoft 365: the mailbox, calendar, contacts, To Do and files stay as they are.</p>
        {error && <p className="m365-error-text">Could not disconnect: {error}</p>}
        <div className="m365-dialog-actions">
          <button type="button" className="m365-button m365-button-secondary" onClick={close} disabled={disconnecting}>
            Cancel
          </button>
          <button type="button" className="m365-button m365-button-danger" onClick={() => void disconnect(account.id)} disabled={disconnecting} data-testid="confirm-disconnect">
            {disconnecting ? 'Disconnecting…' : 'Disconnect'}
          </button>
        </div>
      </div>
    </div>
  );
}
