import { randomUUID } from 'node:crypto';
import { normalizeScopes } from '../identity/scopes.js';
import { findGraphPermission } from '../identity/graph-permissions.js';
import { DEMO_APP, DEMO_TENANTS, DEMO_USERS } from '../seed/demo-tenants.js';
import { GROUP_MEMBERSHIP_CLAIMS } from '../identity/directory-roles.js';
import { InMemoryCalendarStore } from './calendar/in-memory-calendar-store.js';
import { InMemoryContactStore } from './contacts/in-memory-contact-store.js';
import { InMemoryTodoStore } from './todo/in-memory-todo-store.js';
import { InMemoryFilesStore } from './files/in-memory-files-store.js';
import type { EmulatorStore } from './emulator-store.js';
import { InMemoryMailStore } from './mail/in-memory-mail-store.js';
import { InMemoryOutboundStore } from './mail/outbound/in-memory-outbound-store.js';
import { InMemoryMailboxSettingsStore } from './mailbox-settings/in-memory-mailbox-settings-store.js';
import { InMemoryOnlineMeetingStore } from './online-meetings/in-memory-online-meeting-store.js';
import { demoMailboxSettings } from '../seed/demo-mailbox-settings.js';
import { InMemoryOutlookLimitsStore } from './outlook-limits/in-memory-outlook-limits-store.js';
import { InMemorySubscriptionStore } from './in-memory-subscription-store.js';
import type { NotificationSettingsPatch } from './subscription-records.js';
import type {
  AdminConsentRecord,
  AppRegistrationRecord,
  AuthCodeRecord,
  EmulatorConfig,
  IssuedTokenLogEntry,
  NewAppInput,
  NewTenantInput,
  NewUserInput,
  PendingRequestRecord,
  RefreshTokenRecord,
  TenantRecord,
  UserConsentRecord,
  UserConsentPolicy,
  UserRecord,
} from './emulator-records.js';

export const DEFAULT_CONFIG: Readonly<EmulatorConfig> = {
  accessTokenLifetimeSeconds: 3600,
  refreshTokenLifetimeSeconds: 90 * 24 * 3600,
  idTokenLifetimeSeconds: 3600,
  authCodeLifetimeSeconds: 600,
  requirePkce: true,
};

const clone = <T>(value: T): T => structuredClone(value);

/** Graph permission names in the reference's spelling; an unknown one is refused. */
function checkedPermissions(names: unknown): string[] {
  if (!Array.isArray(names)) throw new TypeError('adminOnlyPermissions must be an array of Graph permission names');
  return names.map((name) => {
    const found = typeof name === 'string' ? findGraphPermission(name) : undefined;
    if (!found) throw new TypeError(`${String(name)} is not a Graph delegated permission`);
    return found.name;
  });
}
const lower = (value: string): string => value.toLowerCase();

interface IdentityState {
  config: EmulatorConfig;
  tenants: Map<string, TenantRecord>;
  users: Map<string, UserRecord>;
  apps: Map<string, AppRegistrationRecord>;
  pending: Map<string, PendingRequestRecord>;
  codes: Map<string, AuthCodeRecord>;
  refreshTokens: Map<string, RefreshTokenRecord>;
  tokenLog: IssuedTokenLogEntry[];
  adminConsents: Map<string, AdminConsentRecord>;
  userConsents: Map<string, UserConsentRecord>;
  /** Absent in files written before the limits had their own state: they are then read from `mail.settings`. */
  outlookLimits?: object;
  mail: object;
  subscriptions: object;
  calendar?: object;
  /** Absent in files written before contacts. */
  contacts?: object;
  todo?: object;
  /** Absent in files written before OneDrive. */
  files?: object;
  /** Absent in files written before mail could be sent. */
  outbound?: object;
  /** Absent in files written before mailbox settings and online meetings were kept. */
  mailboxSettings?: object;
  onlineMeetings?: object;
}

export class InMemoryEmulatorStore implements EmulatorStore {
  private config!: EmulatorConfig;
  private tenants!: Map<string, TenantRecord>;
  private users!: Map<string, UserRecord>;
  private apps!: Map<string, AppRegistrationRecord>;
  private pending = new Map<string, PendingRequestRecord>();
  private codes = new Map<string, AuthCodeRecord>();
  private refreshTokens = new Map<string, RefreshTokenRecord>();
  private tokenLog: IssuedTokenLogEntry[] = [];
  private adminConsents = new Map<string, AdminConsentRecord>();
  private userConsents = new Map<string, UserConsentRecord>();
  readonly outlookLimits: InMemoryOutlookLimitsStore;
  readonly mail: InMemoryMailStore;
  readonly subscriptions: InMemorySubscriptionStore;
  readonly calendar: InMemoryCalendarStore;
  readonly contacts: InMemoryContactStore;
  readonly todo: InMemoryTodoStore;
  readonly files: InMemoryFilesStore;
  readonly outbound = new InMemoryOutboundStore();
  readonly mailboxSettings = new InMemoryMailboxSettingsStore(demoMailboxSettings);
  readonly onlineMeetings = new InMemoryOnlineMeetingStore();
  private revocationListeners = new Set<(userId: string) => void>();

  constructor(
    private readonly initialConfig: Partial<EmulatorConfig> = {},
    initialNotificationSettings: NotificationSettingsPatch = {},
    /** Fills mailboxes after every reset (the demo mail), so that a reset gives back what the store started with. */
    private readonly seedMail?: (store: EmulatorStore) => void,
  ) {
    this.outlookLimits = new InMemoryOutlookLimitsStore();
    this.mail = new InMemoryMailStore((idOrUpn) => this.users.get(lower(idOrUpn)) ?? this.findUser(idOrUpn), this.outlookLimits);
    this.subscriptions = new InMemorySubscriptionStore(initialNotificationSettings);
    this.calendar = new InMemoryCalendarStore((userId) => {
      const user = this.users.get(userId);
      if (!user) return undefined;
      const personal = this.tenants.get(user.tenantId)?.kind === 'personal';
      return { id: user.id, displayName: user.displayName, address: user.mail ?? user.userPrincipalName, personal };
    });
    this.contacts = new InMemoryContactStore((userId) => this.users.has(userId));
    this.todo = new InMemoryTodoStore((userId) => this.users.has(userId));
    this.files = new InMemoryFilesStore(
      (userId) => {
        const user = this.users.get(userId);
        if (!user) return undefined;
        const personal = this.tenants.get(user.tenantId)?.kind === 'personal';
        const actor = { id: user.id, displayName: user.displayName, ...(personal ? {} : { email: user.mail ?? user.userPrincipalName }) };
        return { actor, tenantId: user.tenantId, personal, userPrincipalName: user.userPrincipalName };
      },
      (tenantId) => {
        const domains = this.tenants.get(tenantId)?.domains ?? [];
        const initial = domains.find((domain) => domain.endsWith('.onmicrosoft.com')) ?? domains[0] ?? tenantId;
        return initial.split('.')[0]!.toLowerCase();
      },
    );
    this.reset();
  }

  reset(): void {
    this.config = { ...DEFAULT_CONFIG, ...this.initialConfig };
    this.tenants = new Map(DEMO_TENANTS.map((tenant) => [tenant.id, clone(tenant)]));
    this.users = new Map(DEMO_USERS.map((user) => [user.id, clone(user)]));
    this.apps = new Map([[DEMO_APP.clientId, clone(DEMO_APP)]]);
    this.pending.clear();
    this.codes.clear();
    this.refreshTokens.clear();
    this.tokenLog = [];
    this.adminConsents.clear();
    this.userConsents.clear();
    this.outlookLimits.reset();
    this.mail.reset();
    this.outbound.reset();
    this.subscriptions.reset();
    this.calendar.reset();
    this.mailboxSettings.reset();
    this.onlineMeetings.reset();
    this.contacts.reset();
    this.todo.reset();
    this.files.reset();
    this.seedMail?.(this);
  }

  /**
   * Everything the emulator knows, for a restart to pick up where it stopped: tenants, users, consents, refresh
   * tokens, mailboxes and subscriptions. Listeners stay with the running process.
   */
  exportState(): object {
    const state: IdentityState = {
      config: this.config,
      tenants: this.tenants,
      users: this.users,
      apps: this.apps,
      pending: this.pending,
      codes: this.codes,
      refreshTokens: this.refreshTokens,
      tokenLog: this.tokenLog,
      adminConsents: this.adminConsents,
      userConsents: this.userConsents,
      outlookLimits: this.outlookLimits.exportState(),
      mail: this.mail.exportState(),
      subscriptions: this.subscriptions.exportState(),
      calendar: this.calendar.exportState(),
      contacts: this.contacts.exportState(),
      todo: this.todo.exportState(),
      files: this.files.exportState(),
      outbound: this.outbound.exportState(),
      mailboxSettings: this.mailboxSettings.exportState(),
      onlineMeetings: this.onlineMeetings.exportState(),
    };
    return state;
  }

  importState(state: object): void {
    const restored = state as IdentityState;
    this.config = restored.config;
    this.tenants = restored.tenants;
    this.users = restored.users;
    this.apps = restored.apps;
    this.pending = restored.pending;
    this.codes = restored.codes;
    this.refreshTokens = restored.refreshTokens;
    this.tokenLog = restored.tokenLog;
    this.adminConsents = restored.adminConsents;
    this.userConsents = restored.userConsents;
    this.outlookLimits.importState(restored.outlookLimits ?? { settings: (restored.mail as { settings: object }).settings });
    this.mail.importState(restored.mail);
    this.subscriptions.importState(restored.subscriptions);
    this.calendar.importState(restored.calendar ?? {});
    this.contacts.importState(restored.contacts ?? {});
    this.todo.importState(restored.todo ?? {});
    this.files.importState(restored.files ?? {});
    this.outbound.importState(restored.outbound);
    this.mailboxSettings.importState(restored.mailboxSettings);
    this.onlineMeetings.importState(restored.onlineMeetings);
  }

  getConfig(): EmulatorConfig {
    return { ...this.config };
  }

  updateConfig(patch: Partial<EmulatorConfig>): EmulatorConfig {
    for (const key of Object.keys(DEFAULT_CONFIG) as (keyof EmulatorConfig)[]) {
      const value = patch[key];
      if (value === undefined) continue;
      if (typeof value !== typeof DEFAULT_CONFIG[key]) throw new TypeError(`config.${key} must be a ${typeof DEFAULT_CONFIG[key]}`);
      if (typeof value === 'number' && !(value > 0)) throw new TypeError(`config.${key} must be positive`);
      (this.config as unknown as Record<string, unknown>)[key] = value;
    }
    return this.getConfig();
  }

  listTenants(): TenantRecord[] {
    return [...this.tenants.values()].map(clone);
  }

  findTenant(idOrDomain: string): TenantRecord | undefined {
    const key = lower(idOrDomain);
    const found = [...this.tenants.values()].find((t) => t.id === key || t.domains.some((d) => lower(d) === key));
    return found && clone(found);
  }

  addTenant(input: NewTenantInput): TenantRecord {
    if (!input.displayName || !Array.isArray(input.domains) || input.domains.length === 0) {
      throw new TypeError('a tenant needs displayName and at least one domain');
    }
    const tenant: TenantRecord = {
      id: lower(input.id ?? randomUUID()),
      displayName: input.displayName,
      domains: input.domains.map(lower),
      kind: input.kind ?? 'organization',
      ...(input.adminOnlyPermissions ? { adminOnlyPermissions: checkedPermissions(input.adminOnlyPermissions) } : {}),
    };
    const clash = tenant.domains.find((domain) => this.findTenant(domain));
    if (this.tenants.has(tenant.id) || clash) throw new TypeError(`tenant ${clash ?? tenant.id} already exists`);
    this.tenants.set(tenant.id, tenant);
    return clone(tenant);
  }

  listUsers(tenantId?: string): UserRecord[] {
    return [...this.users.values()].filter((u) => !tenantId || u.tenantId === tenantId).map(clone);
  }

  findUser(idOrUpn: string): UserRecord | undefined {
    const key = lower(idOrUpn);
    const found = [...this.users.values()].find(
      (u) =>
        u.id === key ||
        lower(u.userPrincipalName) === key ||
        (u.mail !== null && lower(u.mail) === key) ||
        u.otherMails.some((m) => lower(m) === key),
    );
    return found && clone(found);
  }

  addUser(input: NewUserInput): UserRecord {
    const upn = input.userPrincipalName;
    if (!upn || !upn.includes('@')) throw new TypeError('a user needs a userPrincipalName like name@domain');
    const tenant = this.findTenant(input.tenant ?? upn.split('@')[1]!);
    if (!tenant) throw new TypeError(`no tenant for ${input.tenant ?? upn}`);
    if (this.findUser(upn)) throw new TypeError(`user ${upn} already exists`);
    const [localPart] = upn.split('@');
    const user: UserRecord = {
      id: lower(input.id ?? randomUUID()),
      tenantId: tenant.id,
      displayName: input.displayName ?? localPart!,
      givenName: input.givenName ?? input.displayName?.split(' ')[0] ?? localPart!,
      surname: input.surname ?? input.displayName?.split(' ').slice(1).join(' ') ?? '',
      mail: input.mail === undefined ? (tenant.kind === 'personal' ? null : upn) : input.mail,
      userPrincipalName: upn,
      otherMails: input.otherMails ?? [],
      jobTitle: input.jobTitle ?? null,
      isAdmin: input.isAdmin ?? false,
      ...(input.directoryRoles === undefined ? {} : { directoryRoles: checkedRoleTemplateIds(input.directoryRoles) }),
    };
    this.users.set(user.id, user);
    return clone(user);
  }

  listApps(): AppRegistrationRecord[] {
    return [...this.apps.values()].map(clone);
  }

  getApp(clientId: string): AppRegistrationRecord | undefined {
    const app = this.apps.get(lower(clientId));
    return app && clone(app);
  }

  setAppSecret(clientId: string, clientSecret: string): AppRegistrationRecord {
    const app = this.apps.get(lower(clientId));
    if (!app) throw new TypeError(`no app ${clientId}`);
    if (typeof clientSecret !== 'string' || clientSecret.length < 8) throw new TypeError('a client secret has at least 8 characters');
    app.clientSecret = clientSecret;
    return clone(app);
  }

  setUserConsentPolicy(tenantIdOrDomain: string, policy: UserConsentPolicy): TenantRecord {
    if (policy !== 'allowed' && policy !== 'admin-only') throw new TypeError('userConsent must be allowed or admin-only');
    const found = this.findTenant(tenantIdOrDomain);
    const tenant = found && this.tenants.get(found.id);
    if (!tenant) throw new TypeError(`no tenant ${tenantIdOrDomain}`);
    tenant.userConsent = policy;
    return clone(tenant);
  }

  setAdminOnlyPermissions(tenantIdOrDomain: string, permissions: string[]): TenantRecord {
    const found = this.findTenant(tenantIdOrDomain);
    const tenant = found && this.tenants.get(found.id);
    if (!tenant) throw new TypeError(`no tenant ${tenantIdOrDomain}`);
    if (tenant.kind === 'personal') throw new TypeError('personal accounts have no tenant consent policy');
    tenant.adminOnlyPermissions = checkedPermissions(permissions);
    return clone(tenant);
  }

  setUserDirectoryRoles(userIdOrUpn: string, roleTemplateIds: string[]): UserRecord {
    const found = this.findUser(userIdOrUpn);
    const user = found && this.users.get(found.id);
    if (!user) throw new TypeError(`no user ${userIdOrUpn}`);
    if (this.tenants.get(user.tenantId)?.kind === 'personal') throw new TypeError('personal accounts hold no directory roles');
    user.directoryRoles = checkedRoleTemplateIds(roleTemplateIds);
    return clone(user);
  }

  setAppGroupMembershipClaims(clientId: string, claims: AppRegistrationRecord['groupMembershipClaims']): AppRegistrationRecord {
    const app = this.apps.get(lower(clientId));
    if (!app) throw new TypeError(`no app ${clientId}`);
    app.groupMembershipClaims = checkedGroupMembershipClaims(claims);
    return clone(app);
  }

  registerApp(input: NewAppInput): AppRegistrationRecord {
    if (!Array.isArray(input.redirectUris) || input.redirectUris.length === 0) {
      throw new TypeError('an app needs at least one redirect URI');
    }
    const requiredScopes = normalizeScopes(input.requiredScopes ?? DEMO_APP.requiredScopes);
    const app: AppRegistrationRecord = {
      clientId: lower(input.clientId ?? randomUUID()),
      clientSecret: input.clientSecret ?? randomUUID(),
      displayName: input.displayName ?? 'Test application',
      redirectUris: [...input.redirectUris],
      requiredScopes,
      apiPermissions: normalizeScopes([...requiredScopes, ...(input.apiPermissions ?? DEMO_APP.apiPermissions)]),
      groupMembershipClaims: checkedGroupMembershipClaims(input.groupMembershipClaims ?? 'None'),
    };
    this.apps.set(app.clientId, app);
    return clone(app);
  }

  savePendingRequest(request: PendingRequestRecord): void {
    this.pending.set(request.id, clone(request));
  }

  getPendingRequest(id: string): PendingRequestRecord | undefined {
    const request = this.pending.get(id);
    return request && clone(request);
  }

  deletePendingRequest(id: string): void {
    this.pending.delete(id);
  }

  saveAuthCode(record: AuthCodeRecord): void {
    this.codes.set(record.code, clone(record));
  }

  getAuthCode(code: string): AuthCodeRecord | undefined {
    const record = this.codes.get(code);
    return record && clone(record);
  }

  markAuthCodeRedeemed(code: string, at: number): void {
    const record = this.codes.get(code);
    if (record) record.redeemedAt = at;
  }

  saveRefreshToken(record: RefreshTokenRecord): void {
    this.refreshTokens.set(record.tokenHash, clone(record));
  }

  getRefreshToken(tokenHash: string): RefreshTokenRecord | undefined {
    const record = this.refreshTokens.get(tokenHash);
    return record && clone(record);
  }

  touchRefreshToken(tokenHash: string, at: number): void {
    const record = this.refreshTokens.get(tokenHash);
    if (record) record.lastUsedAt = at;
  }

  revokeSessions(userIdOrUpn: string): number {
    const user = this.findUser(userIdOrUpn);
    if (!user) throw new TypeError(`no user ${userIdOrUpn}`);
    const now = Date.now();
    let count = 0;
    for (const record of this.refreshTokens.values()) {
      if (record.userId !== user.id || record.revokedAt !== undefined) continue;
      record.revokedAt = now;
      count += 1;
      const entry = this.tokenLog.find((e) => e.id === record.logId);
      if (entry) entry.revoked = true;
    }
    for (const listener of this.revocationListeners) {
      try {
        listener(user.id);
      } catch (error) {
        console.error('[graph-emulator] session revocation listener failed', error);
      }
    }
    return count;
  }

  onSessionsRevoked(listener: (userId: string) => void): () => void {
    this.revocationListeners.add(listener);
    return () => {
      this.revocationListeners.delete(listener);
    };
  }

  logIssuedToken(entry: IssuedTokenLogEntry): void {
    this.tokenLog.push(clone(entry));
  }

  listIssuedTokens(): IssuedTokenLogEntry[] {
    return this.tokenLog.map(clone);
  }

  grantAdminConsent(tenantId: string, clientId: string, scopes: string[], grantedBy: string): AdminConsentRecord {
    const key = `${tenantId}|${lower(clientId)}`;
    const previous = this.adminConsents.get(key)?.scopes ?? [];
    const record: AdminConsentRecord = {
      tenantId,
      clientId: lower(clientId),
      scopes: normalizeScopes([...previous, ...scopes]),
      grantedBy,
      grantedAt: Date.now(),
    };
    this.adminConsents.set(key, record);
    return clone(record);
  }

  listAdminConsents(): AdminConsentRecord[] {
    return [...this.adminConsents.values()].map(clone);
  }

  adminConsentedScopes(tenantId: string, clientId: string): string[] {
    return [...(this.adminConsents.get(`${tenantId}|${lower(clientId)}`)?.scopes ?? [])];
  }

  recordUserConsent(userId: string, clientId: string, decidedScopes: string[], grantedScopes: string[]): UserConsentRecord {
    const key = `${userId}|${lower(clientId)}`;
    const decided = new Set(normalizeScopes(decidedScopes));
    const kept = (this.userConsents.get(key)?.scopes ?? []).filter((scope) => !decided.has(scope));
    const scopes = normalizeScopes([...kept, ...grantedScopes]);
    const withdrawnScopes = (this.userConsents.get(key)?.withdrawnScopes ?? []).filter((scope) => !scopes.includes(scope));
    const record: UserConsentRecord = {
      userId,
      clientId: lower(clientId),
      scopes,
      ...(withdrawnScopes.length > 0 ? { withdrawnScopes } : {}),
      updatedAt: Date.now(),
    };
    this.userConsents.set(key, record);
    return clone(record);
  }

  listUserConsents(): UserConsentRecord[] {
    return [...this.userConsents.values()].map(clone);
  }

  userConsentedScopes(userId: string, clientId: string): string[] {
    return [...(this.userConsents.get(`${userId}|${lower(clientId)}`)?.scopes ?? [])];
  }

  withdrawUserConsent(userId: string, clientId: string, scope: string): UserConsentRecord | undefined {
    const key = `${userId}|${lower(clientId)}`;
    const current = this.userConsents.get(key);
    if (!current) return undefined;
    const [withdrawn] = normalizeScopes([scope]);
    const withdrawnScopes = normalizeScopes([...(current.withdrawnScopes ?? []), ...(current.scopes.includes(withdrawn!) ? [withdrawn!] : [])]);
    const record: UserConsentRecord = { ...current, scopes: current.scopes.filter((granted) => granted !== withdrawn), withdrawnScopes, updatedAt: Date.now() };
    this.userConsents.set(key, record);
    return clone(record);
  }
}

function checkedRoleTemplateIds(ids: unknown): string[] {
  if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string' || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id))) {
    throw new TypeError('directoryRoles must be an array of role template ids (GUIDs)');
  }
  return [...new Set(ids.map((id: string) => id.toLowerCase()))];
}

function checkedGroupMembershipClaims(claims: unknown): NonNullable<AppRegistrationRecord['groupMembershipClaims']> {
  if (!(GROUP_MEMBERSHIP_CLAIMS as readonly unknown[]).includes(claims)) throw new TypeError(`groupMembershipClaims must be one of ${GROUP_MEMBERSHIP_CLAIMS.join(', ')}`);
  return claims as NonNullable<AppRegistrationRecord['groupMembershipClaims']>;
}
