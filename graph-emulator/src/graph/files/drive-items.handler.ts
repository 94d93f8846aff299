import { driveItemJson, driveJson } from '../../files/drive-shape.js';
import { fileErrors } from '../../files/file-errors.js';
import type { EmulatorContext } from '../../http/emulator-context.js';
import { collectionBody, pageSize } from '../../odata/collection-response.js';
import { odataErrors } from '../../odata/odata-errors.js';
import { parseQuery, refuseQueryOptions, type OptionName, type ParsedQuery } from '../../odata/query-options.js';
import { runQuery } from '../../odata/query-engine.js';
import { DRIVE_ITEM_RESOURCE, DRIVE_RESOURCE } from '../../odata/resources/drive-resource.js';
import type { DriveItemRecord, DriveRecord } from '../../store/files/file-records.js';
import type { GraphCall, GraphResult } from '../graph-call.js';
import { downloadUrl, driveAt, itemAt, itemContext } from './drive-access.js';

// driveitem-list-children.md: $expand, $select, $skipToken, $top and $orderby.
const LIST_OPTIONS: OptionName[] = ['$select', '$top', '$orderby', '$expand', '$skiptoken'];
const refuseListOption = (what: string) => (name: OptionName) =>
  name === '$filter' || name === '$count' ? odataErrors.notImplemented(`${name} on ${what}`) : odataErrors.unknownOption(name);

/** The items of a page of drive items, through the query engine, paged by `$skiptoken` bound to what is listed. */
export function itemPage(call: GraphCall, query: ParsedQuery, items: () => DriveItemRecord[], binding: string) {
  // The skiptoken names the offset and what it continues (see search-skiptoken.ts): a folder's children or a search.
  query.searchText = binding;
  const size = pageSize(call, DRIVE_ITEM_RESOURCE, query);
  const page = runQuery<DriveItemRecord>({
    schema: DRIVE_ITEM_RESOURCE,
    all: items,
    read: (item, name) => (item as unknown as Record<string, unknown>)[name] ?? null,
  }, query, size.size);
  return { page, size };
}

function withChildren(context: EmulatorContext, call: GraphCall, drive: DriveRecord, item: DriveItemRecord, body: Record<string, unknown>, query: ParsedQuery) {
  if (!query.expand?.includes('children')) return body;
  const children = item.folder ? context.store.files.children(drive.id, item.id).slice(0, DRIVE_ITEM_RESOURCE.defaultTop) : [];
  return { ...body, children: children.map((child) => driveItemJson(context.store.files, drive, child, { origin: call.origin, downloadUrl: downloadUrl(context, call, drive) })) };
}

/** `GET /me/drive`, `/users/{id}/drive`, `/drives/{id}`, `/sites/{id}/drive`, `/sites/{id}/drives/{id}` (`$select`). */
export function getDrive(context: EmulatorContext, call: GraphCall, [base]: string[]): GraphResult {
  const drive = driveAt(context, call, base!, false);
  const { select } = parseQuery(call.query, DRIVE_RESOURCE, { allowed: ['$select', '$expand'] });
  return { status: 200, body: { '@odata.context': `${call.origin}/v1.0/$metadata#drives/$entity`, ...driveJson(call.origin, context.store.files, drive, select) } };
}

/** `GET /me/drives`: the user's own OneDrive (the emulator keeps one drive per user). */
export function listMyDrives(context: EmulatorContext, call: GraphCall, [userSegment]: string[]): GraphResult {
  const drive = driveAt(context, call, userSegment ? `/users/${userSegment}/drive` : '/me/drive', false);
  const { select } = parseQuery(call.query, DRIVE_RESOURCE, { allowed: ['$select'] });
  return { status: 200, body: { '@odata.context': `${call.origin}/v1.0/$metadata#drives`, value: [driveJson(call.origin, context.store.files, drive, select)] } };
}

/** `GET …/root`, `…/items/{id}`, `…/root:/path`, `…/items/{id}:/path` (`$select`, `$expand=children`). */
export function getItem(context: EmulatorContext, call: GraphCall, [base, itemBase, path]: string[]): GraphResult {
  const drive = driveAt(context, call, base!, false);
  const item = itemAt(context, drive, itemBase!, path);
  const query = parseQuery(call.query, DRIVE_ITEM_RESOURCE, { allowed: ['$select', '$expand'] });
  const body = driveItemJson(context.store.files, drive, item, { origin: call.origin, ...(query.select ? { select: query.select } : {}), downloadUrl: downloadUrl(context, call, drive) });
  return { status: 200, body: { '@odata.context': itemContext(call, drive), ...withChildren(context, call, drive, item, body, query) } };
}

/** `GET …/children` of a folder, by id or by path: 200 items a page unless `$top` says otherwise. */
export function listChildren(context: EmulatorContext, call: GraphCall, [base, itemBase, path]: string[]): GraphResult {
  const drive = driveAt(context, call, base!, false);
  const folder = itemAt(context, drive, itemBase!, path);
  const query = parseQuery(call.query, DRIVE_ITEM_RESOURCE, { allowed: LIST_OPTIONS, refuse: refuseListOption('driveItem children') });
  if (query.expand?.includes('children')) throw odataErrors.notImplemented('$expand=children on a list of children');
  const files = context.store.files;
  const { page, size } = itemPage(call, query, () => (folder.folder ? files.children(drive.id, folder.id) : []), `children:${folder.id}`);
  const body = collectionBody(call, {
    context: `${call.origin}/v1.0/$metadata#drives('${encodeURIComponent(drive.id)}')/items('${encodeURIComponent(folder.id)}')/children`,
    linkPath: call.path,
    query,
    page,
    values: page.items.map((item) => driveItemJson(files, drive, item, { origin: call.origin, ...(query.select ? { select: query.select } : {}), downloadUrl: downloadUrl(context, call, drive) })),
    size: size.size,
  });
  return { status: 200, headers: size.applied ? { 'Preference-Applied': size.applied } : {}, body };
}

/** `GET …/content`: 302 to a pre-authenticated download address (folders have no content). */
export function getContent(context: EmulatorContext, call: GraphCall, [base, itemBase, path]: string[]): GraphResult {
  const drive = driveAt(context, call, base!, false);
  const item = itemAt(context, drive, itemBase!, path);
  refuseQueryOptions(call.query);
  if (item.folder) throw fileErrors.itemNotFound();
  return { status: 302, headers: { Location: downloadUrl(context, call, drive)(item) } };
}

/** `GET /me/drive/recent`: the user's files, most recently changed first, each also as a `remoteItem` (drive-recent.md). */
export function recentItems(context: EmulatorContext, call: GraphCall, [base]: string[]): GraphResult {
  const drive = driveAt(context, call, base!, false);
  refuseQueryOptions(call.query);
  const files = context.store.files;
  const values = files.recent(drive.ownerUserId!, DRIVE_ITEM_RESOURCE.defaultTop).map((item) => {
    const json = driveItemJson(files, drive, item, { origin: call.origin });
    const parent = json.parentReference as Record<string, unknown>;
    return {
      ...json,
      remoteItem: { id: item.id, name: item.name, file: json.file, size: item.size, webUrl: json.webUrl, lastModifiedDateTime: item.lastModifiedDateTime, parentReference: { driveId: drive.id, driveType: drive.driveType, id: parent.id } },
    };
  });
  return { status: 200, body: { '@odata.context': `${call.origin}/v1.0/$metadata#Collection(driveItem)`, value: values } };
}
