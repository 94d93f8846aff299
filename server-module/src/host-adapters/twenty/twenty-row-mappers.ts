import type { CalendarChannelRecord, ConnectedAccountRecord, MessageChannelRecord } from '@m365/shared-types';

type Row = Record<string, unknown>;

export const CONNECTED_ACCOUNT_COLUMNS = `"id", "workspaceId", "accountOwnerId", "provider", "handle", "handleAliases", "scopes", "authFailedAt", "lastCredentialsRefreshedAt", "createdAt"`;

export const MESSAGE_CHANNEL_COLUMNS = `"id", "connectedAccountId", "handle", "visibility", "isContactAutoCreationEnabled", "contactAutoCreationPolicy", "messageFolderImportPolicy", "excludeNonProfessionalEmails", "excludeGroupEmails", "isSyncEnabled", "syncStatus", "syncStage", "syncedAt"`;

export const CALENDAR_CHANNEL_COLUMNS = `"id", "connectedAccountId", "handle", "visibility", "isContactAutoCreationEnabled", "contactAutoCreationPolicy", "isSyncEnabled", "syncStatus", "syncStage", "syncedAt"`;

const toDate = (value: unknown): Date | null => (value == null ? null : new Date(value as string));

export function toConnectedAccount(row: Row): ConnectedAccountRecord {
  return {
    ...(row as unknown as ConnectedAccountRecord),
    handleAliases: (row.handleAliases as string[] | null) ?? [],
    scopes: (row.scopes as string[] | null) ?? [],
    authFailedAt: toDate(row.authFailedAt),
    lastCredentialsRefreshedAt: toDate(row.lastCredentialsRefreshedAt),
    createdAt: toDate(row.createdAt)!,
  };
}

export function toMessageChannel(row: Row): MessageChannelRecord {
  return { ...(row as unknown as MessageChannelRecord), syncedAt: toDate(row.syncedAt) };
}

export function toCalendarChannel(row: Row): CalendarChannelRecord {
  return { ...(row as unknown as CalendarChannelRecord), syncedAt: toDate(row.syncedAt) };
}
