import type { Request, Response } from 'express';
import { AdminError } from '../errors/error-factory.js';
import { actorFor, writeAtPath, ensureFolder } from '../files/file-writes.js';
import { seedDemoFiles } from '../seed/demo-files.js';
import type { EmulatorStore } from '../store/emulator-store.js';
import type { DriveItemRecord, DriveRecord, FilesSettings } from '../store/files/file-records.js';
import { userOf } from './admin-lookups.js';

type ItemBody = { path?: string; folder?: boolean; text?: string; base64?: string; by?: string; name?: string; parentPath?: string; parentId?: string };

function driveOf(store: EmulatorStore, id: string): DriveRecord {
  const drive = store.files.getDrive(id);
  if (!drive) throw new AdminError(404, `no drive ${id}`);
  return drive;
}

function itemOf(store: EmulatorStore, drive: DriveRecord, id: string): DriveItemRecord {
  const item = store.files.getItem(drive.id, id);
  if (!item) throw new AdminError(404, `no item ${id} in drive ${drive.id}`);
  return item;
}

export function adminItemJson(store: EmulatorStore, item: DriveItemRecord) {
  return {
    id: item.id, driveId: item.driveId, name: item.name, path: `/${store.files.pathOf(item).join('/')}`, folder: item.folder,
    size: item.size, parentId: item.parentId ?? null, lastModifiedDateTime: item.lastModifiedDateTime, lastModifiedBy: item.lastModifiedBy.displayName,
  };
}

function contentOf(body: ItemBody): Buffer | 'folder' {
  if (body.folder) return 'folder';
  if (typeof body.base64 === 'string') return Buffer.from(body.base64, 'base64');
  return Buffer.from(typeof body.text === 'string' ? body.text : '', 'utf8');
}

function driveListing(store: EmulatorStore, drive: DriveRecord) {
  return { drive, items: store.files.descendants(drive.id, drive.rootId).map((item) => adminItemJson(store, item)) };
}

/** `GET /_admin/mailboxes/:user/drive`: the user's OneDrive (made on first use) and every item in it. */
export function getUserDriveHandler(store: EmulatorStore) {
  return (req: Request<{ user: string }>, res: Response): void => {
    res.json(driveListing(store, store.files.userDrive(userOf(store, req.params.user).id)));
  };
}

/** `GET /_admin/drives/:driveId` */
export function getDriveHandler(store: EmulatorStore) {
  return (req: Request<{ driveId: string }>, res: Response): void => {
    res.json(driveListing(store, driveOf(store, req.params.driveId)));
  };
}

/** `POST /_admin/mailboxes/:user/drive/items` or `/_admin/drives/:driveId/items` `{path, folder?|text?|base64?, by?}` → 201. */
export function createItemHandler(store: EmulatorStore) {
  return (req: Request<{ user?: string; driveId?: string }>, res: Response): void => {
    const drive = req.params.user ? store.files.userDrive(userOf(store, req.params.user).id) : driveOf(store, req.params.driveId!);
    const body = (req.body ?? {}) as ItemBody;
    if (typeof body.path !== 'string') throw new AdminError(400, 'path names the item: /Folder/file.txt');
    res.status(201).json(adminItemJson(store, writeAtPath(store, drive, body.path, contentOf(body), actorFor(store, drive, body.by))));
  };
}

/**
 * `PATCH /_admin/drives/:driveId/items/:id` `{name?, parentPath? | parentId?, text? | base64?, by?}`: an edit made
 * in OneDrive or SharePoint itself (rename, move, new content), by the owner unless `by` names someone else.
 */
export function updateItemHandler(store: EmulatorStore) {
  return (req: Request<{ driveId: string; id: string }>, res: Response): void => {
    const drive = driveOf(store, req.params.driveId);
    const item = itemOf(store, drive, req.params.id);
    const body = (req.body ?? {}) as ItemBody;
    const by = actorFor(store, drive, body.by);
    if (body.text !== undefined || body.base64 !== undefined) store.files.replaceContent(drive.id, item.id, contentOf(body) as Buffer, by);
    const parentId = body.parentId ?? (body.parentPath !== undefined ? ensureFolder(store, drive, body.parentPath, by).id : undefined);
    if (body.name !== undefined || parentId !== undefined) {
      store.files.updateItem(drive.id, item.id, { ...(body.name !== undefined ? { name: body.name } : {}), ...(parentId ? { parentId } : {}) }, by, 'fail');
    }
    res.json(adminItemJson(store, itemOf(store, drive, item.id)));
  };
}

/** `DELETE /_admin/drives/:driveId/items/:id` → 204 */
export function deleteItemHandler(store: EmulatorStore) {
  return (req: Request<{ driveId: string; id: string }>, res: Response): void => {
    const drive = driveOf(store, req.params.driveId);
    store.files.deleteItem(drive.id, itemOf(store, drive, req.params.id).id);
    res.status(204).end();
  };
}

/** `GET /_admin/tenants/:tenant/sites` */
export function listSitesHandler(store: EmulatorStore) {
  return (req: Request<{ tenant: string }>, res: Response): void => {
    const tenant = store.findTenant(req.params.tenant);
    if (!tenant) throw new AdminError(404, `no tenant ${req.params.tenant}`);
    res.json({ value: store.files.listSites(tenant.id) });
  };
}

/** `POST /_admin/tenants/:tenant/sites` `{name, displayName?, description?, libraries?}` → 201: a site with a "Documents" library (and the others named). */
export function createSiteHandler(store: EmulatorStore) {
  return (req: Request<{ tenant: string }>, res: Response): void => {
    const tenant = store.findTenant(req.params.tenant);
    if (!tenant) throw new AdminError(404, `no tenant ${req.params.tenant}`);
    if (tenant.kind === 'personal') throw new AdminError(400, 'personal accounts have no SharePoint sites');
    res.status(201).json(store.files.addSite(tenant.id, (req.body ?? {}) as { name: string }));
  };
}

/** `GET /_admin/files/settings` */
export function getFilesSettingsHandler(store: EmulatorStore) {
  return (_req: Request, res: Response): void => {
    res.json(store.files.getSettings());
  };
}

/** `PUT /_admin/files/settings` `{simpleUploadMaxBytes?, chunkMultipleBytes?, maxChunkBytes?, uploadSessionLifetimeSeconds?, downloadUrlLifetimeSeconds?}` */
export function updateFilesSettingsHandler(store: EmulatorStore) {
  return (req: Request, res: Response): void => {
    res.json(store.files.updateSettings((req.body ?? {}) as Partial<FilesSettings>));
  };
}

/** `POST /_admin/mailboxes/:user/files-seed`: the demo OneDrive for one user (and the demo site for a work account's tenant). */
export function seedFilesHandler(store: EmulatorStore) {
  return (req: Request<{ user: string }>, res: Response): void => {
    res.status(201).json(seedDemoFiles(store, userOf(store, req.params.user)));
  };
}
