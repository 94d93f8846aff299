import { graph } from '../../errors/error-factory.js';
import type { EmulatorContext } from '../../http/emulator-context.js';
import { contactJson, contactProperty } from '../../contacts/contact-shape.js';
import { createContact, deleteContact, updateContact } from '../../contacts/contact-writes.js';
import { collectionBody, countResult, pageSize } from '../../odata/collection-response.js';
import { parseQuery, type OptionName } from '../../odata/query-options.js';
import { runQuery } from '../../odata/query-engine.js';
import { CONTACT_RESOURCE } from '../../odata/resources/contact-resource.js';
import type { ContactRecord } from '../../store/contacts/contact-records.js';
import type { GraphCall, GraphResult } from '../graph-call.js';
import { contactAccess, contactFolderOf, contactsMetadata } from './contact-access.js';
import { refuseWriteOptions } from '../pim/write-options.js';

const LIST_OPTIONS: OptionName[] = ['$select', '$filter', '$orderby', '$top', '$skip', '$count', '$expand'];

const selectSuffix = (select: string[] | undefined) => (select ? `(${select.join(',')})` : '');

/** The folder a path names: `/contactFolders/{id}/contacts`, or the default folder for `/contacts`. */
function folderOf(context: EmulatorContext, userId: string, folderId: string) {
  return folderId ? contactFolderOf(context, userId, folderId) : context.store.contacts.defaultFolder(userId);
}

function list(context: EmulatorContext, call: GraphCall, [userSegment, folderId]: string[], countOnly: boolean): GraphResult {
  const { user, basePath } = contactAccess(context, call, userSegment!);
  const folder = folderOf(context, user.id, folderId!);
  const query = parseQuery(call.query, CONTACT_RESOURCE, { allowed: countOnly ? ['$filter'] : LIST_OPTIONS });
  const size = pageSize(call, CONTACT_RESOURCE, query);
  const page = runQuery<ContactRecord>({
    schema: CONTACT_RESOURCE,
    all: () => context.store.contacts.listContacts(user.id, folder.id),
    read: contactProperty,
  }, query, countOnly ? 0 : size.size);
  if (countOnly) return countResult(page.total);
  const body = collectionBody(call, {
    context: contactsMetadata(call, user, `${folderId ? `contactFolders('${folder.id}')/contacts` : 'contacts'}${selectSuffix(query.select)}`),
    linkPath: `${basePath}${call.path.replace(/^\/(me|users\/[^/]+)/i, '')}`,
    query,
    page,
    values: page.items.map((contact) => contactJson(contact, query.select)),
    size: size.size,
  });
  return { status: 200, headers: size.applied ? { 'Preference-Applied': size.applied } : {}, body };
}

/** `GET /me/contacts` (the default folder's, as documented) and `GET /me/contactFolders/{id}/contacts`. */
export function listContacts(context: EmulatorContext, call: GraphCall, params: string[]): GraphResult {
  return list(context, call, params, false);
}

/** `GET /me/contacts/$count` (`$filter`), text/plain. */
export function countContacts(context: EmulatorContext, call: GraphCall, params: string[]): GraphResult {
  return list(context, call, params, true);
}

/** `GET /me/contacts/{id}` (any folder's) and `/me/contactFolders/{id}/contacts/{id}` (that folder's), `$select`. */
export function getContact(context: EmulatorContext, call: GraphCall, [userSegment, folderId, id]: string[]): GraphResult {
  const { user } = contactAccess(context, call, userSegment!);
  if (folderId) contactFolderOf(context, user.id, folderId);
  const contact = context.store.contacts.getContact(user.id, id!);
  if (!contact || (folderId && contact.parentFolderId !== folderId)) throw graph.itemNotFound();
  const { select } = parseQuery(call.query, CONTACT_RESOURCE, { allowed: ['$select', '$expand'] });
  return { status: 200, body: { '@odata.context': contactsMetadata(call, user, `contacts${selectSuffix(select)}/$entity`), ...contactJson(contact, select) } };
}

/** `POST /me/contacts` (the default folder) and `/me/contactFolders/{id}/contacts` → 201 with the contact. */
export function postContact(context: EmulatorContext, call: GraphCall, [userSegment, folderId]: string[]): GraphResult {
  refuseWriteOptions(call);
  const { user } = contactAccess(context, call, userSegment!);
  const folder = folderOf(context, user.id, folderId!);
  const contact = createContact(context.store, user.id, folder.id, call.body);
  const path = folderId ? `contactFolders('${folder.id}')/contacts/$entity` : 'contacts/$entity';
  return { status: 201, body: { '@odata.context': contactsMetadata(call, user, path), ...contactJson(contact) } };
}

/** `PATCH /me/contacts/{id}` → 200 with the contact (a stale `If-Match` is 412). */
export function patchContact(context: EmulatorContext, call: GraphCall, [userSegment, folderId, id]: string[]): GraphResult {
  refuseWriteOptions(call);
  const { user } = contactAccess(context, call, userSegment!);
  if (folderId) contactFolderOf(context, user.id, folderId);
  const contact = updateContact(context.store, user.id, id!, call.body, { ...(folderId ? { folderId } : {}), ...(call.headers['if-match'] ? { ifMatch: call.headers['if-match'] } : {}) });
  return { status: 200, body: { '@odata.context': contactsMetadata(call, user, 'contacts/$entity'), ...contactJson(contact) } };
}

/** `DELETE /me/contacts/{id}` → 204. */
export function removeContact(context: EmulatorContext, call: GraphCall, [userSegment, folderId, id]: string[]): GraphResult {
  refuseWriteOptions(call);
  const { user } = contactAccess(context, call, userSegment!);
  if (folderId) contactFolderOf(context, user.id, folderId);
  deleteContact(context.store, user.id, id!, { ...(folderId ? { folderId } : {}), ...(call.headers['if-match'] ? { ifMatch: call.headers['if-match'] } : {}) });
  return { status: 204 };
}
