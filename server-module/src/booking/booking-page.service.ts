import { Inject, Injectable } from '@nestjs/common';
import { MicrosoftFeature, type WorkspaceMemberRef } from '@m365/shared-types';
import { FeatureGate } from '../accounts/feature-gate.js';
import type { MicrosoftPluginConfig } from '../config/microsoft-plugin-config.js';
import { MICROSOFT_PLUGIN_CONFIG } from '../config/microsoft-plugin-config.token.js';
import { toWorkingHours } from '../scheduling/schedule-information.mapper.js';
import { SchedulingGraphFactory } from '../scheduling/scheduling-graph.factory.js';
import { BookingAccountService, type AccountCapabilities } from './booking-account.service.js';
import { badInput, notFound } from './booking.exception.js';
import { BookingLocationKind, type BookingPageRecord, type WorkingPeriod } from './booking-page.record.js';
import { BookingPageRepository, isSlugTaken } from './booking-page.repository.js';
import { checkedPageFields, type BookingPageInput } from './booking-page.validator.js';
import { BookingRepository } from './booking.repository.js';
import type { BookingRecord } from './booking-page.record.js';

export interface BookingPageView extends BookingPageRecord, AccountCapabilities {
  publicUrl: string;
  locationFallback: string | null;
}

export interface BookingPageDefaults {
  timeZone: string;
  workingHours: WorkingPeriod[];
  busyCalendarIds: string[];
  teamsAvailable: boolean;
  teamsUnavailableReason: string | null;
}

const WEEKDAYS_ONLY = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'];

/** What guests get on a Teams page whose account cannot hold Teams meetings: said on the page, never a silent gap. */
export function teamsFallbackText(reason: string | null): string {
  return `No Teams link: ${reason ?? 'Teams meetings are not available for this account'}. Guests are told that the organiser will send how to join.`;
}

/** A member's booking pages: created, changed and removed on their own accounts only, with Outlook's defaults. */
@Injectable()
export class BookingPageService {
  constructor(
    @Inject(MICROSOFT_PLUGIN_CONFIG) private readonly config: MicrosoftPluginConfig,
    @Inject(BookingPageRepository) private readonly pages: BookingPageRepository,
    @Inject(BookingRepository) private readonly bookings: BookingRepository,
    @Inject(BookingAccountService) private readonly accounts: BookingAccountService,
    @Inject(FeatureGate) private readonly gate: FeatureGate,
    @Inject(SchedulingGraphFactory) private readonly graphs: SchedulingGraphFactory,
  ) {}

  publicUrlOf(slug: string): string {
    return `${this.config.publicUrl.replace(/\/$/, '')}/book/${slug}`;
  }

  async list(member: WorkspaceMemberRef): Promise<BookingPageView[]> {
    const pages = await this.pages.listForMember(member.workspaceId, member.workspaceMemberId);
    return Promise.all(pages.map((page) => this.view(page)));
  }

  async create(member: WorkspaceMemberRef, input: BookingPageInput & { connectedAccountId: string }): Promise<BookingPageView> {
    await this.accounts.ownAccount(member, input.connectedAccountId);
    const fields = checkedPageFields(input);
    await this.checkCalendars(member.workspaceId, input.connectedAccountId, fields.busyCalendarIds);
    try {
      return await this.view(await this.pages.create({ ...member, connectedAccountId: input.connectedAccountId }, fields));
    } catch (error) {
      if (isSlugTaken(error)) throw badInput('That address is taken: pick another slug.');
      throw error;
    }
  }

  async update(member: WorkspaceMemberRef, id: string, input: BookingPageInput): Promise<BookingPageView> {
    const page = await this.ownPage(member, id);
    const fields = checkedPageFields(input);
    await this.checkCalendars(member.workspaceId, page.connectedAccountId, fields.busyCalendarIds);
    try {
      return await this.view(await this.pages.update(page.id, fields));
    } catch (error) {
      if (isSlugTaken(error)) throw badInput('That address is taken: pick another slug.');
      throw error;
    }
  }

  async delete(member: WorkspaceMemberRef, id: string): Promise<boolean> {
    const page = await this.ownPage(member, id);
    await this.pages.delete(page.id);
    return true;
  }

  async bookingsOf(member: WorkspaceMemberRef, pageId: string): Promise<BookingRecord[]> {
    const page = await this.ownPage(member, pageId);
    return this.bookings.listForPage(page.id);
  }

  async ownPage(member: WorkspaceMemberRef, id: string): Promise<BookingPageRecord> {
    const page = await this.pages.findForMember(member.workspaceId, member.workspaceMemberId, id);
    if (!page) throw notFound();
    return page;
  }

  /** The member's Outlook time zone and working week (MailboxSettings.Read), and the default calendar as busy. */
  async defaults(member: WorkspaceMemberRef, connectedAccountId: string): Promise<BookingPageDefaults> {
    await this.accounts.ownAccount(member, connectedAccountId);
    const capabilities = await this.accounts.capabilities(member.workspaceId, connectedAccountId);
    const calendars = await this.accounts.calendars(member.workspaceId, connectedAccountId);
    const defaultCalendar = calendars.find((calendar) => calendar.isDefaultCalendar);
    let timeZone = 'UTC';
    let workingHours: WorkingPeriod[] = WEEKDAYS_ONLY.map((day) => ({ day, start: '09:00', end: '17:00' }));
    if (await this.gate.isGranted(member.workspaceId, connectedAccountId, MicrosoftFeature.OUT_OF_OFFICE)) {
      const hours = await this.graphs.forAccount(member.workspaceId, connectedAccountId).ownWorkingHours().then(toWorkingHours, () => null);
      if (hours) {
        // An Outlook zone with no IANA name comes as a fixed offset; the page keeps the offset's zone (luxon knows UTC+1).
        timeZone = hours.timeZone;
        workingHours = hours.daysOfWeek.map((day) => ({ day, start: hours.startTime, end: hours.endTime > hours.startTime ? hours.endTime : '24:00' }));
      }
    }
    return {
      timeZone,
      workingHours,
      busyCalendarIds: defaultCalendar ? [defaultCalendar.id] : [],
      teamsAvailable: capabilities.teamsAvailable,
      teamsUnavailableReason: capabilities.teamsUnavailableReason,
    };
  }

  async view(page: BookingPageRecord): Promise<BookingPageView> {
    const capabilities = await this.accounts.capabilities(page.workspaceId, page.connectedAccountId);
    return {
      ...page,
      ...capabilities,
      publicUrl: this.publicUrlOf(page.slug),
      locationFallback: page.locationKind === BookingLocationKind.TEAMS && !capabilities.teamsAvailable ? teamsFallbackText(capabilities.teamsUnavailableReason) : null,
    };
  }

  private async checkCalendars(workspaceId: string, connectedAccountId: string, calendarIds: string[]): Promise<void> {
    if (!calendarIds.length) throw badInput('Calendars: choose at least one calendar whose events count as busy.');
    const own = new Set((await this.accounts.calendars(workspaceId, connectedAccountId)).map((calendar) => calendar.id));
    if (calendarIds.some((id) => !own.has(id))) throw badInput("Calendars: that calendar is not one of this account's.");
  }
}
