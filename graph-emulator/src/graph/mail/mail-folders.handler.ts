import { graph } from '../../errors/error-factory.js';
import type { EmulatorContext } from '../../http/emulator-context.js';
import type { MailFolderRecord } from '../../store/mail-records.js';
import type { GraphCall, GraphResult } from '../graph-call.js';
import { mailboxAccess, metadata, positiveInteger } from './mail-access.js';

const FOLDER_PROPERTIES = ['id', 'displayName', 'parentFolderId', 'childFolderCount', 'unreadItemCount', 'totalItemCount', 'isHidden', 'wellKnownName'];

function folderSelect(call: GraphCall): string[] {
  const raw = call.query.get('$select');
  if (!raw) return FOLDER_PROPERTIES;
  const byLower = new Map(FOLDER_PROPERTIES.map((name) => [name.toLowerCase(), name]));
  const selected = raw.split(',').map((p) => p.trim()).filter(Boolean).map((part) => {
    const name = byLower.get(part.toLowerCase());
    if (!name) throw graph.unknownProperty(part, 'mailFolder');
    return name;
  });
  return ['id', ...selected.filter((name) => name !== 'id')];
}

/**
 * A mailFolder as Graph returns it. `wellKnownName` is only a property of the beta mailFolder in Graph; the emulator
 * returns it in v1.0 as well (issue 4 asks for it), so clients must not depend on its absence.
 */
function folderJson(folder: MailFolderRecord, properties: string[]): Record<string, unknown> {
  const all: Record<string, unknown> = { ...folder, isHidden: false };
  return Object.fromEntries(properties.map((name) => [name, all[name]]));
}

function page(call: GraphCall, basePath: string, folders: MailFolderRecord[], context_: string): GraphResult {
  const top = positiveInteger(call, '$top', 10, 1000);
  const skip = positiveInteger(call, '$skip', 0, Number.MAX_SAFE_INTEGER);
  const properties = folderSelect(call);
  const slice = folders.slice(skip, skip + top);
  const body: Record<string, unknown> = { '@odata.context': context_, value: slice.map((f) => folderJson(f, properties)) };
  if (skip + top < folders.length) {
    const next = new URLSearchParams(call.query);
    next.set('$top', String(top));
    next.set('$skip', String(skip + top));
    body['@odata.nextLink'] = `${call.origin}/v1.0${basePath}${call.path.replace(/^\/(me|users\/[^/]+)/i, '')}?${next.toString().replace(/%24/g, '$')}`;
  }
  return { status: 200, body };
}

/** `GET /me/mailFolders` (top level, paged by `$top`/`$skip`). */
export function listMailFolders(context: EmulatorContext, call: GraphCall, [userSegment]: string[]): GraphResult {
  const { user, basePath } = mailboxAccess(context, call, userSegment!);
  return page(call, basePath, context.store.mail.listFolders(user.id, null), metadata(call, user, 'mailFolders'));
}

function requireFolder(context: EmulatorContext, userId: string, idOrName: string): MailFolderRecord {
  const folder = context.store.mail.getFolder(userId, idOrName);
  if (!folder) throw graph.itemNotFound();
  return folder;
}

/** `GET /me/mailFolders/{id | well-known name}` */
export function getMailFolder(context: EmulatorContext, call: GraphCall, [userSegment, folderSegment]: string[]): GraphResult {
  const { user } = mailboxAccess(context, call, userSegment!);
  const folder = requireFolder(context, user.id, folderSegment!);
  return { status: 200, body: { '@odata.context': metadata(call, user, 'mailFolders/$entity'), ...folderJson(folder, folderSelect(call)) } };
}

/** `GET /me/mailFolders/{id}/childFolders` (paged by `$top`/`$skip`). */
export function listChildFolders(context: EmulatorContext, call: GraphCall, [userSegment, folderSegment]: string[]): GraphResult {
  const { user, basePath } = mailboxAccess(context, call, userSegment!);
  const folder = requireFolder(context, user.id, folderSegment!);
  return page(call, basePath, context.store.mail.listFolders(user.id, folder.id), metadata(call, user, `mailFolders('${folder.id}')/childFolders`));
}
