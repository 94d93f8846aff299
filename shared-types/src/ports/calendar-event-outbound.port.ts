/** For one occurrence of a series: change only it, or the whole series. Single events ignore it. */
export enum CalendarEventEditScope {
  THIS_EVENT = 'THIS_EVENT',
  ALL_EVENTS = 'ALL_EVENTS',
}

export enum CalendarEventChangeKind {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  DELETED = 'DELETED',
}

/** Where a CRM edit stands with the provider. */
export enum CalendarEventWriteStatus {
  PENDING = 'PENDING',
  APPLIED = 'APPLIED',
  FAILED = 'FAILED',
  /** Applied in part: the provider's later edit kept some fields (named in the state's message). */
  CONFLICT_LOST = 'CONFLICT_LOST',
}

/**
 * The fields a member set. Times are instants; for a full-day event startsAt/endsAt are the first day's and the
 * day-after-last's 00:00 UTC (dates, as the host stores them). timeZone is an IANA name.
 */
export interface CalendarEventFields {
  title?: string;
  startsAt?: Date;
  endsAt?: Date;
  isFullDay?: boolean;
  timeZone?: string;
  location?: string;
  description?: string;
  attendeeEmails?: string[];
  /**
   * The online meeting the event carries, by the provider's name (`teamsForBusiness`); the provider makes the join
   * link, which comes back into the event's conferenceLink. Once on, Outlook cannot turn it off.
   */
  conferenceSolution?: string | null;
}

interface CalendarEventChangeBase {
  /** The host's open transaction handle (a TypeORM EntityManager in Twenty-style hosts): the outbox row commits with it. */
  transaction: unknown;
  workspaceId: string;
  workspaceMemberId: string;
  calendarEventId: string;
  calendarChannelId: string;
  /** When the member made the change (the conflict rule compares it with the provider's lastModifiedDateTime). */
  editedAt: Date;
}

export interface CalendarEventCreated extends CalendarEventChangeBase {
  kind: CalendarEventChangeKind.CREATED;
  /** The provider's calendar to create it in; null for the account's default calendar. */
  calendarExternalId: string | null;
  fields: CalendarEventFields & Required<Pick<CalendarEventFields, 'title' | 'startsAt' | 'endsAt' | 'isFullDay' | 'timeZone'>>;
}

export interface CalendarEventUpdated extends CalendarEventChangeBase {
  kind: CalendarEventChangeKind.UPDATED;
  scope: CalendarEventEditScope;
  /** Only the fields the member changed. */
  fields: CalendarEventFields;
  /** The same fields as they were before this change (for the conflict rule: did the provider change them too?). */
  previous: CalendarEventFields;
}

export interface CalendarEventDeleted extends CalendarEventChangeBase {
  kind: CalendarEventChangeKind.DELETED;
  scope: CalendarEventEditScope;
}

export type CalendarEventChange = CalendarEventCreated | CalendarEventUpdated | CalendarEventDeleted;

export interface RecordedCalendarEventChange {
  outboundStatus: CalendarEventWriteStatus;
  /** To be called by the host after its transaction committed: starts writing the change to the provider. */
  dispatch(): Promise<void>;
}

/**
 * How the host tells the plugin that a member created, edited or deleted a calendarEvent in the CRM (Twenty emits
 * database events for this). The host calls it inside the transaction that changes its rows, before it removes any
 * association the change needs (a delete's provider ids), and calls `dispatch` once that transaction committed.
 */
export interface CalendarEventOutboundPort {
  /**
   * Why the member may not change this event (a calendar shared without edit rights, a meeting someone else
   * organised), or null when they may. For a new event, give the target calendar instead of an event id.
   */
  readOnlyReason(request: { transaction?: unknown; workspaceId: string; calendarChannelId: string; calendarEventId?: string; calendarExternalId?: string | null }): Promise<string | null>;
  recordChange(change: CalendarEventChange): Promise<RecordedCalendarEventChange>;
}

/** What the host's calendar-writes code injects (the plugin provides it). */
export const CALENDAR_EVENT_OUTBOUND_PORT = 'M365_CALENDAR_EVENT_OUTBOUND_PORT';
