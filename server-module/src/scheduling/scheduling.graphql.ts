import { Field, GraphQLISODateTime, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { BusyStatus } from './schedule-information.mapper.js';

registerEnumType(BusyStatus, { name: 'MicrosoftBusyStatus' });

@ObjectType('MicrosoftBusyBlock')
export class BusyBlockType {
  @Field(() => GraphQLISODateTime) start!: Date;
  @Field(() => GraphQLISODateTime) end!: Date;
  @Field(() => BusyStatus) status!: BusyStatus;
}

@ObjectType('MicrosoftWorkingHours')
export class WorkingHoursType {
  @Field(() => [String], { description: 'monday … sunday' }) daysOfWeek!: string[];
  @Field({ description: 'HH:mm in timeZone' }) startTime!: string;
  @Field({ description: 'HH:mm in timeZone' }) endTime!: string;
  @Field({ description: 'IANA name (or a fixed offset such as UTC-8 for a custom Outlook zone)' }) timeZone!: string;
}

@ObjectType('MicrosoftPersonAvailability')
export class PersonAvailabilityType {
  @Field() email!: string;
  @Field({ description: 'False when Outlook has no free/busy for the address (outside the tenant, or an error item): shown as unknown' })
  known!: boolean;
  @Field(() => [BusyBlockType]) busy!: BusyBlockType[];
  @Field(() => WorkingHoursType, { nullable: true }) workingHours!: WorkingHoursType | null;
}

@ObjectType('MicrosoftMeetingSlot')
export class MeetingSlotType {
  @Field(() => GraphQLISODateTime) start!: Date;
  @Field(() => GraphQLISODateTime) end!: Date;
}

@InputType('ScheduleMicrosoftMeetingInput')
export class ScheduleMeetingInputType {
  @Field(() => ID) connectedAccountId!: string;
  @Field() subject!: string;
  @Field(() => GraphQLISODateTime) start!: Date;
  @Field(() => GraphQLISODateTime) end!: Date;
  @Field({ description: 'IANA zone the meeting is written in (Outlook shows it in that zone)' }) timeZone!: string;
  @Field(() => [String]) attendeeEmails!: string[];
  @Field() teamsMeeting!: boolean;
  @Field(() => String, { nullable: true }) body?: string | null;
  @Field(() => String, { nullable: true }) location?: string | null;
  @Field(() => String, { nullable: true, description: 'Sent again with the same key (a retry), the answer is the meeting made the first time' })
  idempotencyKey?: string | null;
}

@ObjectType('MicrosoftScheduledMeeting')
export class ScheduledMeetingType {
  @Field() outlookEventId!: string;
  @Field(() => String, { nullable: true }) iCalUid!: string | null;
  @Field() subject!: string;
  @Field(() => GraphQLISODateTime) start!: Date;
  @Field(() => GraphQLISODateTime) end!: Date;
  @Field(() => String, { nullable: true }) webLink!: string | null;
  @Field() isOnlineMeeting!: boolean;
  @Field(() => String, { nullable: true, description: "The Teams meeting's join URL (Outlook's onlineMeeting.joinUrl)" }) joinUrl!: string | null;
  @Field(() => [String]) attendeeEmails!: string[];
}

@ObjectType('MicrosoftTeamsLink')
export class TeamsLinkType {
  @Field() joinWebUrl!: string;
  @Field(() => String, { nullable: true }) joinMeetingId!: string | null;
  @Field(() => String, { nullable: true }) passcode!: string | null;
}

@ObjectType('MicrosoftTeamsMeetings')
export class TeamsMeetingsType {
  @Field() available!: boolean;
  @Field(() => String, { nullable: true, description: 'Why not, in words for the member' }) reason!: string | null;
}

