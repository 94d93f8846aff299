import { Field, GraphQLISODateTime, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ContactCreationPolicy, ContactSharedField } from '@m365/shared-types';
import { MicrosoftPushType } from '../accounts/microsoft-account.graphql.js';
import { ContactSyncStatus } from './contacts-sync.constants.js';

registerEnumType(ContactCreationPolicy, { name: 'MicrosoftContactCreationPolicy', description: 'Which unmatched Outlook contacts become new people' });
registerEnumType(ContactSharedField, { name: 'MicrosoftContactField' });
registerEnumType(ContactSyncStatus, { name: 'MicrosoftContactSyncStatus' });

@ObjectType('MicrosoftContactFolder')
export class MicrosoftContactFolderType {
  @Field() externalId!: string;
  @Field() name!: string;
  @Field(() => String, { nullable: true }) parentExternalId!: string | null;
}

@ObjectType('MicrosoftContactConflict', { description: 'A field both sides changed: the side kept (the later change) and the value the other side lost' })
export class MicrosoftContactConflictType {
  @Field(() => ID) id!: string;
  @Field(() => ID, { nullable: true }) personId!: string | null;
  @Field(() => ContactSharedField) field!: ContactSharedField;
  @Field() keptSide!: string;
  @Field(() => String, { nullable: true, description: 'JSON: a text, or a list for emails and phones' }) keptValue!: string | null;
  @Field(() => String, { nullable: true, description: 'JSON: a text, or a list for emails and phones' }) lostValue!: string | null;
  @Field(() => GraphQLISODateTime) crmEditedAt!: Date;
  @Field(() => GraphQLISODateTime) outlookModifiedAt!: Date;
  @Field(() => GraphQLISODateTime) createdAt!: Date;
}

@ObjectType('MicrosoftContactSync')
export class MicrosoftContactSyncType {
  @Field(() => ID) id!: string;
  @Field(() => ContactSyncStatus) syncStatus!: ContactSyncStatus;
  @Field(() => GraphQLISODateTime, { nullable: true }) syncStartedAt!: Date | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) syncedAt!: Date | null;
  @Field(() => String, { nullable: true }) lastErrorMessage!: string | null;
  @Field(() => ContactCreationPolicy) creationPolicy!: ContactCreationPolicy;
  @Field(() => String, { nullable: true, description: 'The one folder imported; null: every folder' }) folderExternalId!: string | null;
  @Field(() => Int, { description: 'Outlook contacts linked to a CRM person' }) linkedCount!: number;
  @Field(() => Int, { description: 'Of those, people the sync created' }) createdCount!: number;
  @Field(() => Int, { description: 'CRM edits on their way to Outlook' }) pendingWrites!: number;
  @Field(() => [MicrosoftContactFolderType]) folders!: MicrosoftContactFolderType[];
  @Field(() => MicrosoftPushType) push!: MicrosoftPushType;
  @Field(() => [MicrosoftContactConflictType], { description: 'The latest conflicts, newest first' }) conflicts!: MicrosoftContactConflictType[];
}

@InputType()
export class MicrosoftContactSyncSettingsInput {
  @Field(() => ContactCreationPolicy, { nullable: true }) creationPolicy?: ContactCreationPolicy;
  @Field(() => String, { nullable: true, description: 'One folder to import; with allFolders true, every folder' }) folderExternalId?: string | null;
  @Field({ nullable: true }) allFolders?: boolean;
}
