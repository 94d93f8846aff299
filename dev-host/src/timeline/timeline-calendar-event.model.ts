import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { TimelineThreadParticipant } from './timeline-participant.model.js';

@ObjectType('LinkMetadata')
export class LinkMetadata {
  @Field(() => String, { nullable: true })
  primaryLinkUrl!: string | null;

  @Field(() => String, { nullable: true })
  primaryLinkLabel!: string | null;
}

@ObjectType('TimelineCalendarEventParticipant')
export class TimelineCalendarEventParticipant extends TimelineThreadParticipant {
  @Field(() => Boolean)
  isOrganizer!: boolean;

  /** NEEDS_ACTION, DECLINED, TENTATIVE or ACCEPTED. */
  @Field(() => String)
  responseStatus!: string;
}

@ObjectType('TimelineCalendarEvent')
export class TimelineCalendarEvent {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  title!: string | null;

  @Field(() => Boolean)
  isCanceled!: boolean;

  @Field(() => Boolean)
  isFullDay!: boolean;

  @Field(() => Date, { nullable: true })
  startsAt!: Date | null;

  @Field(() => Date, { nullable: true })
  endsAt!: Date | null;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => String, { nullable: true })
  location!: string | null;

  @Field(() => String, { nullable: true })
  conferenceSolution!: string | null;

  @Field(() => LinkMetadata, { nullable: true })
  conferenceLink!: LinkMetadata | null;

  @Field(() => [TimelineCalendarEventParticipant])
  participants!: TimelineCalendarEventParticipant[];

  /** METADATA or SHARE_EVERYTHING, as it applies to the caller. */
  @Field(() => String)
  visibility!: string;
}

@ObjectType('TimelineCalendarEventsWithTotal')
export class TimelineCalendarEventsWithTotal {
  @Field(() => Int)
  totalNumberOfCalendarEvents!: number;

  @Field(() => [TimelineCalendarEvent])
  timelineCalendarEvents!: TimelineCalendarEvent[];
}
