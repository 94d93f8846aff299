import type { FrontHost } from '../../plugin-front/plugin-front.types';
import { formatModified } from '../file-format';
import { useFilesAccounts } from '../hooks/useFilesAccounts';

/**
 * Settings → Accounts, per work account: SharePoint for the org. An administrator authorizes it for the whole tenant
 * (Microsoft's admin consent); afterwards it says who and when. Others are told what to ask their administrator for.
 * Personal accounts show nothing.
 */
export function SharePointOrgSettings({ host, accountId }: { host: FrontHost; accountId: string }) {
  const { accounts } = useFilesAccounts(host);
  const access = accounts?.find((account) => account.id === accountId)?.filesAccess;
  if (!access || access.sharePoint === 'NOT_AVAILABLE') return null;
  const authorize = () => {
    const query = new URLSearchParams({ connectedAccountId: accountId, redirectLocation: '/settings/accounts' });
    window.location.assign(`/auth/microsoft-apis/admin-consent?${query}`);
  };
  return (
    <section className="m365-subsection" data-testid="sharepoint-settings" data-state={access.sharePoint}>
      <div className="m365-subsection-header">
        <h4 className="m365-subsection-title">SharePoint</h4>
      </div>
      {access.sharePoint === 'AVAILABLE' && (
        <p className="m365-field-caption" data-testid="sharepoint-authorized">
          SharePoint files can be attached to records.
          {access.sharePointAuthorizedBy && ` Authorized for the organization by ${access.sharePointAuthorizedBy}${access.sharePointAuthorizedAt ? ` on ${formatModified(access.sharePointAuthorizedAt)}` : ''}.`}
        </p>
      )}
      {access.sharePoint === 'CAN_AUTHORIZE' && (
        <>
          <p className="m365-field-caption">{access.sharePointMessage}</p>
          <button type="button" className="m365-button m365-button-small" onClick={authorize} data-testid="sharepoint-authorize">
            Authorize SharePoint for the org
          </button>
        </>
      )}
      {access.sharePoint === 'ASK_ADMINISTRATOR' && (
        <div data-testid="sharepoint-ask-admin">
          <p className="m365-field-caption">
            <strong>Ask your Microsoft 365 administrator.</strong> {access.sharePointMessage}
          </p>
          {access.sharePointAskFor && <p className="m365-muted" data-testid="sharepoint-ask-for">{access.sharePointAskFor}</p>}
        </div>
      )}
    </section>
  );
}
