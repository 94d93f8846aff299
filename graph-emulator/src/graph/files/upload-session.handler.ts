import { fileErrors } from '../../files/file-errors.js';
import type { EmulatorContext } from '../../http/emulator-context.js';
import { odataErrors } from '../../odata/odata-errors.js';
import { refuseQueryOptions } from '../../odata/query-options.js';
import type { GraphCall, GraphResult } from '../graph-call.js';
import { actorOf, checkName, driveAt, itemAt } from './drive-access.js';
import { checkIfMatch, conflictBehavior } from './drive-writes.handler.js';

const CONFLICT = '@microsoft.graph.conflictBehavior';
const ITEM_MEMBERS = [CONFLICT, 'name', 'fileSize', 'description', '@odata.type'];

/** The upload URL of a session: pre-authenticated by its secret, answered by the transfer router. */
export const uploadUrlOf = (origin: string, id: string, secret: string) => `${origin}/onedrive/upload/${id}?tempauth=${secret}`;

/**
 * `POST …/{parent}:/{name}:/createUploadSession` (a new file, or the one of that name per conflictBehavior, default
 * replace) or `POST …/items/{id}/createUploadSession` (new content for a file), with an optional
 * `{item: {@microsoft.graph.conflictBehavior, name, fileSize, description}}` → 200 `{uploadUrl, expirationDateTime,
 * nextExpectedRanges}`. A name clash under `fail` is 409 nameAlreadyExists now and again when the last byte lands;
 * a `fileSize` above the space left is 507 quotaLimitReached; `deferCommit` is not built (501).
 */
export function createUploadSession(context: EmulatorContext, call: GraphCall, [base, itemBase, path]: string[]): GraphResult {
  refuseQueryOptions(call.query);
  const drive = driveAt(context, call, base!, true);
  const body = (call.body ?? {}) as Record<string, unknown>;
  for (const key of Object.keys(body)) {
    if (key === 'deferCommit') {
      if (body.deferCommit === true) throw odataErrors.notImplemented('createUploadSession with deferCommit');
    } else if (key !== 'item') throw fileErrors.invalidRequest(`The property '${key}' is not a createUploadSession parameter.`);
  }
  const item = (body.item ?? {}) as Record<string, unknown>;
  for (const key of Object.keys(item)) if (!ITEM_MEMBERS.includes(key)) throw fileErrors.invalidRequest(`The item property '${key}' cannot be set on an upload session.`);
  const conflict = conflictBehavior(item[CONFLICT], 'replace');
  const fileSize = item.fileSize;
  if (fileSize !== undefined && (typeof fileSize !== 'number' || !Number.isSafeInteger(fileSize) || fileSize < 0)) throw fileErrors.invalidRequest("'fileSize' is a number of bytes.");
  const files = context.store.files;
  let parentId: string;
  let name: string;
  let itemId: string | undefined;
  if (path) {
    const names = path.split('/').filter(Boolean);
    name = checkName(names.pop());
    const parent = itemAt(context, drive, itemBase!, names.length > 0 ? `/${names.join('/')}` : undefined);
    if (!parent.folder) throw fileErrors.invalidRequest('A file can only be uploaded into a folder.');
    parentId = parent.id;
    if (item.name !== undefined && item.name !== name) throw fileErrors.invalidRequest("The item's 'name' differs from the one in the path.");
    const existing = files.itemByPath(drive.id, parent.id, `/${name}`);
    if (existing && conflict === 'fail') throw fileErrors.nameAlreadyExists(existing.name);
    if (existing?.folder && conflict === 'replace') throw fileErrors.nameAlreadyExists(existing.name);
  } else {
    const target = itemAt(context, drive, itemBase!, undefined);
    checkIfMatch(call, drive, target);
    if (target.folder) throw fileErrors.invalidRequest('An upload session writes a file: address the parent folder and the new name.');
    parentId = target.parentId!;
    name = target.name;
    itemId = target.id;
  }
  if (typeof fileSize === 'number') {
    const root = files.root(drive.id);
    const used = files.descendants(drive.id, root.id).reduce((sum, entry) => sum + entry.size, 0);
    if (fileSize > drive.quotaTotal - used) throw fileErrors.quotaLimitReached();
  }
  const session = files.createUploadSession({
    driveId: drive.id,
    parentId,
    name,
    ...(itemId ? { itemId } : {}),
    conflictBehavior: conflict,
    ...(typeof fileSize === 'number' ? { fileSize } : {}),
    by: actorOf(context, call),
    userId: call.caller.user.id,
  });
  return {
    status: 200,
    body: {
      '@odata.context': `${call.origin}/v1.0/$metadata#microsoft.graph.uploadSession`,
      uploadUrl: uploadUrlOf(call.origin, session.id, session.secret),
      expirationDateTime: new Date(session.expiresAt).toISOString(),
      nextExpectedRanges: ['0-'],
    },
  };
}
