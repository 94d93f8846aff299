export type RecordFileState = 'AVAILABLE' | 'GONE' | 'UNREACHABLE';
export type SharePointAccessState = 'AVAILABLE' | 'CAN_AUTHORIZE' | 'ASK_ADMINISTRATOR' | 'NOT_AVAILABLE';

export interface RecordFile {
  id: string;
  name: string;
  webUrl: string | null;
  size: number | null;
  mimeType: string | null;
  isFolder: boolean;
  lastModifiedAt: string | null;
  state: RecordFileState;
  reason: string | null;
  source: 'ONEDRIVE' | 'SHAREPOINT';
  attachedByMe: boolean;
}

export interface DriveItem {
  driveId: string;
  itemId: string;
  name: string;
  webUrl: string | null;
  size: number | null;
  isFolder: boolean;
  childCount: number | null;
  lastModifiedAt: string | null;
  driveType: string;
}

export interface FilesAccess {
  oneDrive: boolean;
  oneDriveReason: string | null;
  sharePoint: SharePointAccessState;
  sharePointMessage: string;
  sharePointAskFor: string | null;
  sharePointAuthorizedBy: string | null;
  sharePointAuthorizedAt: string | null;
}

export interface FilesAccount {
  id: string;
  handle: string;
  accountType: string;
  disconnecting: boolean;
  filesAccess: FilesAccess;
}

export interface SharePointSite {
  id: string;
  name: string;
  webUrl: string | null;
}

export interface DocumentLibrary {
  driveId: string;
  name: string;
  webUrl: string | null;
}
