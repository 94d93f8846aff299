import { escapeHtml, htmlPage } from '../http/html.js';
import type { AppRegistrationRecord, TenantRecord, UserRecord } from '../store/emulator-records.js';
import type { ConsentRow } from './consent-scopes.js';

export interface ConsentPageModel {
  action: string;
  requestId: string;
  app: AppRegistrationRecord;
  users: UserRecord[];
  tenants: TenantRecord[];
  loginHint?: string;
  rows: ConsentRow[];
}

function accountLabel(user: UserRecord, tenants: TenantRecord[]): string {
  const tenant = tenants.find((t) => t.id === user.tenantId);
  const kind = tenant?.kind === 'personal' ? 'personal account' : `${tenant?.displayName ?? user.tenantId} work account`;
  return `${user.displayName} (${user.userPrincipalName}) — ${kind}`;
}

function accountList(model: ConsentPageModel): string {
  if (model.users.length === 0) return '<p class="note">No account can sign in to this application here.</p>';
  const hint = model.loginHint?.toLowerCase();
  const preselected = model.users.find((u) => u.userPrincipalName.toLowerCase() === hint) ?? model.users[0]!;
  return model.users
    .map((user) => {
      const id = `account-${user.id}`;
      const checked = user === preselected ? ' checked' : '';
      return `<label for="${id}"><input type="radio" id="${id}" name="account" value="${escapeHtml(user.userPrincipalName)}"${checked}> ${escapeHtml(accountLabel(user, model.tenants))}</label>`;
    })
    .join('\n');
}

function scopeRow(row: ConsentRow, tenants: TenantRecord[]): string {
  const id = `scope-${row.scope.replace(/[^A-Za-z0-9]/g, '-')}`;
  const value = escapeHtml(row.scope);
  if (row.state === 'required') {
    return `<label for="${id}"><input type="checkbox" id="${id}" name="scope" value="${value}" checked disabled> ${value} <span class="note">(required)</span></label>`;
  }
  if (row.state === 'needs-admin') {
    return `<label for="${id}"><input type="checkbox" id="${id}" name="scope" value="${value}" disabled> ${value} <span class="note">(needs admin approval)</span></label>`;
  }
  const approvedBy = row.approvedIn.map((tid) => tenants.find((t) => t.id === tid)?.displayName ?? tid);
  const note = approvedBy.length > 0 ? ` <span class="note">(approved by an administrator of ${escapeHtml(approvedBy.join(', '))})</span>` : '';
  return `<label for="${id}"><input type="checkbox" id="${id}" name="scope" value="${value}" checked> ${value}${note}</label>`;
}

/** The sign-in and consent page: account picker, scope list, Accept / Cancel. */
export function renderConsentPage(model: ConsentPageModel): string {
  const body = `<p><strong>${escapeHtml(model.app.displayName)}</strong> wants to sign you in and access your data.</p>
<form id="consent-form" method="post" action="${escapeHtml(model.action)}">
<input type="hidden" name="request" value="${escapeHtml(model.requestId)}">
<fieldset id="accounts"><legend>Pick an account</legend>
${accountList(model)}
</fieldset>
<fieldset id="scopes"><legend>Permissions requested</legend>
${model.rows.map((row) => scopeRow(row, model.tenants)).join('\n')}
</fieldset>
<button type="submit" id="accept" name="action" value="accept">Accept</button>
<button type="submit" id="cancel" name="action" value="cancel">Cancel</button>
</form>`;
  return htmlPage('Sign in and consent', body);
}
