import { Inject, Injectable } from '@nestjs/common';
import type { MicrosoftPluginConfig } from '../config/microsoft-plugin-config.js';
import { MICROSOFT_PLUGIN_CONFIG } from '../config/microsoft-plugin-config.token.js';
import { BookingAccountService } from './booking-account.service.js';
import { BookingAvailabilityService } from './booking-availability.service.js';
import { BookingEventClient } from './booking-event.client.js';
import { BookingErrorCode, BookingException, badInput } from './booking.exception.js';
import { BookingStatus, type BookingPageRecord, type BookingRecord } from './booking-page.record.js';
import { BookingPageRepository } from './booking-page.repository.js';
import { BookingRepository } from './booking.repository.js';
import { BookingService, SLOT_TAKEN_MESSAGE, type BookingAnswer } from './booking.service.js';
import { bookableSlots } from './booking-slots.util.js';
import { readManageToken, type ManagePurpose } from './manage-token.util.js';

const MINUTE = 60_000;
const DAY = 86_400_000;
export const RESCHEDULE_DAYS = 14;
export const LINK_GONE = 'This link no longer works: the meeting was moved, cancelled or is over.';

export interface ManagedBooking {
  purpose: ManagePurpose;
  page: BookingPageRecord;
  booking: BookingRecord;
}

/** The guest's cancel and reschedule links: each does its one thing, for its one booking, until the meeting ends. */
@Injectable()
export class BookingManageService {
  constructor(
    @Inject(MICROSOFT_PLUGIN_CONFIG) private readonly config: MicrosoftPluginConfig,
    @Inject(BookingRepository) private readonly bookings: BookingRepository,
    @Inject(BookingPageRepository) private readonly pages: BookingPageRepository,
    @Inject(BookingAvailabilityService) private readonly availability: BookingAvailabilityService,
    @Inject(BookingAccountService) private readonly accounts: BookingAccountService,
    @Inject(BookingEventClient) private readonly events: BookingEventClient,
    @Inject(BookingService) private readonly booking: BookingService,
  ) {}

  async open(token: string, now = new Date()): Promise<ManagedBooking> {
    const claims = readManageToken(this.config.signingSecret, token, now.getTime());
    if (!claims) throw new BookingException(BookingErrorCode.GONE, LINK_GONE);
    const booking = await this.bookings.find(claims.bookingId);
    if (!booking || booking.status !== BookingStatus.CONFIRMED || booking.sequence !== claims.sequence || new Date(booking.end).getTime() <= now.getTime()) {
      throw new BookingException(BookingErrorCode.GONE, LINK_GONE);
    }
    const page = await this.pages.findById(booking.pageId);
    if (!page) throw new BookingException(BookingErrorCode.GONE, LINK_GONE);
    return { purpose: claims.purpose, page, booking };
  }

  /** The slots a reschedule link offers: two weeks from `from` (today) of the booking's length, its own slot not counted as taken. */
  async rescheduleSlots(managed: ManagedBooking, from: Date | null, now = new Date()): Promise<Date[]> {
    const length = new Date(managed.booking.end).getTime() - new Date(managed.booking.start).getTime();
    const start = from && from.getTime() > now.getTime() ? from : now;
    return this.availability.slots(managed.page, length / MINUTE, start, new Date(start.getTime() + RESCHEDULE_DAYS * DAY), {
      now,
      ignoreBookingId: managed.booking.id,
      ignoreOutlook: { start: new Date(managed.booking.start), end: new Date(managed.booking.end) },
    });
  }

  async cancel(token: string): Promise<BookingAnswer> {
    const managed = await this.open(token);
    if (managed.purpose !== 'cancel') throw new BookingException(BookingErrorCode.GONE, LINK_GONE);
    const { page, booking } = managed;
    if (booking.outlookEventId) await this.events.cancel(page.workspaceId, page.connectedAccountId, booking.outlookEventId, 'Cancelled by the guest.');
    const cancelled = await this.bookings.update(booking.id, { status: BookingStatus.CANCELLED, sequence: booking.sequence + 1 });
    this.availability.forgetAccount(page.connectedAccountId);
    const account = await this.accounts.account(page.workspaceId, page.connectedAccountId);
    const sent = account ? await this.booking.sendMail(page, cancelled, 'cancelled', account.handle, null) : false;
    return { ...(await this.booking.answerFor(page, cancelled)), confirmationSent: sent, notice: sent ? null : 'Cancelled. No email was sent.' };
  }

  async reschedule(token: string, startText: unknown, now = new Date()): Promise<BookingAnswer> {
    const managed = await this.open(token, now);
    if (managed.purpose !== 'reschedule') throw new BookingException(BookingErrorCode.GONE, LINK_GONE);
    const { page, booking } = managed;
    const start = new Date(typeof startText === 'string' && /^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(startText) ? startText : NaN);
    if (Number.isNaN(start.getTime())) throw badInput('Start: pick one of the times offered.');
    const oldStart = new Date(booking.start);
    const oldEnd = new Date(booking.end);
    const length = oldEnd.getTime() - oldStart.getTime();
    const end = new Date(start.getTime() + length);
    const day = this.availability.dayOf(page, start);
    const offered = bookableSlots({ rules: page, durationMinutes: length / MINUTE, from: day.start, until: day.end, now, busy: [], pageBookingStarts: [] });
    if (!offered.some((slot) => slot.getTime() === start.getTime())) throw badInput('Start: that time is not one this page offers (working hours, notice, horizon).');
    const free = await this.availability.slots(page, length / MINUTE, day.start, day.end, { now, fresh: true, ignoreBookingId: booking.id, ignoreOutlook: { start: oldStart, end: oldEnd } });
    if (!free.some((slot) => slot.getTime() === start.getTime())) throw new BookingException(BookingErrorCode.SLOT_TAKEN, SLOT_TAKEN_MESSAGE);
    const moved = await this.bookings.move({
      replacing: booking.id,
      pageId: page.id,
      workspaceId: page.workspaceId,
      connectedAccountId: page.connectedAccountId,
      submissionKey: booking.submissionKey,
      guestName: booking.guestName,
      guestEmail: booking.guestEmail,
      guestTimeZone: booking.guestTimeZone,
      note: booking.note,
      start,
      end,
      iCalUid: booking.iCalUid,
      blockStart: new Date(start.getTime() - page.bufferBeforeMinutes * MINUTE),
      blockEnd: new Date(end.getTime() + page.bufferAfterMinutes * MINUTE),
      dailyCap: page.dailyCap,
      dayStart: day.start,
      dayEnd: day.end,
    });
    this.availability.forgetAccount(page.connectedAccountId);
    if (moved !== 'moved') throw new BookingException(BookingErrorCode.SLOT_TAKEN, SLOT_TAKEN_MESSAGE);
    try {
      if (booking.outlookEventId) await this.events.move(page.workspaceId, page.connectedAccountId, booking.outlookEventId, start, end);
    } catch (error) {
      await this.bookings.update(booking.id, { start: oldStart, end: oldEnd });
      throw error;
    }
    const updated = await this.bookings.update(booking.id, { sequence: booking.sequence + 1, confirmationSent: false });
    const account = await this.accounts.account(page.workspaceId, page.connectedAccountId);
    const location = (await this.booking.locationText(page)).text;
    const sent = account ? await this.booking.sendMail(page, updated, 'moved', account.handle, location) : false;
    return this.booking.answerFor(page, sent ? await this.bookings.update(booking.id, { confirmationSent: true }) : updated);
  }
}
