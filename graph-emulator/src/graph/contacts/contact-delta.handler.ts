import type { EmulatorContext } from '../../http/emulator-context.js';
import { contactJson } from '../../contacts/contact-shape.js';
import { CONTACT_RESOURCE } from '../../odata/resources/contact-resource.js';
import type { ContactRecord } from '../../store/contacts/contact-records.js';
import type { GraphCall, GraphResult } from '../graph-call.js';
import { itemDelta } from '../pim/item-delta.js';
import { contactAccess, contactFolderOf } from './contact-access.js';

/**
 * `GET /me/contactFolders/{id}/contacts/delta`: the folder's contacts, then what changed since (`@removed` for
 * deleted ones). `$select` as documented ("id is always returned"); page size by `Prefer: odata.maxpagesize`.
 * Other options are refused as change tracking refuses them (https://learn.microsoft.com/graph/api/contact-delta).
 */
export function contactDelta(context: EmulatorContext, call: GraphCall, [userSegment, folderId]: string[]): GraphResult {
  const { user, basePath } = contactAccess(context, call, userSegment!);
  const folder = contactFolderOf(context, user.id, folderId!);
  const store = context.store.contacts;
  return itemDelta<ContactRecord>(context, call, {
    purpose: 'contacts',
    secret: store.deltaTokenSecret,
    schema: CONTACT_RESOURCE,
    odataType: '#microsoft.graph.contact',
    resourceName: 'Contacts',
    userId: user.id,
    containerId: folder.id,
    link: `${call.origin}/v1.0${basePath}/contactFolders/${encodeURIComponent(folderId!)}/contacts/delta`,
    context: `${call.origin}/v1.0/$metadata#Collection(contact)`,
    options: [],
    scope: () => store.deltaScope(user.id, folder.id),
    oldestSeq: () => store.oldestSeq(user.id),
    itemsAfter: (after, limit) => store.contactsAfter(user.id, folder.id, after, limit),
    keyOf: (contact) => contact.key,
    current: (id) => {
      const contact = store.getContact(user.id, id);
      return contact && contact.parentFolderId === folder.id ? contact : undefined;
    },
    changes: (after, upTo) => store.changes(user.id, after, upTo),
    json: (contact, select) => contactJson(contact, select),
  });
}
