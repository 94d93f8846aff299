import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { BookingLocationKind } from './booking-page.record.js';

registerEnumType(BookingLocationKind, { name: 'MicrosoftBookingLocationKind' });

@ObjectType('MicrosoftBookingWorkingPeriod')
export class BookingWorkingPeriodType {
  @Field({ description: 'monday | tuesday | … | sunday' }) day!: string;
  @Field({ description: '"09:00", wall time in the page\'s timeZone' }) start!: string;
  @Field({ description: '"17:00", after start' }) end!: string;
}

@InputType('MicrosoftBookingWorkingPeriodInput')
export class BookingWorkingPeriodInputType {
  @Field() day!: string;
  @Field() start!: string;
  @Field() end!: string;
}

@ObjectType('MicrosoftBookingPage')
export class BookingPageType {
  @Field(() => ID) id!: string;
  @Field(() => ID) connectedAccountId!: string;
  @Field() title!: string;
  @Field({ description: "lowercase a-z 0-9 and '-', 3–60 characters, unique across the installation" }) slug!: string;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field(() => [Int]) durationsMinutes!: number[];
  @Field(() => BookingLocationKind) locationKind!: BookingLocationKind;
  @Field(() => String, { nullable: true, description: 'Phone number, address or link' }) locationDetail!: string | null;
  @Field({ description: 'IANA name' }) timeZone!: string;
  @Field(() => [BookingWorkingPeriodType]) workingHours!: BookingWorkingPeriodType[];
  @Field(() => Int) bufferBeforeMinutes!: number;
  @Field(() => Int) bufferAfterMinutes!: number;
  @Field(() => Int) minimumNoticeMinutes!: number;
  @Field(() => Int) horizonDays!: number;
  @Field(() => Int, { nullable: true, description: 'null: no cap' }) dailyCap!: number | null;
  @Field(() => [ID], { description: "MicrosoftCalendarType.id of the account's calendars that count as busy" }) busyCalendarIds!: string[];
  @Field() enabled!: boolean;
  @Field({ description: 'Absolute URL of the public page' }) publicUrl!: string;
  @Field({ description: 'False for personal accounts (or without OnlineMeetings / teamsForBusiness)' }) teamsAvailable!: boolean;
  @Field(() => String, { nullable: true }) teamsUnavailableReason!: string | null;
  @Field({ description: 'False without Mail.Send' }) confirmationsAvailable!: boolean;
  @Field(() => String, { nullable: true }) confirmationsUnavailableReason!: string | null;
  @Field(() => String, { nullable: true, description: 'Set when locationKind is TEAMS but Teams is not available: what guests get instead' }) locationFallback!: string | null;
  @Field() createdAt!: string;
  @Field() updatedAt!: string;
}

@InputType('MicrosoftBookingPageInput')
export class BookingPageInputType {
  @Field(() => ID, { description: 'Ignored on update' }) connectedAccountId!: string;
  @Field() title!: string;
  @Field() slug!: string;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => [Int]) durationsMinutes!: number[];
  @Field(() => BookingLocationKind) locationKind!: BookingLocationKind;
  @Field(() => String, { nullable: true }) locationDetail?: string | null;
  @Field() timeZone!: string;
  @Field(() => [BookingWorkingPeriodInputType]) workingHours!: BookingWorkingPeriodInputType[];
  @Field(() => Int) bufferBeforeMinutes!: number;
  @Field(() => Int) bufferAfterMinutes!: number;
  @Field(() => Int) minimumNoticeMinutes!: number;
  @Field(() => Int) horizonDays!: number;
  @Field(() => Int, { nullable: true }) dailyCap?: number | null;
  @Field(() => [ID]) busyCalendarIds!: string[];
  @Field() enabled!: boolean;
}

@ObjectType('MicrosoftBookingPageDefaults')
export class BookingPageDefaultsType {
  @Field() timeZone!: string;
  @Field(() => [BookingWorkingPeriodType]) workingHours!: BookingWorkingPeriodType[];
  @Field(() => [ID], { description: 'The default calendar' }) busyCalendarIds!: string[];
  @Field() teamsAvailable!: boolean;
  @Field(() => String, { nullable: true }) teamsUnavailableReason!: string | null;
}

@ObjectType('MicrosoftBooking')
export class BookingType {
  @Field(() => ID) id!: string;
  @Field(() => ID) pageId!: string;
  @Field() guestName!: string;
  @Field() guestEmail!: string;
  @Field({ description: 'ISO 8601 UTC' }) start!: string;
  @Field() end!: string;
  @Field({ description: 'CONFIRMED | CANCELLED' }) status!: string;
  @Field(() => String, { nullable: true }) joinUrl!: string | null;
  @Field() createdAt!: string;
}
