const MESSAGE_FOLDER_FIELDS = `id name parentFolderId externalId isSentFolder isSynced isNeverImported isInbox`;
const MESSAGE_CHANNEL_FIELDS = `id handle visibility isContactAutoCreationEnabled contactAutoCreationPolicy messageFolderImportPolicy
  excludeNonProfessionalEmails excludeGroupEmails isSyncEnabled syncStatus syncStage syncedAt
  importProgress { importedCount estimatedTotal lastErrorCode lastErrorMessage lastErrorAt }
  push { status expiresAt lastNotificationAt lastError unavailableReason }
  messageFolders { ${MESSAGE_FOLDER_FIELDS} }`;
const CALENDAR_CHANNEL_FIELDS = `id handle visibility isContactAutoCreationEnabled contactAutoCreationPolicy isSyncEnabled syncStatus syncStage`;

export const MICROSOFT_ACCOUNTS_QUERY = `query MicrosoftAccounts {
  microsoftAccounts {
    id handle handleAliases accountType tenantId scopes needsReconnect authFailedAt
    features { feature granted missingScopes }
    messageChannel { ${MESSAGE_CHANNEL_FIELDS} }
    calendarChannel { ${CALENDAR_CHANNEL_FIELDS} }
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

export const SET_MESSAGE_FOLDER_SYNCED_MUTATION = `mutation SetMicrosoftMessageFolderSynced($messageChannelId: ID!, $messageFolderId: ID!, $isSynced: Boolean!) {
  setMicrosoftMessageFolderSynced(messageChannelId: $messageChannelId, messageFolderId: $messageFolderId, isSynced: $isSynced) { ${MESSAGE_FOLDER_FIELDS} }
}`;
