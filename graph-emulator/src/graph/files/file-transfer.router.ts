import { timingSafeEqual } from 'node:crypto';
import express from 'express';
import type { Request, Response, Router } from 'express';
import { GraphError, graphErrorBody } from '../../errors/error-factory.js';
import { driveItemJson, itemWebUrl } from '../../files/drive-shape.js';
import { fileErrors } from '../../files/file-errors.js';
import { escapeHtml } from '../../http/html.js';
import { requestOrigin, type EmulatorContext } from '../../http/emulator-context.js';
import { requestIds } from '../../http/request-ids.js';
import type { DriveItemRecord, DriveRecord, UploadSessionRecord } from '../../store/files/file-records.js';
import { NameConflictError } from '../../store/files/files-store.js';

const sameSecret = (a: string, b: string): boolean => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

function sendError(res: Response, error: unknown): void {
  if (!(error instanceof GraphError)) throw error;
  res.status(error.status).set(error.headers).json(graphErrorBody(error.code, error.message, requestIds(res)));
}

function guarded(work: (req: Request, res: Response) => Promise<void> | void) {
  return async (req: Request, res: Response): Promise<void> => {
    try {
      await work(req, res);
    } catch (error) {
      sendError(res, error);
    }
  };
}

/** The body of one PUT, refused before it is read when Content-Length is at the limit (each PUT is under 60 MiB). */
async function readChunk(req: Request, limit: number): Promise<Buffer> {
  const declared = Number(req.get('content-length') ?? 'NaN');
  if (!Number.isSafeInteger(declared)) throw new GraphError(411, 'invalidRequest', 'A PUT to an upload URL needs a Content-Length.');
  if (declared >= limit) throw new GraphError(413, 'requestEntityTooLarge', `Each PUT to an upload URL carries less than ${limit} bytes; this one says ${declared}.`);
  const parts: Buffer[] = [];
  let size = 0;
  for await (const part of req) {
    size += (part as Buffer).length;
    if (size > declared) throw fileErrors.invalidRequest('The body is longer than its Content-Length.');
    parts.push(part as Buffer);
  }
  return Buffer.concat(parts, size);
}

function sessionOf(context: EmulatorContext, req: Request): UploadSessionRecord {
  if (req.get('authorization')) {
    throw new GraphError(401, 'unauthenticated', 'An upload URL is pre-authenticated: send no Authorization header to it.');
  }
  const session = context.store.files.getUploadSession(String(req.params.id));
  const secret = typeof req.query.tempauth === 'string' ? req.query.tempauth : '';
  if (!session || !sameSecret(secret, session.secret)) throw fileErrors.itemNotFound();
  if (Date.now() >= session.expiresAt) {
    context.store.files.deleteUploadSession(session.id);
    throw fileErrors.itemNotFound();
  }
  return session;
}

const status = (session: UploadSessionRecord) => ({
  expirationDateTime: new Date(session.expiresAt).toISOString(),
  // As the page's example writes it: the first missing byte and an open end.
  nextExpectedRanges: [`${session.received}-`],
});

/**
 * A PUT of bytes to an upload URL (driveitem-createuploadsession.md): `Content-Range: bytes {start}-{end}/{total}`,
 * ranges in order (anything but the next expected one is 416), each a multiple of 320 KiB but the last; 202 with
 * nextExpectedRanges until the last byte, then 201 (new file) or 200 (new content) with the driveItem.
 */
async function putRange(context: EmulatorContext, req: Request, res: Response): Promise<void> {
  const files = context.store.files;
  const settings = files.getSettings();
  const session = sessionOf(context, req);
  const range = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(req.get('content-range') ?? '');
  if (!range) throw fileErrors.invalidRequest("A PUT to an upload URL needs 'Content-Range: bytes {start}-{end}/{total}'.");
  const [start, end] = [Number(range[1]), Number(range[2])];
  const total = range[3] === '*' ? undefined : Number(range[3]);
  if (total === undefined) throw fileErrors.invalidRequest('The total size in Content-Range is needed.');
  if (session.fileSize !== undefined && total !== session.fileSize) throw fileErrors.invalidRequest(`The session is for ${session.fileSize} bytes; Content-Range says ${total}.`);
  if (start !== session.received || end < start || end >= total) {
    throw fileErrors.invalidRange(`The range ${start}-${end} is not the next one: the session expects bytes from ${session.received}.`);
  }
  const length = end - start + 1;
  const last = end === total - 1;
  if (!last && length % settings.chunkMultipleBytes !== 0) {
    throw fileErrors.invalidRequest(`Each range but the last is a multiple of ${settings.chunkMultipleBytes} bytes (320 KiB); this one has ${length}.`);
  }
  const body = await readChunk(req, settings.maxChunkBytes);
  if (body.length !== length) throw fileErrors.invalidRequest(`Content-Range names ${length} bytes; the body has ${body.length}.`);
  session.fileSize = total;
  session.chunks.push(body);
  session.received += body.length;
  // Each fragment extends the session (uploadsession.md).
  session.expiresAt = Date.now() + settings.uploadSessionLifetimeSeconds * 1000;
  if (!last) {
    res.status(202).json(status(session));
    return;
  }
  files.deleteUploadSession(session.id);
  const bytes = Buffer.concat(session.chunks, session.received);
  session.chunks = [];
  const drive = files.getDrive(session.driveId);
  if (!drive) throw fileErrors.itemNotFound();
  let item: DriveItemRecord;
  let created = false;
  try {
    if (session.itemId) {
      if (!files.getItem(drive.id, session.itemId)) throw fileErrors.itemNotFound();
      item = files.replaceContent(drive.id, session.itemId, bytes, session.by);
    } else {
      if (!files.getItem(drive.id, session.parentId)) throw fileErrors.itemNotFound();
      ({ item, created } = files.putFile(drive.id, session.parentId, session.name, bytes, session.conflictBehavior, session.by));
    }
  } catch (error) {
    if (error instanceof NameConflictError) throw fileErrors.nameAlreadyExists(error.existing.name);
    throw error;
  }
  const origin = requestOrigin(context, req);
  res.status(created ? 201 : 200).json({
    '@odata.context': `${origin}/v1.0/$metadata#drives('${encodeURIComponent(drive.id)}')/items/$entity`,
    ...driveItemJson(files, drive, item, { origin }),
  });
}

function viewer(res: Response, title: string, lines: string[]): void {
  res.type('html').send(`<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1>${lines.map((line) => `<p>${escapeHtml(line)}</p>`).join('')}</body></html>`);
}

function showItem(context: EmulatorContext, req: Request, res: Response, drive: DriveRecord, item: DriveItemRecord | undefined): void {
  if (!item) {
    res.status(404).type('html').send('<!doctype html><title>Not found</title><h1>This item might not exist or is no longer available</h1>');
    return;
  }
  const files = context.store.files;
  const where = files.pathOf(item);
  viewer(res, item.parentId === undefined ? drive.name : item.name, [
    `${drive.driveType === 'documentLibrary' ? 'SharePoint' : 'OneDrive'}: /${where.join('/')}`,
    item.folder ? `Folder with ${files.childCount(drive.id, item.id)} items` : `${item.size} bytes, ${item.mimeType}`,
    `Modified ${item.lastModifiedDateTime} by ${item.lastModifiedBy.displayName}`,
    itemWebUrl(requestOrigin(context, req), files, drive, item),
  ]);
}

/**
 * OneDrive's addresses outside Graph, mounted at `/onedrive` (as Outlook's upload URLs are at `/api/v2.0`): upload
 * URLs, download URLs (no Authorization: they are pre-authenticated and short-lived), sharing links and personal
 * drives' webUrl pages.
 */
export function oneDriveRouter(context: EmulatorContext): Router {
  const router = express.Router();
  const files = context.store.files;
  router.put('/upload/:id', guarded((req, res) => putRange(context, req, res)));
  router.get('/upload/:id', guarded((req, res) => {
    res.json(status(sessionOf(context, req)));
  }));
  router.delete('/upload/:id', guarded((req, res) => {
    files.deleteUploadSession(sessionOf(context, req).id);
    res.status(204).end();
  }));
  router.get('/download/:token', guarded((req, res) => {
    const found = files.resolveDownload(String(req.params.token));
    if (!found) throw fileErrors.itemNotFound();
    const item = files.getItem(found.driveId, found.itemId)!;
    res.status(200).set({
      'Content-Type': item.mimeType ?? 'application/octet-stream',
      'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(item.name)}`,
    }).send(files.content(found.driveId, found.itemId));
  }));
  router.get('/s/:token', guarded((req, res) => {
    const link = files.findLink(String(req.params.token));
    const drive = link && files.getDrive(link.driveId);
    if (!link || !drive) {
      res.status(404).type('html').send('<!doctype html><title>Not found</title><h1>This link no longer works</h1>');
      return;
    }
    showItem(context, req, res, drive, files.getItem(drive.id, link.itemId));
  }));
  router.get('/redir', guarded((req, res) => {
    const id = typeof req.query.resid === 'string' ? req.query.resid : '';
    const drive = files.listDrives().find((entry) => entry.driveType === 'personal' && id.toUpperCase().startsWith(`${entry.id.toUpperCase()}!`));
    if (!drive) {
      showItem(context, req, res, files.listDrives()[0]!, undefined);
      return;
    }
    showItem(context, req, res, drive, files.getItem(drive.id, id));
  }));
  return router;
}

/** SharePoint's webUrl pages (OneDrive for Business and site libraries), mounted at `/sharepoint`. */
export function sharePointRouter(context: EmulatorContext): Router {
  const router = express.Router();
  const files = context.store.files;
  router.use(guarded((req, res) => {
    const path = `/sharepoint${req.path.replace(/\/$/, '')}`;
    const drive = files.listDrives().find((entry) => entry.driveType !== 'personal' && (path === entry.webPath || path.startsWith(`${entry.webPath}/`)));
    const siteName = /^\/sharepoint\/sites\/([^/]+)$/.exec(path)?.[1];
    const site = siteName ? files.listDrives().map((entry) => entry.siteId && files.getSite(entry.siteId)).find((found) => found && found.name === siteName) : undefined;
    if (req.method === 'GET' && site) {
      viewer(res, site.displayName, [site.description, ...site.driveIds.map((id) => files.getDrive(id)!.name)]);
      return;
    }
    if (req.method !== 'GET' || !drive) {
      res.status(404).type('html').send('<!doctype html><title>Not found</title><h1>Not found</h1>');
      return;
    }
    const below = path.slice(drive.webPath.length).split('/').filter(Boolean).map((segment) => decodeURIComponent(segment));
    showItem(context, req, res, drive, files.itemByPath(drive.id, drive.rootId, `/${below.join('/')}`));
  }));
  return router;
}
