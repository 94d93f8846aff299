import { CalendarChannelSyncStage, SyncStatus } from '@m365/shared-types';
import { calendarColor, DEFAULT_CALENDAR_COLOR } from '../src/accounts/calendar-color';
import { calendarImportProgressView } from '../src/accounts/import-progress';

const NOW = new Date('2026-03-10T12:00:00.000Z');
const channel = (syncStatus: SyncStatus, syncStage: CalendarChannelSyncStage, extra: Record<string, unknown> = {}) => ({
  isSyncEnabled: true,
  syncedAt: null,
  importProgress: null,
  syncStatus,
  syncStage,
  ...extra,
});
const progress = (importedCount: number, estimatedTotal: number | null, lastErrorMessage: string | null = null) => ({ importedCount, estimatedTotal, lastErrorCode: null, lastErrorMessage, lastErrorAt: null });

describe('calendarImportProgressView', () => {
  it('counts events while the first import runs, with a bar when the total is known', () => {
    const view = calendarImportProgressView(channel(SyncStatus.ONGOING, CalendarChannelSyncStage.CALENDAR_EVENTS_IMPORT_ONGOING, { importProgress: progress(120, 480) }), NOW);
    expect(view).toMatchObject({ kind: 'IMPORTING', text: 'Importing 120 of about 480 events', percent: 25 });
    expect(calendarImportProgressView(channel(SyncStatus.ONGOING, CalendarChannelSyncStage.CALENDAR_EVENTS_IMPORT_ONGOING), NOW).text).toBe('Importing events…');
  });

  it('says synced with the count and when, queued before the first pass, and the reason of a failure', () => {
    const synced = calendarImportProgressView(channel(SyncStatus.ACTIVE, CalendarChannelSyncStage.CALENDAR_EVENT_LIST_FETCH_PENDING, { importProgress: progress(1, null), syncedAt: '2026-03-10T11:55:00.000Z' }), NOW);
    expect(synced).toMatchObject({ kind: 'SYNCED', text: 'Synced · 1 event · last synced 5 minutes ago' });
    expect(calendarImportProgressView(channel(SyncStatus.NOT_SYNCED, CalendarChannelSyncStage.CALENDAR_EVENT_LIST_FETCH_PENDING), NOW)).toMatchObject({ kind: 'QUEUED', text: 'Import queued, starting shortly…' });
    const failed = calendarImportProgressView(channel(SyncStatus.FAILED_UNKNOWN, CalendarChannelSyncStage.FAILED, { importProgress: progress(3, null, 'Outlook answered 500.') }), NOW);
    expect(failed).toMatchObject({ kind: 'FAILED', text: 'Sync failed', reason: 'Outlook answered 500.', canRetry: true });
    const refused = calendarImportProgressView(channel(SyncStatus.FAILED_INSUFFICIENT_PERMISSIONS, CalendarChannelSyncStage.FAILED), NOW);
    expect(refused).toMatchObject({ kind: 'RECONNECT_NEEDED', canRetry: false });
    expect(refused.reason).toMatch(/read this calendar/);
    expect(calendarImportProgressView(channel(SyncStatus.NOT_SYNCED, CalendarChannelSyncStage.PENDING_CONFIGURATION, { isSyncEnabled: false }), NOW).text).toBe('Sync is off for this account');
  });
});

describe('calendarColor', () => {
  it("prefers the user's hex, then Outlook's named colour, then the default", () => {
    expect(calendarColor({ hexColor: '#8e44ad', color: 'lightBlue' })).toBe('#8e44ad');
    expect(calendarColor({ hexColor: null, color: 'lightGreen' })).toBe('#4fae5b');
    expect(calendarColor({ hexColor: '', color: 'auto' })).toBe(DEFAULT_CALENDAR_COLOR);
    expect(calendarColor({ hexColor: 'not-a-colour', color: null })).toBe(DEFAULT_CALENDAR_COLOR);
    expect(calendarColor(undefined)).toBe(DEFAULT_CALENDAR_COLOR);
  });
});
