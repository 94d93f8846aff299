import { Field, Float, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { RecordFileState } from './record-files.service.js';
import { SharePointAccessState } from './sharepoint-consent.service.js';

export enum MicrosoftRecordObject {
  COMPANY = 'company',
  PERSON = 'person',
}

registerEnumType(MicrosoftRecordObject, { name: 'MicrosoftRecordObject', description: 'A record that carries files' });
registerEnumType(RecordFileState, { name: 'MicrosoftRecordFileState' });
registerEnumType(SharePointAccessState, { name: 'MicrosoftSharePointAccessState' });

@ObjectType('MicrosoftRecordFile', { description: 'A OneDrive or SharePoint item linked to a person or company, as Microsoft has it now' })
export class MicrosoftRecordFileType {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field(() => String, { nullable: true, description: 'Opens the item in OneDrive or SharePoint; null once it is gone' }) webUrl!: string | null;
  @Field(() => Float, { nullable: true }) size!: number | null;
  @Field(() => String, { nullable: true }) mimeType!: string | null;
  @Field() isFolder!: boolean;
  @Field(() => GraphQLISODateTime, { nullable: true }) lastModifiedAt!: Date | null;
  @Field(() => RecordFileState) state!: RecordFileState;
  @Field(() => String, { nullable: true, description: 'Why the state is not AVAILABLE' }) reason!: string | null;
  @Field({ description: 'ONEDRIVE or SHAREPOINT' }) source!: string;
  @Field(() => GraphQLISODateTime) attachedAt!: Date;
  @Field({ description: 'Whether the caller attached it (only they can remove the link)' }) attachedByMe!: boolean;
}

@ObjectType('MicrosoftDriveItem', { description: 'A file or folder in OneDrive or a SharePoint library' })
export class MicrosoftDriveItemType {
  @Field() driveId!: string;
  @Field() itemId!: string;
  @Field() name!: string;
  @Field(() => String, { nullable: true }) webUrl!: string | null;
  @Field(() => Float, { nullable: true }) size!: number | null;
  @Field(() => String, { nullable: true }) mimeType!: string | null;
  @Field() isFolder!: boolean;
  @Field(() => Int, { nullable: true }) childCount!: number | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) lastModifiedAt!: Date | null;
  @Field() driveType!: string;
}

@ObjectType('MicrosoftDriveFolder', { description: 'A folder and what is in it' })
export class MicrosoftDriveFolderType {
  @Field(() => MicrosoftDriveItemType, { nullable: true }) folder!: MicrosoftDriveItemType | null;
  @Field(() => [MicrosoftDriveItemType]) items!: MicrosoftDriveItemType[];
}

@ObjectType('MicrosoftSharePointSite')
export class MicrosoftSharePointSiteType {
  @Field() id!: string;
  @Field() name!: string;
  @Field(() => String, { nullable: true }) webUrl!: string | null;
}

@ObjectType('MicrosoftDocumentLibrary', { description: "A SharePoint site's document library (a drive)" })
export class MicrosoftDocumentLibraryType {
  @Field() driveId!: string;
  @Field() name!: string;
  @Field(() => String, { nullable: true }) webUrl!: string | null;
}

@ObjectType('MicrosoftFilesAccess', { description: 'Whether OneDrive and SharePoint are open to this account, and why not' })
export class MicrosoftFilesAccessType {
  @Field() oneDrive!: boolean;
  @Field(() => String, { nullable: true, description: 'Why OneDrive is off (the scope not granted)' }) oneDriveReason!: string | null;
  @Field(() => SharePointAccessState) sharePoint!: SharePointAccessState;
  @Field() sharePointMessage!: string;
  @Field(() => String, { nullable: true, description: 'What to ask the administrator for' }) sharePointAskFor!: string | null;
  @Field(() => String, { nullable: true, description: 'Who authorized SharePoint for the org from this workspace' }) sharePointAuthorizedBy!: string | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) sharePointAuthorizedAt!: Date | null;
}
