import { Inject, Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import type { TimeInterval } from '../scheduling/free-slots.util.js';
import { BookingAccountService } from './booking-account.service.js';
import { BookingFreeBusyClient } from './booking-free-busy.client.js';
import type { BookingPageRecord } from './booking-page.record.js';
import { BookingRepository } from './booking.repository.js';
import { bookableSlots } from './booking-slots.util.js';
import { FreeBusyCache } from './free-busy.cache.js';

const MINUTE = 60_000;

/** A page's free slots: its rules over the member's live Outlook free/busy (briefly cached) and the bookings held. */
@Injectable()
export class BookingAvailabilityService {
  constructor(
    @Inject(BookingAccountService) private readonly accounts: BookingAccountService,
    @Inject(BookingFreeBusyClient) private readonly freeBusy: BookingFreeBusyClient,
    @Inject(BookingRepository) private readonly bookings: BookingRepository,
    @Inject(FreeBusyCache) private readonly cache: FreeBusyCache,
  ) {}

  /**
   * Starts of the free slots of `durationMinutes` in [from, until). `fresh` asks Outlook whatever the cache holds;
   * `ignoreBookingId` leaves out a booking's own row and `ignoreOutlook` its own Outlook event (a move).
   */
  async slots(page: BookingPageRecord, durationMinutes: number, from: Date, until: Date, options: { now?: Date; fresh?: boolean; ignoreBookingId?: string; ignoreOutlook?: TimeInterval | null } = {}): Promise<Date[]> {
    const now = options.now ?? new Date();
    const margin = (Math.max(page.bufferBeforeMinutes, page.bufferAfterMinutes) + 24 * 60) * MINUTE;
    const windowStart = new Date(from.getTime() - margin);
    const windowEnd = new Date(until.getTime() + margin);
    const [outlook, held] = await Promise.all([
      this.outlookBusy(page, windowStart, windowEnd, options.fresh ?? false),
      this.bookings.activeForAccount(page.connectedAccountId, windowStart, windowEnd),
    ]);
    const others = held.filter((booking) => booking.id !== options.ignoreBookingId);
    const ignored = options.ignoreOutlook ?? null;
    const isIgnored = (block: TimeInterval) => ignored !== null && block.start.getTime() === ignored.start.getTime() && block.end.getTime() === ignored.end.getTime();
    return bookableSlots({
      rules: page,
      durationMinutes,
      from,
      until,
      now,
      busy: [...outlook.filter((block) => !isIgnored(block)), ...others.map((booking) => withBuffers(page, booking))],
      pageBookingStarts: others.filter((booking) => booking.pageId === page.id).map((booking) => new Date(booking.start)),
    });
  }

  /** The local day of an instant in the page's zone, as [start, end) instants. */
  dayOf(page: BookingPageRecord, instant: Date): { start: Date; end: Date } {
    const day = DateTime.fromJSDate(instant, { zone: page.timeZone }).startOf('day');
    return { start: day.toJSDate(), end: day.plus({ days: 1 }).toJSDate() };
  }

  forgetAccount(connectedAccountId: string): void {
    this.cache.forgetAccount(connectedAccountId);
  }

  private async outlookBusy(page: BookingPageRecord, start: Date, end: Date, fresh: boolean): Promise<TimeInterval[]> {
    const key = `${page.connectedAccountId}|${[...page.busyCalendarIds].sort().join(',')}|${page.timeZone}|${start.toISOString()}|${end.toISOString()}`;
    const cached = fresh ? null : this.cache.get(key);
    if (cached) return cached;
    const busy = (async () => {
      const calendars = await this.accounts.calendars(page.workspaceId, page.connectedAccountId);
      const chosen = new Set(page.busyCalendarIds);
      const externalIds = calendars.filter((calendar) => chosen.has(calendar.id)).map((calendar) => calendar.externalId);
      return this.freeBusy.busy(page.workspaceId, page.connectedAccountId, externalIds, start, end, page.timeZone);
    })();
    this.cache.set(key, busy);
    return busy;
  }
}

/** A booking's own buffers are kept free too: the time before and after it, as the page sets them. */
function withBuffers(page: BookingPageRecord, booking: { start: Date; end: Date }): TimeInterval {
  return { start: new Date(new Date(booking.start).getTime() - page.bufferBeforeMinutes * MINUTE), end: new Date(new Date(booking.end).getTime() + page.bufferAfterMinutes * MINUTE) };
}
