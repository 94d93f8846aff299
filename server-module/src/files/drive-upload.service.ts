import { Inject, Injectable } from '@nestjs/common';
import type { WorkspaceMemberRef } from '@m365/shared-types';
import { MicrosoftGraphErrorKind, MicrosoftGraphException } from '../graph/microsoft-graph.exception.js';
import { PluginLogger } from '../logging/plugin-logger.js';
import { sendInRanges } from '../http/ranged-upload.js';
import type { DriveItemRef } from './drive-item.types.js';
import { assertDriveItemName } from './drive-browser.service.js';
import { FilesAccessService } from './files-access.service.js';
import { ONEDRIVE_MAX_FILE_BYTES, SIMPLE_UPLOAD_MAX_BYTES, UPLOAD_CHUNK_BYTES } from './files.constants.js';
import { FilesErrorCode, FilesException } from './files.exception.js';
import { FilesGraphFactory } from './files-graph.factory.js';
import type { FolderRef, GraphDriveClient } from './graph-drive.client.js';

export interface DriveUploadMeta {
  name: string;
  size: number;
  contentType: string;
}

type Body = AsyncIterable<Buffer | Uint8Array | string>;
const CHUNK_ATTEMPTS = 3;

/** Checks what can be checked before a byte is read: the name and the size. */
export function assertUploadable(meta: DriveUploadMeta): void {
  assertDriveItemName(meta.name);
  if (!Number.isSafeInteger(meta.size) || meta.size < 0) throw new FilesException(FilesErrorCode.INVALID_INPUT, 'The file size is missing.');
  if (meta.size > ONEDRIVE_MAX_FILE_BYTES) throw new FilesException(FilesErrorCode.INVALID_INPUT, `${meta.name} is larger than OneDrive takes (250 GB).`);
}

/**
 * Streams a file from the member's computer into a folder of their OneDrive: up to 4 MiB in one PUT, larger through an
 * upload session in ranges of UPLOAD_CHUNK_BYTES (a multiple of 320 KiB). One chunk is held in memory at a time, and
 * the request is read no faster than OneDrive takes it. A clash of names gets OneDrive's own renamed copy.
 */
@Injectable()
export class DriveUploadService {
  private readonly logger = new PluginLogger(DriveUploadService.name);

  constructor(
    @Inject(FilesAccessService) private readonly access: FilesAccessService,
    @Inject(FilesGraphFactory) private readonly graphs: FilesGraphFactory,
  ) {}

  /** The member's own account with OneDrive granted, and a folder of their own OneDrive. */
  async check(member: WorkspaceMemberRef, connectedAccountId: string, folder: FolderRef, meta: DriveUploadMeta): Promise<GraphDriveClient> {
    assertUploadable(meta);
    await this.access.withFiles(member, connectedAccountId);
    const graph = this.graphs.forAccount(member.workspaceId, connectedAccountId);
    if (folder.driveId && folder.driveId !== (await graph.myDrive()).id) throw new FilesException(FilesErrorCode.INVALID_INPUT, 'Uploads go in your OneDrive; SharePoint is read-only here.');
    return graph;
  }

  async upload(graph: GraphDriveClient, folder: FolderRef, meta: DriveUploadMeta, body: Body): Promise<DriveItemRef> {
    if (meta.size <= SIMPLE_UPLOAD_MAX_BYTES) return graph.putSmallFile(folder, meta.name, await readAll(body, meta), meta.contentType);
    return this.uploadInSession(graph, folder, meta, body);
  }

  private async uploadInSession(graph: GraphDriveClient, folder: FolderRef, meta: DriveUploadMeta, body: Body): Promise<DriveItemRef> {
    const { uploadUrl } = await graph.createUploadSession(folder, meta.name, meta.size);
    let item: DriveItemRef | null = null;
    try {
      await sendInRanges(body, meta.size, UPLOAD_CHUNK_BYTES, async (range, offset) => {
        const answer = await this.sendRange(graph, uploadUrl, range, offset, meta.size, folder.driveId ?? null);
        if (answer) item = answer;
      }, () => sizeMismatch(meta));
    } catch (error) {
      await graph.cancelUploadSession(uploadUrl);
      throw error;
    }
    if (!item) throw new FilesException(FilesErrorCode.UPLOAD_FAILED, `OneDrive did not confirm ${meta.name} after its last range.`);
    return item;
  }

  /**
   * One range; a range whose answer was lost (a network error, a 5xx) is sent again, unless the session's
   * nextExpectedRanges says OneDrive has it already. Returns the item once the last range is in.
   */
  private async sendRange(graph: GraphDriveClient, uploadUrl: string, bytes: Buffer, start: number, total: number, driveId: string | null): Promise<DriveItemRef | null> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        const answer = await graph.uploadChunk(uploadUrl, bytes, start, total, driveId);
        return answer.done ? answer.item : null;
      } catch (error) {
        const transient = error instanceof MicrosoftGraphException && [MicrosoftGraphErrorKind.TEMPORARY, MicrosoftGraphErrorKind.THROTTLED].includes(error.kind);
        const alreadyThere = error instanceof MicrosoftGraphException && error.status === 416;
        if (alreadyThere) {
          // 416: the range was taken before (its answer lost); OneDrive says where to go on.
          const next = await graph.uploadSessionNextStart(uploadUrl);
          if (next === start + bytes.length) return null;
        }
        if (!transient || attempt >= CHUNK_ATTEMPTS) throw error;
        this.logger.warn(`Upload range ${start}-${start + bytes.length - 1}: ${(error as Error).message.split('\n')[0]}; asking OneDrive where it stands`);
        const next = await graph.uploadSessionNextStart(uploadUrl).catch(() => start);
        if (next === start + bytes.length) return null;
        if (next !== start) throw new FilesException(FilesErrorCode.UPLOAD_FAILED, `OneDrive expects byte ${next} next, not ${start}; upload the file again.`);
        await new Promise((resolve) => setTimeout(resolve, Math.min(error instanceof MicrosoftGraphException && error.retryAfterMs ? error.retryAfterMs : 500 * attempt, 10_000)));
      }
    }
  }
}

async function readAll(body: Body, meta: DriveUploadMeta): Promise<Buffer> {
  const parts: Buffer[] = [];
  let received = 0;
  for await (const piece of body) {
    const buffer = Buffer.from(piece);
    received += buffer.length;
    if (received > meta.size) throw sizeMismatch(meta);
    parts.push(buffer);
  }
  if (received !== meta.size) throw sizeMismatch(meta);
  return Buffer.concat(parts);
}

function sizeMismatch(meta: DriveUploadMeta): FilesException {
  return new FilesException(FilesErrorCode.INVALID_INPUT, `${meta.name} did not arrive with the ${meta.size} bytes announced; upload it again.`);
}
