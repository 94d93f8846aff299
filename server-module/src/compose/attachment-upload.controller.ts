import { Controller, Delete, Inject, Param, Put, Query, Req, Res, UseInterceptors } from '@nestjs/common';
import type { Request, Response } from 'express';
import { HOST_MEMBER_CONTEXT, type HostMemberContext } from '@m365/shared-types';
import { MicrosoftGraphException } from '../graph/microsoft-graph.exception.js';
import { AttachmentUploadService } from './attachment-upload.service.js';
import { ComposeErrorCode, ComposeException } from './compose.exception.js';
import { PluginSecurityHeadersInterceptor } from '../http/plugin-security-headers.js';

const STATUS: Partial<Record<ComposeErrorCode, number>> = {
  [ComposeErrorCode.NOT_FOUND]: 404,
  [ComposeErrorCode.ATTACHMENT_TOO_LARGE]: 413,
  [ComposeErrorCode.MESSAGE_TOO_LARGE]: 413,
  [ComposeErrorCode.NOT_EDITABLE]: 409,
  [ComposeErrorCode.TEMPORARY]: 503,
};

/**
 * `PUT /microsoft/compose/drafts/:id/attachments?name=…&size=…` with the file as the raw body: streamed to the
 * Outlook draft (never held whole in memory). GraphQL carries no files, so uploads have this one route.
 */
@Controller('microsoft/compose/drafts/:outgoingId/attachments')
@UseInterceptors(PluginSecurityHeadersInterceptor)
export class AttachmentUploadController {
  constructor(
    @Inject(HOST_MEMBER_CONTEXT) private readonly members: HostMemberContext,
    @Inject(AttachmentUploadService) private readonly uploads: AttachmentUploadService,
  ) {}

  @Put()
  async upload(@Req() request: Request, @Res() response: Response, @Param('outgoingId') outgoingId: string, @Query('name') name?: string, @Query('size') size?: string): Promise<void> {
    const member = await this.members.fromRequest(request);
    if (!member) return void response.status(401).json({ code: 'UNAUTHENTICATED', message: 'You must be signed in.' });
    const declared = Number(size ?? request.headers['content-length']);
    const contentLength = request.headers['content-length'] === undefined ? null : Number(request.headers['content-length']);
    try {
      const meta = { name: name ?? '', size: declared, contentType: String(request.headers['content-type'] ?? 'application/octet-stream').split(';')[0]!.trim() };
      await this.uploads.check(member, outgoingId, meta);
      if (contentLength !== null && contentLength !== declared) throw new ComposeException(ComposeErrorCode.INVALID_INPUT, 'The upload is not the size announced.');
      const attachment = await this.uploads.prepare(member, outgoingId, meta);
      const saved = await this.uploads.upload(member, attachment, request);
      response.status(201).json({ id: saved.id, name: saved.name, size: saved.size, contentType: saved.contentType, status: saved.status });
    } catch (error) {
      request.resume();
      this.answerError(response, error);
    }
  }

  @Delete(':attachmentId')
  async remove(@Req() request: Request, @Res() response: Response, @Param('outgoingId') outgoingId: string, @Param('attachmentId') attachmentId: string): Promise<void> {
    const member = await this.members.fromRequest(request);
    if (!member) return void response.status(401).json({ code: 'UNAUTHENTICATED', message: 'You must be signed in.' });
    try {
      await this.uploads.remove(member, outgoingId, attachmentId);
      response.status(204).end();
    } catch (error) {
      this.answerError(response, error);
    }
  }

  private answerError(response: Response, error: unknown): void {
    if (response.headersSent) return;
    if (error instanceof ComposeException) return void response.status(STATUS[error.code] ?? 400).json({ code: error.code, message: error.message });
    if (error instanceof MicrosoftGraphException) {
      const status = error.status && error.status >= 400 && error.status < 500 ? 400 : 502;
      return void response.status(status).json({ code: error.kind, message: `Outlook refused the attachment: ${error.message}` });
    }
    throw error;
  }
}
