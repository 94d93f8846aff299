import { driveItemJson } from '../../files/drive-shape.js';
import { fileErrors } from '../../files/file-errors.js';
import type { EmulatorContext } from '../../http/emulator-context.js';
import { collectionBody } from '../../odata/collection-response.js';
import { odataErrors } from '../../odata/odata-errors.js';
import { parseQuery } from '../../odata/query-options.js';
import { DRIVE_ITEM_RESOURCE } from '../../odata/resources/drive-resource.js';
import type { DriveItemRecord } from '../../store/files/file-records.js';
import type { GraphCall, GraphResult } from '../graph-call.js';
import { downloadUrl, driveAt, itemAt } from './drive-access.js';
import { itemPage } from './drive-items.handler.js';

const TEXT_TYPES = /^(text\/|application\/(json|xml|csv))/i;

/** OData's string literal: `''` is one quote. */
function searchText(raw: string): string {
  return raw.replace(/''/g, "'");
}

function matches(context: EmulatorContext, item: DriveItemRecord, words: string[]): boolean {
  const name = item.name.toLowerCase();
  const text = !item.folder && item.mimeType && TEXT_TYPES.test(item.mimeType) && item.size <= 1024 * 1024
    ? context.store.files.content(item.driveId, item.id).toString('utf8').toLowerCase()
    : '';
  return words.every((word) => name.includes(word) || (item.description ?? '').toLowerCase().includes(word) || text.includes(word));
}

/**
 * `GET …/root/search(q='{text}')` (and `…/drive/search`, `…/items/{id}/search`): items below the folder whose name,
 * description or text content holds every word; `$select`, `$top`, `$orderby`, `$skiptoken` as documented; an empty
 * `value` when nothing matches. Results carry no parentReference.path, as Graph's do not.
 */
export function searchItems(context: EmulatorContext, call: GraphCall, [base, itemBase, path, rawQ]: string[]): GraphResult {
  const drive = driveAt(context, call, base!, false);
  const folder = itemAt(context, drive, itemBase || '/root', path || undefined);
  const query = parseQuery(call.query, DRIVE_ITEM_RESOURCE, {
    allowed: ['$select', '$top', '$orderby', '$expand', '$skiptoken'],
    refuse: (name) => (name === '$filter' ? odataErrors.notImplemented('$filter on a drive search') : odataErrors.unknownOption(name)),
  });
  if (query.expand) throw odataErrors.notImplemented('$expand on a drive search');
  const q = searchText(rawQ ?? '');
  const words = q.toLowerCase().split(/\s+/).filter(Boolean);
  if (!folder.folder) throw fileErrors.invalidRequest('Search runs in a folder.');
  const files = context.store.files;
  const found = () => (words.length === 0 ? [] : files.descendants(drive.id, folder.id).filter((item) => matches(context, item, words)));
  const { page, size } = itemPage(call, query, found, `search:${folder.id}:${q}`);
  const body = collectionBody(call, {
    context: `${call.origin}/v1.0/$metadata#Collection(driveItem)`,
    linkPath: call.path,
    query,
    page,
    values: page.items.map((item) => ({
      ...driveItemJson(files, drive, item, { origin: call.origin, noPath: true, ...(query.select ? { select: query.select } : {}), downloadUrl: downloadUrl(context, call, drive) }),
      ...(query.select ? {} : { searchResult: {} }),
    })),
    size: size.size,
  });
  return { status: 200, headers: size.applied ? { 'Preference-Applied': size.applied } : {}, body };
}
