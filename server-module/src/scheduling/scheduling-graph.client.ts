import type { AccountGraphClient } from '../graph/account-graph-client.js';
import type { GraphEvent } from '../calendar/graph-event.mapper.js';
import { utcDateTime, type GraphScheduleInformation } from './schedule-information.mapper.js';

type GraphScheduleItem = NonNullable<GraphScheduleInformation['scheduleItems']>[number];

/** getSchedule takes at most 20 schedules per call (concepts/outlook-get-free-busy-schedule.md). */
export const SCHEDULES_PER_CALL = 20;

export interface GraphOnlineMeeting {
  id: string;
  joinWebUrl: string;
  subject?: string | null;
  joinMeetingIdSettings?: { joinMeetingId?: string | null; passcode?: string | null } | null;
}

export interface DefaultCalendar {
  id: string;
  allowedOnlineMeetingProviders: string[];
}

/** Times in UTC, text bodies and immutable ids: as the calendar import reads events, so the CRM row equals an import's. */
const EVENT_PREFER = 'outlook.timezone="UTC", outlook.body-content-type="text", IdType="ImmutableId"';

/** The Graph calls of scheduling, for one account (its token, its mailbox gate). */
export class SchedulingGraphClient {
  constructor(private readonly graph: AccountGraphClient) {}

  /** POST /me/calendar/getSchedule, in calls of 20 schedules; answers in the order asked. */
  async getSchedule(addresses: string[], start: Date, end: Date, intervalMinutes: number): Promise<GraphScheduleInformation[]> {
    const answers: GraphScheduleInformation[] = [];
    for (let index = 0; index < addresses.length; index += SCHEDULES_PER_CALL) {
      const schedules = addresses.slice(index, index + SCHEDULES_PER_CALL);
      const page = (await this.graph.request((client) =>
        client.api('/me/calendar/getSchedule').header('Prefer', 'outlook.timezone="UTC"').post({
          schedules,
          startTime: utcDateTime(start),
          endTime: utcDateTime(end),
          availabilityViewInterval: intervalMinutes,
        }),
      )) as { value: GraphScheduleInformation[] };
      const byId = new Map(page.value.map((info) => [info.scheduleId.toLowerCase(), info]));
      // An address Graph left out of its answer is one it knows nothing of.
      answers.push(...schedules.map((address) => byId.get(address.toLowerCase()) ?? { scheduleId: address, error: { message: 'No schedule returned' } }));
    }
    return answers;
  }

  /**
   * The account's own events in the window (GET /me/calendarView, occurrences expanded), as getSchedule would give
   * them: for personal accounts, which getSchedule does not serve.
   */
  async ownCalendarView(start: Date, end: Date): Promise<GraphScheduleItem[]> {
    const items: GraphScheduleItem[] = [];
    let link: string | undefined =
      `/me/calendarView?startDateTime=${encodeURIComponent(start.toISOString())}&endDateTime=${encodeURIComponent(end.toISOString())}&$select=start,end,showAs,isCancelled&$top=500`;
    while (link) {
      const url: string = link;
      const page = (await this.graph.request((client) => client.api(url).header('Prefer', 'outlook.timezone="UTC"').get())) as {
        value: Array<{ start?: GraphScheduleItem['start']; end?: GraphScheduleItem['end']; showAs?: string; isCancelled?: boolean }>;
        '@odata.nextLink'?: string;
      };
      items.push(...page.value.filter((event) => !event.isCancelled).map((event) => ({ status: event.showAs ?? 'busy', start: event.start, end: event.end })));
      link = page['@odata.nextLink'];
    }
    return items;
  }

  /** GET /me/mailboxSettings/workingHours (user-get-mailboxsettings.md): the account's own working week. */
  async ownWorkingHours(): Promise<GraphScheduleInformation['workingHours']> {
    return this.graph.request((client) => client.api('/me/mailboxSettings/workingHours').get());
  }

  async defaultCalendar(): Promise<DefaultCalendar> {
    const calendar = (await this.graph.request((client) => client.api('/me/calendar').select(['id', 'allowedOnlineMeetingProviders']).get())) as {
      id: string;
      allowedOnlineMeetingProviders?: string[] | null;
    };
    return { id: calendar.id, allowedOnlineMeetingProviders: calendar.allowedOnlineMeetingProviders ?? [] };
  }

  /** POST /me/calendars/{id}/events: Outlook sends the invitations; `transactionId` makes a repeat return the same event. */
  async createEvent(calendarId: string, body: Record<string, unknown>): Promise<GraphEvent & { webLink?: string | null }> {
    return this.graph.request((client) => client.api(`/me/calendars/${encodeURIComponent(calendarId)}/events`).header('Prefer', EVENT_PREFER).post(body));
  }

  /** POST /me/onlineMeetings (application-post-onlinemeetings.md): a standalone Teams meeting. */
  async createOnlineMeeting(subject: string, start: Date, end: Date): Promise<GraphOnlineMeeting> {
    return this.graph.request((client) =>
      // A passcode, so that someone with only the meeting id cannot join a link shared outside.
      client.api('/me/onlineMeetings').post({ subject, startDateTime: start.toISOString(), endDateTime: end.toISOString(), joinMeetingIdSettings: { isPasscodeRequired: true } }),
    );
  }
}
