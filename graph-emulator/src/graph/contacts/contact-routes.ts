import type { GraphRoute } from '../graph-call.js';
import { ROUTE_PERMISSIONS as P } from '../route-permissions.js';
import { contactDelta } from './contact-delta.handler.js';
import { getContactFolder, listContactChildFolders, listContactFolders, postContactChildFolder, postContactFolder } from './contact-folders.handler.js';
import { countContacts, getContact, listContacts, patchContact, postContact, removeContact } from './contacts.handler.js';
import { SEG, COUNT, DELTA, mailboxRoute, lacking } from '../mailbox-route.js';

// `/contacts` (the default folder, or any folder's contact by id) or `/contactFolders/{id}/contacts`: the folder id captured ('' when absent).
const CONTACTS = '(?:/contactFolders/([^/]+))?/contacts';

/** Contact folders and contacts (Outlook resources: counted with mail against the mailbox's limits). */
export const CONTACT_ROUTES: GraphRoute[] = [
  mailboxRoute('GET', '/contactFolders', P['user-list-contactfolders'], listContactFolders),
  mailboxRoute('POST', '/contactFolders', P['user-post-contactfolders'], postContactFolder),
  mailboxRoute('GET', `/contactFolders/${DELTA}`, P['contactfolder-delta'], lacking('contact folder delta (GET /me/contactFolders/delta)')),
  mailboxRoute('GET', `/contactFolders/${SEG}`, P['contactfolder-get'], getContactFolder),
  mailboxRoute('PATCH', `/contactFolders/${SEG}`, P['contactfolder-update'], lacking('updating a contact folder')),
  mailboxRoute('DELETE', `/contactFolders/${SEG}`, P['contactfolder-delete'], lacking('deleting a contact folder')),
  mailboxRoute('GET', `/contactFolders/${SEG}/childFolders`, P['contactfolder-list-childfolders'], listContactChildFolders),
  mailboxRoute('POST', `/contactFolders/${SEG}/childFolders`, P['contactfolder-post-childfolders'], postContactChildFolder),
  mailboxRoute('GET', `/contactFolders/${SEG}/contacts/${DELTA}`, P['contact-delta'], contactDelta),
  // The v1.0 reference has contacts delta per folder only.
  mailboxRoute('GET', `/contacts/${DELTA}`, P['contact-delta'], lacking('contacts delta over /me/contacts (the v1.0 reference has it per folder only: /me/contactFolders/{id}/contacts/delta)')),
  mailboxRoute('GET', CONTACTS, P['user-list-contacts'], listContacts),
  mailboxRoute('GET', `${CONTACTS}/${COUNT}`, P['user-list-contacts'], countContacts),
  mailboxRoute('POST', CONTACTS, P['user-post-contacts'], postContact),
  mailboxRoute('GET', `${CONTACTS}/${SEG}`, P['contact-get'], getContact),
  mailboxRoute('PATCH', `${CONTACTS}/${SEG}`, P['contact-update'], patchContact),
  mailboxRoute('DELETE', `${CONTACTS}/${SEG}`, P['contact-delete'], removeContact),
];
