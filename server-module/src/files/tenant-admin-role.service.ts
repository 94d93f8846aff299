import { Inject, Injectable } from '@nestjs/common';
import type { WorkspaceMemberRef } from '@m365/shared-types';
import { PluginLogger } from '../logging/plugin-logger.js';
import { MicrosoftTokenService } from '../tokens/microsoft-token.service.js';
import type { FilesAccount } from './files-access.service.js';

/**
 * The built-in Microsoft Entra roles that may grant tenant-wide admin consent to delegated permissions
 * (https://learn.microsoft.com/entra/identity/enterprise-apps/grant-admin-consent, "Prerequisites"), by role template id
 * (https://learn.microsoft.com/entra/identity/role-based-access-control/permissions-reference#role-template-ids).
 */
export const ADMIN_CONSENT_ROLES: ReadonlyArray<{ templateId: string; name: string }> = [
  { templateId: '62e90394-69f5-4237-9190-012177145e10', name: 'Global Administrator' },
  { templateId: 'e8611ab8-c189-46e8-94e1-60213ab1f814', name: 'Privileged Role Administrator' },
  { templateId: '158c047a-c907-4556-b7ef-446551a6b5f7', name: 'Cloud Application Administrator' },
  { templateId: '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3', name: 'Application Administrator' },
];

export type TenantAdminRole =
  /** The ID token lists one of the roles that can grant admin consent. */
  | { kind: 'administrator'; roleName: string }
  /** The ID token lists the user's roles and none of them can. */
  | { kind: 'not-administrator' }
  /** No `wids` claim (the app registration does not ask for directory roles) or no ID token: only trying tells. */
  | { kind: 'unknown' };

/** How long Settings trusts the ID token's roles before refreshing the grant for a new one. */
export const ROLE_CLAIMS_MAX_AGE_MS = 10 * 60 * 1000;

/**
 * Whether the account's user can grant tenant-wide admin consent, from the `wids` claim of the ID token Microsoft
 * issued at connect time and with every refresh since (kept in the account's sealed MSAL cache). The claim is there
 * only when the app registration's `groupMembershipClaims` is `DirectoryRole` or `All`
 * (https://learn.microsoft.com/entra/identity-platform/access-token-claims-reference, `wids`). Graph's
 * `/me/memberOf` is no substitute: with User.Read its directoryRole entries come back without their roleTemplateId
 * ("limited information returned for inaccessible member objects"), and the permissions that would show it need an
 * administrator's consent themselves.
 */
@Injectable()
export class TenantAdminRoleService {
  private readonly logger = new PluginLogger(TenantAdminRoleService.name);

  constructor(@Inject(MicrosoftTokenService) private readonly tokens: MicrosoftTokenService) {}

  async roleOf(member: WorkspaceMemberRef, owned: FilesAccount, maxAgeMs = ROLE_CLAIMS_MAX_AGE_MS): Promise<TenantAdminRole> {
    if (owned.isPersonal || !owned.tenantId) return { kind: 'not-administrator' };
    let claims: Record<string, unknown> | null;
    try {
      claims = await this.tokens.idTokenClaims(member.workspaceId, owned.account.id, maxAgeMs);
    } catch (error) {
      this.logger.warn(`Directory roles of account ${owned.account.id} unreadable: ${(error as Error).message.split('\n')[0]}`);
      return { kind: 'unknown' };
    }
    return roleFromClaims(claims);
  }
}

export function roleFromClaims(claims: Record<string, unknown> | null): TenantAdminRole {
  const wids = claims?.wids;
  if (!Array.isArray(wids) || wids.length === 0) return { kind: 'unknown' };
  const held = new Set(wids.filter((id): id is string => typeof id === 'string').map((id) => id.toLowerCase()));
  const role = ADMIN_CONSENT_ROLES.find((candidate) => held.has(candidate.templateId));
  return role ? { kind: 'administrator', roleName: role.name } : { kind: 'not-administrator' };
}
