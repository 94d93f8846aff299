import { spec, type ComplexShape, type ResourceSchema } from '../resource-schema.js';

const IDENTITY_SET: ComplexShape = { user: { id: 'String', displayName: 'String', email: 'String' } };
const none = { filter: false, sort: false } as const;
const sorted = { filter: false, sort: true } as const;

/**
 * microsoft.graph.driveItem (v1.0), the properties the emulator keeps. `$filter` is not evaluated on drive items
 * (501); `$orderby` on the names, sizes and times.
 */
export const DRIVE_ITEM_RESOURCE: ResourceSchema = {
  type: 'driveItem',
  properties: [
    spec.scalar('@microsoft.graph.downloadUrl', 'String', none),
    spec.complex('createdBy', IDENTITY_SET),
    spec.scalar('createdDateTime', 'DateTimeOffset', sorted),
    spec.scalar('cTag', 'String', none),
    spec.scalar('description', 'String', { ...none, default: false }),
    spec.scalar('eTag', 'String', none),
    spec.scalar('id', 'String', none),
    spec.complex('lastModifiedBy', IDENTITY_SET),
    spec.scalar('lastModifiedDateTime', 'DateTimeOffset', sorted),
    spec.scalar('name', 'String', sorted),
    spec.complex('parentReference', { driveId: 'String', driveType: 'String', id: 'String', name: 'String', path: 'String', siteId: 'String' }),
    spec.scalar('size', 'Int32', sorted),
    spec.scalar('webUrl', 'String', none),
    spec.complex('file', { mimeType: 'String', hashes: { quickXorHash: 'String', sha1Hash: 'String', sha256Hash: 'String' } }),
    spec.complex('fileSystemInfo', { createdDateTime: 'DateTimeOffset', lastModifiedDateTime: 'DateTimeOffset' }),
    spec.complex('folder', { childCount: 'Int32' }),
    spec.complex('root', {}),
  ],
  expand: {
    children: null,
    thumbnails: 'it keeps no thumbnails',
    permissions: 'listing permissions is not built yet (POST …/createLink makes links)',
    versions: 'it keeps no file versions',
    listItem: 'it keeps no SharePoint list items',
    analytics: 'it keeps no item analytics',
    subscriptions: 'change notifications on drive items are not built yet',
  },
  search: null,
  // A page of children holds 200 items unless $top says otherwise; the largest $top is not documented.
  defaultTop: 200,
  maxTop: 1000,
  orderbyLeadsFilter: false,
};

/** microsoft.graph.drive (v1.0). */
export const DRIVE_RESOURCE: ResourceSchema = {
  type: 'drive',
  properties: [
    spec.scalar('id', 'String', none),
    spec.scalar('driveType', 'String', none),
    spec.scalar('name', 'String', sorted),
    spec.scalar('description', 'String', none),
    spec.scalar('createdDateTime', 'DateTimeOffset', sorted),
    spec.scalar('lastModifiedDateTime', 'DateTimeOffset', sorted),
    spec.scalar('webUrl', 'String', none),
    spec.complex('owner', IDENTITY_SET),
    spec.complex('quota', { deleted: 'Int32', remaining: 'Int32', state: 'String', total: 'Int32', used: 'Int32' }),
  ],
  expand: {
    root: 'expanding the root is not built yet (GET …/drive/root)',
    items: 'expanding items is not built yet',
    special: 'it keeps no special folders',
    following: 'it keeps no followed items',
    list: 'it keeps no SharePoint lists',
  },
  search: null,
  defaultTop: 200,
  maxTop: 1000,
  orderbyLeadsFilter: false,
};

/** microsoft.graph.site (v1.0). Only `createdDateTime` sorts a site search (site-search.md). */
export const SITE_RESOURCE: ResourceSchema = {
  type: 'site',
  properties: [
    spec.scalar('id', 'String', none),
    spec.scalar('name', 'String', none),
    spec.scalar('displayName', 'String', none),
    spec.scalar('description', 'String', none),
    spec.scalar('webUrl', 'String', none),
    spec.scalar('createdDateTime', 'DateTimeOffset', sorted),
    spec.scalar('lastModifiedDateTime', 'DateTimeOffset', none),
    spec.complex('siteCollection', { hostname: 'String' }),
  ],
  expand: {
    drive: 'expanding the drive is not built yet (GET /sites/{id}/drive)',
    drives: 'expanding drives is not built yet (GET /sites/{id}/drives)',
    lists: 'it keeps no SharePoint lists',
    sites: 'it keeps no subsites',
  },
  search: null,
  defaultTop: 200,
  maxTop: 1000,
  orderbyLeadsFilter: false,
};
