import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('CalendarSectionParticipant')
export class CalendarSectionParticipant {
  @Field(() => String)
  handle!: string;

  @Field(() => String)
  displayName!: string;

  /** NEEDS_ACTION, DECLINED, TENTATIVE or ACCEPTED. */
  @Field(() => String)
  responseStatus!: string;

  @Field(() => Boolean)
  isOrganizer!: boolean;

  @Field(() => ID, { nullable: true })
  personId!: string | null;

  @Field(() => ID, { nullable: true })
  workspaceMemberId!: string | null;
}

/** One event of the member's own calendars, as the Calendar section draws it (the owner sees everything). */
@ObjectType('CalendarSectionEvent')
export class CalendarSectionEvent {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  title!: string | null;

  @Field(() => Date)
  startsAt!: Date;

  @Field(() => Date)
  endsAt!: Date;

  @Field(() => Boolean)
  isFullDay!: boolean;

  /** The IANA zone the event was written in (null when Outlook gave none). */
  @Field(() => String, { nullable: true })
  timeZone!: string | null;

  @Field(() => String, { nullable: true })
  location!: string | null;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => Boolean)
  isCanceled!: boolean;

  /** The series' Outlook id for an occurrence or exception; null for a single event. */
  @Field(() => String, { nullable: true })
  recurringEventExternalId!: string | null;

  /** The Teams (or other online meeting) join link. */
  @Field(() => String, { nullable: true })
  conferenceLinkUrl!: string | null;

  @Field(() => ID)
  calendarChannelId!: string;

  /** The Outlook calendar the event came from; joins the plugin's calendars (colour, canEdit) on externalId. */
  @Field(() => String, { nullable: true })
  calendarExternalId!: string | null;

  @Field(() => Boolean)
  isPrivate!: boolean;

  /** Whether the member (one of their account's addresses) organizes the event. */
  @Field(() => Boolean)
  isOrganizer!: boolean;

  @Field(() => String, { nullable: true })
  organizerName!: string | null;

  @Field(() => [CalendarSectionParticipant])
  participants!: CalendarSectionParticipant[];
}
