export enum BookingLocationKind {
  TEAMS = 'TEAMS',
  PHONE = 'PHONE',
  IN_PERSON = 'IN_PERSON',
  CUSTOM_LINK = 'CUSTOM_LINK',
}

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;

export interface WorkingPeriod {
  day: string;
  /** `HH:mm`, wall time in the page's zone. */
  start: string;
  end: string;
}

export interface BookingPageFields {
  title: string;
  slug: string;
  description: string | null;
  durationsMinutes: number[];
  locationKind: BookingLocationKind;
  locationDetail: string | null;
  timeZone: string;
  workingHours: WorkingPeriod[];
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  minimumNoticeMinutes: number;
  horizonDays: number;
  dailyCap: number | null;
  /** `microsoftCalendar.id` of the account's calendars whose events count as busy. */
  busyCalendarIds: string[];
  enabled: boolean;
}

export interface BookingPageRecord extends BookingPageFields {
  id: string;
  workspaceId: string;
  workspaceMemberId: string;
  connectedAccountId: string;
  createdAt: Date;
  updatedAt: Date;
}

export enum BookingStatus {
  /** Written before Outlook is asked: the slot is this guest's while the event is made. */
  HELD = 'HELD',
  CONFIRMED = 'CONFIRMED',
  CANCELLED = 'CANCELLED',
}

export interface BookingRecord {
  id: string;
  pageId: string;
  workspaceId: string;
  connectedAccountId: string;
  submissionKey: string;
  guestName: string;
  guestEmail: string;
  guestTimeZone: string;
  note: string | null;
  start: Date;
  end: Date;
  status: BookingStatus;
  outlookEventId: string | null;
  iCalUid: string;
  sequence: number;
  joinUrl: string | null;
  personId: string | null;
  confirmationSent: boolean;
  createdAt: Date;
  updatedAt: Date;
}
