/**
 * The association's provider id while only the CRM has the event: the host writes it when a member creates an event,
 * and the plugin replaces it with the provider's id once the event exists there.
 */
export const pendingCalendarEventExternalId = (calendarEventId: string) => `pending:${calendarEventId}`;
export const isPendingCalendarEventExternalId = (externalId: string) => externalId.startsWith('pending:');

/** A calendarEvent as one calendar channel holds it, with what outbound writes need to know. */
export interface OutboundCalendarEventTarget {
  calendarEventId: string;
  calendarChannelId: string;
  connectedAccountId: string;
  /** Null while the event exists only in the CRM. */
  eventExternalId: string | null;
  recurringEventExternalId: string | null;
  calendarExternalId: string | null;
  organizer: { handle: string; displayName: string } | null;
  /** The channel's account addresses (lower case). */
  ownHandles: string[];
  isFullDay: boolean;
  startsAt: Date | null;
  endsAt: Date | null;
  timeZone: string | null;
}

export interface CalendarChannelOwner {
  calendarChannelId: string;
  connectedAccountId: string;
  accountOwnerId: string;
  ownHandles: string[];
}

/** What an outbound write locks: one event (a single event or an occurrence), its series, or both. */
export interface CalendarEventLock {
  eventExternalId: string | null;
  /** The series master's id: an occurrence's series, or the series a whole-series write changes. */
  seriesExternalId: string | null;
}

/** The host records outbound calendar writes read and complete. Reads take the host's transaction when given one. */
export interface CalendarEventOutboundRecordsPort {
  findChannel(workspaceId: string, calendarChannelId: string, transaction?: unknown): Promise<CalendarChannelOwner | null>;
  /** The events of these ids that the member's own calendar channels hold (one target per event). */
  findMemberTargets(workspaceId: string, workspaceMemberId: string, calendarEventIds: string[]): Promise<OutboundCalendarEventTarget[]>;
  findTarget(workspaceId: string, calendarChannelId: string, calendarEventId: string, transaction?: unknown): Promise<OutboundCalendarEventTarget | null>;
  /**
   * The provider created the event: its association takes the provider's id (and the event its iCalUid). Should an
   * import have brought the same event first (a crash between the create and this call), that copy goes. Idempotent.
   */
  bindCreatedEvent(workspaceId: string, calendarChannelId: string, calendarEventId: string, created: { externalId: string; iCalUid: string | null; calendarExternalId: string }): Promise<void>;
  /**
   * Runs work in a host transaction holding the locks a page of the import takes on this provider event and on its
   * series (for an occurrence, or a whole-series write): a page holding either is waited for, and a page reaching
   * either waits until work's transaction ends. Work writes through the transaction it is given (and only through
   * it: the host may have a single connection).
   */
  whileEventLocked<T>(workspaceId: string, calendarChannelId: string, lock: CalendarEventLock, work: (transaction: unknown) => Promise<T>): Promise<T>;
  /** The provider ids of a series' occurrences the channel holds. */
  seriesOccurrenceExternalIds(workspaceId: string, calendarChannelId: string, seriesExternalId: string, transaction?: unknown): Promise<string[]>;
}
