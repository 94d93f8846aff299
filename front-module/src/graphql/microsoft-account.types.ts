import type {
  CalendarChannelContactAutoCreationPolicy,
  CalendarChannelSyncStage,
  CalendarChannelVisibility,
  MessageChannelContactAutoCreationPolicy,
  MessageChannelSyncStage,
  MessageChannelVisibility,
  MessageFolderImportPolicy,
  MicrosoftAccountType,
  MicrosoftFeature,
  SyncStatus,
} from '@m365/shared-types';

/** How far the channel's import got, and why its last pass failed (null until its first pass starts). */
export interface MicrosoftSyncProgress {
  importedCount: number;
  estimatedTotal: number | null;
  lastErrorCode: string | null;
  /** The reason in plain words, for the member. */
  lastErrorMessage: string | null;
  lastErrorAt: string | null;
}

/** Real-time push: LIVE while a Graph subscription delivers changes, STARTING while subscribing, OFF when the periodic sync (every 5 minutes) carries the channel. */
export type MicrosoftPushStatus = 'LIVE' | 'STARTING' | 'OFF';

export interface MicrosoftPush {
  status: MicrosoftPushStatus;
  /** When the subscription lapses unless renewed (it renews itself well before). */
  expiresAt: string | null;
  lastNotificationAt: string | null;
  /** What Microsoft answered when subscribing last failed ("Code: message"). */
  lastError: string | null;
  /** Why the server's configuration cannot have real-time at all (no https webhook URL), in words; null when it can. */
  unavailableReason: string | null;
}

/** An Outlook folder of the channel; parentFolderId is the parent's externalId (null at the top level). */
export interface MicrosoftMessageFolder {
  id: string;
  name: string;
  parentFolderId: string | null;
  externalId: string;
  isSentFolder: boolean;
  isSynced: boolean;
  /** Outlook's drafts, deleted items, junk and outbox, and the folders under them, as the server found them. */
  isNeverImported: boolean;
  /** Outlook's Inbox, whatever its name in the mailbox's language. */
  isInbox: boolean;
}

/** The `microsoftAccounts` query's shape, as the plugin's GraphQL returns it. */
export interface MicrosoftMessageChannel {
  id: string;
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
  syncedAt: string | null;
  importProgress: MicrosoftSyncProgress | null;
  push: MicrosoftPush | null;
  messageFolders: MicrosoftMessageFolder[];
}

export interface MicrosoftCalendarChannel {
  id: string;
  handle: string;
  visibility: CalendarChannelVisibility;
  isContactAutoCreationEnabled: boolean;
  contactAutoCreationPolicy: CalendarChannelContactAutoCreationPolicy;
  isSyncEnabled: boolean;
  syncStatus: SyncStatus;
  syncStage: CalendarChannelSyncStage;
}

export interface MicrosoftAccount {
  id: string;
  handle: string;
  handleAliases: string[];
  accountType: MicrosoftAccountType;
  tenantId: string | null;
  scopes: string[];
  needsReconnect: boolean;
  authFailedAt: string | null;
  features: Array<{ feature: MicrosoftFeature; granted: boolean; missingScopes: string[] }>;
  messageChannel: MicrosoftMessageChannel | null;
  calendarChannel: MicrosoftCalendarChannel | null;
}

export type MessageChannelSettings = Partial<
  Pick<
    MicrosoftMessageChannel,
    | 'visibility'
    | 'isContactAutoCreationEnabled'
    | 'contactAutoCreationPolicy'
    | 'messageFolderImportPolicy'
    | 'excludeNonProfessionalEmails'
    | 'excludeGroupEmails'
    | 'isSyncEnabled'
  >
>;

export type CalendarChannelSettings = Partial<
  Pick<MicrosoftCalendarChannel, 'visibility' | 'isContactAutoCreationEnabled' | 'contactAutoCreationPolicy' | 'isSyncEnabled'>
>;
