import type { ConnectedAccountProvider, MessageChannelVisibility, CalendarChannelVisibility, MessageChannelContactAutoCreationPolicy, CalendarChannelContactAutoCreationPolicy, MessageFolderImportPolicy } from '../enums/channel-settings.enum.js';
import type { SyncStatus } from '../enums/sync-status.enum.js';
import type { MessageChannelSyncStage } from '../enums/message-channel-sync-stage.enum.js';
import type { CalendarChannelSyncStage } from '../enums/calendar-channel-sync-stage.enum.js';

export interface ConnectedAccountRecord {
  id: string;
  workspaceId: string;
  accountOwnerId: string;
  provider: ConnectedAccountProvider;
  handle: string;
  handleAliases: string[];
  scopes: string[];
  authFailedAt: Date | null;
  lastCredentialsRefreshedAt: Date | null;
  createdAt: Date;
}

export interface MessageChannelRecord {
  id: string;
  connectedAccountId: string;
  handle: string;
  visibility: MessageChannelVisibility;
  isContactAutoCreationEnabled: boolean;
  contactAutoCreationPolicy: MessageChannelContactAutoCreationPolicy;
  messageFolderImportPolicy: MessageFolderImportPolicy;
  excludeNonProfessionalEmails: boolean;
  excludeGroupEmails: boolean;
  isSyncEnabled: boolean;
  syncStatus: SyncStatus;
  syncStage: MessageChannelSyncStage;
  syncedAt: Date | null;
}

export interface CalendarChannelRecord {
  id: string;
  connectedAccountId: string;
  handle: string;
  visibility: CalendarChannelVisibility;
  isContactAutoCreationEnabled: boolean;
  contactAutoCreationPolicy: CalendarChannelContactAutoCreationPolicy;
  isSyncEnabled: boolean;
  syncStatus: SyncStatus;
  syncStage: CalendarChannelSyncStage;
  syncedAt: Date | null;
}

export interface UpsertConnectedAccountInput {
  workspaceId: string;
  accountOwnerId: string;
  provider: ConnectedAccountProvider;
  handle: string;
  handleAliases: string[];
  scopes: string[];
}

export type MessageChannelSettingsPatch = Partial<
  Pick<MessageChannelRecord, 'visibility' | 'isContactAutoCreationEnabled' | 'contactAutoCreationPolicy' | 'messageFolderImportPolicy' | 'excludeNonProfessionalEmails' | 'excludeGroupEmails' | 'isSyncEnabled'>
>;

export type CalendarChannelSettingsPatch = Partial<
  Pick<CalendarChannelRecord, 'visibility' | 'isContactAutoCreationEnabled' | 'contactAutoCreationPolicy' | 'isSyncEnabled'>
>;

/**
 * The host's connected accounts and their channels, in the host's own records.
 * Every method is scoped to one workspace; implementations must never cross it.
 */
export interface ConnectedAccountRecordsPort {
  /** Finds the account by (workspace, provider, handle) and updates it, or creates it. */
  upsertConnectedAccount(input: UpsertConnectedAccountInput): Promise<{ account: ConnectedAccountRecord; created: boolean }>;
  findConnectedAccount(workspaceId: string, connectedAccountId: string): Promise<ConnectedAccountRecord | null>;
  findConnectedAccountByHandle(workspaceId: string, provider: ConnectedAccountProvider, handle: string): Promise<ConnectedAccountRecord | null>;
  listConnectedAccounts(workspaceId: string, accountOwnerId: string, provider: ConnectedAccountProvider): Promise<ConnectedAccountRecord[]>;
  setAuthFailedAt(workspaceId: string, connectedAccountId: string, at: Date | null): Promise<void>;
  setCredentialsRefreshedAt(workspaceId: string, connectedAccountId: string, at: Date): Promise<void>;
  /** What Microsoft now grants the account (a token's `scope`), when it differs from what was recorded at connect. */
  setScopes(workspaceId: string, connectedAccountId: string, scopes: string[]): Promise<void>;
  /** Creates the channel in its initial stage if the account has none, otherwise leaves its settings as they are. */
  ensureMessageChannel(workspaceId: string, connectedAccountId: string, handle: string): Promise<MessageChannelRecord>;
  ensureCalendarChannel(workspaceId: string, connectedAccountId: string, handle: string): Promise<CalendarChannelRecord>;
  findMessageChannels(workspaceId: string, connectedAccountIds: string[]): Promise<MessageChannelRecord[]>;
  findCalendarChannels(workspaceId: string, connectedAccountIds: string[]): Promise<CalendarChannelRecord[]>;
  updateMessageChannelSettings(workspaceId: string, messageChannelId: string, patch: MessageChannelSettingsPatch): Promise<MessageChannelRecord | null>;
  updateCalendarChannelSettings(workspaceId: string, calendarChannelId: string, patch: CalendarChannelSettingsPatch): Promise<CalendarChannelRecord | null>;
  /** Removes the account, its channels and everything they brought into the host. */
  deleteConnectedAccount(workspaceId: string, connectedAccountId: string): Promise<void>;
}
