import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { TimelineThreadParticipant } from './timeline-participant.model.js';

@ObjectType('TimelineThread')
export class TimelineThread {
  @Field(() => ID)
  id!: string;

  @Field(() => Boolean)
  read!: boolean;

  /** The channel visibility that applies to the caller: METADATA, SUBJECT or SHARE_EVERYTHING. */
  @Field(() => String)
  visibility!: string;

  @Field(() => TimelineThreadParticipant, { nullable: true })
  firstParticipant!: TimelineThreadParticipant | null;

  @Field(() => [TimelineThreadParticipant])
  lastTwoParticipants!: TimelineThreadParticipant[];

  @Field(() => Date, { nullable: true })
  lastMessageReceivedAt!: Date | null;

  /** Null unless the visibility is SHARE_EVERYTHING. */
  @Field(() => String, { nullable: true })
  lastMessageBody!: string | null;

  /** Null when the visibility is METADATA. */
  @Field(() => String, { nullable: true })
  subject!: string | null;

  @Field(() => Int)
  numberOfMessagesInThread!: number;

  @Field(() => Int)
  participantCount!: number;
}

@ObjectType('TimelineThreadsWithTotal')
export class TimelineThreadsWithTotal {
  @Field(() => Int)
  totalNumberOfThreads!: number;

  @Field(() => [TimelineThread])
  timelineThreads!: TimelineThread[];
}
