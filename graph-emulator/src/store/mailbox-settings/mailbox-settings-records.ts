/** A mailbox's settings as Outlook keeps them (mailboxSettings, Graph v1.0), except automatic replies (outbound store). */

export const DAYS_OF_WEEK = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
export type DayOfWeek = (typeof DAYS_OF_WEEK)[number];

export interface WorkingHoursRecord {
  daysOfWeek: DayOfWeek[];
  /** Time of day, `HH:mm:ss`. */
  startTime: string;
  endTime: string;
  /** A Windows or IANA zone name (`{name}` of Graph's timeZoneBase). */
  timeZone: string;
}

/**
 * Who else in the tenant sees more than free/busy in getSchedule: Outlook's "Can view when I'm busy"
 * (availabilityOnly, Exchange Online's default for the organization) or "Can view titles and locations"
 * (limitedDetails). An emulator knob: Graph exposes it through calendarPermission, which the emulator does not serve.
 */
export type FreeBusySharing = 'availabilityOnly' | 'limitedDetails';

export interface MailboxSettingsRecord {
  timeZone: string;
  workingHours: WorkingHoursRecord;
  language: { locale: string; displayName: string };
  dateFormat: string;
  timeFormat: string;
  delegateMeetingMessageDeliveryOptions: 'sendToDelegateAndInformationToPrincipal' | 'sendToDelegateAndPrincipal' | 'sendToDelegateOnly';
  freeBusySharing: FreeBusySharing;
}

/** A new mailbox's settings (not documented: Exchange takes them from the first sign-in; the emulator picks UTC, 08:00–17:00). */
const DEFAULTS: MailboxSettingsRecord = {
  timeZone: 'UTC',
  workingHours: { daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'], startTime: '08:00:00', endTime: '17:00:00', timeZone: 'UTC' },
  language: { locale: 'en-US', displayName: 'English (United States)' },
  dateFormat: 'M/d/yyyy',
  timeFormat: 'h:mm tt',
  delegateMeetingMessageDeliveryOptions: 'sendToDelegateOnly',
  freeBusySharing: 'availabilityOnly',
};
export const DEFAULT_MAILBOX_SETTINGS: Readonly<MailboxSettingsRecord> = Object.freeze(DEFAULTS);
