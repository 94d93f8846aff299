/** Records kept by an {@link EmulatorStore}. Times are epoch milliseconds. */

export type TenantKind = 'organization' | 'personal';

export interface TenantRecord {
  id: string;
  displayName: string;
  /** Verified domains; the first is the default one. */
  domains: string[];
  kind: TenantKind;
  /**
   * Entra's "Users can consent to apps": 'admin-only' ("Do not allow user consent") sends a member who is not an
   * administrator away with AADSTS90094 unless an administrator consented for the tenant. Default 'allowed'.
   */
  userConsent?: UserConsentPolicy;
  /**
   * Permissions Microsoft lets users consent to that this tenant keeps for its administrators (a consent policy):
   * they are granted only where an administrator consented for the tenant. The demo tenants keep Sites.Read.All.
   */
  adminOnlyPermissions?: string[];
}

export type UserConsentPolicy = 'allowed' | 'admin-only';

export interface UserRecord {
  /** Object id (oid). */
  id: string;
  tenantId: string;
  displayName: string;
  givenName: string;
  surname: string;
  /** Null for personal accounts without a mailbox address distinct from the sign-in name. */
  mail: string | null;
  userPrincipalName: string;
  otherMails: string[];
  jobTitle: string | null;
  /** Shorthand for holding the Global Administrator role when `directoryRoles` is not given. */
  isAdmin: boolean;
  /** Role template ids of the user's directory roles (`wids`); omitted: Global Administrator if `isAdmin`, else none. */
  directoryRoles?: string[];
}

export interface AppRegistrationRecord {
  clientId: string;
  clientSecret: string;
  displayName: string;
  redirectUris: string[];
  /** Scopes always granted at sign-in; they cannot be unticked on the consent page. */
  requiredScopes: string[];
  /** The app's configured permissions: what `.default` expands to. */
  apiPermissions: string[];
  /** The manifest's `groupMembershipClaims`: `DirectoryRole` or `All` puts the user's roles in the `wids` claim. Default None. */
  groupMembershipClaims?: 'None' | 'SecurityGroup' | 'DirectoryRole' | 'ApplicationGroup' | 'All';
}

export type PendingRequestKind = 'authorize' | 'admin-consent';

export interface PendingRequestRecord {
  id: string;
  kind: PendingRequestKind;
  /** The tenant segment of the URL (common, organizations, consumers, a tenant id). */
  tenantSegment: string;
  clientId: string;
  redirectUri: string;
  /** Normalized requested scopes. */
  scopes: string[];
  state?: string;
  nonce?: string;
  codeChallenge?: string;
  responseMode: 'query' | 'fragment' | 'form_post';
  clientInfo: boolean;
  loginHint?: string;
  createdAt: number;
  expiresAt: number;
}

export interface AuthCodeRecord {
  code: string;
  clientId: string;
  redirectUri: string;
  codeChallenge?: string;
  userId: string;
  tenantId: string;
  scopes: string[];
  nonce?: string;
  issuedAt: number;
  expiresAt: number;
  redeemedAt?: number;
}

export interface RefreshTokenRecord {
  /** SHA-256 of the token: the token string itself is never stored. */
  tokenHash: string;
  /** Id of the matching issued-token log entry. */
  logId: string;
  clientId: string;
  userId: string;
  tenantId: string;
  scopes: string[];
  issuedAt: number;
  lastUsedAt: number;
  /** Inactivity lifetime, fixed when issued. */
  lifetimeSeconds: number;
  revokedAt?: number;
}

export type IssuedTokenKind = 'access_token' | 'refresh_token' | 'id_token';

export interface IssuedTokenLogEntry {
  id: string;
  kind: IssuedTokenKind;
  userId: string;
  userPrincipalName: string;
  tenantId: string;
  clientId: string;
  scopes: string[];
  grantType: string;
  issuedAt: number;
  /** For refresh tokens: the end of the inactivity window at issue time. */
  expiresAt: number;
  revoked: boolean;
}

export interface AdminConsentRecord {
  tenantId: string;
  clientId: string;
  scopes: string[];
  grantedBy: string;
  grantedAt: number;
}

export interface UserConsentRecord {
  userId: string;
  clientId: string;
  scopes: string[];
  /** Permissions the user removed from the grant since (and has not granted again): refreshes leave them out. */
  withdrawnScopes?: string[];
  updatedAt: number;
}

export interface EmulatorConfig {
  accessTokenLifetimeSeconds: number;
  refreshTokenLifetimeSeconds: number;
  idTokenLifetimeSeconds: number;
  authCodeLifetimeSeconds: number;
  /** When true, the authorize endpoint refuses requests without an S256 code_challenge. */
  requirePkce: boolean;
}

export interface NewTenantInput {
  id?: string;
  displayName: string;
  domains: string[];
  kind?: TenantKind;
  adminOnlyPermissions?: string[];
}

export interface NewUserInput {
  id?: string;
  /** Tenant id or one of its domains; defaults to the tenant owning the UPN's domain. */
  tenant?: string;
  userPrincipalName: string;
  displayName?: string;
  givenName?: string;
  surname?: string;
  mail?: string | null;
  otherMails?: string[];
  jobTitle?: string | null;
  isAdmin?: boolean;
  directoryRoles?: string[];
}

export interface NewAppInput {
  clientId?: string;
  clientSecret?: string;
  displayName?: string;
  redirectUris: string[];
  requiredScopes?: string[];
  apiPermissions?: string[];
  groupMembershipClaims?: AppRegistrationRecord['groupMembershipClaims'];
}
