import type {
  ConflictBehavior, DriveItemRecord, DriveRecord, FileActor, FilesSettings, LinkScope, LinkType, SharingLinkRecord, SiteRecord, UploadSessionRecord,
} from './file-records.js';

/** A name clash the conflict behaviour `fail` refuses. */
export class NameConflictError extends TypeError {
  constructor(readonly existing: DriveItemRecord) {
    super(`an item named ${existing.name} already exists here`);
  }
}

export interface NewSiteInput {
  name: string;
  displayName?: string;
  description?: string;
  /** Document libraries besides the default "Documents". */
  libraries?: string[];
}

/** OneDrive and SharePoint per tenant: each user's drive (made on first use), sites and their libraries, items. */
export interface FilesStore {
  getSettings(): FilesSettings;
  updateSettings(patch: Partial<FilesSettings>): FilesSettings;

  /** The user's OneDrive, provisioned on first use: personal for a Microsoft account, business for a work one. */
  userDrive(userId: string): DriveRecord;
  getDrive(id: string): DriveRecord | undefined;
  listDrives(): DriveRecord[];

  listSites(tenantId: string): SiteRecord[];
  getSite(id: string): SiteRecord | undefined;
  /** By id, or by its URL name. */
  findSite(tenantId: string, idOrName: string): SiteRecord | undefined;
  addSite(tenantId: string, input: NewSiteInput): SiteRecord;

  getItem(driveId: string, id: string): DriveItemRecord | undefined;
  root(driveId: string): DriveItemRecord;
  /** The item `path` (`/a/b.txt`, already decoded) names below `fromId`; undefined when a segment is missing. */
  itemByPath(driveId: string, fromId: string, path: string): DriveItemRecord | undefined;
  /** Names from the root down, the root left out: `['Proposals', 'Q3.docx']`. */
  pathOf(item: DriveItemRecord): string[];
  children(driveId: string, folderId: string): DriveItemRecord[];
  childCount(driveId: string, folderId: string): number;
  /** Every item below `folderId` (not itself), depth first. */
  descendants(driveId: string, folderId: string): DriveItemRecord[];
  content(driveId: string, id: string): Buffer;

  createFolder(driveId: string, parentId: string, name: string, conflict: ConflictBehavior, by: FileActor): DriveItemRecord;
  /** A new file, or new content for the file of that name when `conflict` is replace. */
  putFile(driveId: string, parentId: string, name: string, bytes: Buffer, conflict: ConflictBehavior, by: FileActor, mimeType?: string): { item: DriveItemRecord; created: boolean };
  replaceContent(driveId: string, id: string, bytes: Buffer, by: FileActor): DriveItemRecord;
  /** Rename and move keep the id; a clash at the destination is a NameConflictError unless `conflict` says otherwise. */
  updateItem(driveId: string, id: string, patch: { name?: string; parentId?: string; description?: string }, by: FileActor, conflict?: ConflictBehavior): DriveItemRecord;
  /** Removes the item and everything below it. */
  deleteItem(driveId: string, id: string): void;
  /** Files the user changed most recently in their drive, newest first. */
  recent(userId: string, limit: number): DriveItemRecord[];

  createUploadSession(input: Omit<UploadSessionRecord, 'id' | 'secret' | 'chunks' | 'received' | 'expiresAt'>): UploadSessionRecord;
  getUploadSession(id: string): UploadSessionRecord | undefined;
  deleteUploadSession(id: string): void;

  /** A download address's token for the item's current content, valid for the download lifetime. */
  mintDownload(driveId: string, id: string): string;
  /** The item a download token stands for, while it is valid and the content unchanged. */
  resolveDownload(token: string): { driveId: string; itemId: string } | undefined;

  /** The item's link of that type and scope: made now (`created`), or the one it has. */
  createLink(driveId: string, itemId: string, type: LinkType, scope: LinkScope): { link: SharingLinkRecord; created: boolean };
  findLink(token: string): SharingLinkRecord | undefined;

  reset(): void;
  exportState(): object;
  importState(state: object): void;
}
