import { timingSafeEqual } from 'node:crypto';
import express from 'express';
import type { Request, Response, Router } from 'express';
import { GraphError, graphErrorBody } from '../../../errors/error-factory.js';
import { requestOrigin, type EmulatorContext } from '../../../http/emulator-context.js';
import { requestIds } from '../../../http/request-ids.js';
import type { UserRecord } from '../../../store/emulator-records.js';
import type { UploadSessionRecord } from '../../../store/mail/outbound/outbound-records.js';

// outlook-large-attachments.md: upload each range in a PUT of up to 4 MB.
const MAX_CHUNK_BYTES = 4 * 1024 * 1024;
const SESSION_PATH = /^\/Users\('([^']+)'\)\/Messages\('([^']+)'\)\/AttachmentSessions\('([^']+)'\)\/?$/i;

function sessionBase(origin: string, userId: string, tenantId: string, messageId: string): string {
  return `${origin}/api/v2.0/Users('${userId}@${tenantId}')/Messages('${messageId}')`;
}

/** The pre-authenticated URL createUploadSession answers, in Outlook's shape (the session's secret as `authtoken`). */
export function uploadUrl(origin: string, user: UserRecord, messageId: string, session: UploadSessionRecord): string {
  return `${sessionBase(origin, user.id, user.tenantId, messageId)}/AttachmentSessions('${session.id}')?authtoken=${session.token}`;
}

const sameSecret = (a: string, b: string): boolean => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * The upload URLs of attachment sessions, mounted at `/api/v2.0` as Outlook's are: `PUT` ranges of bytes with
 * `Content-Range` (no Authorization header: the URL is pre-authenticated), `DELETE` to cancel (204).
 */
export function uploadSessionRouter(context: EmulatorContext): Router {
  const router = express.Router();
  router.use(express.raw({ type: () => true, limit: MAX_CHUNK_BYTES + 1024 * 1024 }));
  router.use((req: Request, res: Response) => {
    try {
      answer(context, req, res);
    } catch (error) {
      if (!(error instanceof GraphError)) throw error;
      res.status(error.status).set(error.headers).json(graphErrorBody(error.code, error.message, requestIds(res)));
    }
  });
  return router;
}

function answer(context: EmulatorContext, req: Request, res: Response): void {
  const match = SESSION_PATH.exec(req.path);
  if (!match || (req.method !== 'PUT' && req.method !== 'DELETE')) throw new GraphError(404, 'ResourceNotFound', 'No upload session at this address.');
  if (req.get('authorization')) {
    throw new GraphError(401, 'InvalidAuthenticationToken', 'An upload URL is pre-authenticated: send no Authorization header to it.');
  }
  const { outbound } = context.store;
  const session = outbound.getUploadSession(decodeURIComponent(match[3]!));
  const token = typeof req.query.authtoken === 'string' ? req.query.authtoken : '';
  if (!session) throw new GraphError(404, 'ErrorItemNotFound', 'The upload session was not found.');
  if (!sameSecret(token, session.token)) throw new GraphError(401, 'InvalidAuthenticationToken', 'The upload URL\'s authtoken is not valid.');
  if (Date.now() >= session.expiresAt) {
    outbound.deleteUploadSession(session.id);
    throw new GraphError(404, 'ErrorItemNotFound', 'The upload session has expired.');
  }
  if (req.method === 'DELETE') {
    outbound.deleteUploadSession(session.id);
    res.status(204).end();
    return;
  }
  const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  if (body.length > MAX_CHUNK_BYTES) throw new GraphError(413, 'RequestEntityTooLarge', `A range is uploaded in PUTs of up to 4 MB; this one is ${body.length} bytes.`);
  const range = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(req.get('content-range') ?? '');
  if (!range) throw new GraphError(400, 'ErrorInvalidRequest', "A PUT to an upload session needs 'Content-Range: bytes {start}-{end}/{size}'.");
  const [start, end, total] = [Number(range[1]), Number(range[2]), Number(range[3])];
  if (total !== session.size) throw new GraphError(400, 'ErrorInvalidRequest', `The session is for ${session.size} bytes; Content-Range says ${total}.`);
  if (start !== session.received || end < start || end >= session.size) {
    throw new GraphError(416, 'InvalidRange', `The range ${start}-${end} is not the next one: the session expects bytes from ${session.received}.`);
  }
  if (body.length !== end - start + 1) throw new GraphError(400, 'ErrorInvalidRequest', `Content-Range names ${end - start + 1} bytes; the body has ${body.length}.`);
  session.chunks.push(body);
  session.received += body.length;
  const origin = requestOrigin(context, req);
  const user = context.store.findUser(session.userId)!;
  if (session.received < session.size) {
    res.status(200).json({
      '@odata.context': `${sessionBase(origin, user.id, user.tenantId, match[2]!)}/$metadata#AttachmentSessions/$entity`,
      ExpirationDateTime: new Date(session.expiresAt).toISOString(),
      nextExpectedRanges: [String(session.received)],
    });
    return;
  }
  outbound.deleteUploadSession(session.id);
  if (!context.store.mail.getMessage(session.userId, session.messageId)) throw new GraphError(404, 'ErrorItemNotFound', 'The message of this upload session no longer exists.');
  const attachment = context.store.mail.addAttachment(session.userId, session.messageId, {
    name: session.name,
    bytes: Buffer.concat(session.chunks, session.size),
    ...(session.contentType ? { contentType: session.contentType } : {}),
    isInline: session.isInline,
    contentId: session.contentId,
  });
  res.status(201).set('Location', `${sessionBase(origin, user.id, user.tenantId, match[2]!)}/Attachments('${attachment.id}')`).end();
}
