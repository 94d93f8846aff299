import { Field, GraphQLISODateTime, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import {
  CalendarChannelContactAutoCreationPolicy,
  CalendarChannelSyncStage,
  CalendarChannelVisibility,
  MessageChannelContactAutoCreationPolicy,
  MessageChannelSyncStage,
  MessageChannelVisibility,
  MessageFolderImportPolicy,
  MicrosoftAccountType,
  MicrosoftFeature,
  SyncStatus,
} from '@m365/shared-types';
import '../graphql/shared-enums.graphql.js';
import { MicrosoftPushStatus } from '../subscriptions/subscription.constants.js';

@ObjectType('MicrosoftFeatureGrant')
export class MicrosoftFeatureGrantType {
  @Field(() => MicrosoftFeature) feature!: MicrosoftFeature;
  @Field() granted!: boolean;
  @Field(() => [String]) missingScopes!: string[];
}

@ObjectType('MicrosoftSyncProgress')
export class MicrosoftSyncProgressType {
  @Field(() => Int) importedCount!: number;
  @Field(() => Int, { nullable: true }) estimatedTotal!: number | null;
  @Field(() => String, { nullable: true }) lastErrorCode!: string | null;
  @Field(() => String, { nullable: true }) lastErrorMessage!: string | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) lastErrorAt!: Date | null;
}

@ObjectType('MicrosoftPush')
export class MicrosoftPushType {
  /** LIVE: Graph pushes changes; STARTING: subscribing; OFF: the periodic sync (every 5 minutes) carries the channel. */
  @Field(() => MicrosoftPushStatus) status!: MicrosoftPushStatus;
  @Field(() => GraphQLISODateTime, { nullable: true }) expiresAt!: Date | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) lastNotificationAt!: Date | null;
  @Field(() => String, { nullable: true }) lastError!: string | null;
  @Field(() => String, { nullable: true, description: 'Why real-time cannot be on with the server\'s configuration (no https webhook URL); null when it can' })
  unavailableReason!: string | null;
}

@ObjectType('MicrosoftMessageFolder')
export class MicrosoftMessageFolderType {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field(() => String, { nullable: true }) parentFolderId!: string | null;
  @Field() externalId!: string;
  @Field() isSentFolder!: boolean;
  @Field() isSynced!: boolean;
  @Field({ description: "Outlook's drafts, deleted items, junk and outbox, and the folders under them: left out whatever the policy" })
  isNeverImported!: boolean;
  @Field({ description: "Outlook's Inbox, whatever the mailbox's language names it" })
  isInbox!: boolean;
}

@ObjectType('MicrosoftMessageChannel')
export class MicrosoftMessageChannelType {
  @Field(() => ID) id!: string;
  @Field() handle!: string;
  @Field(() => MessageChannelVisibility) visibility!: MessageChannelVisibility;
  @Field() isContactAutoCreationEnabled!: boolean;
  @Field(() => MessageChannelContactAutoCreationPolicy) contactAutoCreationPolicy!: MessageChannelContactAutoCreationPolicy;
  @Field(() => MessageFolderImportPolicy) messageFolderImportPolicy!: MessageFolderImportPolicy;
  @Field() excludeNonProfessionalEmails!: boolean;
  @Field() excludeGroupEmails!: boolean;
  @Field() isSyncEnabled!: boolean;
  @Field(() => SyncStatus) syncStatus!: SyncStatus;
  @Field(() => MessageChannelSyncStage) syncStage!: MessageChannelSyncStage;
  @Field(() => GraphQLISODateTime, { nullable: true }) syncedAt!: Date | null;
}

@ObjectType('MicrosoftCalendarChannel')
export class MicrosoftCalendarChannelType {
  @Field(() => ID) id!: string;
  @Field() handle!: string;
  @Field(() => CalendarChannelVisibility) visibility!: CalendarChannelVisibility;
  @Field() isContactAutoCreationEnabled!: boolean;
  @Field(() => CalendarChannelContactAutoCreationPolicy) contactAutoCreationPolicy!: CalendarChannelContactAutoCreationPolicy;
  @Field() isSyncEnabled!: boolean;
  @Field(() => SyncStatus) syncStatus!: SyncStatus;
  @Field(() => CalendarChannelSyncStage) syncStage!: CalendarChannelSyncStage;
  @Field(() => GraphQLISODateTime, { nullable: true }) syncedAt!: Date | null;
}

@ObjectType('MicrosoftCalendar')
export class MicrosoftCalendarType {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field() externalId!: string;
  @Field(() => String, { nullable: true, description: "Outlook's colour name (auto, lightBlue, …)" }) color!: string | null;
  @Field(() => String, { nullable: true, description: '#RRGGBB when the user picked a colour in Outlook' }) hexColor!: string | null;
  @Field(() => String, { nullable: true, description: 'Who owns it: the person who shared it, for a calendar shared with this account' }) ownerAddress!: string | null;
  @Field() isDefaultCalendar!: boolean;
  @Field() canEdit!: boolean;
  @Field({ description: "The account's own calendar, imported by default; shared calendars are imported when chosen" }) isOwn!: boolean;
  @Field() isSynced!: boolean;
}

@ObjectType('MicrosoftAccount')
export class MicrosoftAccountObject {
  @Field(() => ID) id!: string;
  @Field() handle!: string;
  @Field(() => [String]) handleAliases!: string[];
  @Field(() => MicrosoftAccountType) accountType!: MicrosoftAccountType;
  @Field(() => String, { nullable: true }) tenantId!: string | null;
  @Field(() => [String]) scopes!: string[];
  @Field(() => [MicrosoftFeatureGrantType]) features!: MicrosoftFeatureGrantType[];
  @Field(() => String, { nullable: true }) authFailedAt!: string | null;
  @Field() needsReconnect!: boolean;
  @Field({ description: 'Disconnect requested and still under way (Graph unreachable, or a restart in between): nothing of the account syncs or can be used meanwhile' })
  disconnecting!: boolean;
  @Field(() => MicrosoftMessageChannelType, { nullable: true }) messageChannel!: MicrosoftMessageChannelType | null;
  @Field(() => MicrosoftCalendarChannelType, { nullable: true }) calendarChannel!: MicrosoftCalendarChannelType | null;
}

@ObjectType('MicrosoftConnectLink')
export class MicrosoftConnectLinkType {
  @Field() url!: string;
  @Field(() => GraphQLISODateTime) expiresAt!: Date;
}

@InputType('MicrosoftMessageChannelSettingsInput')
export class MicrosoftMessageChannelSettingsInput {
  @Field(() => MessageChannelVisibility, { nullable: true }) visibility?: MessageChannelVisibility;
  @Field({ nullable: true }) isContactAutoCreationEnabled?: boolean;
  @Field(() => MessageChannelContactAutoCreationPolicy, { nullable: true }) contactAutoCreationPolicy?: MessageChannelContactAutoCreationPolicy;
  @Field(() => MessageFolderImportPolicy, { nullable: true }) messageFolderImportPolicy?: MessageFolderImportPolicy;
  @Field({ nullable: true }) excludeNonProfessionalEmails?: boolean;
  @Field({ nullable: true }) excludeGroupEmails?: boolean;
  @Field({ nullable: true }) isSyncEnabled?: boolean;
}

@InputType('MicrosoftCalendarChannelSettingsInput')
export class MicrosoftCalendarChannelSettingsInput {
  @Field(() => CalendarChannelVisibility, { nullable: true }) visibility?: CalendarChannelVisibility;
  @Field({ nullable: true }) isContactAutoCreationEnabled?: boolean;
  @Field(() => CalendarChannelContactAutoCreationPolicy, { nullable: true }) contactAutoCreationPolicy?: CalendarChannelContactAutoCreationPolicy;
  @Field({ nullable: true }) isSyncEnabled?: boolean;
}
