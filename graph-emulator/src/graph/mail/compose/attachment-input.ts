import { GraphError } from '../../../errors/error-factory.js';
import { odataErrors } from '../../../odata/odata-errors.js';
import type { AttachedFile } from '../../../store/mail/mail-records.js';
import { composeErrors } from './compose-errors.js';
import { member } from './message-input.js';
import { isBase64 } from '../../../store/mail/mail-attachments.js';

/** Graph takes a file attachment in one request under 3 MB, and 3 MB to 150 MB through an upload session (outlook-large-attachments.md). */
export const INLINE_LIMIT_BYTES = 3 * 1024 * 1024;
export const SESSION_LIMIT_BYTES = 150 * 1024 * 1024;
const FILE = 'microsoft.graph.fileattachment';
const OTHER_TYPES = ['microsoft.graph.itemattachment', 'microsoft.graph.referenceattachment'];
const PROPERTIES = ['@odata.type', 'name', 'contentBytes', 'contentType', 'isInline', 'contentId', 'size', 'id', 'lastModifiedDateTime', 'contentLocation'];

export const attachmentErrors = {
  tooLargeForOneRequest: (size: number) =>
    new GraphError(413, 'RequestEntityTooLarge', `The attachment is ${size} bytes: a file of 3 MB or more is attached through an upload session (createUploadSession).`),
  // outlook-large-attachments.md, "Errors".
  belowSessionMinimum: () =>
    new GraphError(400, 'ErrorAttachmentSizeShouldNotBeLessThanMinimumSize', 'Attachment size must be at least 3 MB to use an upload session; POST a smaller file to the attachments collection.'),
  aboveSessionMaximum: (size: number) =>
    new GraphError(400, 'ErrorAttachmentSizeLimitExceeded', `The attachment is ${size} bytes, over the 150 MB an upload session takes.`),
};

/** `POST …/attachments` `{@odata.type: #microsoft.graph.fileAttachment, name, contentBytes, contentType?, isInline?, contentId?}`. */
export function fileAttachmentInput(body: unknown): AttachedFile {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw composeErrors.badValue('body', 'an attachment object');
  const object = body as Record<string, unknown>;
  for (const key of Object.keys(object)) {
    if (!PROPERTIES.some((name) => name.toLowerCase() === key.toLowerCase())) throw composeErrors.unknownProperty(key, 'fileAttachment');
  }
  const type = String(member(object, '@odata.type') ?? '').replace(/^#/, '').toLowerCase();
  if (OTHER_TYPES.includes(type)) throw odataErrors.notImplemented(`${type.replace('microsoft.graph.', '')} attachments (it stores file attachments only)`);
  if (type !== FILE) throw composeErrors.badValue('@odata.type', "an attachment needs '@odata.type': '#microsoft.graph.fileAttachment'");
  const name = member(object, 'name');
  if (typeof name !== 'string' || name.trim() === '') throw composeErrors.badValue('name', 'the file name');
  const contentBytes = member(object, 'contentBytes');
  if (typeof contentBytes !== 'string' || !isBase64(contentBytes)) throw composeErrors.badValue('contentBytes', 'the file as base64');
  const bytes = Buffer.from(contentBytes, 'base64');
  if (bytes.length >= INLINE_LIMIT_BYTES) throw attachmentErrors.tooLargeForOneRequest(bytes.length);
  return { name, bytes, ...options(object) };
}

/** contentType, isInline and contentId, checked. */
export function options(object: Record<string, unknown>): Omit<AttachedFile, 'name' | 'bytes'> {
  const contentType = member(object, 'contentType');
  if (contentType !== undefined && contentType !== null && (typeof contentType !== 'string' || !/^[\w.+-]+\/[\w.+-]+/.test(contentType))) {
    throw composeErrors.badValue('contentType', 'a media type like text/plain');
  }
  const isInline = member(object, 'isInline');
  if (isInline !== undefined && typeof isInline !== 'boolean') throw composeErrors.badValue('isInline', 'a boolean');
  const contentId = member(object, 'contentId');
  if (contentId !== undefined && contentId !== null && (typeof contentId !== 'string' || /[\s<>]/.test(contentId))) {
    throw composeErrors.badValue('contentId', 'a Content-ID without spaces or angle brackets');
  }
  return {
    ...(typeof contentType === 'string' ? { contentType } : {}),
    ...(typeof isInline === 'boolean' ? { isInline } : {}),
    ...(typeof contentId === 'string' ? { contentId } : {}),
  };
}
