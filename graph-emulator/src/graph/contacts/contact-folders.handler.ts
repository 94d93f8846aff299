import { GraphError } from '../../errors/error-factory.js';
import type { EmulatorContext } from '../../http/emulator-context.js';
import { contactFolderJson } from '../../contacts/contact-shape.js';
import { collectionBody, pageSize } from '../../odata/collection-response.js';
import { parseQuery, type OptionName } from '../../odata/query-options.js';
import { runQuery } from '../../odata/query-engine.js';
import { CONTACT_FOLDER_RESOURCE } from '../../odata/resources/contact-resource.js';
import type { ContactFolderRecord } from '../../store/contacts/contact-records.js';
import type { GraphCall, GraphResult } from '../graph-call.js';
import { contactAccess, contactFolderOf, contactsMetadata } from './contact-access.js';
import { refuseWriteOptions } from '../pim/write-options.js';

const LIST_OPTIONS: OptionName[] = ['$select', '$filter', '$orderby', '$top', '$skip', '$count', '$expand'];

function folderProperty(folder: ContactFolderRecord, name: string): unknown {
  return (folder as unknown as Record<string, unknown>)[name] ?? null;
}

function folderPage(context: EmulatorContext, call: GraphCall, userSegment: string, parentId: string | undefined, contextPath: (userId: string) => string): GraphResult {
  const { user, basePath } = contactAccess(context, call, userSegment);
  const store = context.store.contacts;
  const parent = parentId === undefined ? store.rootId(user.id) : contactFolderOf(context, user.id, parentId).id;
  const query = parseQuery(call.query, CONTACT_FOLDER_RESOURCE, { allowed: LIST_OPTIONS });
  const size = pageSize(call, CONTACT_FOLDER_RESOURCE, query);
  const page = runQuery<ContactFolderRecord>({
    schema: CONTACT_FOLDER_RESOURCE,
    all: () => store.listFolders(user.id).filter((folder) => folder.parentFolderId === parent),
    read: folderProperty,
  }, query, size.size);
  const body = collectionBody(call, {
    context: contactsMetadata(call, user, contextPath(user.id)),
    linkPath: `${basePath}${call.path.replace(/^\/(me|users\/[^/]+)/i, '')}`,
    query,
    page,
    values: page.items.map((folder) => contactFolderJson(folder, query.select)),
    size: size.size,
  });
  return { status: 200, headers: size.applied ? { 'Preference-Applied': size.applied } : {}, body };
}

/**
 * `GET /me/contactFolders`: the mailbox's top-level contact folders, the default "Contacts" first (the reference's
 * example answers with that folder; its text speaks of the folders under it, which `childFolders` lists here).
 */
export function listContactFolders(context: EmulatorContext, call: GraphCall, [userSegment]: string[]): GraphResult {
  return folderPage(context, call, userSegment!, undefined, () => 'contactFolders');
}

/** `GET /me/contactFolders/{id}/childFolders` */
export function listContactChildFolders(context: EmulatorContext, call: GraphCall, [userSegment, folderId]: string[]): GraphResult {
  return folderPage(context, call, userSegment!, folderId!, () => `contactFolders('${folderId}')/childFolders`);
}

/** `GET /me/contactFolders/{id}` (`$select`). */
export function getContactFolder(context: EmulatorContext, call: GraphCall, [userSegment, folderId]: string[]): GraphResult {
  const { user } = contactAccess(context, call, userSegment!);
  const folder = contactFolderOf(context, user.id, folderId!);
  const { select } = parseQuery(call.query, CONTACT_FOLDER_RESOURCE, { allowed: ['$select', '$expand'] });
  return { status: 200, body: { '@odata.context': contactsMetadata(call, user, 'contactFolders/$entity'), ...contactFolderJson(folder, select) } };
}

function newFolder(context: EmulatorContext, call: GraphCall, userSegment: string, parentId: string | undefined, contextPath: string): GraphResult {
  refuseWriteOptions(call);
  const { user } = contactAccess(context, call, userSegment);
  const store = context.store.contacts;
  const parent = parentId === undefined ? undefined : contactFolderOf(context, user.id, parentId).id;
  const body = (call.body ?? {}) as Record<string, unknown>;
  for (const key of Object.keys(body)) {
    if (key !== 'displayName' && key !== 'parentFolderId' && !key.startsWith('@odata.')) throw new GraphError(400, 'ErrorInvalidProperty', `The property '${key}' cannot be set on a new contact folder.`);
  }
  if (typeof body.displayName !== 'string' || body.displayName.trim() === '') throw new GraphError(400, 'ErrorInvalidRequest', "A contact folder needs a 'displayName'.");
  const siblings = store.listFolders(user.id).filter((folder) => folder.parentFolderId === (parent ?? store.rootId(user.id)));
  if (siblings.some((folder) => folder.displayName.toLowerCase() === (body.displayName as string).toLowerCase())) {
    throw new GraphError(409, 'ErrorFolderExists', 'A folder with the specified name already exists.');
  }
  const folder = store.addFolder(user.id, body.displayName, parent);
  return { status: 201, body: { '@odata.context': contactsMetadata(call, user, contextPath), ...contactFolderJson(folder) } };
}

/** `POST /me/contactFolders` `{displayName}` → 201 (a name taken at that level is Outlook's 409 ErrorFolderExists). */
export function postContactFolder(context: EmulatorContext, call: GraphCall, [userSegment]: string[]): GraphResult {
  return newFolder(context, call, userSegment!, undefined, 'contactFolders/$entity');
}

/** `POST /me/contactFolders/{id}/childFolders` `{displayName}` → 201. */
export function postContactChildFolder(context: EmulatorContext, call: GraphCall, [userSegment, folderId]: string[]): GraphResult {
  return newFolder(context, call, userSegment!, folderId!, `contactFolders('${folderId}')/childFolders/$entity`);
}
