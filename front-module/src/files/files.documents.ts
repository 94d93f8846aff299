const RECORD_FILE_FIELDS = 'id name webUrl size mimeType isFolder lastModifiedAt state reason source attachedByMe';
const ITEM_FIELDS = 'driveId itemId name webUrl size isFolder childCount lastModifiedAt driveType';
export const FILES_ACCESS_FIELDS = 'filesAccess { oneDrive oneDriveReason sharePoint sharePointMessage sharePointAskFor sharePointAuthorizedBy sharePointAuthorizedAt }';

export const FILES_ACCOUNTS_QUERY = `query MicrosoftFilesAccounts { microsoftAccounts { id handle accountType disconnecting ${FILES_ACCESS_FIELDS} } }`;

export const RECORD_FILES_QUERY = `query MicrosoftRecordFiles($objectName: MicrosoftRecordObject!, $recordId: ID!) {
  microsoftRecordFiles(objectName: $objectName, recordId: $recordId) { ${RECORD_FILE_FIELDS} }
}`;

export const DRIVE_CHILDREN_QUERY = `query MicrosoftDriveChildren($connectedAccountId: ID!, $driveId: String, $itemId: String) {
  microsoftDriveChildren(connectedAccountId: $connectedAccountId, driveId: $driveId, itemId: $itemId) { folder { ${ITEM_FIELDS} } items { ${ITEM_FIELDS} } }
}`;

export const DRIVE_SEARCH_QUERY = `query MicrosoftDriveSearch($connectedAccountId: ID!, $search: String!, $driveId: String) {
  microsoftDriveSearch(connectedAccountId: $connectedAccountId, search: $search, driveId: $driveId) { ${ITEM_FIELDS} }
}`;

export const DRIVE_RECENT_QUERY = `query MicrosoftDriveRecent($connectedAccountId: ID!) { microsoftDriveRecent(connectedAccountId: $connectedAccountId) { ${ITEM_FIELDS} } }`;

export const SHAREPOINT_SITES_QUERY = `query MicrosoftSharePointSites($connectedAccountId: ID!, $search: String!) {
  microsoftSharePointSites(connectedAccountId: $connectedAccountId, search: $search) { id name webUrl }
}`;

export const SHAREPOINT_LIBRARIES_QUERY = `query MicrosoftSharePointLibraries($connectedAccountId: ID!, $siteId: String!) {
  microsoftSharePointLibraries(connectedAccountId: $connectedAccountId, siteId: $siteId) { driveId name webUrl }
}`;

export const CREATE_FOLDER_MUTATION = `mutation CreateMicrosoftDriveFolder($connectedAccountId: ID!, $name: String!, $parentDriveId: String, $parentItemId: String) {
  createMicrosoftDriveFolder(connectedAccountId: $connectedAccountId, name: $name, parentDriveId: $parentDriveId, parentItemId: $parentItemId) { ${ITEM_FIELDS} }
}`;

export const ATTACH_FILE_MUTATION = `mutation AttachMicrosoftFile($connectedAccountId: ID!, $objectName: MicrosoftRecordObject!, $recordId: ID!, $driveId: String!, $itemId: String!) {
  attachMicrosoftFile(connectedAccountId: $connectedAccountId, objectName: $objectName, recordId: $recordId, driveId: $driveId, itemId: $itemId) { ${RECORD_FILE_FIELDS} }
}`;

export const REMOVE_FILE_LINK_MUTATION = `mutation RemoveMicrosoftFileLink($fileLinkId: ID!) { removeMicrosoftFileLink(fileLinkId: $fileLinkId) }`;
