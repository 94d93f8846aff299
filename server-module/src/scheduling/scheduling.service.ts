import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ConnectedAccountProvider, MicrosoftFeature, type ConnectedAccountRecord, type WorkspaceMemberRef } from '@m365/shared-types';
import { FeatureGate } from '../accounts/feature-gate.js';
import { MicrosoftIdentityRepository } from '../accounts/microsoft-identity.repository.js';
import { isPersonalTenant } from './personal-account.util.js';
import { HostRecordsFactory } from '../host-adapters/host-records.factory.js';
import { isValidAddress } from '../compose/compose-address.validator.js';
import { toImportedEvent } from '../calendar/graph-event.mapper.js';
import { MicrosoftCalendarRepository } from '../calendar/microsoft-calendar.repository.js';
import { CalendarOutboxRepository } from '../calendar/outbound/calendar-outbox.repository.js';
import { toGraphEventBody } from '../calendar/outbound/graph-event-payload.js';
import { findFreeSlots, type TimeInterval, type WeeklyWorkingHours } from './free-slots.util.js';
import { BLOCKING, toPersonAvailability, toWorkingHours, type PersonAvailability } from './schedule-information.mapper.js';
import { SchedulingGraphFactory } from './scheduling-graph.factory.js';
import { SchedulingErrorCode, SchedulingException } from './scheduling.exception.js';
import { TeamsAvailabilityService } from './teams-availability.service.js';

/** getSchedule's window must be under 62 days (concepts/outlook-get-free-busy-schedule.md). */
export const MAX_WINDOW_DAYS = 61;
const DAY = 86_400_000;
const MAX_ATTENDEES = 100;
const MAX_SUBJECT = 255;

export interface ScheduleMeetingInput {
  connectedAccountId: string;
  subject: string;
  start: Date;
  end: Date;
  timeZone: string;
  attendeeEmails: string[];
  teamsMeeting: boolean;
  body?: string | null;
  location?: string | null;
  /** The same key again (a double click, a retry after a lost answer) gives the meeting made the first time. */
  idempotencyKey?: string | null;
}

export interface ScheduledMeeting {
  outlookEventId: string;
  iCalUid: string | null;
  subject: string;
  start: Date;
  end: Date;
  webLink: string | null;
  isOnlineMeeting: boolean;
  joinUrl: string | null;
  attendeeEmails: string[];
}

export interface TeamsLink {
  joinWebUrl: string;
  joinMeetingId: string | null;
  passcode: string | null;
}

function checkedAddresses(addresses: string[]): string[] {
  const unique = [...new Set(addresses.map((address) => address.trim().toLowerCase()).filter(Boolean))];
  const invalid = unique.find((address) => !isValidAddress(address));
  if (invalid) throw new SchedulingException(SchedulingErrorCode.INVALID_INPUT, `"${invalid}" is not a valid email address.`);
  if (unique.length > MAX_ATTENDEES) throw new SchedulingException(SchedulingErrorCode.INVALID_INPUT, `At most ${MAX_ATTENDEES} attendees.`);
  return unique;
}

function checkedWindow(start: Date, end: Date): void {
  if (!(end.getTime() > start.getTime())) throw new SchedulingException(SchedulingErrorCode.INVALID_INPUT, 'The end must be after the start.');
  if (end.getTime() - start.getTime() > MAX_WINDOW_DAYS * DAY) {
    throw new SchedulingException(SchedulingErrorCode.INVALID_INPUT, `Outlook gives free/busy for at most ${MAX_WINDOW_DAYS} days at a time.`);
  }
}

/**
 * Scheduling for the member's own Microsoft accounts: free/busy from getSchedule, free slots computed here, meetings
 * created in Outlook (with Teams when asked) and written to the CRM as the calendar import writes them.
 */
@Injectable()
export class SchedulingService {
  constructor(
    @Inject(HostRecordsFactory) private readonly records: HostRecordsFactory,
    @Inject(FeatureGate) private readonly gate: FeatureGate,
    @Inject(SchedulingGraphFactory) private readonly graphs: SchedulingGraphFactory,
    @Inject(TeamsAvailabilityService) private readonly teams: TeamsAvailabilityService,
    @Inject(MicrosoftCalendarRepository) private readonly calendars: MicrosoftCalendarRepository,
    @Inject(CalendarOutboxRepository) private readonly outbox: CalendarOutboxRepository,
    @Inject(MicrosoftIdentityRepository) private readonly identities: MicrosoftIdentityRepository,
  ) {}

  async ownAccount(member: WorkspaceMemberRef, connectedAccountId: string): Promise<ConnectedAccountRecord> {
    const accounts = await this.records.connectedAccounts().listConnectedAccounts(member.workspaceId, member.workspaceMemberId, ConnectedAccountProvider.MICROSOFT);
    const account = accounts.find((candidate) => candidate.id === connectedAccountId);
    if (!account) throw new SchedulingException(SchedulingErrorCode.NOT_FOUND, 'No such Microsoft account among yours.');
    return account;
  }

  /** The organiser first, then each attendee in the order given. */
  async availability(member: WorkspaceMemberRef, connectedAccountId: string, start: Date, end: Date, attendeeEmails: string[], intervalMinutes = 30): Promise<PersonAvailability[]> {
    const account = await this.ownAccount(member, connectedAccountId);
    await this.gate.assertGranted(member.workspaceId, connectedAccountId, MicrosoftFeature.CALENDAR);
    checkedWindow(start, end);
    if (!Number.isInteger(intervalMinutes) || intervalMinutes < 5 || intervalMinutes > 1440) {
      throw new SchedulingException(SchedulingErrorCode.INVALID_INPUT, 'The interval is 5 to 1,440 minutes.');
    }
    const organiser = account.handle.toLowerCase();
    const addresses = [organiser, ...checkedAddresses(attendeeEmails).filter((address) => address !== organiser)];
    const graph = this.graphs.forAccount(member.workspaceId, connectedAccountId);
    if (isPersonalTenant((await this.identities.find(member.workspaceId, connectedAccountId))?.tenantId)) {
      // getSchedule is for work or school accounts only: a personal account sees its own calendar, nobody else's.
      const own = { scheduleId: organiser, scheduleItems: await graph.ownCalendarView(start, end) };
      return addresses.map((address, index) => (index === 0 ? toPersonAvailability(own, { start, intervalMinutes }) : { email: address, known: false, busy: [], workingHours: null }));
    }
    const schedules = await graph.getSchedule(addresses, start, end, intervalMinutes);
    return schedules.map((info, index) => ({ ...toPersonAvailability(info, { start, intervalMinutes }), email: addresses[index]! }));
  }

  /** The next free slots for the organiser and every attendee Outlook knows, inside everyone's working hours. */
  async findMeetingTimes(
    member: WorkspaceMemberRef,
    request: { connectedAccountId: string; durationMinutes: number; attendeeEmails: string[]; from: Date; until?: Date | null; count?: number | null },
  ): Promise<TimeInterval[]> {
    if (!Number.isInteger(request.durationMinutes) || request.durationMinutes < 5 || request.durationMinutes > 24 * 60) {
      throw new SchedulingException(SchedulingErrorCode.INVALID_INPUT, 'A meeting lasts 5 minutes to 24 hours.');
    }
    const count = request.count ?? 5;
    if (!Number.isInteger(count) || count < 1 || count > 50) throw new SchedulingException(SchedulingErrorCode.INVALID_INPUT, 'Ask for 1 to 50 slots.');
    const from = request.from;
    const until = request.until ?? new Date(from.getTime() + 14 * DAY);
    const people = await this.availability(member, request.connectedAccountId, from, until, request.attendeeEmails, 30);
    const organiser = people[0]!;
    organiser.workingHours ??= await this.ownWorkingHours(member.workspaceId, request.connectedAccountId);
    return findFreeSlots({
      participants: people
        .filter((person) => person.known)
        .map((person) => ({
          busy: person.busy.filter((block) => BLOCKING.has(block.status)),
          // Someone whose hours Outlook does not give is held to the organiser's.
          workingHours: person.workingHours ?? organiser.workingHours,
        })),
      from,
      until,
      durationMinutes: request.durationMinutes,
      stepMinutes: request.durationMinutes % 30 === 0 ? 30 : 15,
      count,
    });
  }

  /**
   * The organiser's working week when getSchedule gave none (a personal account): from their mailbox settings when
   * MailboxSettings.Read is granted, else Monday to Friday 08:00–17:00 UTC, so that no slot is proposed at night.
   */
  private async ownWorkingHours(workspaceId: string, connectedAccountId: string): Promise<WeeklyWorkingHours> {
    if (await this.gate.isGranted(workspaceId, connectedAccountId, MicrosoftFeature.OUT_OF_OFFICE)) {
      const hours = await this.graphs.forAccount(workspaceId, connectedAccountId).ownWorkingHours().then(toWorkingHours, () => null);
      if (hours) return hours;
    }
    return { daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'], startTime: '08:00', endTime: '17:00', timeZone: 'UTC' };
  }

  /**
   * Creates the meeting in the account's default Outlook calendar, inviting the attendees, and writes it to the CRM
   * through the calendar import (one path for every event the CRM holds), its changeKey recorded as the plugin's own
   * write so that its echo through delta or push is not applied again.
   */
  async scheduleMeeting(member: WorkspaceMemberRef, input: ScheduleMeetingInput): Promise<ScheduledMeeting> {
    const account = await this.ownAccount(member, input.connectedAccountId);
    await this.gate.assertGranted(member.workspaceId, account.id, MicrosoftFeature.CALENDAR);
    const subject = input.subject.trim();
    if (!subject || subject.length > MAX_SUBJECT) throw new SchedulingException(SchedulingErrorCode.INVALID_INPUT, `The subject is 1 to ${MAX_SUBJECT} characters.`);
    if (!(input.end.getTime() > input.start.getTime())) throw new SchedulingException(SchedulingErrorCode.INVALID_INPUT, 'The end must be after the start.');
    if (!isZone(input.timeZone)) throw new SchedulingException(SchedulingErrorCode.INVALID_INPUT, `"${input.timeZone}" is not a time zone name.`);
    const attendees = checkedAddresses(input.attendeeEmails).filter((address) => address !== account.handle.toLowerCase());
    if (input.teamsMeeting) {
      const teams = await this.teams.forAccount(member.workspaceId, account.id);
      if (!teams.available) throw new SchedulingException(SchedulingErrorCode.TEAMS_UNAVAILABLE, teams.reason ?? 'Teams meetings are not available for this account.');
    }
    const [channel] = await this.records.connectedAccounts().findCalendarChannels(member.workspaceId, [account.id]);
    const graph = this.graphs.forAccount(member.workspaceId, account.id);
    const calendarId = (channel ? (await this.calendars.list(channel.id)).find((calendar) => calendar.isDefaultCalendar)?.externalId : undefined) ?? (await graph.defaultCalendar()).id;
    const created = await graph.createEvent(calendarId, {
      ...toGraphEventBody({
        title: subject,
        startsAt: input.start.toISOString(),
        endsAt: input.end.toISOString(),
        isFullDay: false,
        timeZone: input.timeZone,
        attendeeEmails: attendees,
        ...(input.location ? { location: input.location } : {}),
        ...(input.body ? { description: input.body } : {}),
        ...(input.teamsMeeting ? { conferenceSolution: 'teamsForBusiness' } : {}),
      }),
      transactionId: transactionIdFor(account.id, input.idempotencyKey),
    });
    if (channel) await this.writeToCrm(member.workspaceId, channel.id, calendarId, created);
    return {
      outlookEventId: created.id,
      iCalUid: created.iCalUId ?? null,
      subject: created.subject ?? subject,
      start: input.start,
      end: input.end,
      webLink: created.webLink ?? null,
      isOnlineMeeting: created.isOnlineMeeting === true,
      joinUrl: created.onlineMeeting?.joinUrl ?? null,
      attendeeEmails: (created.attendees ?? []).flatMap((attendee) => (attendee.emailAddress?.address ? [attendee.emailAddress.address.toLowerCase()] : [])),
    };
  }

  async createTeamsLink(member: WorkspaceMemberRef, connectedAccountId: string, subject?: string | null): Promise<TeamsLink> {
    const account = await this.ownAccount(member, connectedAccountId);
    const teams = await this.teams.forAccount(member.workspaceId, account.id);
    if (!teams.available) throw new SchedulingException(SchedulingErrorCode.TEAMS_UNAVAILABLE, teams.reason ?? 'Teams meetings are not available for this account.');
    await this.gate.assertGranted(member.workspaceId, account.id, MicrosoftFeature.TEAMS_MEETINGS);
    const title = (subject ?? '').trim().slice(0, MAX_SUBJECT) || 'Microsoft Teams meeting';
    const start = new Date();
    const meeting = await this.graphs.forAccount(member.workspaceId, account.id).createOnlineMeeting(title, start, new Date(start.getTime() + 3_600_000));
    return {
      joinWebUrl: meeting.joinWebUrl,
      joinMeetingId: meeting.joinMeetingIdSettings?.joinMeetingId ?? null,
      passcode: meeting.joinMeetingIdSettings?.passcode ?? null,
    };
  }

  private async writeToCrm(workspaceId: string, calendarChannelId: string, calendarExternalId: string, created: Parameters<typeof toImportedEvent>[0]): Promise<void> {
    const owner = await this.records.calendarEventOutbound().findChannel(workspaceId, calendarChannelId);
    await this.records.calendarEventImport().saveEventsPage({
      workspaceId,
      calendarChannelId,
      calendarExternalId,
      events: [toImportedEvent(created, calendarExternalId, new Set(owner?.ownHandles ?? []))],
      removedExternalIds: [],
      checkpoint: async (transaction) => {
        if (created.changeKey) await this.outbox.recordChangeKeys(calendarChannelId, [{ eventExternalId: created.id, changeKey: created.changeKey }], true, transaction as EntityManager);
      },
    });
  }
}

/** Outlook's transactionId for the request: per account and key, so a repeat returns the event it made (user-post-events.md). */
function transactionIdFor(connectedAccountId: string, key: string | null | undefined): string {
  if (!key) return randomUUID();
  if (key.length > 100) throw new SchedulingException(SchedulingErrorCode.INVALID_INPUT, 'The idempotency key is at most 100 characters.');
  const hex = createHash('sha256').update(`${connectedAccountId}\n${key}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

function isZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
