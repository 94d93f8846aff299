import type { Request, Response } from 'express';
import { AdminError, GraphError } from '../errors/error-factory.js';
import { contactFolderJson, contactJson } from '../contacts/contact-shape.js';
import { createContact, deleteContact, updateContact } from '../contacts/contact-writes.js';
import { seedDemoContacts } from '../seed/demo-contacts.js';
import type { EmulatorStore } from '../store/emulator-store.js';
import { asOutlook, userOf } from './admin-lookups.js';

type UserParams = { user: string };
type ContactParams = { user: string; id: string };

/** `GET /_admin/mailboxes/:user/contact-folders`: every folder, nested ones too (parentFolderId tells where). */
export function listContactFoldersHandler(store: EmulatorStore) {
  return (req: Request<UserParams>, res: Response): void => {
    const user = userOf(store, req.params.user);
    res.json({
      user: user.userPrincipalName,
      rootId: store.contacts.rootId(user.id),
      folders: store.contacts.listFolders(user.id).map((folder) => ({ ...contactFolderJson(folder), isDefault: folder.isDefault })),
    });
  };
}

/** `POST /_admin/mailboxes/:user/contact-folders` `{displayName, parentFolderId?}` → 201 */
export function createContactFolderHandler(store: EmulatorStore) {
  return (req: Request<UserParams>, res: Response): void => {
    const user = userOf(store, req.params.user);
    const { displayName, parentFolderId } = (req.body ?? {}) as { displayName?: string; parentFolderId?: string };
    res.status(201).json(contactFolderJson(store.contacts.addFolder(user.id, displayName as string, parentFolderId)));
  };
}

/** `GET /_admin/mailboxes/:user/contacts?folderId=`: the mailbox's contacts (or one folder's), as Graph shows them. */
export function listContactsHandler(store: EmulatorStore) {
  return (req: Request<UserParams>, res: Response): void => {
    const user = userOf(store, req.params.user);
    const folderId = typeof req.query.folderId === 'string' ? req.query.folderId : undefined;
    if (folderId && !store.contacts.getFolder(user.id, folderId)) throw new AdminError(404, `no contact folder ${folderId}`);
    res.json({ user: user.userPrincipalName, contacts: store.contacts.listContacts(user.id, folderId).map((contact) => contactJson(contact)) });
  };
}

/**
 * `POST /_admin/mailboxes/:user/contacts` `{folderId?, ...a Graph contact body}` → 201: a contact the user made in
 * Outlook (the default folder unless `folderId`). `{contacts: [...]}` makes many (for seeding) and answers
 * `{contacts: [{id, displayName}]}`; the first bad one stops it with its error and index.
 */
export function createContactHandler(store: EmulatorStore) {
  return (req: Request<UserParams>, res: Response): void => {
    const user = userOf(store, req.params.user);
    const make = (input: unknown) => {
      const { folderId, ...body } = (input ?? {}) as { folderId?: string } & Record<string, unknown>;
      const folder = folderId ? store.contacts.getFolder(user.id, folderId) : store.contacts.defaultFolder(user.id);
      if (!folder) throw new AdminError(404, `no contact folder ${folderId}`);
      return createContact(store, user.id, folder.id, body);
    };
    const many = (req.body as { contacts?: unknown } | undefined)?.contacts;
    if (Array.isArray(many)) {
      const made: { id: string; displayName: string | null }[] = [];
      for (const [index, input] of many.entries()) {
        try {
          const contact = make(input);
          made.push({ id: contact.id, displayName: contact.displayName });
        } catch (error) {
          if (!(error instanceof GraphError)) throw error;
          res.status(error.status).json({ error: error.message, code: error.code, index, made: made.length });
          return;
        }
      }
      res.status(201).json({ contacts: made });
      return;
    }
    const contact = asOutlook(res, () => make(req.body));
    if (contact) res.status(201).json(contactJson(contact));
  };
}

/** `GET /_admin/mailboxes/:user/contacts/:id` */
export function getContactHandler(store: EmulatorStore) {
  return (req: Request<ContactParams>, res: Response): void => {
    const user = userOf(store, req.params.user);
    const contact = store.contacts.getContact(user.id, req.params.id);
    if (!contact) throw new AdminError(404, `no contact ${req.params.id}`);
    res.json(contactJson(contact));
  };
}

/** `PATCH /_admin/mailboxes/:user/contacts/:id` `{...changed properties}`: an edit in Outlook (new changeKey, notified). */
export function updateContactHandler(store: EmulatorStore) {
  return (req: Request<ContactParams>, res: Response): void => {
    const user = userOf(store, req.params.user);
    const contact = asOutlook(res, () => updateContact(store, user.id, req.params.id, req.body ?? {}));
    if (contact) res.json(contactJson(contact));
  };
}

/** `DELETE /_admin/mailboxes/:user/contacts/:id` → 204 */
export function deleteContactHandler(store: EmulatorStore) {
  return (req: Request<ContactParams>, res: Response): void => {
    const user = userOf(store, req.params.user);
    if (asOutlook(res, () => { deleteContact(store, user.id, req.params.id); return true; })) res.status(204).end();
  };
}

/** `POST /_admin/mailboxes/:user/contacts-seed` `{kind: "demo"}` → 201: the demo contacts added. */
export function seedContactsHandler(store: EmulatorStore) {
  return (req: Request<UserParams>, res: Response): void => {
    const user = userOf(store, req.params.user);
    if ((req.body as { kind?: unknown } | undefined)?.kind !== 'demo') throw new AdminError(400, 'kind must be "demo"');
    res.status(201).json(seedDemoContacts(store, user));
  };
}

/** `POST /_admin/contacts/delta/invalidate` `{user, folder?}`: the mailbox's (or one folder's) contacts delta tokens answer 410 from now on. */
export function invalidateContactDeltaHandler(store: EmulatorStore) {
  return (req: Request, res: Response): void => {
    const body = (req.body ?? {}) as { user?: unknown; folder?: unknown };
    const user = userOf(store, String(body.user ?? ''));
    if (body.folder !== undefined && (typeof body.folder !== 'string' || !store.contacts.getFolder(user.id, body.folder))) {
      throw new AdminError(404, `no contact folder ${String(body.folder)} in ${user.userPrincipalName}`);
    }
    store.contacts.invalidateDelta(user.id, body.folder as string | undefined);
    res.json({ user: user.userPrincipalName, ...(body.folder ? { folder: body.folder } : {}), invalidated: true });
  };
}

/** `GET /_admin/contacts/settings` */
export function getContactSettingsHandler(store: EmulatorStore) {
  return (_req: Request, res: Response): void => {
    res.json(store.contacts.getSettings());
  };
}

/** `PUT /_admin/contacts/settings` `{maxEmailAddresses?}` (0: no limit; the default 3 is Outlook's Email1–Email3) */
export function updateContactSettingsHandler(store: EmulatorStore) {
  return (req: Request, res: Response): void => {
    res.json(store.contacts.updateSettings((req.body ?? {}) as Record<string, number>));
  };
}
