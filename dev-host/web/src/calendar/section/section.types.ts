/** The host's `calendarSectionEvents` answer: one event of the member's own calendars. */
export interface SectionEvent {
  id: string;
  title: string | null;
  startsAt: string;
  endsAt: string;
  isFullDay: boolean;
  timeZone: string | null;
  location: string | null;
  description: string | null;
  isCanceled: boolean;
  recurringEventExternalId: string | null;
  conferenceLinkUrl: string | null;
  calendarChannelId: string;
  calendarExternalId: string | null;
  isPrivate: boolean;
  isOrganizer: boolean;
  organizerName: string | null;
  participants: SectionParticipant[];
}

export interface SectionParticipant {
  handle: string;
  displayName: string;
  responseStatus: 'NEEDS_ACTION' | 'DECLINED' | 'TENTATIVE' | 'ACCEPTED';
  isOrganizer: boolean;
  personId: string | null;
}

/** One Outlook calendar, as the plugin's `microsoftAccounts` lists it under a calendar channel. */
export interface SectionCalendar {
  id: string;
  externalId: string;
  name: string;
  color: string | null;
  hexColor: string | null;
  canEdit: boolean;
  isSynced: boolean;
  isDefaultCalendar: boolean;
}

export interface SectionCalendarChannel {
  id: string;
  handle: string;
  calendars: SectionCalendar[];
}

/** What the plugin knows of a CRM change on its way to Outlook (its `microsoftCalendarEventWriteStates`). */
export interface EventWriteState {
  calendarEventId: string;
  status: 'PENDING' | 'APPLIED' | 'FAILED' | 'CONFLICT_LOST';
  message: string | null;
  readOnlyReason: string | null;
}

export type EditScope = 'THIS_EVENT' | 'ALL_EVENTS';

export interface CalendarEventInput {
  title: string;
  startsAt: string;
  endsAt: string;
  isFullDay: boolean;
  timeZone: string;
  location: string | null;
  description: string | null;
  attendeeEmails: string[];
}

export type CalendarEventPatch = Partial<CalendarEventInput>;

export interface WriteResult {
  id: string;
  outboundStatus: string;
}
