/** A driveItem as the plugin keeps it: Graph's shape (https://learn.microsoft.com/graph/api/resources/driveitem) reduced to what a picker and a link need. */
export interface DriveItemRef {
  driveId: string;
  itemId: string;
  driveType: string;
  name: string;
  webUrl: string | null;
  size: number | null;
  mimeType: string | null;
  isFolder: boolean;
  childCount: number | null;
  lastModifiedAt: Date | null;
  /** The folder path under the drive's root, as Graph's parentReference.path gives it ("/drive/root:/Clients"). */
  parentPath: string | null;
}

export interface SharePointSiteRef {
  id: string;
  name: string;
  webUrl: string | null;
}

export interface DocumentLibraryRef {
  driveId: string;
  name: string;
  webUrl: string | null;
}

/** Graph's driveItem JSON, the fields read here. */
export interface GraphDriveItem {
  id: string;
  name?: string;
  webUrl?: string;
  size?: number;
  lastModifiedDateTime?: string;
  file?: { mimeType?: string } | null;
  folder?: { childCount?: number } | null;
  deleted?: unknown;
  parentReference?: { driveId?: string; driveType?: string; id?: string; path?: string } | null;
  /** Items of another drive (shared, or recent in another drive) carry their own facts here. */
  remoteItem?: GraphDriveItem | null;
}

/** A Graph driveItem as a DriveItemRef; `fallbackDriveId` when the answer has no parentReference (the root). */
export function toDriveItemRef(item: GraphDriveItem, fallbackDriveId: string | null = null, fallbackDriveType = 'personal'): DriveItemRef | null {
  const source = item.remoteItem ?? item;
  const driveId = source.parentReference?.driveId ?? item.parentReference?.driveId ?? fallbackDriveId;
  if (!driveId || !source.id) return null;
  return {
    driveId,
    itemId: source.id,
    driveType: source.parentReference?.driveType ?? item.parentReference?.driveType ?? fallbackDriveType,
    name: source.name ?? item.name ?? '',
    webUrl: source.webUrl ?? item.webUrl ?? null,
    size: typeof (source.size ?? item.size) === 'number' ? (source.size ?? item.size)! : null,
    mimeType: source.file?.mimeType ?? null,
    isFolder: Boolean(source.folder ?? item.folder),
    childCount: source.folder?.childCount ?? null,
    lastModifiedAt: source.lastModifiedDateTime ? new Date(source.lastModifiedDateTime) : null,
    parentPath: source.parentReference?.path ?? null,
  };
}
