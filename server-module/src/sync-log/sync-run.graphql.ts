import { Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { SyncChannelKind, SyncRunAction, SyncRunOutcome, SyncRunTrigger } from '@m365/shared-types';

registerEnumType(SyncChannelKind, { name: 'MicrosoftSyncChannelKind' });
registerEnumType(SyncRunTrigger, { name: 'MicrosoftSyncRunTrigger' });
registerEnumType(SyncRunOutcome, { name: 'MicrosoftSyncRunOutcome' });
registerEnumType(SyncRunAction, { name: 'MicrosoftSyncRunAction' });

@ObjectType('MicrosoftSyncRun', { description: "One entry of a channel's sync log; routine runs of the same hour that changed something share one entry (`passes`)" })
export class MicrosoftSyncRunType {
  @Field(() => ID) id!: string;
  @Field(() => SyncChannelKind) channelKind!: SyncChannelKind;
  @Field(() => SyncRunTrigger) trigger!: SyncRunTrigger;
  @Field(() => SyncRunOutcome) outcome!: SyncRunOutcome;
  @Field(() => GraphQLISODateTime) startedAt!: Date;
  @Field(() => GraphQLISODateTime, { nullable: true }) finishedAt!: Date | null;
  @Field(() => Int, { description: 'How many runs this entry stands for' }) passes!: number;
  @Field(() => Int, { description: 'Time spent running, summed over its passes' }) durationMs!: number;
  @Field(() => Int, { description: 'Messages (or events) imported' }) created!: number;
  @Field(() => Int, { description: 'Messages (or events) already in the CRM and brought up to date' }) updated!: number;
  @Field(() => Int) deleted!: number;
  @Field(() => Int, { description: 'Folders (or calendars) walked' }) foldersSynced!: number;
  @Field(() => [String], { description: 'Folders Microsoft made us read again from the start (their delta state was gone)' }) foldersRestarted!: string[];
  @Field(() => String, { nullable: true }) errorCode!: string | null;
  @Field(() => String, { nullable: true, description: 'What went wrong, in plain words' }) errorMessage!: string | null;
  @Field(() => SyncRunAction, { nullable: true, description: 'What the member can do about it' }) action!: SyncRunAction | null;
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When the CRM tries again by itself' }) retryAt!: Date | null;
}
