import { createHash, randomBytes, randomUUID } from 'node:crypto';
import {
  DEFAULT_FILES_SETTINGS,
  type ConflictBehavior, type DriveItemRecord, type DriveRecord, type FileActor, type FilesSettings, type LinkScope, type LinkType,
  type SharingLinkRecord, type SiteRecord, type UploadSessionRecord,
} from './file-records.js';
import { NameConflictError, type FilesStore, type NewSiteInput } from './files-store.js';
import { contentHashes } from './content-hashes.js';
import { mimeTypeOf } from './mime-types.js';

/** What the store needs to know of a user to give them a drive. */
export interface DriveOwner {
  actor: FileActor;
  tenantId: string;
  personal: boolean;
  userPrincipalName: string;
}

interface Download {
  driveId: string;
  itemId: string;
  contentVersion: number;
  expiresAt: number;
}

interface State {
  settings: FilesSettings;
  drives: DriveRecord[];
  items: DriveItemRecord[];
  contents: [string, string][];
  sites: SiteRecord[];
  links: SharingLinkRecord[];
}

const clone = <T>(value: T): T => structuredClone(value);
const DEFAULT_QUOTA = 1024 ** 4;
const key = (driveId: string, id: string) => `${driveId}|${id}`;
const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** `report.docx` → `report 1.docx`, `report 2.docx` …, as OneDrive renames on a clash. */
function numbered(name: string, n: number): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? `${name.slice(0, dot)} ${n}${name.slice(dot)}` : `${name} ${n}`;
}

export class InMemoryFilesStore implements FilesStore {
  private settings: FilesSettings = { ...DEFAULT_FILES_SETTINGS };
  private drives = new Map<string, DriveRecord>();
  private items = new Map<string, DriveItemRecord>();
  private contents = new Map<string, Buffer>();
  private sites = new Map<string, SiteRecord>();
  private links: SharingLinkRecord[] = [];
  private sessions = new Map<string, UploadSessionRecord>();
  private downloads = new Map<string, Download>();
  private itemCounter = 100;

  constructor(
    private readonly ownerOf: (userId: string) => DriveOwner | undefined,
    /** The tenant's SharePoint host name (`contoso` for contoso.sharepoint.com). */
    private readonly tenantHost: (tenantId: string) => string,
  ) {}

  getSettings(): FilesSettings {
    return { ...this.settings };
  }

  updateSettings(patch: Partial<FilesSettings>): FilesSettings {
    for (const name of Object.keys(DEFAULT_FILES_SETTINGS) as (keyof FilesSettings)[]) {
      const value = patch[name];
      if (value === undefined) continue;
      if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) throw new TypeError(`files.${name} must be a positive integer`);
      this.settings[name] = value;
    }
    return this.getSettings();
  }

  userDrive(userId: string): DriveRecord {
    const existing = [...this.drives.values()].find((drive) => drive.ownerUserId === userId);
    if (existing) return clone(existing);
    const owner = this.ownerOf(userId);
    if (!owner) throw new TypeError(`no user ${userId}`);
    const id = owner.personal ? randomBytes(8).toString('hex') : `b!${randomBytes(48).toString('base64url')}`;
    const personalPath = owner.userPrincipalName.replace(/[@.]/g, '_').toLowerCase();
    const drive: DriveRecord = {
      id,
      driveType: owner.personal ? 'personal' : 'business',
      name: 'OneDrive',
      description: '',
      ownerUserId: userId,
      tenantId: owner.tenantId,
      owner: owner.actor,
      webPath: owner.personal ? '/onedrive' : `/sharepoint/personal/${personalPath}/Documents`,
      quotaTotal: DEFAULT_QUOTA,
      createdDateTime: new Date().toISOString(),
      rootId: '',
    };
    this.addDrive(drive, owner.actor);
    return clone(this.drives.get(id)!);
  }

  private addDrive(drive: DriveRecord, by: FileActor): void {
    const root = this.newItem(drive, undefined, 'root', true, by);
    drive.rootId = root.id;
    this.drives.set(drive.id, drive);
    this.items.set(key(drive.id, root.id), root);
  }

  private newItemId(drive: DriveRecord): string {
    this.itemCounter += 1;
    if (drive.driveType === 'personal') return `${drive.id.toUpperCase()}!${this.itemCounter}`;
    // OneDrive for Business and SharePoint ids: 34 characters of base32, starting 01.
    const body = createHash('sha256').update(`${drive.id}|${this.itemCounter}|${randomUUID()}`).digest();
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
    let text = '';
    for (let i = 0; i < 32; i++) text += alphabet[body[i]! % 32];
    return `01${text}`;
  }

  private newItem(drive: DriveRecord, parentId: string | undefined, name: string, folder: boolean, by: FileActor): DriveItemRecord {
    const now = new Date().toISOString();
    return {
      id: this.newItemId(drive),
      driveId: drive.id,
      ...(parentId !== undefined ? { parentId } : {}),
      name,
      folder,
      size: 0,
      version: 1,
      contentVersion: 1,
      tagKey: randomUUID().toUpperCase(),
      createdDateTime: now,
      lastModifiedDateTime: now,
      createdBy: by,
      lastModifiedBy: by,
    };
  }

  getDrive(id: string): DriveRecord | undefined {
    const drive = this.drives.get(id) ?? [...this.drives.values()].find((entry) => entry.id.toLowerCase() === id.toLowerCase());
    return drive && clone(drive);
  }

  listDrives(): DriveRecord[] {
    return [...this.drives.values()].map(clone);
  }

  listSites(tenantId: string): SiteRecord[] {
    return [...this.sites.values()].filter((site) => site.tenantId === tenantId).map(clone);
  }

  getSite(id: string): SiteRecord | undefined {
    const site = this.sites.get(id);
    return site && clone(site);
  }

  findSite(tenantId: string, idOrName: string): SiteRecord | undefined {
    const site = [...this.sites.values()].find((entry) => entry.tenantId === tenantId && (entry.id === idOrName || sameName(entry.name, idOrName)));
    return site && clone(site);
  }

  addSite(tenantId: string, input: NewSiteInput): SiteRecord {
    if (typeof input.name !== 'string' || !/^[A-Za-z0-9-]+$/.test(input.name)) throw new TypeError('a site needs a name of letters, digits and dashes');
    if (this.findSite(tenantId, input.name)) throw new TypeError(`a site named ${input.name} exists`);
    const host = `${this.tenantHost(tenantId)}.sharepoint.com`;
    const now = new Date().toISOString();
    const site: SiteRecord = {
      id: `${host},${randomUUID()},${randomUUID()}`,
      tenantId,
      name: input.name,
      displayName: input.displayName ?? input.name,
      description: input.description ?? '',
      createdDateTime: now,
      lastModifiedDateTime: now,
      driveIds: [],
    };
    const system: FileActor = { id: '', displayName: 'System Account' };
    for (const library of ['Documents', ...(input.libraries ?? [])]) {
      const drive: DriveRecord = {
        id: `b!${randomBytes(48).toString('base64url')}`,
        driveType: 'documentLibrary',
        name: library,
        description: '',
        siteId: site.id,
        tenantId,
        owner: { id: '', displayName: site.displayName },
        webPath: `/sharepoint/sites/${site.name}/${library === 'Documents' ? 'Shared%20Documents' : encodeURIComponent(library)}`,
        quotaTotal: DEFAULT_QUOTA,
        createdDateTime: now,
        rootId: '',
      };
      this.addDrive(drive, system);
      site.driveIds.push(drive.id);
    }
    this.sites.set(site.id, site);
    return clone(site);
  }

  private found(driveId: string, id: string): DriveItemRecord {
    const item = this.items.get(key(driveId, id));
    if (!item) throw new TypeError(`no item ${id} in drive ${driveId}`);
    return item;
  }

  private drive(driveId: string): DriveRecord {
    const drive = this.drives.get(driveId);
    if (!drive) throw new TypeError(`no drive ${driveId}`);
    return drive;
  }

  getItem(driveId: string, id: string): DriveItemRecord | undefined {
    const item = this.items.get(key(driveId, id)) ?? [...this.items.values()].find((entry) => entry.driveId === driveId && entry.id.toLowerCase() === id.toLowerCase());
    return item && clone(item);
  }

  root(driveId: string): DriveItemRecord {
    return clone(this.found(driveId, this.drive(driveId).rootId));
  }

  private childrenOf(driveId: string, folderId: string): DriveItemRecord[] {
    return [...this.items.values()].filter((item) => item.driveId === driveId && item.parentId === folderId);
  }

  itemByPath(driveId: string, fromId: string, path: string): DriveItemRecord | undefined {
    let current = this.items.get(key(driveId, fromId));
    for (const segment of path.split('/').filter(Boolean)) {
      if (!current?.folder) return undefined;
      const parentId = current.id;
      current = this.childrenOf(driveId, parentId).find((item) => sameName(item.name, segment));
    }
    return current && clone(current);
  }

  pathOf(item: DriveItemRecord): string[] {
    const names: string[] = [];
    let current: DriveItemRecord | undefined = this.items.get(key(item.driveId, item.id));
    while (current?.parentId !== undefined) {
      names.unshift(current.name);
      current = this.items.get(key(item.driveId, current.parentId));
    }
    return names;
  }

  children(driveId: string, folderId: string): DriveItemRecord[] {
    return this.childrenOf(driveId, folderId)
      .sort((a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }))
      .map(clone);
  }

  childCount(driveId: string, folderId: string): number {
    return this.childrenOf(driveId, folderId).length;
  }

  descendants(driveId: string, folderId: string): DriveItemRecord[] {
    const out: DriveItemRecord[] = [];
    for (const child of this.children(driveId, folderId)) {
      out.push(child);
      if (child.folder) out.push(...this.descendants(driveId, child.id));
    }
    return out;
  }

  content(driveId: string, id: string): Buffer {
    this.found(driveId, id);
    return this.contents.get(key(driveId, id)) ?? Buffer.alloc(0);
  }

  /** The name the item gets under `parentId`, or the item it replaces; fail throws. */
  private settle(driveId: string, parentId: string, name: string, conflict: ConflictBehavior, except?: string): { name: string; clash?: DriveItemRecord } {
    const siblings = this.childrenOf(driveId, parentId).filter((item) => item.id !== except);
    const clash = siblings.find((item) => sameName(item.name, name));
    if (!clash) return { name };
    if (conflict === 'fail') throw new NameConflictError(clone(clash));
    if (conflict === 'replace') return { name, clash };
    for (let n = 1; ; n++) {
      const candidate = numbered(name, n);
      if (!siblings.some((item) => sameName(item.name, candidate))) return { name: candidate };
    }
  }

  private folderFor(driveId: string, parentId: string): DriveItemRecord {
    const parent = this.found(driveId, parentId);
    if (!parent.folder) throw new TypeError(`item ${parentId} is not a folder`);
    return parent;
  }

  /** A change below a folder: its tags move, up to the root. */
  private touchAncestors(driveId: string, parentId: string | undefined, by: FileActor): void {
    let current = parentId === undefined ? undefined : this.items.get(key(driveId, parentId));
    while (current) {
      current.version += 1;
      current.contentVersion += 1;
      current.lastModifiedDateTime = new Date().toISOString();
      current.lastModifiedBy = by;
      current = current.parentId === undefined ? undefined : this.items.get(key(driveId, current.parentId));
    }
  }

  createFolder(driveId: string, parentId: string, name: string, conflict: ConflictBehavior, by: FileActor): DriveItemRecord {
    this.folderFor(driveId, parentId);
    const settled = this.settle(driveId, parentId, name, conflict);
    if (settled.clash) this.deleteItem(driveId, settled.clash.id);
    const folder = this.newItem(this.drive(driveId), parentId, settled.name, true, by);
    this.items.set(key(driveId, folder.id), folder);
    this.touchAncestors(driveId, parentId, by);
    return clone(folder);
  }

  putFile(driveId: string, parentId: string, name: string, bytes: Buffer, conflict: ConflictBehavior, by: FileActor, mimeType?: string): { item: DriveItemRecord; created: boolean } {
    this.folderFor(driveId, parentId);
    const settled = this.settle(driveId, parentId, name, conflict);
    if (settled.clash && !settled.clash.folder) return { item: this.replaceContent(driveId, settled.clash.id, bytes, by), created: false };
    if (settled.clash) this.deleteItem(driveId, settled.clash.id);
    const file = this.newItem(this.drive(driveId), parentId, settled.name, false, by);
    file.mimeType = mimeType ?? mimeTypeOf(settled.name);
    file.size = bytes.length;
    file.hashes = contentHashes(bytes);
    this.items.set(key(driveId, file.id), file);
    this.contents.set(key(driveId, file.id), bytes);
    this.touchAncestors(driveId, parentId, by);
    return { item: clone(file), created: true };
  }

  replaceContent(driveId: string, id: string, bytes: Buffer, by: FileActor): DriveItemRecord {
    const item = this.found(driveId, id);
    if (item.folder) throw new TypeError(`item ${id} is a folder`);
    this.contents.set(key(driveId, id), bytes);
    item.size = bytes.length;
    item.hashes = contentHashes(bytes);
    item.version += 1;
    item.contentVersion += 1;
    item.lastModifiedDateTime = new Date().toISOString();
    item.lastModifiedBy = by;
    this.touchAncestors(driveId, item.parentId, by);
    return clone(item);
  }

  updateItem(driveId: string, id: string, patch: { name?: string; parentId?: string; description?: string }, by: FileActor, conflict: ConflictBehavior = 'fail'): DriveItemRecord {
    const item = this.found(driveId, id);
    if (item.parentId === undefined && (patch.name !== undefined || patch.parentId !== undefined)) throw new TypeError('the root cannot be renamed or moved');
    const parentId = patch.parentId ?? item.parentId!;
    if (patch.parentId !== undefined) {
      this.folderFor(driveId, parentId);
      // Not into itself or below itself.
      for (let at: DriveItemRecord | undefined = this.items.get(key(driveId, parentId)); at; at = at.parentId === undefined ? undefined : this.items.get(key(driveId, at.parentId))) {
        if (at.id === item.id) throw new TypeError('an item cannot be moved into itself');
      }
    }
    const settled = this.settle(driveId, parentId, patch.name ?? item.name, conflict, item.id);
    if (settled.clash) this.deleteItem(driveId, settled.clash.id);
    const oldParent = item.parentId;
    item.name = settled.name;
    item.parentId = parentId;
    if (patch.description !== undefined) item.description = patch.description;
    item.version += 1;
    item.lastModifiedDateTime = new Date().toISOString();
    item.lastModifiedBy = by;
    this.touchAncestors(driveId, oldParent, by);
    if (oldParent !== parentId) this.touchAncestors(driveId, parentId, by);
    return clone(item);
  }

  deleteItem(driveId: string, id: string): void {
    const item = this.found(driveId, id);
    if (item.parentId === undefined) throw new TypeError('the root cannot be deleted');
    for (const below of this.descendants(driveId, id)) {
      this.items.delete(key(driveId, below.id));
      this.contents.delete(key(driveId, below.id));
    }
    this.items.delete(key(driveId, id));
    this.contents.delete(key(driveId, id));
    this.links = this.links.filter((link) => !(link.driveId === driveId && this.items.get(key(driveId, link.itemId)) === undefined));
    this.touchAncestors(driveId, item.parentId, item.lastModifiedBy);
  }

  recent(userId: string, limit: number): DriveItemRecord[] {
    const drive = [...this.drives.values()].find((entry) => entry.ownerUserId === userId);
    if (!drive) return [];
    return [...this.items.values()]
      .filter((item) => item.driveId === drive.id && !item.folder)
      .sort((a, b) => Date.parse(b.lastModifiedDateTime) - Date.parse(a.lastModifiedDateTime) || b.version - a.version)
      .slice(0, limit)
      .map(clone);
  }

  createUploadSession(input: Omit<UploadSessionRecord, 'id' | 'secret' | 'chunks' | 'received' | 'expiresAt'>): UploadSessionRecord {
    const session: UploadSessionRecord = {
      ...input,
      id: randomBytes(16).toString('hex'),
      secret: randomBytes(24).toString('base64url'),
      chunks: [],
      received: 0,
      expiresAt: Date.now() + this.settings.uploadSessionLifetimeSeconds * 1000,
    };
    this.sessions.set(session.id, session);
    return session;
  }

  getUploadSession(id: string): UploadSessionRecord | undefined {
    return this.sessions.get(id);
  }

  deleteUploadSession(id: string): void {
    this.sessions.delete(id);
  }

  mintDownload(driveId: string, id: string): string {
    const item = this.found(driveId, id);
    const token = randomBytes(24).toString('base64url');
    const now = Date.now();
    for (const [old, download] of this.downloads) if (download.expiresAt < now) this.downloads.delete(old);
    this.downloads.set(token, { driveId, itemId: id, contentVersion: item.contentVersion, expiresAt: now + this.settings.downloadUrlLifetimeSeconds * 1000 });
    return token;
  }

  resolveDownload(token: string): { driveId: string; itemId: string } | undefined {
    const download = this.downloads.get(token);
    if (!download || download.expiresAt < Date.now()) return undefined;
    const item = this.items.get(key(download.driveId, download.itemId));
    if (!item || item.contentVersion !== download.contentVersion) return undefined;
    return { driveId: download.driveId, itemId: download.itemId };
  }

  createLink(driveId: string, itemId: string, type: LinkType, scope: LinkScope): { link: SharingLinkRecord; created: boolean } {
    this.found(driveId, itemId);
    const existing = this.links.find((link) => link.driveId === driveId && link.itemId === itemId && link.type === type && link.scope === scope);
    if (existing) return { link: clone(existing), created: false };
    const link: SharingLinkRecord = {
      id: randomUUID(), driveId, itemId, type, scope, token: randomBytes(12).toString('base64url'), createdDateTime: new Date().toISOString(),
    };
    this.links.push(link);
    return { link: clone(link), created: true };
  }

  findLink(token: string): SharingLinkRecord | undefined {
    const link = this.links.find((entry) => entry.token === token);
    return link && clone(link);
  }

  reset(): void {
    this.settings = { ...DEFAULT_FILES_SETTINGS };
    this.drives.clear();
    this.items.clear();
    this.contents.clear();
    this.sites.clear();
    this.links = [];
    this.sessions.clear();
    this.downloads.clear();
  }

  exportState(): object {
    const state: State = {
      settings: this.settings,
      drives: [...this.drives.values()],
      items: [...this.items.values()],
      contents: [...this.contents].map(([name, bytes]) => [name, bytes.toString('base64')]),
      sites: [...this.sites.values()],
      links: this.links,
    };
    return state;
  }

  importState(state: object): void {
    const restored = state as Partial<State>;
    this.reset();
    this.settings = { ...DEFAULT_FILES_SETTINGS, ...restored.settings };
    for (const drive of restored.drives ?? []) this.drives.set(drive.id, drive);
    for (const item of restored.items ?? []) this.items.set(key(item.driveId, item.id), item);
    for (const [name, base64] of restored.contents ?? []) this.contents.set(name, Buffer.from(base64, 'base64'));
    for (const site of restored.sites ?? []) this.sites.set(site.id, site);
    this.links = restored.links ?? [];
    this.itemCounter = 100 + this.items.size;
  }
}
