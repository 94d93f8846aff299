import type { AppRegistrationRecord, TenantRecord, UserRecord } from '../store/emulator-records.js';

/**
 * Built-in Microsoft Entra role template ids (https://learn.microsoft.com/entra/identity/role-based-access-control/permissions-reference#role-template-ids):
 * fixed across tenants, they are what the `wids` claim lists.
 */
export const ROLE_TEMPLATE_IDS = {
  globalAdministrator: '62e90394-69f5-4237-9190-012177145e10',
  privilegedRoleAdministrator: 'e8611ab8-c189-46e8-94e1-60213ab1f814',
  cloudApplicationAdministrator: '158c047a-c907-4556-b7ef-446551a6b5f7',
  applicationAdministrator: '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3',
  /** The implicit role every member user holds ("User"; directoryRoleTemplate's page says not to use it). */
  user: 'b79fbf4d-3ef9-4689-8143-76b194e85509',
} as const;

/**
 * The roles that may grant tenant-wide admin consent to delegated permissions
 * (https://learn.microsoft.com/entra/identity/enterprise-apps/grant-admin-consent, "Prerequisites").
 */
export const ADMIN_CONSENT_ROLE_TEMPLATE_IDS: readonly string[] = [
  ROLE_TEMPLATE_IDS.globalAdministrator,
  ROLE_TEMPLATE_IDS.privilegedRoleAdministrator,
  ROLE_TEMPLATE_IDS.cloudApplicationAdministrator,
  ROLE_TEMPLATE_IDS.applicationAdministrator,
];

/** The user's assigned directory roles: `directoryRoles` when set, else Global Administrator for `isAdmin` users. */
export function directoryRolesOf(user: Pick<UserRecord, 'isAdmin' | 'directoryRoles'>): string[] {
  return user.directoryRoles ?? (user.isAdmin ? [ROLE_TEMPLATE_IDS.globalAdministrator] : []);
}

export function canGrantTenantWideConsent(user: Pick<UserRecord, 'isAdmin' | 'directoryRoles'>): boolean {
  return directoryRolesOf(user).some((role) => ADMIN_CONSENT_ROLE_TEMPLATE_IDS.includes(role));
}

/**
 * The `wids` claim (access-token-claims-reference; ID tokens of v2 apps likewise): the tenant-wide roles of the user,
 * only when the app registration's `groupMembershipClaims` is `DirectoryRole` or `All`; none for personal accounts.
 */
export function widsClaim(app: Pick<AppRegistrationRecord, 'groupMembershipClaims'>, user: UserRecord, tenant: TenantRecord): string[] | undefined {
  const claims = app.groupMembershipClaims ?? 'None';
  if (tenant.kind === 'personal' || (claims !== 'DirectoryRole' && claims !== 'All')) return undefined;
  return [...new Set([...directoryRolesOf(user), ROLE_TEMPLATE_IDS.user])];
}

export const GROUP_MEMBERSHIP_CLAIMS = ['None', 'SecurityGroup', 'DirectoryRole', 'ApplicationGroup', 'All'] as const;
export type GroupMembershipClaims = (typeof GROUP_MEMBERSHIP_CLAIMS)[number];
