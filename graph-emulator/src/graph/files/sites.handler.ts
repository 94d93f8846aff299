import { driveJson, siteJson } from '../../files/drive-shape.js';
import type { EmulatorContext } from '../../http/emulator-context.js';
import { collectionBody, pageSize } from '../../odata/collection-response.js';
import { odataErrors } from '../../odata/odata-errors.js';
import { parseQuery, type OptionName } from '../../odata/query-options.js';
import { runQuery } from '../../odata/query-engine.js';
import { DRIVE_RESOURCE, SITE_RESOURCE } from '../../odata/resources/drive-resource.js';
import type { SiteRecord } from '../../store/files/file-records.js';
import type { GraphCall, GraphResult } from '../graph-call.js';
import { driveAt, refusePersonal, siteAt } from './drive-access.js';

const notFiltered = (what: string) => (name: OptionName) =>
  name === '$filter' ? odataErrors.notImplemented(`$filter on ${what}`) : odataErrors.unknownOption(name);

/** The site segment of a matched `/sites/{site}` (the path form keeps its slashes). */
const siteSegment = (captured: string) => captured.replace(/^\/sites\//i, '');

/**
 * `GET /sites?search={text}` (site-search.md): the tenant's sites whose name, title or description holds the text
 * (`*` lists all); `$select`, `$top`, `$orderby=createdDateTime` (the only sort the page allows). Without `search`,
 * listing every site is an application-permission call (getAllSites), not served.
 */
export function searchSites(context: EmulatorContext, call: GraphCall): GraphResult {
  refusePersonal(call);
  const search = call.query.get('search');
  if (search === null) throw odataErrors.notImplemented('GET /sites without ?search= (listing every site)');
  const query = parseQuery(call.query, SITE_RESOURCE, { allowed: ['$select', '$top', '$orderby', '$skip'], refuse: notFiltered('a site search') });
  const text = search.trim().toLowerCase();
  const size = pageSize(call, SITE_RESOURCE, query);
  const holds = (site: SiteRecord) => text === '*' || text === '' || [site.name, site.displayName, site.description].some((value) => value.toLowerCase().includes(text));
  const page = runQuery<SiteRecord>({
    schema: SITE_RESOURCE,
    all: () => context.store.files.listSites(call.caller.user.tenantId).filter(holds),
    read: (site, name) => (site as unknown as Record<string, unknown>)[name] ?? null,
  }, query, size.size);
  const body = collectionBody(call, {
    context: `${call.origin}/v1.0/$metadata#sites`,
    linkPath: call.path,
    query,
    page,
    values: page.items.map((site) => siteJson(call.origin, site, query.select)),
    size: size.size,
  });
  return { status: 200, body };
}

/** `GET /sites/{id}` (also `/sites/root` and `/sites/{host}:/sites/{name}`), `$select`. */
export function getSite(context: EmulatorContext, call: GraphCall, [captured]: string[]): GraphResult {
  const site = siteAt(context, call, siteSegment(captured!));
  const { select } = parseQuery(call.query, SITE_RESOURCE, { allowed: ['$select', '$expand'] });
  return { status: 200, body: { '@odata.context': `${call.origin}/v1.0/$metadata#sites/$entity`, ...siteJson(call.origin, site, select) } };
}

/** `GET /sites/{id}/drives`: the site's document libraries (driveType documentLibrary). */
export function listSiteDrives(context: EmulatorContext, call: GraphCall, [captured]: string[]): GraphResult {
  const site = siteAt(context, call, siteSegment(captured!));
  const query = parseQuery(call.query, DRIVE_RESOURCE, { allowed: ['$select', '$top', '$orderby'], refuse: notFiltered("a site's drives") });
  const size = pageSize(call, DRIVE_RESOURCE, query);
  const page = runQuery({
    schema: DRIVE_RESOURCE,
    all: () => site.driveIds.map((id) => driveAt(context, call, `/drives/${id}`, false)),
    read: (drive, name) => (drive as unknown as Record<string, unknown>)[name] ?? null,
  }, query, size.size);
  const body = collectionBody(call, {
    context: `${call.origin}/v1.0/$metadata#drives`,
    linkPath: call.path,
    query,
    page,
    values: page.items.map((drive) => driveJson(call.origin, context.store.files, drive, query.select)),
    size: size.size,
  });
  return { status: 200, body };
}

/** `GET /sites/{id}/drive`: the site's default document library. */
export function getSiteDrive(context: EmulatorContext, call: GraphCall, [captured]: string[]): GraphResult {
  const drive = driveAt(context, call, `${captured!}/drive`, false);
  const { select } = parseQuery(call.query, DRIVE_RESOURCE, { allowed: ['$select', '$expand'] });
  return { status: 200, body: { '@odata.context': `${call.origin}/v1.0/$metadata#drives/$entity`, ...driveJson(call.origin, context.store.files, drive, select) } };
}
