import { Controller, Inject, Param, Put, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { HOST_MEMBER_CONTEXT, type CrmRecordObject, type HostMemberContext } from '@m365/shared-types';
import { MicrosoftGraphException } from '../graph/microsoft-graph.exception.js';
import { DriveUploadService } from './drive-upload.service.js';
import { FilesErrorCode, FilesException } from './files.exception.js';
import { RecordFilesService } from './record-files.service.js';

const STATUS: Partial<Record<FilesErrorCode, number>> = {
  [FilesErrorCode.NOT_FOUND]: 404,
  [FilesErrorCode.NOT_GRANTED]: 403,
  [FilesErrorCode.PERSONAL_ACCOUNT]: 403,
  [FilesErrorCode.NAME_TAKEN]: 409,
  [FilesErrorCode.UPLOAD_FAILED]: 502,
};
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const OBJECTS: readonly CrmRecordObject[] = ['person', 'company'];
// A refusal is answered once the rest of the body is read (a client still sending sees its connection reset
// otherwise), unless that rest is too large to be worth receiving.
const DRAIN_LIMIT_BYTES = 64 * 1024 * 1024;

async function drain(request: Request): Promise<void> {
  if (request.readableEnded || request.destroyed) return;
  const left = Number(request.headers['content-length'] ?? Infinity) - request.socket.bytesRead;
  if (!(left <= DRAIN_LIMIT_BYTES)) {
    request.resume();
    return;
  }
  await new Promise<void>((resolve) => {
    request.once('end', resolve);
    request.once('close', resolve);
    request.once('error', () => resolve());
    request.resume();
  });
}

/**
 * `PUT /microsoft/files/accounts/:connectedAccountId/upload?name=…&size=…[&driveId=…&parentItemId=…][&objectName=…&recordId=…]`
 * with the file as the raw body: streamed into the member's OneDrive folder (its root without parentItemId), then,
 * with a record, linked to it. GraphQL carries no files, so uploads have this route.
 */
@Controller('microsoft/files/accounts/:connectedAccountId/upload')
export class DriveUploadController {
  constructor(
    @Inject(HOST_MEMBER_CONTEXT) private readonly members: HostMemberContext,
    @Inject(DriveUploadService) private readonly uploads: DriveUploadService,
    @Inject(RecordFilesService) private readonly recordFiles: RecordFilesService,
  ) {}

  @Put()
  async upload(@Req() request: Request, @Res() response: Response, @Param('connectedAccountId') connectedAccountId: string, @Query() query: Record<string, string | undefined>): Promise<void> {
    const member = await this.members.fromRequest(request);
    if (!member) return void response.status(401).json({ code: 'UNAUTHENTICATED', message: 'You must be signed in.' });
    try {
      if (!UUID.test(connectedAccountId)) throw new FilesException(FilesErrorCode.NOT_FOUND, 'No such Microsoft account among yours.');
      const declared = Number(query.size ?? request.headers['content-length']);
      const contentLength = request.headers['content-length'] === undefined ? null : Number(request.headers['content-length']);
      const meta = { name: (query.name ?? '').trim(), size: declared, contentType: String(request.headers['content-type'] ?? 'application/octet-stream').split(';')[0]!.trim() };
      const record = query.objectName || query.recordId ? { object: query.objectName as CrmRecordObject, recordId: query.recordId ?? '' } : null;
      if (record && (!OBJECTS.includes(record.object) || !UUID.test(record.recordId))) throw new FilesException(FilesErrorCode.NOT_FOUND, 'No such record in this workspace.');
      const folder = { driveId: query.driveId || null, itemId: query.parentItemId || null };
      const graph = await this.uploads.check(member, connectedAccountId, folder, meta);
      if (record) await this.recordFiles.assertRecord(member, record.object, record.recordId);
      if (contentLength !== null && contentLength !== declared) throw new FilesException(FilesErrorCode.INVALID_INPUT, 'The upload is not the size announced.');
      // A refusal midway must not destroy the request: its rest is drained, then answered.
      const item = await this.uploads.upload(graph, folder, meta, request.iterator({ destroyOnReturn: false }));
      const link = record ? await this.recordFiles.attach(member, { connectedAccountId, object: record.object, recordId: record.recordId, driveId: item.driveId, itemId: item.itemId }) : null;
      response.status(201).json({ driveId: item.driveId, itemId: item.itemId, name: item.name, webUrl: item.webUrl, size: item.size, linkId: link?.link.id ?? null });
    } catch (error) {
      await drain(request);
      this.answerError(response, error);
    }
  }

  private answerError(response: Response, error: unknown): void {
    if (response.headersSent) return;
    if (error instanceof FilesException) return void response.status(STATUS[error.code] ?? 400).json({ code: error.code, message: error.message });
    if (error instanceof MicrosoftGraphException) {
      const status = error.status && error.status >= 400 && error.status < 500 ? 400 : 502;
      return void response.status(status).json({ code: error.graphCode ?? error.kind, message: `OneDrive refused the upload: ${error.message}` });
    }
    throw error;
  }
}
