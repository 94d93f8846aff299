import { invalidateLog, itemsAfterKey, logChange, newChangeLog, type ChangeLogState } from '../pim/change-log.js';
import { newChangeKey, outlookItemId } from '../pim/outlook-ids.js';
import { checkNumber } from '../check-number.js';
import { DEFAULT_CONTACT_SETTINGS, type ContactChangeEvent, type ContactContent, type ContactFolderRecord, type ContactRecord, type ContactSettings } from './contact-records.js';
import type { ContactStore } from './contact-store.js';
import { ContainerItemStore } from '../pim/container-item-store.js';
import type { SealedMailboxesState } from '../pim/sealed-mailboxes.js';

interface Mailbox {
  rootId: string;
  folders: ContactFolderRecord[];
  contacts: Map<string, ContactRecord>;
  nextKey: number;
  log: ChangeLogState;
}

interface State extends SealedMailboxesState<Mailbox> {
  settings?: ContactSettings;
}

const clone = <T>(value: T): T => structuredClone(value);

export class InMemoryContactStore extends ContainerItemStore<Mailbox, ContactChangeEvent> implements ContactStore {
  private settings: ContactSettings = { ...DEFAULT_CONTACT_SETTINGS };

  constructor(private readonly userExists: (userId: string) => boolean) {
    super('contact');
  }

  protected mailbox(userId: string): Mailbox {
    let mailbox = this.mailboxes.get(userId);
    if (!mailbox) {
      if (!this.userExists(userId)) throw new TypeError(`no user ${userId}`);
      const rootId = outlookItemId(userId, 'folder');
      mailbox = { rootId, folders: [], contacts: new Map(), nextKey: 1, log: newChangeLog() };
      mailbox.folders.push({ id: outlookItemId(userId, 'folder'), userId, displayName: 'Contacts', parentFolderId: rootId, isDefault: true });
      this.mailboxes.set(userId, mailbox);
    }
    return mailbox;
  }

  getSettings(): ContactSettings {
    return { ...this.settings };
  }

  updateSettings(patch: Partial<ContactSettings>): ContactSettings {
    if (patch.maxEmailAddresses !== undefined) this.settings.maxEmailAddresses = Math.floor(checkNumber('maxEmailAddresses', patch.maxEmailAddresses, 0, 1000));
    return this.getSettings();
  }

  rootId(userId: string): string {
    return this.mailbox(userId).rootId;
  }

  listFolders(userId: string): ContactFolderRecord[] {
    return this.mailbox(userId).folders.map(clone);
  }

  getFolder(userId: string, id: string): ContactFolderRecord | undefined {
    const found = this.mailbox(userId).folders.find((folder) => folder.id === id);
    return found && clone(found);
  }

  defaultFolder(userId: string): ContactFolderRecord {
    return clone(this.mailbox(userId).folders[0]!);
  }

  addFolder(userId: string, displayName: string, parentFolderId?: string): ContactFolderRecord {
    if (typeof displayName !== 'string' || displayName.trim() === '') throw new TypeError('a contact folder needs a displayName');
    const mailbox = this.mailbox(userId);
    const parent = parentFolderId ?? mailbox.rootId;
    if (parent !== mailbox.rootId && !mailbox.folders.some((folder) => folder.id === parent)) throw new TypeError(`no contact folder ${parent}`);
    if (mailbox.folders.some((folder) => folder.parentFolderId === parent && folder.displayName.toLowerCase() === displayName.toLowerCase())) {
      throw new TypeError(`a contact folder named ${displayName} already exists there`);
    }
    const folder: ContactFolderRecord = { id: outlookItemId(userId, 'folder'), userId, displayName, parentFolderId: parent, isDefault: false };
    mailbox.folders.push(folder);
    return clone(folder);
  }

  listContacts(userId: string, folderId?: string): ContactRecord[] {
    return [...this.mailbox(userId).contacts.values()].filter((contact) => folderId === undefined || contact.parentFolderId === folderId).map(clone);
  }

  getContact(userId: string, id: string): ContactRecord | undefined {
    const found = this.mailbox(userId).contacts.get(id);
    return found && clone(found);
  }

  contactsAfter(userId: string, folderId: string, after: number, limit: number): { items: ContactRecord[]; more: boolean } {
    return itemsAfterKey(this.mailbox(userId).contacts, (contact) => contact.parentFolderId === folderId, after, limit);
  }

  addContact(userId: string, folderId: string, content: ContactContent): ContactRecord {
    const mailbox = this.mailbox(userId);
    if (!mailbox.folders.some((folder) => folder.id === folderId)) throw new TypeError(`no contact folder ${folderId}`);
    const now = Date.now();
    const record: ContactRecord = { ...clone(content), id: outlookItemId(userId, 'item'), userId, parentFolderId: folderId, key: mailbox.nextKey++, changeKey: newChangeKey(), createdMs: now, modifiedMs: now };
    mailbox.contacts.set(record.id, record);
    logChange(mailbox.log, folderId, record.id);
    this.changeListeners.emit({ changeType: 'created', userId, contactId: record.id, folderId, changeKey: record.changeKey, at: now });
    return clone(record);
  }

  updateContact(userId: string, id: string, content: ContactContent): ContactRecord {
    const mailbox = this.mailbox(userId);
    const before = mailbox.contacts.get(id);
    if (!before) throw new TypeError(`no contact ${id}`);
    const now = Date.now();
    const record: ContactRecord = { ...before, ...clone(content), changeKey: newChangeKey(), modifiedMs: Math.max(now, before.modifiedMs) };
    mailbox.contacts.set(id, record);
    logChange(mailbox.log, record.parentFolderId, id);
    this.changeListeners.emit({ changeType: 'updated', userId, contactId: id, folderId: record.parentFolderId, changeKey: record.changeKey, at: now });
    return clone(record);
  }

  deleteContact(userId: string, id: string): ContactRecord | undefined {
    const mailbox = this.mailbox(userId);
    const before = mailbox.contacts.get(id);
    if (!before) return undefined;
    mailbox.contacts.delete(id);
    logChange(mailbox.log, before.parentFolderId, id);
    this.changeListeners.emit({ changeType: 'deleted', userId, contactId: id, folderId: before.parentFolderId, changeKey: before.changeKey, at: Date.now() });
    return clone(before);
  }

  invalidateDelta(userId: string, folderId?: string): void {
    const mailbox = this.mailbox(userId);
    if (folderId !== undefined && !mailbox.folders.some((folder) => folder.id === folderId)) throw new TypeError(`no contact folder ${folderId}`);
    invalidateLog(mailbox.log, folderId);
  }

  override reset(): void {
    super.reset();
    this.settings = { ...DEFAULT_CONTACT_SETTINGS };
  }

  override exportState(): object {
    const state: State = { ...this.mailboxes.exportState(), settings: this.settings };
    return state;
  }

  override importState(state: object): void {
    const restored = state as Partial<State>;
    super.importState(restored);
    this.settings = { ...DEFAULT_CONTACT_SETTINGS, ...restored.settings };
  }
}
