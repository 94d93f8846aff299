/** OneDrive and SharePoint as the emulator keeps them: drives, their items, upload sessions, sharing links, sites. */

export type DriveType = 'personal' | 'business' | 'documentLibrary';
export type ConflictBehavior = 'fail' | 'replace' | 'rename';

/** Who did something (an identitySet's `user`). */
export interface FileActor {
  id: string;
  displayName: string;
  /** Work accounts' address; personal accounts' identity sets carry none. */
  email?: string;
}

export interface DriveRecord {
  id: string;
  driveType: DriveType;
  name: string;
  description: string;
  /** The user whose OneDrive it is; undefined for a site's library. */
  ownerUserId?: string;
  siteId?: string;
  /** Tenant of the drive (the personal-accounts tenant for personal drives). */
  tenantId: string;
  owner: FileActor;
  /**
   * The web address's path under the emulator's origin: `/onedrive` (personal drives, addressed by item id),
   * `/sharepoint/personal/{user}/Documents`, `/sharepoint/sites/{site}/Shared%20Documents`.
   */
  webPath: string;
  quotaTotal: number;
  createdDateTime: string;
  rootId: string;
}

export interface DriveItemRecord {
  id: string;
  driveId: string;
  /** undefined for the root. */
  parentId?: string;
  name: string;
  description?: string;
  folder: boolean;
  /** Files only. */
  mimeType?: string;
  size: number;
  /** Files only: the content's hashes, as the file facet gives them (base64 quickXor, hex SHA-1 and SHA-256). */
  hashes?: { quickXorHash: string; sha1Hash: string; sha256Hash: string };
  /** Bumped on every change (eTag). */
  version: number;
  /** Bumped on content changes only (cTag); a folder's on any change below it. */
  contentVersion: number;
  /** A stable key the tags are made from. */
  tagKey: string;
  createdDateTime: string;
  lastModifiedDateTime: string;
  createdBy: FileActor;
  lastModifiedBy: FileActor;
}

export interface UploadSessionRecord {
  id: string;
  /** The secret in the upload URL (it is pre-authenticated). */
  secret: string;
  driveId: string;
  parentId: string;
  name: string;
  /** When the session overwrites an item addressed by id (PUT to `items/{id}/createUploadSession`). */
  itemId?: string;
  conflictBehavior: ConflictBehavior;
  fileSize?: number;
  /** Bytes received so far, in order. */
  chunks: Buffer[];
  received: number;
  expiresAt: number;
  by: FileActor;
  userId: string;
}

export type LinkType = 'view' | 'edit' | 'embed';
export type LinkScope = 'anonymous' | 'organization' | 'users';

export interface SharingLinkRecord {
  id: string;
  driveId: string;
  itemId: string;
  type: LinkType;
  scope: LinkScope;
  token: string;
  createdDateTime: string;
}

export interface SiteRecord {
  /** `{host},{site collection id},{web id}` */
  id: string;
  tenantId: string;
  /** URL name (`/sites/{name}`). */
  name: string;
  displayName: string;
  description: string;
  createdDateTime: string;
  lastModifiedDateTime: string;
  /** Its document libraries; the first is the default one (`/sites/{id}/drive`). */
  driveIds: string[];
}

/** Knobs, with their documented defaults. */
export interface FilesSettings {
  /** `PUT …/content` takes files up to this size (the simple upload page says 250 MB). */
  simpleUploadMaxBytes: number;
  /** Upload session chunks are multiples of this (320 KiB), but for the last one. */
  chunkMultipleBytes: number;
  /** Each PUT to an upload URL is smaller than this (60 MiB). */
  maxChunkBytes: number;
  uploadSessionLifetimeSeconds: number;
  /** `@microsoft.graph.downloadUrl` lasts about an hour. */
  downloadUrlLifetimeSeconds: number;
}

export const DEFAULT_FILES_SETTINGS: Readonly<FilesSettings> = {
  simpleUploadMaxBytes: 250 * 1024 * 1024,
  chunkMultipleBytes: 320 * 1024,
  maxChunkBytes: 60 * 1024 * 1024,
  uploadSessionLifetimeSeconds: 24 * 3600,
  downloadUrlLifetimeSeconds: 3600,
};
