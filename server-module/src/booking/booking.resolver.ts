import { Inject } from '@nestjs/common';
import { Args, Context, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';
import { HOST_MEMBER_CONTEXT, type HostMemberContext } from '@m365/shared-types';
import { FEATURE_NOT_GRANTED } from '../accounts/feature-gate.js';
import { requireMember, type GraphqlRequestContext } from '../graphql/current-member.resolver-util.js';
import { MicrosoftGraphException } from '../graph/microsoft-graph.exception.js';
import { BookingException } from './booking.exception.js';
import type { BookingRecord } from './booking-page.record.js';
import { BookingPageService, type BookingPageView } from './booking-page.service.js';
import { BookingPageDefaultsType, BookingPageInputType, BookingPageType, BookingType } from './booking.graphql.js';

const iso = (value: Date | string) => new Date(value).toISOString();

async function answer<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof BookingException) throw new GraphQLError(error.message, { extensions: { code: error.code, userError: true } });
    if (error instanceof MicrosoftGraphException) {
      throw new GraphQLError(`Outlook: ${error.message}`, { extensions: { code: `MICROSOFT_${error.kind}`, userError: error.graphCode === FEATURE_NOT_GRANTED } });
    }
    throw error;
  }
}

const pageType = (page: BookingPageView): BookingPageType => ({ ...page, createdAt: iso(page.createdAt), updatedAt: iso(page.updatedAt) });
const bookingType = (booking: BookingRecord): BookingType => ({
  id: booking.id,
  pageId: booking.pageId,
  guestName: booking.guestName,
  guestEmail: booking.guestEmail,
  start: iso(booking.start),
  end: iso(booking.end),
  status: booking.status,
  joinUrl: booking.joinUrl,
  createdAt: iso(booking.createdAt),
});

/** Booking pages in Settings: the caller's own pages on their own Microsoft accounts. */
@Resolver()
export class BookingResolver {
  constructor(
    @Inject(HOST_MEMBER_CONTEXT) private readonly members: HostMemberContext,
    @Inject(BookingPageService) private readonly pages: BookingPageService,
  ) {}

  @Query(() => [BookingPageType], { description: "The caller's booking pages" })
  async microsoftBookingPages(@Context() context: GraphqlRequestContext): Promise<BookingPageType[]> {
    const member = await requireMember(this.members, context);
    return answer(async () => (await this.pages.list(member)).map(pageType));
  }

  @Query(() => BookingPageDefaultsType, { description: "A new page's defaults from the account's Outlook mailbox settings and calendars" })
  async microsoftBookingPageDefaults(@Context() context: GraphqlRequestContext, @Args('connectedAccountId', { type: () => ID }) connectedAccountId: string): Promise<BookingPageDefaultsType> {
    const member = await requireMember(this.members, context);
    return answer(() => this.pages.defaults(member, connectedAccountId));
  }

  @Query(() => [BookingType], { description: "The bookings guests made on one of the caller's pages" })
  async microsoftBookings(@Context() context: GraphqlRequestContext, @Args('pageId', { type: () => ID }) pageId: string): Promise<BookingType[]> {
    const member = await requireMember(this.members, context);
    return answer(async () => (await this.pages.bookingsOf(member, pageId)).map(bookingType));
  }

  @Mutation(() => BookingPageType)
  async createMicrosoftBookingPage(@Context() context: GraphqlRequestContext, @Args('input') input: BookingPageInputType): Promise<BookingPageType> {
    const member = await requireMember(this.members, context);
    return answer(async () => pageType(await this.pages.create(member, input)));
  }

  @Mutation(() => BookingPageType)
  async updateMicrosoftBookingPage(@Context() context: GraphqlRequestContext, @Args('id', { type: () => ID }) id: string, @Args('input') input: BookingPageInputType): Promise<BookingPageType> {
    const member = await requireMember(this.members, context);
    return answer(async () => pageType(await this.pages.update(member, id, input)));
  }

  @Mutation(() => Boolean)
  async deleteMicrosoftBookingPage(@Context() context: GraphqlRequestContext, @Args('id', { type: () => ID }) id: string): Promise<boolean> {
    const member = await requireMember(this.members, context);
    return answer(() => this.pages.delete(member, id));
  }
}
