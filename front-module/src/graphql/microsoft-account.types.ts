import type { ContactCreationPolicy } from '@m365/shared-types';
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

/** An Outlook calendar of the channel: the account's own, or one shared with it. */
export interface MicrosoftCalendar {
  id: string;
  name: string;
  externalId: string;
  /** Outlook's colour name (auto, lightBlue, …). */
  color: string | null;
  /** #RRGGBB when the user picked a colour in Outlook. */
  hexColor: string | null;
  /** Who shared it, for a calendar shared with this account. */
  ownerAddress: string | null;
  isDefaultCalendar: boolean;
  canEdit: boolean;
  isOwn: boolean;
  isSynced: boolean;
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
  /** Real-time push of Outlook calendar changes (a subscription on /me/events). */
  push: MicrosoftPush | null;
  syncedAt: string | null;
  importProgress: MicrosoftSyncProgress | null;
  calendars: MicrosoftCalendar[];
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
  /** Disconnect under way: shown as "Disconnecting…", nothing of it can be changed. */
  disconnecting: boolean;
  features: Array<{ feature: MicrosoftFeature; granted: boolean; missingScopes: string[] }>;
  messageChannel: MicrosoftMessageChannel | null;
  calendarChannel: MicrosoftCalendarChannel | null;
  /** Outlook contacts ↔ people; null while the account has not granted Contacts.ReadWrite. */
  contactSync: MicrosoftContactSync | null;
}

export type ContactSyncStatus = 'NOT_SYNCED' | 'ONGOING' | 'ACTIVE' | 'FAILED_INSUFFICIENT_PERMISSIONS' | 'FAILED_UNKNOWN';

export interface MicrosoftContactConflict {
  id: string;
  personId: string | null;
  field: ContactSyncField;
  keptSide: 'CRM' | 'OUTLOOK';
  /** JSON: a text, or a list for emails and phones. */
  keptValue: string | null;
  lostValue: string | null;
  crmEditedAt: string;
  outlookModifiedAt: string;
  createdAt: string;
}

export type ContactSyncField = 'FIRST_NAME' | 'LAST_NAME' | 'EMAILS' | 'PHONES' | 'JOB_TITLE' | 'COMPANY_NAME';

export interface MicrosoftContactSync {
  id: string;
  syncStatus: ContactSyncStatus;
  syncStartedAt: string | null;
  syncedAt: string | null;
  lastErrorMessage: string | null;
  creationPolicy: ContactCreationPolicy;
  folderExternalId: string | null;
  linkedCount: number;
  createdCount: number;
  pendingWrites: number;
  folders: Array<{ externalId: string; name: string; parentExternalId: string | null }>;
  push: MicrosoftPush;
  conflicts: MicrosoftContactConflict[];
}

export interface ContactSyncSettings {
  creationPolicy?: ContactCreationPolicy;
  folderExternalId?: string | null;
  allFolders?: boolean;
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
