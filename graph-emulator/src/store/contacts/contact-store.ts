import type { LoggedChange } from '../pim/change-log.js';
import type { ContactChangeEvent, ContactContent, ContactFolderRecord, ContactRecord, ContactSettings } from './contact-records.js';

/** Contact folders and contacts per mailbox, and each mailbox's change log (contacts delta, change notifications). */
export interface ContactStore {
  readonly deltaTokenSecret: Buffer;
  getSettings(): ContactSettings;
  updateSettings(patch: Partial<ContactSettings>): ContactSettings;

  /** The mailbox root's id (the parent of the top-level folders; not itself a contact folder). */
  rootId(userId: string): string;
  /** Every folder of the mailbox, the default "Contacts" first (made on first use). */
  listFolders(userId: string): ContactFolderRecord[];
  getFolder(userId: string, id: string): ContactFolderRecord | undefined;
  defaultFolder(userId: string): ContactFolderRecord;
  /** Under another folder, or at the top (`parentFolderId` undefined). A name its siblings have is refused. */
  addFolder(userId: string, displayName: string, parentFolderId?: string): ContactFolderRecord;

  /** Contacts of one folder (or of the mailbox), in creation order. */
  listContacts(userId: string, folderId?: string): ContactRecord[];
  getContact(userId: string, id: string): ContactRecord | undefined;
  /** Up to `limit` contacts of the folder with a key above `after`, by key (the delta walk), and whether more follow. */
  contactsAfter(userId: string, folderId: string, after: number, limit: number): { items: ContactRecord[]; more: boolean };
  /** A new contact in the folder: id, changeKey and times given here; logged and announced. */
  addContact(userId: string, folderId: string, content: ContactContent): ContactRecord;
  /** Replaces the content, with a new changeKey and modification time. */
  updateContact(userId: string, id: string, content: ContactContent): ContactRecord;
  deleteContact(userId: string, id: string): ContactRecord | undefined;

  deltaScope(userId: string, folderId: string): { seq: number; epoch: number };
  changes(userId: string, after: number, upTo: number): LoggedChange[];
  oldestSeq(userId: string): number;
  invalidateDelta(userId: string, folderId?: string): void;

  onChange(listener: (event: ContactChangeEvent) => void): () => void;
  reset(): void;
  exportState(): object;
  importState(state: object): void;
}
