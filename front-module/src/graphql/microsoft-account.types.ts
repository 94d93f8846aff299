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
