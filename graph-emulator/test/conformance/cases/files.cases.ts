import { each, eq, like, some, type ConformanceCase, type Shape } from '../conformance-case.js';
import { DATE_TIME, GRAPH_ERROR, JSON_HEADERS } from './shapes.js';
import { graphApi } from './sources.js';

// OneDrive routes need Files.* (`auth: 'files'`), SharePoint's Sites.Read.All (`auth: 'sites'`); the seeded drive,
// site and upload session are in runner/fixtures.ts.
const IDENTITY: Shape = { user: { id: 'string', displayName: 'string' } };
/** https://learn.microsoft.com/graph/api/resources/driveitem — as the Get item and List children examples show one. */
const ITEM: Shape = {
  createdBy: IDENTITY,
  createdDateTime: DATE_TIME,
  eTag: 'string',
  id: 'string',
  lastModifiedBy: IDENTITY,
  lastModifiedDateTime: DATE_TIME,
  name: 'string',
  parentReference: { driveId: 'string', driveType: 'string' },
  size: 'integer',
  webUrl: like(/^https:\/\//),
};
const FILE: Shape = { ...ITEM, cTag: 'string', file: { mimeType: 'string', hashes: 'object' }, '@microsoft.graph.downloadUrl': like(/^https:\/\//) };
const FOLDER: Shape = { ...ITEM, folder: { childCount: 'integer' } };
/** https://learn.microsoft.com/graph/api/resources/drive */
const DRIVE: Shape = {
  id: 'string',
  driveType: 'string',
  owner: IDENTITY,
  quota: { deleted: 'integer', remaining: 'integer', state: 'string', total: 'integer', used: 'integer' },
};
/** https://learn.microsoft.com/graph/api/resources/site — as the Search sites example shows one. */
const SITE: Shape = { id: like(/^[^,]+,[0-9a-f-]+,[0-9a-f-]+$/), name: 'string', displayName: 'string', description: 'string', webUrl: like(/^https:\/\//), createdDateTime: DATE_TIME, lastModifiedDateTime: DATE_TIME };
const error = (code: string): Shape => ({ error: { ...(GRAPH_ERROR.error as Shape), code: eq(code) } });
const ITEMS = '/v1.0/me/drive/items';

export const fileCases: ConformanceCase[] = [
  {
    name: 'GET /me/drive returns the signed-in user\'s OneDrive (business for a work account)',
    source: graphApi('drive-get'),
    request: { method: 'GET', path: '/v1.0/me/drive', auth: 'files' },
    expect: { status: 200, headers: JSON_HEADERS, body: { ...DRIVE, driveType: eq('business') } },
  },
  {
    name: 'GET /drives/{id} returns the drive',
    source: graphApi('drive-get'),
    request: { method: 'GET', path: '/v1.0/drives/{driveId}', auth: 'files' },
    expect: { status: 200, headers: JSON_HEADERS, body: { ...DRIVE, id: eq('{driveId}') } },
  },
  {
    name: 'GET /me/drives lists the user\'s drives',
    source: graphApi('drive-list'),
    request: { method: 'GET', path: '/v1.0/me/drives', auth: 'files' },
    expect: { status: 200, headers: JSON_HEADERS, body: { value: each(DRIVE) } },
  },
  {
    name: 'GET /me/drive/root returns the root folder, with its root facet',
    source: graphApi('driveitem-get'),
    request: { method: 'GET', path: '/v1.0/me/drive/root', auth: 'files' },
    needs: ['(files)'],
    expect: { status: 200, headers: JSON_HEADERS, body: { ...ITEM, root: 'object', folder: { childCount: eq(2) } } },
  },
  {
    name: 'GET /me/drive/items/{id} returns a file with its file facet, cTag and download URL',
    source: graphApi('driveitem-get'),
    request: { method: 'GET', path: `${ITEMS}/{driveFileId}`, auth: 'files' },
    expect: { status: 200, headers: JSON_HEADERS, body: { ...FILE, id: eq('{driveFileId}'), name: eq('Quote.txt') } },
  },
  {
    name: 'GET /me/drive/root:/{path} addresses an item by its path',
    source: graphApi('driveitem-get'),
    request: { method: 'GET', path: '/v1.0/me/drive/root:/Proposals/Quote.txt', auth: 'files' },
    expect: { status: 200, headers: JSON_HEADERS, body: { ...FILE, id: eq('{driveFileId}') } },
  },
  {
    name: 'GET /me/drive/items/{id}?$expand=children returns the folder with its children',
    source: graphApi('driveitem-get'),
    request: { method: 'GET', path: `${ITEMS}/{driveFolderId}`, query: { $expand: 'children' }, auth: 'files' },
    expect: { status: 200, headers: JSON_HEADERS, body: { ...FOLDER, children: each({ id: 'string', name: 'string' }) } },
  },
  {
    name: 'GET /me/drive/items/{id} of a deleted item → 404 itemNotFound',
    source: graphApi('driveitem-get'),
    request: { method: 'GET', path: `${ITEMS}/01NOSUCHITEM0000000000000000000000`, auth: 'files' },
    expect: { status: 404, headers: JSON_HEADERS, body: error('itemNotFound') },
  },
  {
    name: 'GET /me/drive/root/children lists the root\'s children',
    source: graphApi('driveitem-list-children'),
    request: { method: 'GET', path: '/v1.0/me/drive/root/children', auth: 'files' },
    needs: ['(files)'],
    expect: { status: 200, headers: JSON_HEADERS, body: { value: some({ ...FOLDER, name: eq('Proposals') }) } },
  },
  {
    name: 'GET /me/drive/items/{id}/children with $top pages by @odata.nextLink',
    source: graphApi('driveitem-list-children'),
    request: { method: 'GET', path: '/v1.0/me/drive/root/children', query: { $top: '1', $select: 'id,name' }, auth: 'files' },
    needs: ['(files)'],
    expect: { status: 200, headers: JSON_HEADERS, body: { value: each({ id: 'string', name: 'string' }), '@odata.nextLink': like(/\$skiptoken=/) } },
  },
  {
    name: 'GET /me/drive/root:/{path}:/children lists a folder addressed by its path',
    source: graphApi('driveitem-list-children'),
    request: { method: 'GET', path: '/v1.0/me/drive/root:/Proposals:/children', auth: 'files' },
    needs: ['(files)'],
    expect: { status: 200, headers: JSON_HEADERS, body: { value: each({ ...FILE, name: eq('Quote.txt') }) } },
  },
  {
    name: 'POST /me/drive/root/children {name, folder, conflictBehavior: rename} creates a folder → 201',
    source: graphApi('driveitem-post-children'),
    request: { method: 'POST', path: '/v1.0/me/drive/root/children', auth: 'files', body: { name: 'New Folder', folder: {}, '@microsoft.graph.conflictBehavior': 'rename' } },
    expect: { status: 201, headers: JSON_HEADERS, body: { ...FOLDER, name: eq('New Folder'), folder: { childCount: eq(0) } } },
  },
  {
    // driveitem.md: conflictBehavior fail makes a clash an error; OneDrive's code for it is nameAlreadyExists.
    name: 'POST /me/drive/root/children with a taken name and conflictBehavior fail → 409 nameAlreadyExists',
    source: graphApi('driveitem-post-children'),
    request: { method: 'POST', path: '/v1.0/me/drive/root/children', auth: 'files', body: { name: 'Proposals', folder: {}, '@microsoft.graph.conflictBehavior': 'fail' } },
    needs: ['(files)'],
    expect: { status: 409, headers: JSON_HEADERS, body: error('nameAlreadyExists') },
  },
  {
    name: 'PUT /me/drive/items/{parent-id}:/{filename}:/content uploads a new file → 201',
    source: graphApi('driveitem-put-content'),
    request: { method: 'PUT', path: `${ITEMS}/{driveFolderId}:/FileB.txt:/content`, auth: 'files', headers: { 'content-type': 'text/plain' }, body: 'The contents of the file goes here.' },
    expect: { status: 201, headers: JSON_HEADERS, body: { ...FILE, name: eq('FileB.txt'), size: eq(37) } },
  },
  {
    name: 'PUT /me/drive/items/{id}/content replaces a file\'s content → 200, same id',
    source: graphApi('driveitem-put-content'),
    request: { method: 'PUT', path: `${ITEMS}/{driveFileId}/content`, auth: 'files', headers: { 'content-type': 'text/plain' }, body: 'New quote' },
    expect: { status: 200, headers: JSON_HEADERS, body: { ...FILE, id: eq('{driveFileId}') } },
  },
  {
    name: 'GET /me/drive/items/{id}/content → 302 to a pre-authenticated download URL',
    source: graphApi('driveitem-get-content'),
    request: { method: 'GET', path: `${ITEMS}/{driveFileId}/content`, auth: 'files' },
    expect: { status: 302, headers: { location: /^https:\/\/.+\/onedrive\/download\// } },
  },
  {
    name: 'GET a download URL without Authorization returns the bytes',
    source: graphApi('driveitem-get-content'),
    request: { method: 'GET', path: '{downloadPath}' },
    expect: { status: 200, text: /^Fabrikam renewal quote$/ },
  },
  {
    name: 'POST …/{parent}:/{name}:/createUploadSession → 200 with uploadUrl and expirationDateTime',
    source: graphApi('driveitem-createuploadsession'),
    request: {
      method: 'POST', path: `${ITEMS}/{driveFolderId}:/big.bin:/createUploadSession`, auth: 'files',
      body: { item: { '@microsoft.graph.conflictBehavior': 'rename', name: 'big.bin' } },
    },
    expect: { status: 200, headers: JSON_HEADERS, body: { uploadUrl: like(/^https:\/\//), expirationDateTime: DATE_TIME, nextExpectedRanges: each('string') } },
  },
  {
    name: 'POST createUploadSession for a taken name with conflictBehavior fail → 409 nameAlreadyExists',
    source: graphApi('driveitem-createuploadsession'),
    request: { method: 'POST', path: `${ITEMS}/{driveFolderId}:/Quote.txt:/createUploadSession`, auth: 'files', body: { item: { '@microsoft.graph.conflictBehavior': 'fail' } } },
    expect: { status: 409, headers: JSON_HEADERS, body: error('nameAlreadyExists') },
  },
  {
    name: 'PUT to the upload URL (no Authorization) with the last range → 201 with the new driveItem',
    source: graphApi('driveitem-createuploadsession'),
    request: { method: 'PUT', path: '{uploadPath}', headers: { 'content-range': 'bytes 0-4/5' }, body: 'abc' },
    expect: { status: 201, headers: JSON_HEADERS, body: { ...ITEM, name: eq('upload.bin'), size: eq(5), file: 'object' } },
  },
  {
    name: 'PUT to the upload URL with a range that is not the next one → 416',
    source: graphApi('driveitem-createuploadsession'),
    request: { method: 'PUT', path: '{uploadPath}', headers: { 'content-range': 'bytes 5-9/10' }, body: 'abc' },
    expect: { status: 416, headers: JSON_HEADERS, body: error('invalidRange') },
  },
  {
    name: 'POST /me/drive/items/{id}/createLink {type: edit, scope: organization} → 201 with the permission',
    source: graphApi('driveitem-createlink'),
    request: { method: 'POST', path: `${ITEMS}/{driveFileId}/createLink`, auth: 'files', body: { type: 'edit', scope: 'organization' } },
    expect: { status: 201, headers: JSON_HEADERS, body: { id: 'string', roles: eq(['write']), link: { type: eq('edit'), scope: eq('organization'), webUrl: like(/^https:\/\//) } } },
  },
  {
    name: 'POST /me/drive/items/{id}/createLink {type: view, scope: anonymous} → 201',
    source: graphApi('driveitem-createlink'),
    request: { method: 'POST', path: `${ITEMS}/{driveFileId}/createLink`, auth: 'files', body: { type: 'view', scope: 'anonymous' } },
    expect: { status: 201, headers: JSON_HEADERS, body: { id: 'string', roles: eq(['read']), link: { type: eq('view'), scope: eq('anonymous'), webUrl: like(/^https:\/\//) } } },
  },
  {
    name: 'PATCH /me/drive/items/{id} {name} renames the item → 200, same id',
    source: graphApi('driveitem-update'),
    request: { method: 'PATCH', path: `${ITEMS}/{driveFileId}`, auth: 'files', body: { name: 'new-file-name.docx' } },
    expect: { status: 200, headers: JSON_HEADERS, body: { ...ITEM, id: eq('{driveFileId}'), name: eq('new-file-name.docx') } },
  },
  {
    name: 'PATCH /me/drive/items/{id} {parentReference, name} moves the item → 200, same id',
    source: graphApi('driveitem-move'),
    request: { method: 'PATCH', path: `${ITEMS}/{driveFileId}`, auth: 'files', body: { parentReference: { id: 'root' }, name: 'moved.txt' } },
    expect: { status: 200, headers: JSON_HEADERS, body: { ...ITEM, id: eq('{driveFileId}'), name: eq('moved.txt') } },
  },
  {
    name: 'DELETE /me/drive/items/{id} → 204',
    source: graphApi('driveitem-delete'),
    request: { method: 'DELETE', path: `${ITEMS}/{driveFileId}`, auth: 'files' },
    expect: { status: 204 },
  },
  {
    name: "GET /me/drive/root/search(q='…') finds items by name and content",
    source: graphApi('driveitem-search'),
    request: { method: 'GET', path: "/v1.0/me/drive/root/search(q='Fabrikam')", auth: 'files' },
    needs: ['(files)'],
    expect: { status: 200, headers: JSON_HEADERS, body: { value: each({ id: 'string', name: 'string', webUrl: like(/^https:\/\//) }) } },
  },
  {
    name: 'GET /me/drive/recent lists recently changed files, each with a remoteItem',
    source: graphApi('drive-recent'),
    request: { method: 'GET', path: '/v1.0/me/drive/recent', auth: 'files' },
    needs: ['(files)'],
    expect: { status: 200, headers: JSON_HEADERS, body: { value: each({ id: 'string', remoteItem: { id: 'string', name: 'string', parentReference: { driveId: 'string' } } }) } },
  },
  {
    name: 'GET /sites?search= finds the tenant\'s sites',
    source: graphApi('site-search'),
    request: { method: 'GET', path: '/v1.0/sites', query: { search: 'marketing' }, auth: 'sites' },
    expect: { status: 200, headers: JSON_HEADERS, body: { value: each(SITE) } },
  },
  {
    name: 'GET /sites?search= without Sites.Read.All → 403',
    source: graphApi('site-search'),
    request: { method: 'GET', path: '/v1.0/sites', query: { search: 'marketing' }, auth: 'files' },
    expect: { status: 403, headers: JSON_HEADERS, body: error('accessDenied') },
  },
  {
    name: 'GET /sites/{id} returns the site',
    source: graphApi('site-get'),
    request: { method: 'GET', path: '/v1.0/sites/{siteId}', auth: 'sites' },
    expect: { status: 200, headers: JSON_HEADERS, body: { ...SITE, id: eq('{siteId}') } },
  },
  {
    name: 'GET /sites/{id}/drives lists the document libraries',
    source: graphApi('drive-list'),
    request: { method: 'GET', path: '/v1.0/sites/{siteId}/drives', auth: 'sites' },
    expect: { status: 200, headers: JSON_HEADERS, body: { value: each({ ...DRIVE, driveType: eq('documentLibrary') }) } },
  },
  {
    name: 'GET /sites/{id}/drive returns the default document library',
    source: graphApi('drive-get'),
    request: { method: 'GET', path: '/v1.0/sites/{siteId}/drive', auth: 'sites' },
    expect: { status: 200, headers: JSON_HEADERS, body: { ...DRIVE, id: eq('{libraryId}'), driveType: eq('documentLibrary') } },
  },
  {
    name: 'GET /sites/{id}/drives/{id} returns one library',
    source: graphApi('drive-get'),
    request: { method: 'GET', path: '/v1.0/sites/{siteId}/drives/{libraryId}', auth: 'sites' },
    expect: { status: 200, headers: JSON_HEADERS, body: { ...DRIVE, id: eq('{libraryId}') } },
  },
  {
    name: 'GET /drives/{library-id}/root:/{path}:/children browses a library like any drive',
    source: graphApi('driveitem-list-children'),
    request: { method: 'GET', path: '/v1.0/drives/{libraryId}/root:/Brand:/children', auth: 'sites' },
    expect: { status: 200, headers: JSON_HEADERS, body: { value: each({ ...FILE, parentReference: { driveType: eq('documentLibrary'), siteId: eq('{siteId}') } }) } },
  },
];
