import { Inject, Injectable } from '@nestjs/common';
import type { WorkspaceMemberRef } from '@m365/shared-types';
import type { DocumentLibraryRef, DriveItemRef, SharePointSiteRef } from './drive-item.types.js';
import { FilesAccessService, type FilesAccount } from './files-access.service.js';
import { FilesErrorCode, FilesException } from './files.exception.js';
import { FilesGraphFactory } from './files-graph.factory.js';
import type { FolderRef } from './graph-drive.client.js';

const INVALID_NAME = /[\\/:*?"<>|\u0000-\u001f]|^\s|\s$|^\.+$/;

/** Names OneDrive and SharePoint accept (https://support.microsoft.com/office/64883a5d-228e-48f5-b3d2-eb39e07630fa). */
export function assertDriveItemName(name: string): void {
  if (!name || name.length > 255 || INVALID_NAME.test(name)) throw new FilesException(FilesErrorCode.INVALID_INPUT, `"${name}" is not a name OneDrive accepts (no \\ / : * ? " < > |, no leading or trailing space).`);
}

/** The attach dialog's picker: the member's OneDrive, and SharePoint libraries once the account may read them. */
@Injectable()
export class DriveBrowserService {
  constructor(
    @Inject(FilesAccessService) private readonly access: FilesAccessService,
    @Inject(FilesGraphFactory) private readonly graphs: FilesGraphFactory,
  ) {}

  /** A drive other than the member's own OneDrive is SharePoint's, and needs its grant. */
  private async forFolder(member: WorkspaceMemberRef, connectedAccountId: string, driveId: string | null | undefined): Promise<FilesAccount> {
    const owned = await this.access.withFiles(member, connectedAccountId);
    if (!driveId) return owned;
    const own = await this.graphs.forAccount(member.workspaceId, connectedAccountId).myDrive();
    if (own.id !== driveId) await this.access.withSharePoint(member, connectedAccountId);
    return owned;
  }

  async children(member: WorkspaceMemberRef, connectedAccountId: string, folder: FolderRef): Promise<{ folder: DriveItemRef | null; items: DriveItemRef[] }> {
    await this.forFolder(member, connectedAccountId, folder.driveId);
    return this.graphs.forAccount(member.workspaceId, connectedAccountId).listChildren(folder);
  }

  async search(member: WorkspaceMemberRef, connectedAccountId: string, text: string, driveId?: string | null): Promise<DriveItemRef[]> {
    const query = text.trim();
    if (!query) throw new FilesException(FilesErrorCode.INVALID_INPUT, 'Type something to search for.');
    if (query.length > 255) throw new FilesException(FilesErrorCode.INVALID_INPUT, 'The search is longer than 255 characters.');
    await this.forFolder(member, connectedAccountId, driveId);
    return this.graphs.forAccount(member.workspaceId, connectedAccountId).search(query, driveId);
  }

  async recent(member: WorkspaceMemberRef, connectedAccountId: string): Promise<DriveItemRef[]> {
    await this.access.withFiles(member, connectedAccountId);
    return this.graphs.forAccount(member.workspaceId, connectedAccountId).recent();
  }

  async createFolder(member: WorkspaceMemberRef, connectedAccountId: string, parent: FolderRef, name: string): Promise<DriveItemRef> {
    assertDriveItemName(name.trim());
    const owned = await this.access.withFiles(member, connectedAccountId);
    // Sites.Read.All reads SharePoint; writing there needs more than this plugin asks for.
    const graph = this.graphs.forAccount(member.workspaceId, owned.account.id);
    if (parent.driveId && parent.driveId !== (await graph.myDrive()).id) throw new FilesException(FilesErrorCode.INVALID_INPUT, 'New folders go in your OneDrive; SharePoint is read-only here.');
    return graph.createFolder(parent, name.trim());
  }

  async sites(member: WorkspaceMemberRef, connectedAccountId: string, text: string): Promise<SharePointSiteRef[]> {
    const query = text.trim();
    if (!query) throw new FilesException(FilesErrorCode.INVALID_INPUT, 'Type part of a site name to search for.');
    await this.access.withSharePoint(member, connectedAccountId);
    return this.graphs.forAccount(member.workspaceId, connectedAccountId).searchSites(query);
  }

  async libraries(member: WorkspaceMemberRef, connectedAccountId: string, siteId: string): Promise<DocumentLibraryRef[]> {
    await this.access.withSharePoint(member, connectedAccountId);
    return this.graphs.forAccount(member.workspaceId, connectedAccountId).siteLibraries(siteId);
  }
}
