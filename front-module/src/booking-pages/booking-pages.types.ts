export type BookingLocationKind = 'TEAMS' | 'PHONE' | 'IN_PERSON' | 'CUSTOM_LINK';

export type Weekday = 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday' | 'sunday';

/** One stretch of bookable time on a weekday, wall times ("09:00") in the page's time zone. */
export interface WorkingPeriod {
  day: string;
  start: string;
  end: string;
}

/** A booking page as the `microsoftBookingPages` query returns it. */
export interface BookingPage {
  id: string;
  connectedAccountId: string;
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
  busyCalendarIds: string[];
  enabled: boolean;
  publicUrl: string;
  teamsAvailable: boolean;
  teamsUnavailableReason: string | null;
  confirmationsAvailable: boolean;
  confirmationsUnavailableReason: string | null;
  /** Set when the page asks for Teams but its account cannot give it: what guests get instead. */
  locationFallback: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface BookingPageInput {
  connectedAccountId: string;
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
  busyCalendarIds: string[];
  enabled: boolean;
}

/** What a new page starts from: the member's Outlook mailbox settings and default calendar. */
export interface BookingPageDefaults {
  timeZone: string;
  workingHours: WorkingPeriod[];
  busyCalendarIds: string[];
  teamsAvailable: boolean;
  teamsUnavailableReason: string | null;
}

export interface Booking {
  id: string;
  pageId: string;
  guestName: string;
  guestEmail: string;
  start: string;
  end: string;
  /** CONFIRMED | CANCELLED (anything else: a booking still being made). */
  status: string;
  joinUrl: string | null;
  createdAt: string;
}

export interface BookingCalendar {
  id: string;
  name: string;
  isDefaultCalendar: boolean;
  isOwn: boolean;
}

/** A connected account as the booking editor needs it: its calendars, whether it can give Teams and send confirmations. */
export interface BookingAccount {
  id: string;
  handle: string;
  accountType: 'WORK_OR_SCHOOL' | 'PERSONAL';
  /** Disconnect under way: no new page on it. */
  disconnecting: boolean;
  features: Array<{ feature: string; granted: boolean; missingScopes: string[] }>;
  teamsMeetings: { available: boolean; reason: string | null };
  calendarChannel: { id: string; calendars: BookingCalendar[] } | null;
}
