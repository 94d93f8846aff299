import { Field, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { CalendarEventEditScope } from '@m365/shared-types';

registerEnumType(CalendarEventEditScope, { name: 'CalendarEventEditScope' });

@InputType()
export class CalendarEventInput {
  @Field(() => String)
  title!: string;

  @Field(() => Date)
  startsAt!: Date;

  @Field(() => Date)
  endsAt!: Date;

  @Field(() => Boolean, { nullable: true, defaultValue: false, description: 'Dates, not times: startsAt/endsAt at 00:00 UTC of the first day and of the day after the last' })
  isFullDay?: boolean | null;

  @Field(() => String, { description: 'IANA zone name, e.g. Europe/Berlin' })
  timeZone!: string;

  @Field(() => String, { nullable: true })
  location?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => [String], { nullable: true, defaultValue: [] })
  attendeeEmails?: string[] | null;

  @Field(() => String, { nullable: true, description: "An online meeting made by the provider: 'teamsForBusiness' (its join link comes back into conferenceLink; it cannot be removed afterwards)" })
  conferenceSolution?: string | null;
}

@InputType()
export class CalendarEventPatch {
  @Field(() => String, { nullable: true })
  title?: string | null;

  @Field(() => Date, { nullable: true })
  startsAt?: Date | null;

  @Field(() => Date, { nullable: true })
  endsAt?: Date | null;

  @Field(() => Boolean, { nullable: true })
  isFullDay?: boolean | null;

  @Field(() => String, { nullable: true })
  timeZone?: string | null;

  @Field(() => String, { nullable: true })
  location?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => [String], { nullable: true })
  attendeeEmails?: string[] | null;

  @Field(() => String, { nullable: true, description: "An online meeting made by the provider: 'teamsForBusiness' (its join link comes back into conferenceLink; it cannot be removed afterwards)" })
  conferenceSolution?: string | null;
}

@ObjectType()
export class CalendarEventWriteResult {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'PENDING until the plugin wrote the change to the calendar provider' })
  outboundStatus!: string;
}
