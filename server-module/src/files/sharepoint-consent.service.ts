import { Inject, Injectable } from '@nestjs/common';
import { ADMIN_CONSENT_SCOPES, FEATURE_SCOPES, MicrosoftFeature, type WorkspaceMemberRef } from '@m365/shared-types';
import type { MicrosoftPluginConfig } from '../config/microsoft-plugin-config.js';
import { MICROSOFT_PLUGIN_CONFIG } from '../config/microsoft-plugin-config.token.js';
import { MsalClientFactory } from '../auth/msal-client.factory.js';
import { MicrosoftHttpTransport } from '../http/microsoft-http-transport.js';
import { OAuthStateService, type ConsumedOAuthState } from '../auth/oauth-state.service.js';
import { MicrosoftConnectErrorCode, MicrosoftConnectException } from '../auth/microsoft-connect.exception.js';
import { AccountPurgeRepository } from '../disconnect/account-purge.repository.js';
import { PluginLogger } from '../logging/plugin-logger.js';
import { MicrosoftTokenService } from '../tokens/microsoft-token.service.js';
import { FilesAccessService, type FilesAccount } from './files-access.service.js';
import { FilesErrorCode, FilesException } from './files.exception.js';
import { TenantAdminConsentRepository } from './tenant-admin-consent.repository.js';
import { ADMIN_CONSENT_ROLES, TenantAdminRoleService } from './tenant-admin-role.service.js';

export enum SharePointAccessState {
  /** The account may read SharePoint: the picker shows sites and their libraries. */
  AVAILABLE = 'AVAILABLE',
  /**
   * Not granted yet; the member's ID token names a role that can grant admin consent, or it names no roles at all
   * (then only trying tells): "Authorize SharePoint for the org".
   */
  CAN_AUTHORIZE = 'CAN_AUTHORIZE',
  /**
   * The member's ID token lists roles none of which can grant admin consent, or Microsoft refused the member's
   * attempt (AADSTS90094): "Ask your Microsoft 365 administrator".
   */
  ASK_ADMINISTRATOR = 'ASK_ADMINISTRATOR',
  /** A personal Microsoft account: no SharePoint at all. */
  NOT_AVAILABLE = 'NOT_AVAILABLE',
}

export interface SharePointAccess {
  state: SharePointAccessState;
  message: string;
  /** What to ask the administrator for: the permissions, the app, the tenant. */
  askFor: string | null;
  authorizedBy: string | null;
  authorizedAt: Date | null;
}

const SHAREPOINT_SCOPES = [...FEATURE_SCOPES[MicrosoftFeature.SHAREPOINT]];
const GRAPH_RESOURCE = 'https://graph.microsoft.com/';
const ROLE_NAMES = ADMIN_CONSENT_ROLES.map((role) => role.name).join(', ').replace(/, ([^,]+)$/, ' or $1');

/**
 * "Authorize SharePoint for the org": Microsoft's admin consent endpoint
 * (https://learn.microsoft.com/entra/identity-platform/v2-admin-consent) with the connect flow's signed, single-use
 * state. Once an administrator of the tenant granted Sites.Read.All, every account of that tenant gets it on its next
 * token without a prompt.
 */
@Injectable()
export class SharePointConsentService {
  private readonly logger = new PluginLogger(SharePointConsentService.name);

  constructor(
    @Inject(MICROSOFT_PLUGIN_CONFIG) private readonly config: MicrosoftPluginConfig,
    @Inject(MsalClientFactory) private readonly msal: MsalClientFactory,
    @Inject(OAuthStateService) private readonly states: OAuthStateService,
    @Inject(FilesAccessService) private readonly access: FilesAccessService,
    @Inject(TenantAdminConsentRepository) private readonly consents: TenantAdminConsentRepository,
    @Inject(MicrosoftTokenService) private readonly tokens: MicrosoftTokenService,
    @Inject(AccountPurgeRepository) private readonly purges: AccountPurgeRepository,
    @Inject(MicrosoftHttpTransport) private readonly transport: MicrosoftHttpTransport,
    @Inject(TenantAdminRoleService) private readonly roles: TenantAdminRoleService,
  ) {}

  private signInOrigin: Promise<string> | null = null;

  async status(member: WorkspaceMemberRef, connectedAccountId: string): Promise<SharePointAccess> {
    const owned = await this.access.ownAccount(member, connectedAccountId);
    return this.statusOf(member, owned);
  }

  async statusOf(member: WorkspaceMemberRef, owned: FilesAccount): Promise<SharePointAccess> {
    if (owned.isPersonal || !owned.tenantId) {
      return { state: SharePointAccessState.NOT_AVAILABLE, message: 'Personal Microsoft accounts have no SharePoint.', askFor: null, authorizedBy: null, authorizedAt: null };
    }
    const consent = await this.consents.find(member.workspaceId, owned.tenantId);
    const by = { authorizedBy: consent?.grantedByUsername ?? null, authorizedAt: consent?.grantedAt ?? null };
    let granted = (await this.access.sharePointDenied(member, owned)) === null;
    if (!granted && !(await this.purges.isDisconnecting(owned.account.id)) && (await this.consents.tenantGranted(owned.tenantId, SHAREPOINT_SCOPES))) {
      // The administrator granted it for everyone: the next token carries it, no prompt.
      granted = await this.tokens.tryExtendGrant(member.workspaceId, owned.account.id, SHAREPOINT_SCOPES).catch((error: unknown) => {
        this.logger.warn(`SharePoint for account ${owned.account.id}: ${(error as Error).message.split('\n')[0]}`);
        return false;
      });
    }
    if (granted) return { state: SharePointAccessState.AVAILABLE, message: 'SharePoint sites and their document libraries can be attached.', askFor: null, ...by };
    const askFor = `Ask your Microsoft 365 administrator (${ROLE_NAMES}) to grant admin consent for the app "${this.config.clientId}" to the delegated Microsoft Graph permission ${SHAREPOINT_SCOPES.join(', ')} for your organization (tenant ${owned.tenantId}), for example by signing in to the CRM and choosing "Authorize SharePoint for the org" in Settings → Accounts.`;
    const role = await this.roles.roleOf(member, owned);
    if (role.kind === 'administrator') {
      return { state: SharePointAccessState.CAN_AUTHORIZE, message: `${owned.username} holds the ${role.roleName} role and can authorize SharePoint for everyone in your organization.`, askFor, ...by };
    }
    if (role.kind === 'not-administrator') {
      return { state: SharePointAccessState.ASK_ADMINISTRATOR, message: `${owned.username} holds none of the Microsoft Entra roles that can grant consent for the organization.`, askFor, ...by };
    }
    // The roles are not in the ID token (the app registration does not ask for them): only Microsoft's answer tells.
    const refusal = await this.consents.refusal(owned.account.id);
    if (refusal) return { state: SharePointAccessState.ASK_ADMINISTRATOR, message: `Microsoft says ${owned.username} cannot grant this: ${refusal.reason}`, askFor, ...by };
    return { state: SharePointAccessState.CAN_AUTHORIZE, message: 'Only a Microsoft 365 administrator of your organization can authorize SharePoint for everyone.', askFor, ...by };
  }

  /** The admin consent URL for the account's tenant; throws FilesException unless the account is the member's work account. */
  async start(member: WorkspaceMemberRef, connectedAccountId: string, redirectLocation: string | null): Promise<{ url: string; nonce: string }> {
    const owned = await this.access.ownAccount(member, connectedAccountId);
    if (await this.purges.isDisconnecting(connectedAccountId)) throw new FilesException(FilesErrorCode.NOT_FOUND, 'No such Microsoft account among yours.');
    if (owned.isPersonal || !owned.tenantId) throw new FilesException(FilesErrorCode.PERSONAL_ACCOUNT, 'Personal Microsoft accounts have no SharePoint to authorize.');
    const issued = await this.states.issue(member, 'admin-consent', redirectLocation, { connectedAccountId, feature: MicrosoftFeature.SHAREPOINT });
    const url = new URL(`${await this.adminConsentOrigin()}/${encodeURIComponent(owned.tenantId)}/v2.0/adminconsent`);
    url.searchParams.set('client_id', this.config.clientId);
    url.searchParams.set('scope', SHAREPOINT_SCOPES.filter((scope) => (ADMIN_CONSENT_SCOPES as readonly string[]).includes(scope)).map((scope) => `${GRAPH_RESOURCE}${scope}`).join(' '));
    url.searchParams.set('redirect_uri', this.msal.redirectUri);
    url.searchParams.set('state', issued.state);
    return { url: url.toString(), nonce: issued.nonce };
  }

  /** Microsoft's answer on the redirect: `admin_consent=True&tenant&scope`, or `error` (90094: not an administrator). */
  async complete(state: ConsumedOAuthState, query: Record<string, string | undefined>): Promise<{ connectedAccountId: string }> {
    const connectedAccountId = state.target!.connectedAccountId;
    const member = { workspaceId: state.workspaceId, workspaceMemberId: state.workspaceMemberId };
    let owned: FilesAccount;
    try {
      owned = await this.access.ownAccount(member, connectedAccountId);
    } catch {
      throw new MicrosoftConnectException(MicrosoftConnectErrorCode.CONSENT_FAILED, 'The account SharePoint was to be authorized for is no longer connected.');
    }
    if (query.error) {
      const reason = (query.error_description ?? query.error).split(/\r?\n| Trace ID:/)[0]!;
      if (/AADSTS90094\b/.test(reason) || (query.error === 'access_denied' && !/AADSTS65004\b/.test(reason))) {
        await this.consents.recordRefusal(member.workspaceId, connectedAccountId, reason);
        throw new MicrosoftConnectException(MicrosoftConnectErrorCode.ADMIN_APPROVAL_REQUIRED, `Only a Microsoft 365 administrator can authorize SharePoint for the org: ${reason}`);
      }
      throw new MicrosoftConnectException(MicrosoftConnectErrorCode.CONSENT_CANCELLED, `SharePoint was not authorized: ${reason}`);
    }
    const grantedScopes = (query.scope ?? '').split(/\s+/).filter(Boolean).map((scope) => (scope.startsWith(GRAPH_RESOURCE) ? scope.slice(GRAPH_RESOURCE.length) : scope));
    if (query.admin_consent?.toLowerCase() !== 'true' || !query.tenant) throw new MicrosoftConnectException(MicrosoftConnectErrorCode.CONSENT_FAILED, 'Microsoft did not confirm the administrator consent.');
    if (query.tenant.toLowerCase() !== owned.tenantId?.toLowerCase()) {
      throw new MicrosoftConnectException(MicrosoftConnectErrorCode.CONSENT_FAILED, 'The consent was granted in another Microsoft organization than this account’s; sign in as an administrator of your own.');
    }
    const scopes = SHAREPOINT_SCOPES.filter((scope) => grantedScopes.some((granted) => granted.toLowerCase() === scope.toLowerCase()));
    if (scopes.length !== SHAREPOINT_SCOPES.length) throw new MicrosoftConnectException(MicrosoftConnectErrorCode.CONSENT_FAILED, `Microsoft granted ${grantedScopes.join(', ') || 'nothing'}, not ${SHAREPOINT_SCOPES.join(', ')}.`);
    await this.consents.record({ workspaceId: member.workspaceId, tenantId: owned.tenantId!, scopes, grantedByMemberId: member.workspaceMemberId, grantedByUsername: owned.username });
    await this.consents.clearRefusal(connectedAccountId);
    await this.tokens.tryExtendGrant(member.workspaceId, connectedAccountId, scopes).catch((error: unknown) => this.logger.warn(`SharePoint grant for ${connectedAccountId}: ${(error as Error).message.split('\n')[0]}`));
    return { connectedAccountId };
  }

  /**
   * Where the browser signs in: the admin consent page is beside the authorize endpoint, whose address the
   * authority's OpenID configuration gives (https://login.microsoftonline.com for Microsoft's cloud; the emulator's
   * browser listener for a browser without its CA). The authority's own origin when the configuration cannot be read.
   */
  private adminConsentOrigin(): Promise<string> {
    const authority = this.config.authority.replace(/\/+$/, '');
    this.signInOrigin ??= this.transport
      .fetch(`${authority}/v2.0/.well-known/openid-configuration`)
      .then(async (response) => new URL(((await response.json()) as { authorization_endpoint: string }).authorization_endpoint).origin)
      .catch((error: unknown) => {
        this.logger.warn(`OpenID configuration of ${authority} unreadable (${(error as Error).message}); admin consent goes to the authority's origin`);
        this.signInOrigin = null;
        return new URL(authority).origin;
      });
    return this.signInOrigin;
  }
}
