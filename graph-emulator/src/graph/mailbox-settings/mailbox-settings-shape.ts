import type { AutomaticRepliesRecord } from '../../store/mail/outbound/outbound-records.js';
import type { MailboxSettingsRecord, WorkingHoursRecord } from '../../store/mailbox-settings/mailbox-settings-records.js';

/** A time of day as Graph writes Edm.TimeOfDay: seven fraction digits. */
const timeOfDay = (time: string) => `${time}.0000000`;

// dateTimeTimeZone as Graph writes it: seven fractional digits, no offset.
const utc = (iso: string) => ({ dateTime: new Date(iso).toISOString().replace(/\.(\d{3})Z$/, (_, ms: string) => `.${ms}0000`), timeZone: 'UTC' });

/** workingHours as the mailboxSettings and getSchedule examples show it. */
export function workingHoursJson(hours: WorkingHoursRecord): Record<string, unknown> {
  return { daysOfWeek: [...hours.daysOfWeek], startTime: timeOfDay(hours.startTime), endTime: timeOfDay(hours.endTime), timeZone: { name: hours.timeZone } };
}

/**
 * automaticRepliesSetting as the Get mailbox settings examples show it: the scheduled window is always present
 * (Outlook keeps one even when replies are off; without one the emulator shows now to a day from now).
 */
export function automaticRepliesJson(setting: AutomaticRepliesRecord, now = Date.now()): Record<string, unknown> {
  return {
    status: setting.status,
    externalAudience: setting.externalAudience,
    internalReplyMessage: setting.internalReplyMessage,
    externalReplyMessage: setting.externalReplyMessage,
    scheduledStartDateTime: utc(setting.scheduledStartDateTime ?? new Date(now).toISOString()),
    scheduledEndDateTime: utc(setting.scheduledEndDateTime ?? new Date(now + 24 * 3600_000).toISOString()),
  };
}

/** Every property of mailboxSettings the emulator keeps, as Graph names them (archiveFolder added by the caller). */
export function mailboxSettingsJson(settings: MailboxSettingsRecord, replies: AutomaticRepliesRecord): Record<string, unknown> {
  return {
    automaticRepliesSetting: automaticRepliesJson(replies),
    timeZone: settings.timeZone,
    language: { ...settings.language },
    workingHours: workingHoursJson(settings.workingHours),
    userPurpose: 'user',
    dateFormat: settings.dateFormat,
    timeFormat: settings.timeFormat,
    delegateMeetingMessageDeliveryOptions: settings.delegateMeetingMessageDeliveryOptions,
  };
}
