import type { DriveItemRecord, DriveRecord, FileActor, SiteRecord } from '../store/files/file-records.js';
import type { FilesStore } from '../store/files/files-store.js';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64').replace(/=+$/, '');
const identitySet = (actor: FileActor) => ({ user: { ...(actor.email ? { email: actor.email } : {}), id: actor.id, displayName: actor.displayName } });
const encodePath = (names: string[]) => names.map((name) => encodeURIComponent(name)).join('/');

/** eTag (metadata and content) and cTag (content): OneDrive personal's are base64 text, business's GUID-based. */
export function itemTags(drive: DriveRecord, item: DriveItemRecord): { eTag: string; cTag?: string } {
  if (drive.driveType === 'personal') return { eTag: `a${b64(`${item.id}.${item.version}`)}`, cTag: `a${b64(`c:${item.id}.${item.contentVersion}`)}` };
  // OneDrive for Business and SharePoint give folders no cTag.
  return { eTag: `"{${item.tagKey}},${item.version}"`, ...(item.folder ? {} : { cTag: `"c:{${item.tagKey}},${item.contentVersion}"` }) };
}

export function itemWebUrl(origin: string, store: FilesStore, drive: DriveRecord, item: DriveItemRecord): string {
  if (drive.driveType === 'personal') return `${origin}${drive.webPath}/redir?resid=${encodeURIComponent(item.id)}`;
  const path = store.pathOf(item);
  return `${origin}${drive.webPath}${path.length > 0 ? `/${encodePath(path)}` : ''}`;
}

/** `/drives/{id}/root:` plus the folder's path, as parentReference.path has it. */
export function folderPath(store: FilesStore, drive: DriveRecord, folder: DriveItemRecord): string {
  const path = store.pathOf(folder);
  return `/drives/${drive.id}/root:${path.length > 0 ? `/${encodePath(path)}` : ''}`;
}

export interface ItemShapeOptions {
  origin: string;
  select?: string[];
  /** Leaves parentReference.path out (search results carry none). */
  noPath?: boolean;
  downloadUrl?: (item: DriveItemRecord) => string;
}

/** A driveItem as Graph writes it (only the selected properties, and `id`, when `select` is given). */
export function driveItemJson(store: FilesStore, drive: DriveRecord, item: DriveItemRecord, options: ItemShapeOptions): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (!item.folder && options.downloadUrl) body['@microsoft.graph.downloadUrl'] = options.downloadUrl(item);
  const tags = itemTags(drive, item);
  body.createdBy = identitySet(item.createdBy);
  body.createdDateTime = item.createdDateTime;
  if (tags.cTag !== undefined) body.cTag = tags.cTag;
  body.eTag = tags.eTag;
  body.id = item.id;
  body.lastModifiedBy = identitySet(item.lastModifiedBy);
  body.lastModifiedDateTime = item.lastModifiedDateTime;
  body.name = item.name;
  if (item.description !== undefined) body.description = item.description;
  const parentReference: Record<string, unknown> = { driveType: drive.driveType, driveId: drive.id };
  if (item.parentId !== undefined) {
    const parent = store.getItem(drive.id, item.parentId)!;
    parentReference.id = parent.id;
    parentReference.name = parent.parentId === undefined ? (drive.driveType === 'documentLibrary' ? drive.name : 'root') : parent.name;
    if (!options.noPath) parentReference.path = folderPath(store, drive, parent);
  }
  if (drive.siteId) parentReference.siteId = drive.siteId;
  body.parentReference = parentReference;
  body.size = item.folder ? store.descendants(drive.id, item.id).reduce((sum, below) => sum + below.size, 0) : item.size;
  body.webUrl = itemWebUrl(options.origin, store, drive, item);
  if (item.folder) body.folder = { childCount: store.childCount(drive.id, item.id) };
  else {
    const hashes = item.hashes!;
    body.file = { mimeType: item.mimeType, hashes: drive.driveType === 'personal' ? hashes : { quickXorHash: hashes.quickXorHash } };
  }
  body.fileSystemInfo = { createdDateTime: item.createdDateTime, lastModifiedDateTime: item.lastModifiedDateTime };
  if (item.parentId === undefined) body.root = {};
  if (!options.select) return body;
  return Object.fromEntries(Object.entries(body).filter(([name]) => name === 'id' || options.select!.includes(name)));
}

export function driveJson(origin: string, store: FilesStore, drive: DriveRecord, select?: string[]): Record<string, unknown> {
  const root = store.root(drive.id);
  const used = store.descendants(drive.id, root.id).reduce((sum, item) => sum + item.size, 0);
  const body: Record<string, unknown> = {
    id: drive.id,
    driveType: drive.driveType,
    name: drive.name,
    description: drive.description,
    createdDateTime: drive.createdDateTime,
    lastModifiedDateTime: root.lastModifiedDateTime,
    webUrl: drive.driveType === 'personal' ? `${origin}${drive.webPath}` : `${origin}${drive.webPath}`,
    owner: identitySet(drive.owner),
    quota: { deleted: 0, remaining: drive.quotaTotal - used, state: 'normal', total: drive.quotaTotal, used },
  };
  if (!select) return body;
  return Object.fromEntries(Object.entries(body).filter(([name]) => name === 'id' || select.includes(name)));
}

export function siteJson(origin: string, site: SiteRecord, select?: string[]): Record<string, unknown> {
  const body: Record<string, unknown> = {
    id: site.id,
    name: site.name,
    displayName: site.displayName,
    description: site.description,
    webUrl: `${origin}/sharepoint/sites/${site.name}`,
    createdDateTime: site.createdDateTime,
    lastModifiedDateTime: site.lastModifiedDateTime,
    siteCollection: { hostname: site.id.split(',')[0] },
  };
  if (!select) return body;
  return Object.fromEntries(Object.entries(body).filter(([name]) => name === 'id' || select.includes(name)));
}
