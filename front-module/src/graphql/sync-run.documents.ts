export const SYNC_RUNS_QUERY = `query MicrosoftSyncRuns($channelKind: MicrosoftSyncChannelKind!, $channelId: ID!, $limit: Int) {
  microsoftSyncRuns(channelKind: $channelKind, channelId: $channelId, limit: $limit) {
    id channelKind trigger outcome startedAt finishedAt passes durationMs created updated deleted foldersSynced foldersRestarted
    errorCode errorMessage action retryAt
  }
}`;
