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
  UserConsentPolicy,
  UserConsentRecord,
  UserRecord,
} from './emulator-records.js';
import type { CalendarStore } from './calendar/calendar-store.js';
import type { ContactStore } from './contacts/contact-store.js';
import type { TodoStore } from './todo/todo-store.js';
import type { FilesStore } from './files/files-store.js';
import type { MailStore } from './mail/mail-store.js';
import type { InMemoryOutboundStore } from './mail/outbound/in-memory-outbound-store.js';
import type { InMemoryMailboxSettingsStore } from './mailbox-settings/in-memory-mailbox-settings-store.js';
import type { InMemoryOnlineMeetingStore } from './online-meetings/in-memory-online-meeting-store.js';
import type { OutlookLimitsStore } from './outlook-limits/outlook-limits-store.js';
import type { SubscriptionStore } from './subscription-store.js';

/** Everything the emulator remembers. Synchronous so tests can poke it directly. */
export interface EmulatorStore {
  /** Outlook's request limits per (app, mailbox), shared by every mailbox resource: throttling, faults, counters. */
  readonly outlookLimits: OutlookLimitsStore;
  /** The mailbox part: mailboxes, folders, messages, delta change logs and the delta knobs. */
  readonly mail: MailStore;
  /** Mail leaving mailboxes: sending limits, what left the tenant, automatic replies. */
  readonly outbound: InMemoryOutboundStore;
  /** Change notifications: subscriptions, their knobs, the emulator clock and the delivery log. */
  readonly subscriptions: SubscriptionStore;
  /** Calendars and events per mailbox, and their calendarView delta change logs. */
  readonly calendar: CalendarStore;
  /** Time zone, working hours, language and formats per mailbox (automatic replies are the outbound store's). */
  readonly mailboxSettings: InMemoryMailboxSettingsStore;
  /** Standalone Teams meetings (POST /me/onlineMeetings) per organizer. */
  readonly onlineMeetings: InMemoryOnlineMeetingStore;
  /** Contact folders and contacts per mailbox, and their delta change logs. */
  readonly contacts: ContactStore;
  /** Microsoft To Do lists and tasks per mailbox, and their delta change logs. */
  readonly todo: TodoStore;
  /** OneDrive and SharePoint: each user's drive, sites with their document libraries, items and upload sessions. */
  readonly files: FilesStore;

  /** Back to the seed: drops every token, code, consent, mailbox and added record; restores the initial config. */
  reset(): void;

  getConfig(): EmulatorConfig;
  updateConfig(patch: Partial<EmulatorConfig>): EmulatorConfig;

  listTenants(): TenantRecord[];
  /** By tenant id or verified domain (case-insensitive). */
  findTenant(idOrDomain: string): TenantRecord | undefined;
  addTenant(input: NewTenantInput): TenantRecord;
  setUserConsentPolicy(tenantIdOrDomain: string, policy: UserConsentPolicy): TenantRecord;
  /** The permissions users may not consent to themselves in this tenant (its consent policy); replaces the list. */
  setAdminOnlyPermissions(tenantIdOrDomain: string, permissions: string[]): TenantRecord;

  listUsers(tenantId?: string): UserRecord[];
  /** By object id, UPN, mail or one of otherMails (case-insensitive). */
  findUser(idOrUpn: string): UserRecord | undefined;
  addUser(input: NewUserInput): UserRecord;

  listApps(): AppRegistrationRecord[];
  getApp(clientId: string): AppRegistrationRecord | undefined;
  registerApp(input: NewAppInput): AppRegistrationRecord;
  /** The manifest's `groupMembershipClaims` (what the `wids` claim depends on). */
  setAppGroupMembershipClaims(clientId: string, claims: AppRegistrationRecord['groupMembershipClaims']): AppRegistrationRecord;
  /** Replaces the user's directory roles (role template ids). */
  setUserDirectoryRoles(userIdOrUpn: string, roleTemplateIds: string[]): UserRecord;
  /** A new client secret, as rotating it in Entra does: the old one is refused from then on (AADSTS7000215). */
  setAppSecret(clientId: string, clientSecret: string): AppRegistrationRecord;

  savePendingRequest(request: PendingRequestRecord): void;
  getPendingRequest(id: string): PendingRequestRecord | undefined;
  deletePendingRequest(id: string): void;

  saveAuthCode(record: AuthCodeRecord): void;
  getAuthCode(code: string): AuthCodeRecord | undefined;
  markAuthCodeRedeemed(code: string, at: number): void;

  saveRefreshToken(record: RefreshTokenRecord): void;
  getRefreshToken(tokenHash: string): RefreshTokenRecord | undefined;
  touchRefreshToken(tokenHash: string, at: number): void;
  /** Revokes every refresh token of the user (what a password change or an admin "revoke sessions" does). */
  revokeSessions(userIdOrUpn: string): number;
  /** Calls `listener` with the user's id after each `revokeSessions`; survives `reset()`. Returns an unsubscribe function. */
  onSessionsRevoked(listener: (userId: string) => void): () => void;

  logIssuedToken(entry: IssuedTokenLogEntry): void;
  listIssuedTokens(): IssuedTokenLogEntry[];

  grantAdminConsent(tenantId: string, clientId: string, scopes: string[], grantedBy: string): AdminConsentRecord;
  listAdminConsents(): AdminConsentRecord[];
  adminConsentedScopes(tenantId: string, clientId: string): string[];

  /** Replaces the user's decision for `decidedScopes`; earlier decisions on other scopes are kept. */
  recordUserConsent(userId: string, clientId: string, decidedScopes: string[], grantedScopes: string[]): UserConsentRecord;
  listUserConsents(): UserConsentRecord[];
  userConsentedScopes(userId: string, clientId: string): string[];
  /** The user removes one permission from the app's grant (their account's app permissions page); undefined when none. */
  withdrawUserConsent(userId: string, clientId: string, scope: string): UserConsentRecord | undefined;
}
