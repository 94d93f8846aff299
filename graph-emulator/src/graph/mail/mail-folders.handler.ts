import { graph } from '../../errors/error-factory.js';
import type { EmulatorContext } from '../../http/emulator-context.js';
import { collectionBody, countResult, pageSize } from '../../odata/collection-response.js';
import { parseQuery, type OptionName } from '../../odata/query-options.js';
import { runQuery, type QuerySource } from '../../odata/query-engine.js';
import { MAIL_FOLDER_RESOURCE } from '../../odata/resources/mail-folder-resource.js';
import type { MailFolderRecord } from '../../store/mail/mail-records.js';
import type { GraphCall, GraphResult } from '../graph-call.js';
import { appliedHeader, mailboxAccess, metadata } from './mail-access.js';

const DEFAULT_PROPERTIES = MAIL_FOLDER_RESOURCE.properties.filter((property) => property.default).map((property) => property.name);
const LIST_OPTIONS: OptionName[] = ['$select', '$filter', '$orderby', '$top', '$skip', '$count', '$expand'];

/**
 * A mailFolder as Graph returns it, `id` first. `wellKnownName` is only a property of the beta mailFolder in Graph;
 * the emulator returns it in v1.0 as well (issue 4 asks for it), so clients must not depend on its absence.
 */
function folderJson(folder: MailFolderRecord, select: string[] | undefined): Record<string, unknown> {
  const all: Record<string, unknown> = { ...folder, isHidden: false };
  const names = select ? ['id', ...select] : DEFAULT_PROPERTIES;
  return Object.fromEntries(names.map((name) => [name, all[name]]));
}

function folderSource(folders: MailFolderRecord[]): QuerySource<MailFolderRecord> {
  return {
    schema: MAIL_FOLDER_RESOURCE,
    all: () => folders,
    read: (folder, name) => (name === 'isHidden' ? false : (folder as unknown as Record<string, unknown>)[name]),
  };
}

function page(call: GraphCall, basePath: string, folders: MailFolderRecord[], context_: string): GraphResult {
  const query = parseQuery(call.query, MAIL_FOLDER_RESOURCE, { allowed: LIST_OPTIONS });
  const size = pageSize(call, MAIL_FOLDER_RESOURCE, query);
  const result = runQuery(folderSource(folders), query, size.size);
  const body = collectionBody(call, {
    context: context_,
    linkPath: `${basePath}${call.path.replace(/^\/(me|users\/[^/]+)/i, '')}`,
    query,
    page: result,
    values: result.items.map((folder) => folderJson(folder, query.select)),
    size: size.size,
  });
  return { status: 200, headers: appliedHeader(size.applied ? [size.applied] : []), body };
}

function count(call: GraphCall, folders: MailFolderRecord[]): GraphResult {
  const query = parseQuery(call.query, MAIL_FOLDER_RESOURCE, { allowed: ['$filter'] });
  return countResult(runQuery(folderSource(folders), query, 0).total);
}

function requireFolder(context: EmulatorContext, userId: string, idOrName: string): MailFolderRecord {
  const folder = context.store.mail.getFolder(userId, idOrName);
  if (!folder) throw graph.itemNotFound();
  return folder;
}

/** `GET /me/mailFolders` (top level): `$select`, `$filter`, `$orderby`, `$top`/`$skip`, `$count`. */
export function listMailFolders(context: EmulatorContext, call: GraphCall, [userSegment]: string[]): GraphResult {
  const { user, basePath } = mailboxAccess(context, call, userSegment!);
  return page(call, basePath, context.store.mail.listFolders(user.id, null), metadata(call, user, 'mailFolders'));
}

/** `GET /me/mailFolders/$count` */
export function countMailFolders(context: EmulatorContext, call: GraphCall, [userSegment]: string[]): GraphResult {
  const { user } = mailboxAccess(context, call, userSegment!);
  return count(call, context.store.mail.listFolders(user.id, null));
}

/** `GET /me/mailFolders/{id | well-known name}` */
export function getMailFolder(context: EmulatorContext, call: GraphCall, [userSegment, folderSegment]: string[]): GraphResult {
  const { user } = mailboxAccess(context, call, userSegment!);
  const folder = requireFolder(context, user.id, folderSegment!);
  const { select } = parseQuery(call.query, MAIL_FOLDER_RESOURCE, { allowed: ['$select', '$expand'] });
  return { status: 200, body: { '@odata.context': metadata(call, user, 'mailFolders/$entity'), ...folderJson(folder, select) } };
}

/** `GET /me/mailFolders/{id}/childFolders`, with the same options as the top level. */
export function listChildFolders(context: EmulatorContext, call: GraphCall, [userSegment, folderSegment]: string[]): GraphResult {
  const { user, basePath } = mailboxAccess(context, call, userSegment!);
  const folder = requireFolder(context, user.id, folderSegment!);
  return page(call, basePath, context.store.mail.listFolders(user.id, folder.id), metadata(call, user, `mailFolders('${folder.id}')/childFolders`));
}

/** `GET /me/mailFolders/{id}/childFolders/$count` */
export function countChildFolders(context: EmulatorContext, call: GraphCall, [userSegment, folderSegment]: string[]): GraphResult {
  const { user } = mailboxAccess(context, call, userSegment!);
  const folder = requireFolder(context, user.id, folderSegment!);
  return count(call, context.store.mail.listFolders(user.id, folder.id));
}
