import { Inject, Injectable } from '@nestjs/common';
import type { WorkspaceMemberRef } from '@m365/shared-types';
import type { MicrosoftPluginConfig } from '../config/microsoft-plugin-config.js';
import { MICROSOFT_PLUGIN_CONFIG } from '../config/microsoft-plugin-config.token.js';
import { DEFAULT_MESSAGE_LIMIT_BYTES, INLINE_ATTACHMENT_MAX_BYTES, OutgoingStatus, UPLOAD_CHUNK_BYTES, UPLOAD_SESSION_MAX_BYTES } from './compose.constants.js';
import { ComposeErrorCode, ComposeException } from './compose.exception.js';
import { sendInRanges } from '../http/ranged-upload.js';
import { ComposeGraphFactory } from './compose-graph.factory.js';
import type { ComposeGraphPort } from './compose-graph.port.js';
import { ComposeService } from './compose.service.js';
import { OutgoingMessageRepository, type OutgoingAttachmentRecord } from './outgoing-message.repository.js';
import { OutgoingSendMachine } from './outgoing-send.machine.js';

export interface AttachmentMeta {
  name: string;
  size: number;
  contentType: string;
}

const MB = 1024 * 1024;
const mb = (bytes: number) => `${Math.round((bytes / MB) * 10) / 10} MB`;

/** Checks a file against Outlook's limits before a byte is sent: 150 MB a file, the message limit all together. */
export function assertAttachmentFits(meta: AttachmentMeta, alreadyAttachedBytes: number, messageLimitBytes: number): void {
  if (!meta.name.trim() || meta.name.length > 255 || /[\\/:*?"<>|\u0000-\u001f]/.test(meta.name)) {
    throw new ComposeException(ComposeErrorCode.INVALID_INPUT, `"${meta.name}" is not a file name Outlook accepts.`);
  }
  if (!Number.isSafeInteger(meta.size) || meta.size < 0) throw new ComposeException(ComposeErrorCode.INVALID_INPUT, 'The file size is missing.');
  if (meta.size > UPLOAD_SESSION_MAX_BYTES) {
    throw new ComposeException(ComposeErrorCode.ATTACHMENT_TOO_LARGE, `${meta.name} is ${mb(meta.size)}; Outlook takes attachments up to 150 MB.`);
  }
  if (alreadyAttachedBytes + meta.size > messageLimitBytes) {
    throw new ComposeException(ComposeErrorCode.MESSAGE_TOO_LARGE, `With ${meta.name} the attachments come to ${mb(alreadyAttachedBytes + meta.size)}, over this mailbox's ${mb(messageLimitBytes)} message limit.`);
  }
}

/**
 * Streams one attachment to the Outlook draft: under 3 MB inline (contentBytes), larger through an upload session in
 * ranged PUTs of UPLOAD_CHUNK_BYTES. Only one chunk is held in memory at a time; the request is read no faster than
 * Outlook takes it.
 */
@Injectable()
export class AttachmentUploadService {
  constructor(
    @Inject(MICROSOFT_PLUGIN_CONFIG) private readonly config: MicrosoftPluginConfig,
    @Inject(ComposeService) private readonly compose: ComposeService,
    @Inject(OutgoingMessageRepository) private readonly outgoing: OutgoingMessageRepository,
    @Inject(OutgoingSendMachine) private readonly machine: OutgoingSendMachine,
    @Inject(ComposeGraphFactory) private readonly graphs: ComposeGraphFactory,
  ) {}

  get messageLimitBytes(): number {
    return this.config.maxMessageSizeBytes ?? DEFAULT_MESSAGE_LIMIT_BYTES;
  }

  /** Refuses, before a byte is uploaded, what cannot fit or may not change. */
  async check(member: WorkspaceMemberRef, outgoingId: string, meta: AttachmentMeta): Promise<void> {
    const record = await this.compose.ownRecord(member, outgoingId);
    if (![OutgoingStatus.DRAFT, OutgoingStatus.FAILED].includes(record.status)) throw new ComposeException(ComposeErrorCode.NOT_EDITABLE, `This message is ${record.status.toLowerCase()}; attachments can no longer change.`);
    const attached = (await this.outgoing.listAttachments(outgoingId)).filter((attachment) => attachment.status !== 'FAILED').reduce((sum, attachment) => sum + attachment.size, 0);
    assertAttachmentFits(meta, attached, this.messageLimitBytes);
  }

  /** Checks, then returns the attachment row to upload into (the Outlook draft made first when needed). */
  async prepare(member: WorkspaceMemberRef, outgoingId: string, meta: AttachmentMeta): Promise<OutgoingAttachmentRecord> {
    await this.check(member, outgoingId, meta);
    let record = await this.compose.ownRecord(member, outgoingId);
    if (!record.graphDraftId) {
      await this.machine.saveDraft(member.workspaceId, outgoingId);
      record = await this.compose.ownRecord(member, outgoingId);
      if (!record.graphDraftId) throw new ComposeException(ComposeErrorCode.TEMPORARY, record.lastError ?? 'The draft could not be saved to Outlook yet; try again.');
    }
    return this.outgoing.addAttachment({ outgoingMessageId: outgoingId, workspaceId: member.workspaceId, name: meta.name, contentType: meta.contentType || 'application/octet-stream', size: meta.size });
  }

  async upload(member: WorkspaceMemberRef, attachment: OutgoingAttachmentRecord, body: AsyncIterable<Buffer | Uint8Array | string>): Promise<OutgoingAttachmentRecord> {
    const record = await this.compose.ownRecord(member, attachment.outgoingMessageId);
    const graph = this.graphs.forAccount(member.workspaceId, record.connectedAccountId);
    try {
      const graphAttachmentId = attachment.size < INLINE_ATTACHMENT_MAX_BYTES
        ? await this.uploadInline(graph, record.graphDraftId!, attachment, body)
        : await this.uploadInSession(graph, record.graphDraftId!, attachment, body);
      await this.outgoing.updateAttachment(attachment.id, { status: 'UPLOADED', uploadedBytes: attachment.size, graphAttachmentId, lastError: null });
      // Adding an attachment moves the draft's changeKey; the CRM's next save must not take its own change for Outlook's.
      const state = await graph.getMessage(record.graphDraftId!);
      if (state?.changeKey) await this.outgoing.update(record.id, { changeKey: state.changeKey });
    } catch (error) {
      await this.outgoing.updateAttachment(attachment.id, { status: 'FAILED', lastError: error instanceof Error ? error.message.slice(0, 500) : String(error) });
      throw error;
    }
    return (await this.outgoing.listAttachments(record.id)).find((row) => row.id === attachment.id)!;
  }

  async remove(member: WorkspaceMemberRef, outgoingId: string, attachmentId: string): Promise<void> {
    const record = await this.compose.ownRecord(member, outgoingId);
    if (OutgoingMessageRepository.isSendActive(record.status) || record.status === OutgoingStatus.SENT) throw new ComposeException(ComposeErrorCode.NOT_EDITABLE, 'This message is already being sent.');
    const removed = await this.outgoing.deleteAttachment(outgoingId, attachmentId);
    if (!removed) throw new ComposeException(ComposeErrorCode.NOT_FOUND, 'No such attachment on this draft.');
    if (removed.graphAttachmentId && record.graphDraftId) {
      const graph = this.graphs.forAccount(member.workspaceId, record.connectedAccountId);
      await graph.deleteAttachment(record.graphDraftId, removed.graphAttachmentId);
      const state = await graph.getMessage(record.graphDraftId);
      if (state?.changeKey) await this.outgoing.update(record.id, { changeKey: state.changeKey });
    }
  }

  private async uploadInline(graph: ComposeGraphPort, draftId: string, attachment: OutgoingAttachmentRecord, body: AsyncIterable<Buffer | Uint8Array | string>): Promise<string> {
    const parts: Buffer[] = [];
    let received = 0;
    for await (const piece of body) {
      const buffer = Buffer.from(piece);
      received += buffer.length;
      if (received > attachment.size) throw sizeMismatch(attachment);
      parts.push(buffer);
    }
    if (received !== attachment.size) throw sizeMismatch(attachment);
    return (await graph.addInlineAttachment(draftId, { name: attachment.name, contentType: attachment.contentType, contentBytes: Buffer.concat(parts) })).id;
  }

  private async uploadInSession(graph: ComposeGraphPort, draftId: string, attachment: OutgoingAttachmentRecord, body: AsyncIterable<Buffer | Uint8Array | string>): Promise<string> {
    const session = await graph.createUploadSession(draftId, { name: attachment.name, size: attachment.size });
    let attachmentId: string | null = null;
    await sendInRanges(body, attachment.size, UPLOAD_CHUNK_BYTES, async (range, offset) => {
      const answer = await graph.uploadChunk(session.uploadUrl, range, offset, attachment.size);
      await this.outgoing.updateAttachment(attachment.id, { uploadedBytes: offset + range.length });
      if (answer.done) attachmentId = answer.attachmentId;
    }, () => sizeMismatch(attachment));
    if (!attachmentId) throw new ComposeException(ComposeErrorCode.TEMPORARY, `Outlook did not confirm ${attachment.name} after its last chunk.`);
    return attachmentId;
  }
}

function sizeMismatch(attachment: OutgoingAttachmentRecord): ComposeException {
  return new ComposeException(ComposeErrorCode.INVALID_INPUT, `${attachment.name} did not arrive with the ${attachment.size} bytes announced; upload it again.`);
}
