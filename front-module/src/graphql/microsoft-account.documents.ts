const MESSAGE_FOLDER_FIELDS = `id name parentFolderId externalId isSentFolder isSynced isNeverImported isInbox`;
const PUSH_FIELDS = `push { status expiresAt lastNotificationAt lastError unavailableReason }`;
const MESSAGE_CHANNEL_FIELDS = `id handle visibility isContactAutoCreationEnabled contactAutoCreationPolicy messageFolderImportPolicy
  excludeNonProfessionalEmails excludeGroupEmails isSyncEnabled syncStatus syncStage syncedAt
  importProgress { importedCount estimatedTotal lastErrorCode lastErrorMessage lastErrorAt }
  ${PUSH_FIELDS}
  messageFolders { ${MESSAGE_FOLDER_FIELDS} }`;
const CALENDAR_FIELDS = `id name externalId color hexColor ownerAddress isDefaultCalendar canEdit isOwn isSynced`;
const CALENDAR_CHANNEL_FIELDS = `id handle visibility isContactAutoCreationEnabled contactAutoCreationPolicy isSyncEnabled syncStatus syncStage syncedAt
  importProgress { importedCount estimatedTotal lastErrorCode lastErrorMessage lastErrorAt }
  calendars { ${CALENDAR_FIELDS} }
  ${PUSH_FIELDS}`;

const CONTACT_SYNC_FIELDS = `id syncStatus syncStartedAt syncedAt lastErrorMessage creationPolicy folderExternalId linkedCount createdCount pendingWrites
  folders { externalId name parentExternalId }
  ${PUSH_FIELDS}
  conflicts { id personId field keptSide keptValue lostValue crmEditedAt outlookModifiedAt createdAt }`;

export const MICROSOFT_ACCOUNTS_QUERY = `query MicrosoftAccounts {
  microsoftAccounts {
    id handle handleAliases accountType tenantId scopes needsReconnect authFailedAt disconnecting
    features { feature granted missingScopes }
    messageChannel { ${MESSAGE_CHANNEL_FIELDS} }
    calendarChannel { ${CALENDAR_CHANNEL_FIELDS} }
    contactSync { ${CONTACT_SYNC_FIELDS} }
  }
}`;

export const CREATE_CONNECT_LINK_MUTATION = `mutation CreateMicrosoftConnectLink($redirectLocation: String) {
  createMicrosoftConnectLink(redirectLocation: $redirectLocation) { url expiresAt }
}`;

export const DISCONNECT_ACCOUNT_MUTATION = `mutation DisconnectMicrosoftAccount($connectedAccountId: ID!) {
  disconnectMicrosoftAccount(connectedAccountId: $connectedAccountId)
}`;

export const UPDATE_MESSAGE_CHANNEL_MUTATION = `mutation UpdateMicrosoftMessageChannelSettings($id: ID!, $input: MicrosoftMessageChannelSettingsInput!) {
  updateMicrosoftMessageChannelSettings(messageChannelId: $id, input: $input) { ${MESSAGE_CHANNEL_FIELDS} }
}`;

export const UPDATE_CALENDAR_CHANNEL_MUTATION = `mutation UpdateMicrosoftCalendarChannelSettings($id: ID!, $input: MicrosoftCalendarChannelSettingsInput!) {
  updateMicrosoftCalendarChannelSettings(calendarChannelId: $id, input: $input) { ${CALENDAR_CHANNEL_FIELDS} }
}`;

export const RETRY_MESSAGE_SYNC_MUTATION = `mutation RetryMicrosoftMessageSync($messageChannelId: ID!) {
  retryMicrosoftMessageSync(messageChannelId: $messageChannelId)
}`;

export const RETRY_CALENDAR_SYNC_MUTATION = `mutation RetryMicrosoftCalendarSync($calendarChannelId: ID!) {
  retryMicrosoftCalendarSync(calendarChannelId: $calendarChannelId)
}`;

export const SET_MESSAGE_FOLDER_SYNCED_MUTATION = `mutation SetMicrosoftMessageFolderSynced($messageChannelId: ID!, $messageFolderId: ID!, $isSynced: Boolean!) {
  setMicrosoftMessageFolderSynced(messageChannelId: $messageChannelId, messageFolderId: $messageFolderId, isSynced: $isSynced) { ${MESSAGE_FOLDER_FIELDS} }
}`;

export const SET_CALENDAR_SYNCED_MUTATION = `mutation SetMicrosoftCalendarSynced($calendarChannelId: ID!, $calendarId: ID!, $isSynced: Boolean!) {
  setMicrosoftCalendarSynced(calendarChannelId: $calendarChannelId, calendarId: $calendarId, isSynced: $isSynced) { ${CALENDAR_FIELDS} }
}`;

export const UPDATE_CONTACT_SYNC_MUTATION = `mutation UpdateMicrosoftContactSyncSettings($connectedAccountId: ID!, $input: MicrosoftContactSyncSettingsInput!) {
  updateMicrosoftContactSyncSettings(connectedAccountId: $connectedAccountId, input: $input) { ${CONTACT_SYNC_FIELDS} }
}`;

export const RETRY_CONTACT_SYNC_MUTATION = `mutation RetryMicrosoftContactSync($connectedAccountId: ID!) {
  retryMicrosoftContactSync(connectedAccountId: $connectedAccountId)
}`;
