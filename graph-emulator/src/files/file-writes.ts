import type { EmulatorStore } from '../store/emulator-store.js';
import type { DriveItemRecord, DriveRecord, FileActor } from '../store/files/file-records.js';

/** Who an admin-API write is by: a user of the emulator (as their own edit in OneDrive), or SharePoint's system account. */
export function actorFor(store: EmulatorStore, drive: DriveRecord, userIdOrUpn?: string): FileActor {
  const user = userIdOrUpn ? store.findUser(userIdOrUpn) : drive.ownerUserId ? store.findUser(drive.ownerUserId) : undefined;
  if (userIdOrUpn && !user) throw new TypeError(`no user ${userIdOrUpn}`);
  if (!user) return { id: '', displayName: 'System Account' };
  const personal = store.findTenant(user.tenantId)?.kind === 'personal';
  return { id: user.id, displayName: user.displayName, ...(personal ? {} : { email: user.mail ?? user.userPrincipalName }) };
}

/** The folder at `path` below the root, made (with the folders above it) where missing. */
export function ensureFolder(store: EmulatorStore, drive: DriveRecord, path: string, by: FileActor): DriveItemRecord {
  const files = store.files;
  let folder = files.root(drive.id);
  for (const name of path.split('/').filter(Boolean)) {
    const existing = files.itemByPath(drive.id, folder.id, `/${name}`);
    if (existing && !existing.folder) throw new TypeError(`${name} is a file, not a folder`);
    folder = existing ?? files.createFolder(drive.id, folder.id, name, 'fail', by);
  }
  return folder;
}

/** A file (or folder) at `path` (`/Proposals/Quote.docx`): folders above it are made; an existing file gets the new content. */
export function writeAtPath(store: EmulatorStore, drive: DriveRecord, path: string, content: Buffer | 'folder', by: FileActor): DriveItemRecord {
  const names = path.split('/').filter(Boolean);
  const name = names.pop();
  if (!name) throw new TypeError('a path names the item: /Folder/file.txt');
  const parent = ensureFolder(store, drive, names.join('/'), by);
  if (content === 'folder') return ensureFolder(store, drive, [...names, name].join('/'), by);
  return store.files.putFile(drive.id, parent.id, name, content, 'replace', by).item;
}
