import { driveItemJson, itemTags } from '../../files/drive-shape.js';
import { fileErrors } from '../../files/file-errors.js';
import type { EmulatorContext } from '../../http/emulator-context.js';
import { refuseQueryOptions } from '../../odata/query-options.js';
import type { ConflictBehavior, DriveItemRecord, DriveRecord } from '../../store/files/file-records.js';
import { NameConflictError } from '../../store/files/files-store.js';
import type { GraphCall, GraphResult } from '../graph-call.js';
import { actorOf, checkName, downloadUrl, driveAt, itemAt, itemContext } from './drive-access.js';

const CONFLICT = '@microsoft.graph.conflictBehavior';

export function conflictBehavior(value: unknown, fallback: ConflictBehavior): ConflictBehavior {
  if (value === undefined || value === null) return fallback;
  if (value === 'fail' || value === 'replace' || value === 'rename') return value;
  throw fileErrors.invalidRequest(`'${CONFLICT}' is fail, replace or rename; '${String(value)}' is none of them.`);
}

/** Runs a store write, turning a name clash into 409 nameAlreadyExists and a refused write into 400. */
export function storeWrite<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof NameConflictError) throw fileErrors.nameAlreadyExists(error.existing.name);
    if (error instanceof TypeError) throw fileErrors.invalidRequest(error.message);
    throw error;
  }
}

function itemResult(context: EmulatorContext, call: GraphCall, drive: DriveRecord, item: DriveItemRecord, status: number): GraphResult {
  return { status, body: { '@odata.context': itemContext(call, drive), ...driveItemJson(context.store.files, drive, item, { origin: call.origin, downloadUrl: downloadUrl(context, call, drive) }) } };
}

/** `If-Match` with the item's eTag (or cTag): 412 preconditionFailed when it moved on. */
export function checkIfMatch(call: GraphCall, drive: DriveRecord, item: DriveItemRecord): void {
  const expected = call.headers['if-match'];
  if (expected === undefined || expected.trim() === '*') return;
  const tags = itemTags(drive, item);
  if (expected !== tags.eTag && expected !== tags.cTag) throw fileErrors.preconditionFailed();
}

/** `POST …/children` `{name, folder: {}, @microsoft.graph.conflictBehavior}` → 201 with the folder (default: fail). */
export function createChild(context: EmulatorContext, call: GraphCall, [base, itemBase, path]: string[]): GraphResult {
  refuseQueryOptions(call.query);
  const drive = driveAt(context, call, base!, true);
  const parent = itemAt(context, drive, itemBase!, path);
  const body = (call.body ?? {}) as Record<string, unknown>;
  for (const key of Object.keys(body)) {
    if (!['name', 'folder', 'description', CONFLICT].includes(key) && !key.startsWith('@odata.')) {
      throw fileErrors.invalidRequest(key === 'file' ? 'Create a file with PUT …/content or an upload session.' : `The property '${key}' cannot be set when creating a folder.`);
    }
  }
  if (body.folder === undefined || typeof body.folder !== 'object' || body.folder === null) throw fileErrors.invalidRequest("POST …/children makes folders: send 'folder': {}.");
  if (!parent.folder) throw fileErrors.invalidRequest('Only folders have children.');
  const name = checkName(body.name);
  const conflict = conflictBehavior(body[CONFLICT] ?? call.query.get(CONFLICT), 'fail');
  const folder = storeWrite(() => context.store.files.createFolder(drive.id, parent.id, name, conflict, actorOf(context, call)));
  if (typeof body.description === 'string') context.store.files.updateItem(drive.id, folder.id, { description: body.description }, actorOf(context, call));
  return itemResult(context, call, drive, context.store.files.getItem(drive.id, folder.id)!, 201);
}

/**
 * `PUT …/items/{id}/content` (new content for a file) or `PUT …/{parent}:/{name}:/content` (a new file, or the one of
 * that name per `@microsoft.graph.conflictBehavior` in the URL, default replace): 201 for a new file, 200 for new
 * content. Up to the simple upload limit (250 MB); larger ones go through an upload session.
 */
export function putContent(context: EmulatorContext, call: GraphCall, [base, itemBase, path]: string[]): GraphResult {
  const drive = driveAt(context, call, base!, true);
  const limit = context.store.files.getSettings().simpleUploadMaxBytes;
  const declared = Number(call.headers['content-length'] ?? '0');
  if (declared > limit) throw fileErrors.tooLarge(limit);
  const bytes = Buffer.isBuffer(call.body) ? call.body : typeof call.body === 'string' ? Buffer.from(call.body) : Buffer.alloc(0);
  if (bytes.length > limit) throw fileErrors.tooLarge(limit);
  for (const key of call.query.keys()) if (key !== CONFLICT) throw fileErrors.invalidRequest(`The query parameter '${key}' is not supported on an upload.`);
  const conflict = conflictBehavior(call.query.get(CONFLICT) ?? undefined, 'replace');
  const files = context.store.files;
  const by = actorOf(context, call);
  const mimeType = call.headers['content-type']?.split(';')[0]?.trim();
  const typed = mimeType && mimeType !== 'application/octet-stream' && mimeType !== 'text/plain' ? mimeType : undefined;
  if (!path) {
    const item = itemAt(context, drive, itemBase!, undefined);
    if (item.folder) throw fileErrors.invalidRequest('A folder has no content to replace.');
    checkIfMatch(call, drive, item);
    return itemResult(context, call, drive, storeWrite(() => files.replaceContent(drive.id, item.id, bytes, by)), 200);
  }
  const names = path.split('/').filter(Boolean);
  const name = checkName(names.pop());
  const parent = itemAt(context, drive, itemBase!, names.length > 0 ? `/${names.join('/')}` : undefined);
  if (!parent.folder) throw fileErrors.invalidRequest('A file can only be uploaded into a folder.');
  const { item, created } = storeWrite(() => files.putFile(drive.id, parent.id, name, bytes, conflict, by, typed));
  return itemResult(context, call, drive, item, created ? 201 : 200);
}

/**
 * `PATCH …/items/{id}` `{name?, parentReference?: {id | path}, description?}` → 200: rename and move keep the id;
 * a clash at the destination is 409 nameAlreadyExists (conflictBehavior `fail`, unless given). Moving to another
 * drive is refused as Graph does (copy instead).
 */
export function updateItem(context: EmulatorContext, call: GraphCall, [base, itemBase, path]: string[]): GraphResult {
  refuseQueryOptions(call.query);
  const drive = driveAt(context, call, base!, true);
  const item = itemAt(context, drive, itemBase!, path);
  checkIfMatch(call, drive, item);
  const body = (call.body ?? {}) as Record<string, unknown>;
  const patch: { name?: string; parentId?: string; description?: string } = {};
  for (const [key, value] of Object.entries(body)) {
    if (key === 'name') patch.name = checkName(value);
    else if (key === 'description') {
      if (typeof value !== 'string') throw fileErrors.invalidRequest("'description' is a string.");
      patch.description = value;
    } else if (key === 'parentReference') patch.parentId = destination(context, drive, value);
    else if (key !== CONFLICT && !key.startsWith('@odata.')) throw fileErrors.invalidRequest(`The property '${key}' cannot be changed through PATCH.`);
  }
  if (item.parentId === undefined && (patch.name !== undefined || patch.parentId !== undefined)) throw fileErrors.invalidRequest('The root cannot be renamed or moved.');
  const conflict = conflictBehavior(body[CONFLICT], 'fail');
  const updated = storeWrite(() => context.store.files.updateItem(drive.id, item.id, patch, actorOf(context, call), conflict));
  return itemResult(context, call, drive, updated, 200);
}

function destination(context: EmulatorContext, drive: DriveRecord, value: unknown): string {
  const reference = (value ?? {}) as Record<string, unknown>;
  if (typeof value !== 'object' || value === null) throw fileErrors.invalidRequest("'parentReference' is an object with the destination folder's 'id'.");
  if (reference.driveId !== undefined && reference.driveId !== drive.id) {
    throw fileErrors.invalidRequest('Moving an item to another drive is not supported; copy it instead.');
  }
  const files = context.store.files;
  let folder: DriveItemRecord | undefined;
  if (typeof reference.id === 'string') folder = reference.id.toLowerCase() === 'root' ? files.root(drive.id) : files.getItem(drive.id, reference.id);
  else if (typeof reference.path === 'string') {
    const match = /^\/drive(?:s\/[^/]+)?\/root:(.*)$/i.exec(reference.path);
    if (!match) throw fileErrors.invalidRequest(`The parentReference.path '${reference.path}' is not of the form /drive/root:/folder.`);
    folder = files.itemByPath(drive.id, files.root(drive.id).id, decodeURIComponent(match[1]!));
  } else throw fileErrors.invalidRequest("'parentReference' needs the destination folder's 'id' (or 'path').");
  if (!folder) throw fileErrors.itemNotFound();
  if (!folder.folder) throw fileErrors.invalidRequest('The destination is not a folder.');
  return folder.id;
}

/** `DELETE …/items/{id}` → 204; the item (and what is below it) is gone: 404 itemNotFound from then on. */
export function deleteItem(context: EmulatorContext, call: GraphCall, [base, itemBase, path]: string[]): GraphResult {
  refuseQueryOptions(call.query);
  const drive = driveAt(context, call, base!, true);
  const item = itemAt(context, drive, itemBase!, path);
  checkIfMatch(call, drive, item);
  if (item.parentId === undefined) throw fileErrors.invalidRequest('The root cannot be deleted.');
  context.store.files.deleteItem(drive.id, item.id);
  return { status: 204 };
}
