import type { GraphRoute } from '../graph-call.js';
import { ROUTE_PERMISSIONS as P, type RoutePermission } from '../route-permissions.js';
import { createLink } from './create-link.handler.js';
import { getContent, getDrive, getItem, listChildren, listMyDrives, recentItems } from './drive-items.handler.js';
import { searchItems } from './drive-search.handler.js';
import { createChild, deleteItem, putContent, updateItem } from './drive-writes.handler.js';
import { getSite, getSiteDrive, listSiteDrives, searchSites } from './sites.handler.js';
import { createUploadSession } from './upload-session.handler.js';

// A site: its id (`host,collection,web`), `root`, or its path address `{host}:/sites/{name}:`.
const SITE = String.raw`/sites/(?:[^/:]+:/sites/[^/:]+:?|[^/]+)`;
/** The drive a path begins with (one capture): the user's, one by id, a site's default library or one of its libraries. */
const DRIVE = String.raw`((?:/me|/users/[^/]+)/drive|/drives/[^/]+|${SITE}/drive|${SITE}/drives/[^/]+)`;
/** An item (two captures): `/root` or `/items/{id}`, then a path below it. */
const ITEM = String.raw`(/root|/items/[^/:]+)`;
const ITEM_ONLY = String.raw`${DRIVE}${ITEM}(?::(/[^:]*)?:?)?`;
const itemThen = (tail: string) => String.raw`${DRIVE}${ITEM}(?::(/[^:]*):)?${tail}`;
const QUOTE = "(?:'|%27)";

/**
 * Drive and site routes count against the mailbox's limits like Outlook's (the brief asks for one throttling per
 * user); Graph documents SharePoint's own limits apart, which the emulator does not model.
 */
const route = (method: string, pattern: string, permission: RoutePermission, handle: GraphRoute['handle']): GraphRoute => ({
  method, pattern: new RegExp(`^${pattern}/?$`, 'i'), outlook: true, permission, handle,
});

/** OneDrive and SharePoint: drives, items by id or path, uploads, sharing links, search, sites and their libraries. */
export const FILE_ROUTES: GraphRoute[] = [
  route('GET', String.raw`/(?:me|users/([^/]+))/drives`, P['drive-list'], listMyDrives),
  route('GET', `${DRIVE}/recent(?:\\(\\))?`, P['drive-recent'], recentItems),
  route('GET', `${DRIVE}(?:${ITEM}(?::(/[^:]*):)?)?/search\\(q=${QUOTE}(.*)${QUOTE}\\)`, P['driveitem-search'], searchItems),
  route('GET', itemThen('/children'), P['driveitem-list-children'], listChildren),
  route('POST', itemThen('/children'), P['driveitem-post-children'], createChild),
  route('GET', itemThen('/content'), P['driveitem-get-content'], getContent),
  route('PUT', itemThen('/content'), P['driveitem-put-content'], putContent),
  route('POST', itemThen('/createUploadSession'), P['driveitem-createuploadsession'], createUploadSession),
  route('POST', itemThen('/createLink'), P['driveitem-createlink'], createLink),
  route('GET', ITEM_ONLY, P['driveitem-get'], getItem),
  route('PATCH', ITEM_ONLY, P['driveitem-update'], updateItem),
  route('DELETE', ITEM_ONLY, P['driveitem-delete'], deleteItem),
  route('GET', `(${SITE})/drives`, P['drive-list-sites'], listSiteDrives),
  route('GET', `(${SITE})/drive`, P['drive-get-sites'], getSiteDrive),
  route('GET', `(${SITE}/drives/[^/]+)`, P['drive-get-sites'], getDrive),
  route('GET', '((?:/me|/users/[^/]+)/drive)', P['drive-get'], getDrive),
  route('GET', '(/drives/[^/]+)', P['drive-get'], getDrive),
  route('GET', '/sites', P['site-search'], searchSites),
  route('GET', `(${SITE})`, P['site-get'], getSite),
];
