import type { MailboxSettingsRecord } from '../store/mailbox-settings/mailbox-settings-records.js';
import { DEMO_USERS } from './demo-tenants.js';

type DemoSettings = Pick<MailboxSettingsRecord, 'timeZone' | 'workingHours'> & Partial<MailboxSettingsRecord>;

const WEEK = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'] as const;

/** Each demo user works in their own zone and hours, so scheduling across them has something to find. */
const BY_UPN: Record<string, DemoSettings> = {
  'megan.bowen@contoso.com': {
    timeZone: 'Pacific Standard Time',
    workingHours: { daysOfWeek: [...WEEK], startTime: '08:00:00', endTime: '17:00:00', timeZone: 'Pacific Standard Time' },
  },
  'alex.wilber@contoso.com': {
    timeZone: 'Eastern Standard Time',
    workingHours: { daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday'], startTime: '09:30:00', endTime: '18:00:00', timeZone: 'Eastern Standard Time' },
  },
  'lee.gu@fabrikam.com': {
    timeZone: 'W. Europe Standard Time',
    workingHours: { daysOfWeek: [...WEEK], startTime: '09:00:00', endTime: '17:30:00', timeZone: 'W. Europe Standard Time' },
    language: { locale: 'de-DE', displayName: 'German (Germany)' },
    dateFormat: 'dd.MM.yyyy',
    timeFormat: 'HH:mm',
  },
  'demo.user@outlook.com': {
    timeZone: 'GMT Standard Time',
    workingHours: { daysOfWeek: [...WEEK], startTime: '10:00:00', endTime: '16:00:00', timeZone: 'GMT Standard Time' },
    dateFormat: 'dd/MM/yyyy',
    timeFormat: 'HH:mm',
    language: { locale: 'en-GB', displayName: 'English (United Kingdom)' },
  },
};

const BY_ID = new Map(DEMO_USERS.map((user) => [user.id, BY_UPN[user.userPrincipalName]]));

/** The demo user's seeded settings; undefined for anyone else (they get the emulator's defaults). */
export function demoMailboxSettings(userId: string): DemoSettings | undefined {
  const found = BY_ID.get(userId);
  return found ? structuredClone(found) : undefined;
}
