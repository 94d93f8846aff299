import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { ContactCreationPolicy } from '@m365/shared-types';
import type { MicrosoftPluginConfig } from '../config/microsoft-plugin-config.js';
import { MICROSOFT_PLUGIN_CONFIG } from '../config/microsoft-plugin-config.token.js';
import { HostRecordsFactory } from '../host-adapters/host-records.factory.js';
import { SchedulingException } from '../scheduling/scheduling.exception.js';
import { SchedulingService } from '../scheduling/scheduling.service.js';
import { BookingAccountService } from './booking-account.service.js';
import { BookingAvailabilityService } from './booking-availability.service.js';
import { BookingConfirmationMailer, guestWhen } from './booking-confirmation.mailer.js';
import { BookingErrorCode, BookingException, badInput } from './booking.exception.js';
import { bookingIcs } from './booking-ics.util.js';
import { BookingLocationKind, BookingStatus, type BookingPageRecord, type BookingRecord } from './booking-page.record.js';
import { BookingPageRepository } from './booking-page.repository.js';
import { BookingPageService, teamsFallbackText } from './booking-page.service.js';
import { BookingRepository } from './booking.repository.js';
import { checkedSubmission, type GuestSubmission } from './guest-input.validator.js';
import { bookableSlots } from './booking-slots.util.js';
import { issueManageToken } from './manage-token.util.js';

const MINUTE = 60_000;
export const NO_CONFIRMATION_NOTICE = "Booked. No confirmation email was sent: the organiser's account does not allow sending mail. Keep this page's details.";
export const SLOT_TAKEN_MESSAGE = 'That time was just taken: pick another.';

export interface BookingAnswer {
  id: string;
  status: BookingStatus;
  start: string;
  end: string;
  timeZone: string;
  when: string;
  joinUrl: string | null;
  location: string | null;
  confirmationSent: boolean;
  notice: string | null;
  cancelUrl: string | null;
  rescheduleUrl: string | null;
}

/** A guest's booking: the slot held against racing guests, checked against Outlook again, made in Outlook and the CRM. */
@Injectable()
export class BookingService {
  private readonly logger = new Logger('BookingService');

  constructor(
    @Inject(MICROSOFT_PLUGIN_CONFIG) private readonly config: MicrosoftPluginConfig,
    @Inject(BookingPageRepository) private readonly pages: BookingPageRepository,
    @Inject(BookingRepository) private readonly bookings: BookingRepository,
    @Inject(BookingAvailabilityService) private readonly availability: BookingAvailabilityService,
    @Inject(BookingAccountService) private readonly accounts: BookingAccountService,
    @Inject(BookingPageService) private readonly pageService: BookingPageService,
    @Inject(SchedulingService) private readonly scheduling: SchedulingService,
    @Inject(BookingConfirmationMailer) private readonly mailer: BookingConfirmationMailer,
    @Inject(HostRecordsFactory) private readonly records: HostRecordsFactory,
  ) {}

  async publicPage(slug: string): Promise<BookingPageRecord> {
    // A slug no page could have answers as a missing one does: a different answer would tell guessers the address rules.
    const page = /^[a-z0-9-]{3,60}$/.test(slug) ? await this.pages.findBySlug(slug) : null;
    if (!page || !page.enabled) throw new BookingException(BookingErrorCode.NOT_FOUND, 'No such booking page.');
    return page;
  }

  /** Where the guest meets: the Teams link comes with the booking; otherwise what the page says, or the fallback. */
  async locationText(page: BookingPageRecord): Promise<{ teams: boolean; text: string | null }> {
    if (page.locationKind !== BookingLocationKind.TEAMS) {
      const label = page.locationKind === BookingLocationKind.PHONE ? 'Phone' : page.locationKind === BookingLocationKind.IN_PERSON ? 'In person' : 'Online';
      return { teams: false, text: `${label}: ${page.locationDetail ?? ''}` };
    }
    const capabilities = await this.accounts.capabilities(page.workspaceId, page.connectedAccountId);
    return capabilities.teamsAvailable ? { teams: true, text: 'Microsoft Teams meeting' } : { teams: false, text: teamsFallbackText(capabilities.teamsUnavailableReason) };
  }

  async book(slug: string, body: Record<string, unknown>, now = new Date()): Promise<BookingAnswer> {
    const page = await this.publicPage(slug);
    const submission = checkedSubmission(body, page.durationsMinutes);
    // The same submission again (a double click, a retry after a lost answer): its booking, whatever the slot shows now.
    const repeat = await this.bookings.findBySubmission(page.id, submission.submissionKey);
    if (repeat) return this.answerForRepeat(page, repeat, submission);
    const end = new Date(submission.start.getTime() + submission.durationMinutes * MINUTE);
    const day = this.availability.dayOf(page, submission.start);
    this.assertOffered(page, submission, day, now);
    const cached = await this.availability.slots(page, submission.durationMinutes, day.start, day.end, { now });
    if (!cached.some((slot) => slot.getTime() === submission.start.getTime())) throw this.taken();
    const hold = await this.bookings.hold({
      pageId: page.id,
      workspaceId: page.workspaceId,
      connectedAccountId: page.connectedAccountId,
      submissionKey: submission.submissionKey,
      guestName: submission.name,
      guestEmail: submission.email,
      guestTimeZone: submission.timeZone,
      note: submission.note,
      start: submission.start,
      end,
      iCalUid: `${randomUUID()}@booking.m365-crm-plugin`,
      blockStart: new Date(submission.start.getTime() - page.bufferBeforeMinutes * MINUTE),
      blockEnd: new Date(end.getTime() + page.bufferAfterMinutes * MINUTE),
      dailyCap: page.dailyCap,
      dayStart: day.start,
      dayEnd: day.end,
    });
    if (hold.kind === 'repeat') return this.answerForRepeat(page, hold.booking, submission);
    if (hold.kind !== 'held') throw this.taken();
    try {
      // Outlook may have filled the slot since the page was loaded: asked again, past the cache.
      const fresh = await this.availability.slots(page, submission.durationMinutes, day.start, day.end, { now, fresh: true, ignoreBookingId: hold.booking.id });
      if (!fresh.some((slot) => slot.getTime() === submission.start.getTime())) throw this.taken();
      return await this.confirm(page, hold.booking, submission);
    } catch (error) {
      await this.bookings.release(hold.booking.id);
      // Scheduling's refusals (the account lost Teams or its calendar meanwhile) are the page's state, not the guest's.
      if (error instanceof SchedulingException) throw new BookingException(BookingErrorCode.UNAVAILABLE, 'This page cannot take bookings right now.');
      throw error;
    } finally {
      this.availability.forgetAccount(page.connectedAccountId);
    }
  }

  /**
   * A submission key already used: the same guest, time and length is the same submission sent again; anything else
   * is refused, since the answer holds the first booking's cancel and reschedule links.
   */
  private answerForRepeat(page: BookingPageRecord, booking: BookingRecord, submission: GuestSubmission): Promise<BookingAnswer> {
    const same = booking.guestEmail === submission.email
      && new Date(booking.start).getTime() === submission.start.getTime()
      && new Date(booking.end).getTime() - new Date(booking.start).getTime() === submission.durationMinutes * MINUTE;
    if (!same) throw badInput('This form was already sent with other details: reload the page to book again.');
    return this.answerFor(page, booking);
  }

  /** The slots a guest is shown again after losing a race: that day's, fresh. */
  async freshSlotsOfDay(slug: string, startText: unknown, duration: unknown): Promise<string[]> {
    const page = await this.publicPage(slug);
    const start = new Date(typeof startText === 'string' ? startText : NaN);
    const minutes = Number(duration);
    if (Number.isNaN(start.getTime()) || !page.durationsMinutes.includes(minutes)) return [];
    const day = this.availability.dayOf(page, start);
    return (await this.availability.slots(page, minutes, day.start, day.end, { fresh: true })).map((slot) => slot.toISOString());
  }

  private assertOffered(page: BookingPageRecord, submission: GuestSubmission, day: { start: Date; end: Date }, now: Date): void {
    const offered = bookableSlots({ rules: page, durationMinutes: submission.durationMinutes, from: day.start, until: day.end, now, busy: [], pageBookingStarts: [] });
    if (!offered.some((slot) => slot.getTime() === submission.start.getTime())) throw badInput('Start: that time is not one this page offers (working hours, notice, horizon).');
  }

  private taken(): BookingException {
    return new BookingException(BookingErrorCode.SLOT_TAKEN, SLOT_TAKEN_MESSAGE);
  }

  private async confirm(page: BookingPageRecord, booking: BookingRecord, submission: GuestSubmission): Promise<BookingAnswer> {
    const account = await this.accounts.account(page.workspaceId, page.connectedAccountId);
    if (!account) throw new BookingException(BookingErrorCode.UNAVAILABLE, 'This page cannot take bookings right now.');
    const location = await this.locationText(page);
    const personId = await this.guestPerson(page.workspaceId, submission);
    const member = { workspaceId: page.workspaceId, workspaceMemberId: page.workspaceMemberId };
    const meeting = await this.scheduling.scheduleMeeting(member, {
      connectedAccountId: page.connectedAccountId,
      subject: `${page.title}: ${submission.name}`,
      start: booking.start,
      end: booking.end,
      timeZone: page.timeZone,
      attendeeEmails: [submission.email],
      teamsMeeting: location.teams,
      body: [`Booked by ${submission.name} <${submission.email}> on ${this.pageService.publicUrlOf(page.slug)}`, submission.note ? `Note: ${submission.note}` : ''].filter(Boolean).join('\n\n'),
      location: location.teams ? null : location.text,
      idempotencyKey: `booking:${booking.id}`,
    });
    const confirmed = await this.bookings.update(booking.id, { status: BookingStatus.CONFIRMED, outlookEventId: meeting.outlookEventId, joinUrl: meeting.joinUrl, personId });
    const sent = await this.sendMail(page, confirmed, 'confirmed', account.handle, location.text);
    const final = sent ? await this.bookings.update(booking.id, { confirmationSent: true }) : confirmed;
    return this.answerFor(page, final);
  }

  /** The guest as a CRM person: matched by email, or created (as the contacts sync creates people). */
  private async guestPerson(workspaceId: string, submission: GuestSubmission): Promise<string> {
    const people = this.records.personContacts();
    const existing = await people.findPersonByEmails(workspaceId, [submission.email]);
    if (existing) return existing.personId;
    const [firstName, ...rest] = submission.name.split(/\s+/);
    return people.createPerson(workspaceId, { firstName: firstName ?? '', lastName: rest.join(' '), emails: [submission.email], phones: [], jobTitle: '', companyName: '' }, ContactCreationPolicy.CREATE_WITH_EMAIL);
  }

  /** The guest's mail with its .ics, when the account may send mail; false when it may not (the page says so). */
  async sendMail(page: BookingPageRecord, booking: BookingRecord, kind: 'confirmed' | 'moved' | 'cancelled', organizer: string, location: string | null): Promise<boolean> {
    const capabilities = await this.accounts.capabilities(page.workspaceId, page.connectedAccountId);
    if (!capabilities.confirmationsAvailable) return false;
    const start = new Date(booking.start);
    const end = new Date(booking.end);
    const ics = bookingIcs({
      method: kind === 'cancelled' ? 'CANCEL' : 'REQUEST',
      uid: booking.iCalUid,
      sequence: booking.sequence,
      start,
      end,
      summary: page.title,
      description: [page.description ?? '', booking.joinUrl ? `Join: ${booking.joinUrl}` : ''].filter(Boolean).join('\n\n'),
      location,
      joinUrl: booking.joinUrl,
      organizer: { name: organizer, email: organizer },
      attendee: { name: booking.guestName, email: booking.guestEmail },
      stamp: new Date(),
    });
    const links = kind === 'cancelled' ? { cancelUrl: null, rescheduleUrl: null } : this.manageLinks(booking);
    try {
      await this.mailer.send(page.workspaceId, page.connectedAccountId, {
        kind,
        to: { name: booking.guestName, email: booking.guestEmail },
        title: page.title,
        start,
        end,
        guestTimeZone: booking.guestTimeZone,
        joinUrl: booking.joinUrl,
        location: booking.joinUrl ? null : location,
        ...links,
        ics,
      });
      return true;
    } catch (error) {
      // The booking stands in Outlook whatever the mail does; the guest is told no confirmation went.
      this.logger.warn(`Booking confirmation not sent: ${(error as Error).message}`);
      return false;
    }
  }

  manageLinks(booking: BookingRecord): { cancelUrl: string; rescheduleUrl: string } {
    const base = `${this.config.publicUrl.replace(/\/$/, '')}/book/manage/`;
    const claims = { bookingId: booking.id, sequence: booking.sequence, expiresAt: new Date(booking.end).getTime() };
    return {
      cancelUrl: base + issueManageToken(this.config.signingSecret, { ...claims, purpose: 'cancel' }),
      rescheduleUrl: base + issueManageToken(this.config.signingSecret, { ...claims, purpose: 'reschedule' }),
    };
  }

  async answerFor(page: BookingPageRecord, booking: BookingRecord): Promise<BookingAnswer> {
    const location = booking.joinUrl ? 'Microsoft Teams meeting' : (await this.locationText(page)).text;
    const active = booking.status === BookingStatus.CONFIRMED;
    const links = active ? this.manageLinks(booking) : { cancelUrl: null, rescheduleUrl: null };
    return {
      id: booking.id,
      status: booking.status,
      start: new Date(booking.start).toISOString(),
      end: new Date(booking.end).toISOString(),
      timeZone: booking.guestTimeZone,
      when: guestWhen(new Date(booking.start), new Date(booking.end), booking.guestTimeZone),
      joinUrl: booking.joinUrl,
      location,
      confirmationSent: booking.confirmationSent,
      notice: active && !booking.confirmationSent ? NO_CONFIRMATION_NOTICE : null,
      ...links,
    };
  }
}
