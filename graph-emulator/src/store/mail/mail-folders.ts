import { folderId, mailboxTag } from '../../mail/mail-ids.js';
import type { UserRecord } from '../emulator-records.js';
import { WELL_KNOWN_FOLDERS, type MailboxStatus, type MailFolderRecord, type WellKnownFolderName } from './mail-records.js';
import { lower, nextEpoch, type Folder, type Mailbox } from './mailbox-model.js';

/** A mailbox with the root and the well-known folders, nothing in them. */
export function newMailbox(user: UserRecord, status: MailboxStatus, contentSeed = 1): Mailbox {
  const mailbox: Mailbox = {
    user,
    address: { name: user.displayName, address: user.mail ?? user.userPrincipalName },
    tag: mailboxTag(user.id),
    status,
    folders: [],
    byId: new Map(),
    byWellKnown: new Map(),
    messages: [],
    seq: 0,
    conversations: 0,
    contentSeed,
  };
  addFolder(mailbox, 'Top of Information Store', -1, 'msgfolderroot');
  for (const [name, displayName] of WELL_KNOWN_FOLDERS) addFolder(mailbox, displayName, 0, name);
  return mailbox;
}

export function addFolder(mailbox: Mailbox, displayName: string, parent: number, wellKnownName: WellKnownFolderName | null = null): Folder {
  const no = mailbox.folders.length;
  const folder: Folder = {
    no,
    id: folderId(mailbox.tag, no),
    displayName,
    parent,
    wellKnownName,
    children: [],
    keys: [],
    unread: 0,
    epoch: nextEpoch(),
    log: [],
  };
  mailbox.folders.push(folder);
  mailbox.byId.set(folder.id, folder);
  if (wellKnownName) mailbox.byWellKnown.set(wellKnownName, folder);
  if (parent >= 0) mailbox.folders[parent]!.children.push(no);
  return folder;
}

/** By folder id or well-known name (case-insensitive). */
export function findFolder(mailbox: Mailbox, idOrName: string): Folder | undefined {
  return mailbox.byId.get(idOrName) ?? mailbox.byWellKnown.get(lower(idOrName));
}

export function requireFolder(mailbox: Mailbox, idOrName: string): Folder {
  const folder = findFolder(mailbox, idOrName);
  if (!folder) throw new TypeError(`no folder ${idOrName}`);
  return folder;
}

export function findChild(mailbox: Mailbox, parent: number, name: string): Folder | undefined {
  const no = mailbox.folders[parent]!.children.find((child) => lower(mailbox.folders[child]!.displayName) === lower(name));
  return no === undefined ? undefined : mailbox.folders[no];
}

export function folderRecord(mailbox: Mailbox, folder: Folder): MailFolderRecord {
  return {
    id: folder.id,
    displayName: folder.displayName,
    parentFolderId: folder.parent >= 0 ? mailbox.folders[folder.parent]!.id : folder.id,
    wellKnownName: folder.wellKnownName,
    childFolderCount: folder.children.length,
    totalItemCount: folder.keys.length,
    unreadItemCount: folder.unread,
  };
}

/** Every folder but the root, in the order they were made. */
export function folderRecords(mailbox: Mailbox): MailFolderRecord[] {
  return mailbox.folders.slice(1).map((folder) => folderRecord(mailbox, folder));
}

export function listFolders(mailbox: Mailbox, parent: string | null): MailFolderRecord[] {
  const parentFolder = parent === null ? mailbox.folders[0]! : requireFolder(mailbox, parent);
  return parentFolder.children.map((no) => folderRecord(mailbox, mailbox.folders[no]!));
}

export function localizeDefaultFolders(mailbox: Mailbox, names: Partial<Record<WellKnownFolderName, string>>): MailFolderRecord[] {
  const changes = Object.entries(names).map(([wellKnownName, displayName]) => {
    const folder = mailbox.byWellKnown.get(lower(wellKnownName));
    if (!folder || wellKnownName === 'msgfolderroot') throw new TypeError(`${wellKnownName} is not a well-known folder`);
    if (typeof displayName !== 'string' || displayName.trim() === '') throw new TypeError('a folder needs a displayName');
    return { folder, displayName };
  });
  for (const { folder, displayName } of changes) folder.displayName = displayName;
  return changes.map(({ folder }) => folderRecord(mailbox, folder));
}

export function createFolder(mailbox: Mailbox, displayName: string, parent: string | null): MailFolderRecord {
  const parentFolder = parent === null ? mailbox.folders[0]! : requireFolder(mailbox, parent);
  if (parentFolder.children.some((no) => lower(mailbox.folders[no]!.displayName) === lower(displayName))) {
    throw new TypeError(`a folder named ${displayName} already exists there`);
  }
  return folderRecord(mailbox, addFolder(mailbox, displayName, parentFolder.no));
}
