/** What the calendar store keeps: calendars and events per mailbox, as Outlook models them (Graph v1.0). */

export type OnlineMeetingProvider = 'unknown' | 'skypeForBusiness' | 'skypeForConsumer' | 'teamsForBusiness';
export type CalendarColor =
  | 'auto' | 'lightBlue' | 'lightGreen' | 'lightOrange' | 'lightGray' | 'lightYellow' | 'lightTeal' | 'lightPink'
  | 'lightBrown' | 'lightRed' | 'maxColor';

export interface EmailAddress {
  name: string;
  address: string;
}

export interface CalendarRecord {
  id: string;
  /** The mailbox (user id) whose calendar list holds it. */
  userId: string;
  name: string;
  color: CalendarColor;
  hexColor: string;
  isDefaultCalendar: boolean;
  canEdit: boolean;
  canShare: boolean;
  canViewPrivateItems: boolean;
  isRemovable: boolean;
  isTallyingResponses: boolean;
  /** For a calendar shared with the user, the person who shared it. */
  owner: EmailAddress;
  allowedOnlineMeetingProviders: OnlineMeetingProvider[];
  defaultOnlineMeetingProvider: OnlineMeetingProvider;
  changeKey: string;
}

export interface DateTimeTimeZone {
  /** Wall-clock time without offset, `2026-03-08T09:00:00.0000000`. */
  dateTime: string;
  /** The zone name as the client gave it (Windows or IANA). */
  timeZone: string;
}

export type ResponseType = 'none' | 'organizer' | 'tentativelyAccepted' | 'accepted' | 'declined' | 'notResponded';

export interface ResponseStatus {
  response: ResponseType;
  /** ISO instant; Graph's "never" is `0001-01-01T00:00:00Z`. */
  time: string;
}

export interface Attendee {
  type: 'required' | 'optional' | 'resource';
  status: ResponseStatus;
  emailAddress: EmailAddress;
}

export interface RecurrencePattern {
  type: 'daily' | 'weekly' | 'absoluteMonthly' | 'relativeMonthly' | 'absoluteYearly' | 'relativeYearly';
  interval: number;
  month: number;
  dayOfMonth: number;
  daysOfWeek: string[];
  firstDayOfWeek: string;
  index: 'first' | 'second' | 'third' | 'fourth' | 'last';
}

export interface RecurrenceRange {
  type: 'endDate' | 'noEnd' | 'numbered';
  startDate: string;
  endDate: string;
  recurrenceTimeZone: string;
  numberOfOccurrences: number;
}

export interface PatternedRecurrence {
  pattern: RecurrencePattern;
  range: RecurrenceRange;
}

export interface Location {
  displayName: string;
  locationType: string;
  uniqueIdType: string;
  address?: Record<string, string>;
}

export interface OnlineMeetingInfo {
  joinUrl: string;
  conferenceId: string | null;
  tollNumber: string | null;
  tollFreeNumbers: string[];
  phones: unknown[];
  quickDial: string | null;
}

/** The fields an occurrence may override in its exception (and that a PATCH may set). */
export interface EventContent {
  subject: string;
  body: { contentType: 'text' | 'html'; content: string };
  start: DateTimeTimeZone;
  end: DateTimeTimeZone;
  isAllDay: boolean;
  location: Location;
  locations: Location[];
  attendees: Attendee[];
  showAs: 'free' | 'tentative' | 'busy' | 'oof' | 'workingElsewhere' | 'unknown';
  sensitivity: 'normal' | 'personal' | 'private' | 'confidential';
  importance: 'low' | 'normal' | 'high';
  categories: string[];
  isReminderOn: boolean;
  reminderMinutesBeforeStart: number;
  responseStatus: ResponseStatus;
  isCancelled: boolean;
}

/** An occurrence that differs from its pattern (an exception) or that was cancelled; keyed by its original start. */
export interface OccurrenceOverride {
  /** Epoch ms of the occurrence's start as the pattern gives it. */
  originalStart: number;
  cancelled: boolean;
  content?: Partial<EventContent>;
  changeKey: string;
  createdDateTime: number;
  lastModifiedDateTime: number;
}

/** A single instance or a series master, with the series' exceptions and cancelled occurrences kept on it. */
export interface EventRecord extends EventContent {
  id: string;
  userId: string;
  calendarId: string;
  type: 'singleInstance' | 'seriesMaster';
  iCalUId: string;
  originalStartTimeZone: string;
  originalEndTimeZone: string;
  recurrence: PatternedRecurrence | null;
  organizer: EmailAddress;
  isOrganizer: boolean;
  isDraft: boolean;
  hideAttendees: boolean;
  allowNewTimeProposals: boolean;
  responseRequested: boolean;
  isOnlineMeeting: boolean;
  onlineMeetingProvider: OnlineMeetingProvider;
  onlineMeeting: OnlineMeetingInfo | null;
  transactionId: string | null;
  changeKey: string;
  createdDateTime: number;
  lastModifiedDateTime: number;
  overrides: OccurrenceOverride[];
  /** The mailbox's change sequence when it was last saved (set by the store). */
  revision?: number;
  /** On an attendee's copy of a meeting: the organizer's event it was sent from. */
  sentFrom?: { userId: string; eventId: string };
}

/** One change of the mailbox's calendar log, with the event as it was before (null when it was created). */
export interface CalendarChange {
  seq: number;
  calendarId: string;
  eventId: string;
  before: EventRecord | null;
}

export interface NewCalendarInput {
  name: string;
  color?: CalendarColor;
  hexColor?: string;
  /** A calendar shared with the user by `owner`: canEdit false unless `canEdit` says otherwise. */
  sharedBy?: EmailAddress;
  canEdit?: boolean;
}
