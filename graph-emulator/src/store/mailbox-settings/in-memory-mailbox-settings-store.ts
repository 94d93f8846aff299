import { ianaZone } from '../../calendar/time-zones.js';
import { DAYS_OF_WEEK, DEFAULT_MAILBOX_SETTINGS, type DayOfWeek, type MailboxSettingsRecord, type WorkingHoursRecord } from './mailbox-settings-records.js';

/** Why a settings change was refused, with the Graph error code Outlook answers for it (user-update-mailboxsettings.md). */
export class MailboxSettingsError extends TypeError {
  constructor(readonly code: 'RequestBodyRead' | 'ErrorInvalidTimeSettings' | 'InvalidArguments' | 'InvalidTimeZone', message: string) {
    super(message);
  }
}

const TIME = /^(\d\d):(\d\d)(?::(\d\d)(?:\.\d{1,7})?)?$/;
const DELIVERY = ['sendToDelegateAndInformationToPrincipal', 'sendToDelegateAndPrincipal', 'sendToDelegateOnly'];

/** `08:00`, `08:00:00` or `08:00:00.0000000` as `HH:mm:ss`. */
export function readTimeOfDay(value: unknown): string {
  const match = typeof value === 'string' ? TIME.exec(value.trim()) : null;
  if (!match || +match[1]! > 23 || +match[2]! > 59 || +(match[3] ?? 0) > 59) {
    throw new MailboxSettingsError('RequestBodyRead', `Cannot convert the literal '${String(value)}' to the expected type 'Edm.TimeOfDay'.`);
  }
  return `${match[1]}:${match[2]}:${match[3] ?? '00'}`;
}

function readZone(value: unknown): string {
  if (typeof value !== 'string' || !ianaZone(value)) throw new MailboxSettingsError('InvalidTimeZone', 'Time Zone settings provided are invalid.');
  return value;
}

function readDays(value: unknown): DayOfWeek[] {
  if (!Array.isArray(value)) throw new MailboxSettingsError('InvalidArguments', `Requested value '${String(value)}' was not found.`);
  const days = value.map((day) => {
    const found = DAYS_OF_WEEK.find((name) => typeof day === 'string' && name === day.toLowerCase());
    if (!found) throw new MailboxSettingsError('InvalidArguments', `Requested value '${String(day)}' was not found.`);
    return found;
  });
  return DAYS_OF_WEEK.filter((day) => days.includes(day));
}

/** Mailbox settings per user; a user never changed has the defaults the seed gives (or the emulator's). */
export class InMemoryMailboxSettingsStore {
  private settings = new Map<string, MailboxSettingsRecord>();

  constructor(private readonly seeded: (userId: string) => Partial<MailboxSettingsRecord> | undefined = () => undefined) {}

  reset(): void {
    this.settings.clear();
  }

  exportState(): object {
    return { settings: this.settings };
  }

  importState(state: object | undefined): void {
    this.reset();
    const restored = (state as { settings?: Map<string, MailboxSettingsRecord> } | undefined)?.settings;
    if (restored) this.settings = restored;
  }

  get(userId: string): MailboxSettingsRecord {
    const stored = this.settings.get(userId);
    if (stored) return structuredClone(stored);
    const seed = this.seeded(userId) ?? {};
    return structuredClone({ ...DEFAULT_MAILBOX_SETTINGS, ...seed, workingHours: { ...DEFAULT_MAILBOX_SETTINGS.workingHours, ...seed.workingHours } });
  }

  /**
   * Applies a patch in the stored shape (`workingHours` may be partial); checks all of it first, so a bad value changes
   * nothing. A custom time zone is not taken (the caller refuses it before).
   */
  update(userId: string, patch: Record<string, unknown>): MailboxSettingsRecord {
    if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) throw new MailboxSettingsError('RequestBodyRead', 'mailbox settings must be an object');
    const next = this.get(userId);
    for (const [key, value] of Object.entries(patch)) {
      switch (key) {
        case 'timeZone':
          next.timeZone = readZone(value);
          break;
        case 'workingHours':
          next.workingHours = this.workingHours(next.workingHours, value);
          break;
        case 'language': {
          const locale = (value as { locale?: unknown } | null)?.locale;
          if (typeof locale !== 'string' || !/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(locale)) throw new MailboxSettingsError('RequestBodyRead', `'${String(locale)}' is not a locale.`);
          const displayName = (value as { displayName?: unknown }).displayName;
          next.language = { locale, displayName: typeof displayName === 'string' ? displayName : new Intl.DisplayNames(['en'], { type: 'language' }).of(locale) ?? locale };
          break;
        }
        case 'dateFormat':
        case 'timeFormat':
          if (typeof value !== 'string' || value.trim() === '') throw new MailboxSettingsError('RequestBodyRead', `${key} must be a format string.`);
          next[key] = value;
          break;
        case 'delegateMeetingMessageDeliveryOptions':
          if (!DELIVERY.includes(value as string)) throw new MailboxSettingsError('InvalidArguments', `Requested value '${String(value)}' was not found.`);
          next.delegateMeetingMessageDeliveryOptions = value as MailboxSettingsRecord['delegateMeetingMessageDeliveryOptions'];
          break;
        case 'freeBusySharing':
          if (value !== 'availabilityOnly' && value !== 'limitedDetails') throw new MailboxSettingsError('InvalidArguments', 'freeBusySharing must be availabilityOnly or limitedDetails');
          next.freeBusySharing = value;
          break;
        default:
          throw new MailboxSettingsError('RequestBodyRead', `The property '${key}' does not exist on type 'microsoft.graph.mailboxSettings'.`);
      }
    }
    this.settings.set(userId, next);
    return structuredClone(next);
  }

  private workingHours(current: WorkingHoursRecord, value: unknown): WorkingHoursRecord {
    if (typeof value !== 'object' || value === null) throw new MailboxSettingsError('RequestBodyRead', 'workingHours must be an object');
    const input = value as Record<string, unknown>;
    const next = { ...current };
    for (const [key, field] of Object.entries(input)) {
      if (key === 'daysOfWeek') next.daysOfWeek = readDays(field);
      else if (key === 'startTime') next.startTime = readTimeOfDay(field);
      else if (key === 'endTime') next.endTime = readTimeOfDay(field);
      else if (key === 'timeZone') next.timeZone = readZone(typeof field === 'string' ? field : (field as { name?: unknown } | null)?.name);
      else if (!key.startsWith('@odata.')) throw new MailboxSettingsError('RequestBodyRead', `The property '${key}' does not exist on type 'microsoft.graph.workingHours'.`);
    }
    if (next.startTime >= next.endTime) throw new MailboxSettingsError('ErrorInvalidTimeSettings', 'Start Time should occur before End Time.');
    return next;
  }
}
