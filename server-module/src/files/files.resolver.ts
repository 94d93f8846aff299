import { Inject } from '@nestjs/common';
import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';
import { HOST_MEMBER_CONTEXT, MicrosoftFeature, type HostMemberContext } from '@m365/shared-types';
import { MicrosoftAccountObject } from '../accounts/microsoft-account.graphql.js';
import { FeatureGate, FEATURE_NOT_GRANTED } from '../accounts/feature-gate.js';
import { requireMember, type GraphqlRequestContext } from '../graphql/current-member.resolver-util.js';
import { MicrosoftGraphException } from '../graph/microsoft-graph.exception.js';
import type { DriveItemRef } from './drive-item.types.js';
import { DriveBrowserService } from './drive-browser.service.js';
import { FilesAccessService } from './files-access.service.js';
import { FilesException } from './files.exception.js';
import {
  MicrosoftDocumentLibraryType,
  MicrosoftDriveFolderType,
  MicrosoftDriveItemType,
  MicrosoftFilesAccessType,
  MicrosoftRecordFileType,
  MicrosoftRecordObject,
  MicrosoftSharePointSiteType,
} from './files.graphql.js';
import { RecordFilesService, type RecordFile } from './record-files.service.js';
import { SharePointConsentService } from './sharepoint-consent.service.js';

/** Files errors reach the client with their code and plain words; Graph's with its kind. */
async function answer<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof FilesException) throw new GraphQLError(error.message, { extensions: { code: error.code, userError: true } });
    if (error instanceof MicrosoftGraphException) {
      throw new GraphQLError(`OneDrive: ${error.message}`, { extensions: { code: `MICROSOFT_${error.kind}`, graphCode: error.graphCode, userError: error.graphCode === FEATURE_NOT_GRANTED } });
    }
    throw error;
  }
}

const toItem = (item: DriveItemRef): MicrosoftDriveItemType => ({
  driveId: item.driveId, itemId: item.itemId, name: item.name, webUrl: item.webUrl, size: item.size, mimeType: item.mimeType,
  isFolder: item.isFolder, childCount: item.childCount, lastModifiedAt: item.lastModifiedAt, driveType: item.driveType,
});

const toRecordFile = ({ link, state, reason, attachedByMe }: RecordFile): MicrosoftRecordFileType => ({
  id: link.id, name: link.name, webUrl: link.goneAt ? null : link.webUrl, size: link.size, mimeType: link.mimeType, isFolder: link.isFolder,
  lastModifiedAt: link.lastModifiedAt, state, reason, source: link.driveType === 'documentLibrary' ? 'SHAREPOINT' : 'ONEDRIVE', attachedAt: link.attachedAt, attachedByMe,
});

/** The Files tab and its attach dialog: links on records for every member, browsing through the member's own account. */
@Resolver()
export class FilesResolver {
  constructor(
    @Inject(HOST_MEMBER_CONTEXT) private readonly members: HostMemberContext,
    @Inject(RecordFilesService) private readonly recordFiles: RecordFilesService,
    @Inject(DriveBrowserService) private readonly browser: DriveBrowserService,
  ) {}

  @Query(() => [MicrosoftRecordFileType], { description: "A person's or company's OneDrive and SharePoint files, newest link first, refreshed from Microsoft" })
  async microsoftRecordFiles(
    @Context() context: GraphqlRequestContext,
    @Args('objectName', { type: () => MicrosoftRecordObject }) objectName: MicrosoftRecordObject,
    @Args('recordId', { type: () => ID }) recordId: string,
  ): Promise<MicrosoftRecordFileType[]> {
    const member = await requireMember(this.members, context);
    return answer(async () => (await this.recordFiles.list(member, objectName, recordId)).map(toRecordFile));
  }

  @Query(() => MicrosoftDriveFolderType, { description: "A folder of the account's OneDrive (its root without itemId), or of a SharePoint library (driveId)" })
  async microsoftDriveChildren(
    @Context() context: GraphqlRequestContext,
    @Args('connectedAccountId', { type: () => ID }) connectedAccountId: string,
    @Args('driveId', { type: () => String, nullable: true }) driveId?: string | null,
    @Args('itemId', { type: () => String, nullable: true }) itemId?: string | null,
  ): Promise<MicrosoftDriveFolderType> {
    const member = await requireMember(this.members, context);
    return answer(async () => {
      const { folder, items } = await this.browser.children(member, connectedAccountId, { driveId, itemId });
      return { folder: folder ? toItem(folder) : null, items: items.map(toItem) };
    });
  }

  @Query(() => [MicrosoftDriveItemType], { description: "Files whose name or content match, in the account's OneDrive or a SharePoint library" })
  async microsoftDriveSearch(
    @Context() context: GraphqlRequestContext,
    @Args('connectedAccountId', { type: () => ID }) connectedAccountId: string,
    @Args('search') search: string,
    @Args('driveId', { type: () => String, nullable: true }) driveId?: string | null,
  ): Promise<MicrosoftDriveItemType[]> {
    const member = await requireMember(this.members, context);
    return answer(async () => (await this.browser.search(member, connectedAccountId, search, driveId)).map(toItem));
  }

  @Query(() => [MicrosoftDriveItemType], { description: 'What the account opened or changed lately' })
  async microsoftDriveRecent(@Context() context: GraphqlRequestContext, @Args('connectedAccountId', { type: () => ID }) connectedAccountId: string): Promise<MicrosoftDriveItemType[]> {
    const member = await requireMember(this.members, context);
    return answer(async () => (await this.browser.recent(member, connectedAccountId)).map(toItem));
  }

  @Query(() => [MicrosoftSharePointSiteType], { description: 'SharePoint sites matching the search (work accounts with SharePoint authorized)' })
  async microsoftSharePointSites(
    @Context() context: GraphqlRequestContext,
    @Args('connectedAccountId', { type: () => ID }) connectedAccountId: string,
    @Args('search') search: string,
  ): Promise<MicrosoftSharePointSiteType[]> {
    const member = await requireMember(this.members, context);
    return answer(() => this.browser.sites(member, connectedAccountId, search));
  }

  @Query(() => [MicrosoftDocumentLibraryType], { description: "A SharePoint site's document libraries" })
  async microsoftSharePointLibraries(
    @Context() context: GraphqlRequestContext,
    @Args('connectedAccountId', { type: () => ID }) connectedAccountId: string,
    @Args('siteId') siteId: string,
  ): Promise<MicrosoftDocumentLibraryType[]> {
    const member = await requireMember(this.members, context);
    return answer(() => this.browser.libraries(member, connectedAccountId, siteId));
  }

  @Mutation(() => MicrosoftDriveItemType, { description: "A new folder in the account's OneDrive (a clash of names gets OneDrive's renamed copy)" })
  async createMicrosoftDriveFolder(
    @Context() context: GraphqlRequestContext,
    @Args('connectedAccountId', { type: () => ID }) connectedAccountId: string,
    @Args('name') name: string,
    @Args('parentDriveId', { type: () => String, nullable: true }) parentDriveId?: string | null,
    @Args('parentItemId', { type: () => String, nullable: true }) parentItemId?: string | null,
  ): Promise<MicrosoftDriveItemType> {
    const member = await requireMember(this.members, context);
    return answer(async () => toItem(await this.browser.createFolder(member, connectedAccountId, { driveId: parentDriveId, itemId: parentItemId }, name)));
  }

  @Mutation(() => MicrosoftRecordFileType, { description: 'Links a OneDrive or SharePoint item to a person or company (by drive and item id)' })
  async attachMicrosoftFile(
    @Context() context: GraphqlRequestContext,
    @Args('connectedAccountId', { type: () => ID }) connectedAccountId: string,
    @Args('objectName', { type: () => MicrosoftRecordObject }) objectName: MicrosoftRecordObject,
    @Args('recordId', { type: () => ID }) recordId: string,
    @Args('driveId') driveId: string,
    @Args('itemId') itemId: string,
  ): Promise<MicrosoftRecordFileType> {
    const member = await requireMember(this.members, context);
    return answer(async () => toRecordFile(await this.recordFiles.attach(member, { connectedAccountId, object: objectName, recordId, driveId, itemId })));
  }

  @Mutation(() => Boolean, { description: 'Removes the link from the record; the file stays in OneDrive or SharePoint' })
  async removeMicrosoftFileLink(@Context() context: GraphqlRequestContext, @Args('fileLinkId', { type: () => ID }) fileLinkId: string): Promise<boolean> {
    const member = await requireMember(this.members, context);
    await answer(() => this.recordFiles.remove(member, fileLinkId));
    return true;
  }
}

/** Settings → Accounts and the attach dialog: what of OneDrive and SharePoint this account may use, and why not. */
@Resolver(() => MicrosoftAccountObject)
export class MicrosoftAccountFilesResolver {
  constructor(
    @Inject(HOST_MEMBER_CONTEXT) private readonly members: HostMemberContext,
    @Inject(FilesAccessService) private readonly access: FilesAccessService,
    @Inject(FeatureGate) private readonly gate: FeatureGate,
    @Inject(SharePointConsentService) private readonly sharePoint: SharePointConsentService,
  ) {}

  @ResolveField(() => MicrosoftFilesAccessType)
  async filesAccess(@Context() context: GraphqlRequestContext, @Parent() account: MicrosoftAccountObject): Promise<MicrosoftFilesAccessType> {
    const member = await requireMember(this.members, context);
    return answer(async () => {
      const owned = await this.access.ownAccount(member, account.id);
      const oneDriveReason = await this.gate.deniedReason(member.workspaceId, account.id, MicrosoftFeature.FILES);
      const sharePoint = await this.sharePoint.statusOf(member, owned);
      return {
        oneDrive: oneDriveReason === null,
        oneDriveReason,
        sharePoint: sharePoint.state,
        sharePointMessage: sharePoint.message,
        sharePointAskFor: sharePoint.askFor,
        sharePointAuthorizedBy: sharePoint.authorizedBy,
        sharePointAuthorizedAt: sharePoint.authorizedAt,
      };
    });
  }
}
