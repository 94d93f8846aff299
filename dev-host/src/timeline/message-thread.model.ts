import { Field, ID, ObjectType } from '@nestjs/graphql';
import { TimelineThreadParticipant } from './timeline-participant.model.js';

@ObjectType('ThreadMessageParticipant')
export class ThreadMessageParticipant extends TimelineThreadParticipant {
  /** from, to, cc or bcc. */
  @Field(() => String)
  role!: string;
}

@ObjectType('ThreadMessage')
export class ThreadMessage {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  headerMessageId!: string | null;

  @Field(() => Date, { nullable: true })
  receivedAt!: Date | null;

  @Field(() => String, { nullable: true })
  subject!: string | null;

  @Field(() => String, { nullable: true })
  text!: string | null;

  @Field(() => ThreadMessageParticipant, { nullable: true })
  sender!: ThreadMessageParticipant | null;

  @Field(() => [ThreadMessageParticipant])
  participants!: ThreadMessageParticipant[];
}

@ObjectType('MessageThread')
export class MessageThreadModel {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  visibility!: string;

  @Field(() => String, { nullable: true })
  subject!: string | null;

  @Field(() => [ThreadMessage])
  messages!: ThreadMessage[];
}
