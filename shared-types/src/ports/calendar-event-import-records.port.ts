import type { CalendarEventParticipantResponseStatus } from '../enums/channel-settings.enum.js';

export interface ImportedCalendarEventParticipant {
  handle: string;
  displayName: string;
  isOrganizer: boolean;
  responseStatus: CalendarEventParticipantResponseStatus;
}

/** One event as a calendar shows it: a single event, or one occurrence (or exception) of a series. */
export interface ImportedCalendarEvent {
  /** The provider's id of this event or occurrence. */
  externalId: string;
  /** The provider's id of the calendar it is in. */
  calendarExternalId: string;
  /** The series it belongs to (the series master's id), null for a single event. */
  recurringEventExternalId: string | null;
  /** For an exception of a series: where the occurrence it replaces was, to drop that occurrence. */
  replacesOccurrenceAt: Date | null;
  /** Same across every calendar that holds the same meeting (and per occurrence): the dedupe key. */
  iCalUid: string | null;
  title: string;
  description: string;
  location: string;
  isCanceled: boolean;
  /** Dates, not times: startsAt/endsAt are the first day's and the day-after-last's midnight UTC. */
  isFullDay: boolean;
  startsAt: Date;
  endsAt: Date;
  /** The event's own zone (IANA), for display and for writing back; null when the provider named none we know. */
  timeZone: string | null;
  externalCreatedAt: Date | null;
  externalUpdatedAt: Date | null;
  conferenceSolution: string | null;
  conferenceLinkUrl: string | null;
  conferenceLinkLabel: string | null;
  /** Marked private or confidential: teammates see only "Busy" and the time. */
  isPrivate: boolean;
  /** The channel's owner organised it (contact auto-creation policies AS_ORGANIZER / AS_PARTICIPANT). */
  isOwnerOrganizer: boolean;
  participants: ImportedCalendarEventParticipant[];
}

export interface CalendarEventsPage {
  workspaceId: string;
  calendarChannelId: string;
  calendarExternalId: string;
  events: ImportedCalendarEvent[];
  /** Events or occurrences the provider reported removed (deleted, cancelled, or out of the window). */
  removedExternalIds: string[];
  /**
   * Runs inside the page's transaction, so that whatever it writes (the calendar's delta cursor, in the plugin's
   * own table) commits with the page or not at all. Given the host's transaction handle.
   */
  checkpoint?: (transaction: unknown) => Promise<void>;
  /**
   * Runs inside the page's transaction once its events are locked: the external ids among them the page must not
   * bring back (the CRM deleted them and its delete is on its way to the provider, or is there already).
   */
  withheld?: (transaction: unknown, events: ImportedCalendarEvent[]) => Promise<Set<string>>;
  /**
   * The host transaction to write the page in (one from CalendarEventOutboundRecordsPort.whileEventLocked, whose
   * locks it then already holds); without it the page opens its own.
   */
  transaction?: unknown;
}

export interface CalendarEventsPageResult {
  created: number;
  updated: number;
  deleted: number;
}

/**
 * Where imported calendar events land in the host: calendarEvent (one per meeting across the workspace, by iCalUid),
 * calendarEventParticipant (matched to people, companies and workspace members), calendarChannelEventAssociation
 * (one per channel and provider id), with contact auto-creation. Idempotent: a page written twice changes nothing.
 */
export interface CalendarEventImportRecordsPort {
  saveEventsPage(page: CalendarEventsPage): Promise<CalendarEventsPageResult>;
  /** Detaches a calendar's events so that its next walk re-attaches those still there (a 410, a new window). */
  restartCalendar(workspaceId: string, calendarChannelId: string, calendarExternalId: string): Promise<void>;
  /** Deletes the channel's events no calendar walk re-attached (restarted, deselected or deleted calendars). */
  deleteDetachedEvents(workspaceId: string, calendarChannelId: string): Promise<number>;
  countChannelEvents(workspaceId: string, calendarChannelId: string): Promise<number>;
  /**
   * After a pass that imported events: links the channel's participants still matched to nobody to the person with
   * their address (primary or additional). Calendars are written side by side, so a person one page creates can miss
   * a participant another page was committing at that moment.
   */
  linkUnmatchedParticipants(workspaceId: string, calendarChannelId: string): Promise<number>;
}
