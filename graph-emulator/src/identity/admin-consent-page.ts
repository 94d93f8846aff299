import { escapeHtml, htmlPage } from '../http/html.js';
import { canGrantTenantWideConsent } from './directory-roles.js';
import type { AppRegistrationRecord, TenantRecord, UserRecord } from '../store/emulator-records.js';

export interface AdminConsentPageModel {
  action: string;
  requestId: string;
  app: AppRegistrationRecord;
  users: UserRecord[];
  tenants: TenantRecord[];
  scopes: string[];
}

/** Admin consent: pick an account (only administrators can accept), review the permissions, Accept / Cancel. */
export function renderAdminConsentPage(model: AdminConsentPageModel): string {
  const tenantName = (id: string): string => model.tenants.find((t) => t.id === id)?.displayName ?? id;
  const accounts = model.users
    .map((user, index) => {
      const id = `account-${user.id}`;
      const role = canGrantTenantWideConsent(user) ? 'administrator' : 'not an administrator';
      const label = `${user.displayName} (${user.userPrincipalName}) — ${tenantName(user.tenantId)}, ${role}`;
      return `<label for="${id}"><input type="radio" id="${id}" name="account" value="${escapeHtml(user.userPrincipalName)}"${index === 0 ? ' checked' : ''}> ${escapeHtml(label)}</label>`;
    })
    .join('\n');
  const scopes = model.scopes.map((scope) => `<li data-scope="${escapeHtml(scope)}">${escapeHtml(scope)}</li>`).join('\n');
  const body = `<p><strong>${escapeHtml(model.app.displayName)}</strong> asks an administrator to grant these permissions for the whole organization.</p>
<form id="admin-consent-form" method="post" action="${escapeHtml(model.action)}">
<input type="hidden" name="request" value="${escapeHtml(model.requestId)}">
<fieldset id="accounts"><legend>Pick an administrator account</legend>
${accounts || '<p class="note">No work account can sign in here.</p>'}
</fieldset>
<fieldset id="scopes"><legend>Permissions for everyone in the organization</legend><ul>
${scopes}
</ul></fieldset>
<button type="submit" id="accept" name="action" value="accept">Accept</button>
<button type="submit" id="cancel" name="action" value="cancel">Cancel</button>
</form>`;
  return htmlPage('Permissions requested — accept for your organization', body);
}
