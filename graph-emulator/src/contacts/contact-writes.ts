import { GraphError, graph } from '../errors/error-factory.js';
import { ifMatchNames } from '../calendar/if-match.js';
import { changeKeyConflict } from '../graph/contacts/contact-access.js';
import type { ContactRecord } from '../store/contacts/contact-records.js';
import type { EmulatorStore } from '../store/emulator-store.js';
import { applyContactInput, emptyContact } from './contact-input.js';

/** Contact writes, the same for Graph clients and for the admin API's "the user in Outlook". */
export function createContact(store: EmulatorStore, userId: string, folderId: string, body: unknown): ContactRecord {
  refuseMove(body, folderId);
  return store.contacts.addContact(userId, folderId, applyContactInput(emptyContact(), body, true, store.contacts.getSettings().maxEmailAddresses));
}

/** A body may carry back the contact's parentFolderId; another folder's is refused (v1.0 has no contact move). */
function refuseMove(body: unknown, folderId: string): void {
  const given = (body as { parentFolderId?: unknown } | null)?.parentFolderId;
  if (given !== undefined && given !== folderId) throw new GraphError(400, 'ErrorInvalidProperty', "'parentFolderId' is read-only: a contact is made in the folder its path names and stays there.");
}

function existing(store: EmulatorStore, userId: string, id: string, folderId: string | undefined, ifMatch: string | undefined): ContactRecord {
  const contact = store.contacts.getContact(userId, id);
  if (!contact || (folderId !== undefined && contact.parentFolderId !== folderId)) throw graph.itemNotFound();
  // Not on the contact pages of the reference; Outlook items honour it (as events do here), and a client that sends none is unaffected.
  if (ifMatch !== undefined && !ifMatchNames(ifMatch, contact.changeKey)) throw changeKeyConflict();
  return contact;
}

/** The changed properties applied: a new changeKey and modification time, even when nothing differs (as Outlook does). */
export function updateContact(store: EmulatorStore, userId: string, id: string, body: unknown, options: { folderId?: string; ifMatch?: string } = {}): ContactRecord {
  const contact = existing(store, userId, id, options.folderId, options.ifMatch);
  refuseMove(body, contact.parentFolderId);
  return store.contacts.updateContact(userId, id, applyContactInput(contact, body, false, store.contacts.getSettings().maxEmailAddresses));
}

export function deleteContact(store: EmulatorStore, userId: string, id: string, options: { folderId?: string; ifMatch?: string } = {}): void {
  existing(store, userId, id, options.folderId, options.ifMatch);
  store.contacts.deleteContact(userId, id);
}
