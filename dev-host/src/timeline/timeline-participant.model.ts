import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('TimelineThreadParticipant')
export class TimelineThreadParticipant {
  @Field(() => ID, { nullable: true })
  personId!: string | null;

  @Field(() => ID, { nullable: true })
  workspaceMemberId!: string | null;

  @Field(() => String)
  firstName!: string;

  @Field(() => String)
  lastName!: string;

  @Field(() => String)
  displayName!: string;

  @Field(() => String, { nullable: true })
  avatarUrl!: string | null;

  @Field(() => String)
  handle!: string;
}
