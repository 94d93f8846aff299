import { fileErrors } from '../../files/file-errors.js';
import type { EmulatorContext } from '../../http/emulator-context.js';
import type { DriveItemRecord, DriveRecord, FileActor } from '../../store/files/file-records.js';
import type { GraphCall } from '../graph-call.js';
import { holdsAny, isPersonalAccount } from '../route-permissions.js';

// Files.Read and Files.ReadWrite reach the user's own files; a SharePoint library needs one of these.
const LIBRARY_READ = ['Files.Read.All', 'Files.ReadWrite.All', 'Sites.Read.All', 'Sites.ReadWrite.All'];
const LIBRARY_WRITE = ['Files.ReadWrite.All', 'Sites.ReadWrite.All'];

/**
 * The drive a path begins with: `/me/drive`, `/users/{id}/drive`, `/drives/{id}`, `/sites/{id}/drive`,
 * `/sites/{id}/drives/{id}` (`base` is that text as the client wrote it). A delegated token reaches the user's own
 * OneDrive and the document libraries of their tenant's sites.
 */
export function driveAt(context: EmulatorContext, call: GraphCall, base: string, write: boolean): DriveRecord {
  const { store } = context;
  const caller = call.caller.user;
  // The route's captures are decoded already.
  const segments = siteSegments(base);
  let drive: DriveRecord | undefined;
  const first = segments[0]!.toLowerCase();
  if (first === 'me') drive = store.files.userDrive(caller.id);
  else if (first === 'users') {
    const user = store.findUser(segments[1]!);
    if (!user) throw fileErrors.itemNotFound();
    if (user.id !== caller.id) throw fileErrors.accessDenied();
    drive = store.files.userDrive(user.id);
  } else if (first === 'drives') {
    drive = store.files.getDrive(segments[1]!);
    if (!drive) throw fileErrors.itemNotFound();
    if (drive.ownerUserId !== undefined && drive.ownerUserId !== caller.id) throw fileErrors.accessDenied();
  } else {
    const site = siteAt(context, call, segments[1]!);
    const driveId = segments[2]?.toLowerCase() === 'drives' ? segments[3]! : site.driveIds[0]!;
    drive = site.driveIds.includes(driveId) ? store.files.getDrive(driveId) : undefined;
  }
  if (!drive || drive.tenantId !== caller.tenantId) throw fileErrors.itemNotFound();
  if (drive.driveType === 'documentLibrary' && !holdsAny(call.caller, write ? LIBRARY_WRITE : LIBRARY_READ)) throw fileErrors.accessDenied();
  return drive;
}

/** A site of the caller's tenant, by id (`host,collection,web`), `root`, or `{host}:/sites/{name}`. */
export function siteAt(context: EmulatorContext, call: GraphCall, segment: string) {
  refusePersonal(call);
  const tenantId = call.caller.user.tenantId;
  const byPath = /^[^:]+:\/sites\/([^/:]+):?$/i.exec(segment);
  const sites = context.store.files.listSites(tenantId);
  const site = segment.toLowerCase() === 'root' ? sites[0] : context.store.files.findSite(tenantId, byPath ? byPath[1]! : segment);
  if (!site) throw fileErrors.itemNotFound();
  return site;
}

/** Sites are for work or school accounts. */
export function refusePersonal(call: GraphCall): void {
  if (isPersonalAccount(call.caller)) throw fileErrors.accessDenied('Personal Microsoft accounts have no SharePoint sites.');
}

/**
 * The item an address names: `/root` or `/items/{id}` (`items/root` too), then an optional path below it
 * (`root:/Folder/file.txt:`), already matched apart by the route.
 */
export function itemAt(context: EmulatorContext, drive: DriveRecord, itemBase: string, path: string | undefined): DriveItemRecord {
  const files = context.store.files;
  const id = /^\/items\/(.+)$/i.exec(itemBase)?.[1];
  const decodedId = id;
  const start = decodedId === undefined || decodedId.toLowerCase() === 'root' ? files.root(drive.id) : files.getItem(drive.id, decodedId);
  if (!start) throw fileErrors.itemNotFound();
  if (!path || path === '/') return start;
  const item = files.itemByPath(drive.id, start.id, path);
  if (!item) throw fileErrors.itemNotFound();
  return item;
}

/** `/sites/host:/sites/Sales:/drive` → ['sites', 'host:/sites/Sales:', 'drive']: a site's path address is one segment. */
function siteSegments(base: string): string[] {
  const site = /^\/sites\/([^/:]+:\/sites\/[^/:]+:?)(.*)$/i.exec(base);
  if (site) return ['sites', site[1]!, ...site[2]!.split('/').filter(Boolean)];
  return base.split('/').filter(Boolean);
}

export function actorOf(context: EmulatorContext, call: GraphCall): FileActor {
  const user = call.caller.user;
  const personal = isPersonalAccount(call.caller);
  void context;
  return { id: user.id, displayName: user.displayName, ...(personal ? {} : { email: user.mail ?? user.userPrincipalName }) };
}

/** `@odata.context` of one item: `drives('{id}')/items/$entity`. */
export function itemContext(call: GraphCall, drive: DriveRecord): string {
  return `${call.origin}/v1.0/$metadata#drives('${encodeURIComponent(drive.id)}')/items/$entity`;
}

/** A download address for the item's current content (no Authorization needed; about an hour). */
export function downloadUrl(context: EmulatorContext, call: GraphCall, drive: DriveRecord) {
  return (item: DriveItemRecord) => `${call.origin}/onedrive/download/${context.store.files.mintDownload(drive.id, item.id)}`;
}

/** A file or folder name OneDrive accepts: not empty, none of `"*:<>?/\|`, no leading or trailing space, not `.`/`..`. */
export function checkName(name: unknown): string {
  if (typeof name !== 'string' || name.trim() === '') throw fileErrors.invalidRequest("The item needs a 'name'.");
  if (/["*:<>?/\\|]/.test(name) || name !== name.trim() || name === '.' || name === '..' || name.length > 255) {
    throw fileErrors.invalidRequest(`The name '${name}' contains characters OneDrive does not allow or is too long.`);
  }
  return name;
}
