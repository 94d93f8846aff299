import { CalendarChannelSyncStage, MessageChannelSyncStage, SyncStatus } from '@m365/shared-types';
import { formatCount, formatRelativeTime, importingText, importPercent, importProgressView, isQueued, needsSyncPolling } from '../src/accounts/import-progress';
import type { MicrosoftSyncProgress } from '../src/graphql/microsoft-account.types';

const NOW = new Date('2026-03-10T12:00:00.000Z');
const progress = (overrides: Partial<MicrosoftSyncProgress> = {}): MicrosoftSyncProgress => ({
  importedCount: 0,
  estimatedTotal: null,
  lastErrorCode: null,
  lastErrorMessage: null,
  lastErrorAt: null,
  ...overrides,
});
const channel = (syncStatus: SyncStatus, syncStage: MessageChannelSyncStage, extra: { syncedAt?: string | null; importProgress?: MicrosoftSyncProgress | null; isSyncEnabled?: boolean } = {}) => ({
  isSyncEnabled: true,
  syncedAt: null,
  importProgress: null,
  syncStatus,
  syncStage,
  ...extra,
});

describe('importingText', () => {
  it('shows the count against the estimate, with thousands separators', () => {
    expect(importingText(1234, 20000)).toBe('Importing 1,234 of about 20,000 messages');
  });

  it('shows just the count without a total', () => {
    expect(importingText(1234, null)).toBe('Importing 1,234 messages');
    expect(importingText(1, null)).toBe('Importing 1 message');
    expect(importingText(0, 0)).toBe('Importing messages…');
  });

  it('never shows a total below what was already imported', () => {
    expect(importingText(520, 500)).toBe('Importing 520 of about 520 messages');
  });
});

describe('importPercent', () => {
  it('is the share of the estimate, clamped to 0–100, or null without an estimate', () => {
    expect(importPercent(1234, 20000)).toBe(6);
    expect(importPercent(25000, 20000)).toBe(100);
    expect(importPercent(10, null)).toBeNull();
    expect(importPercent(10, 0)).toBeNull();
  });
});

describe('formatRelativeTime', () => {
  const ago = (ms: number) => new Date(NOW.getTime() - ms).toISOString();
  it('reads like a person would say it', () => {
    expect(formatRelativeTime(ago(10_000), NOW)).toBe('just now');
    expect(formatRelativeTime(ago(60_000), NOW)).toBe('1 minute ago');
    expect(formatRelativeTime(ago(5 * 60_000), NOW)).toBe('5 minutes ago');
    expect(formatRelativeTime(ago(3 * 3_600_000), NOW)).toBe('3 hours ago');
    expect(formatRelativeTime(ago(2 * 86_400_000), NOW)).toBe('2 days ago');
    expect(formatRelativeTime('2025-12-24T10:00:00.000Z', NOW)).toBe('on Dec 24, 2025');
  });

  it('treats a time slightly ahead of the clock as just now', () => {
    expect(formatRelativeTime(new Date(NOW.getTime() + 5_000).toISOString(), NOW)).toBe('just now');
  });
});

describe('importProgressView', () => {
  it('shows the progress while the first import runs', () => {
    const view = importProgressView(
      channel(SyncStatus.ONGOING, MessageChannelSyncStage.MESSAGE_LIST_FETCH_ONGOING, { importProgress: progress({ importedCount: 1234, estimatedTotal: 20000 }) }),
      NOW,
    );
    expect(view).toEqual({ kind: 'IMPORTING', text: 'Importing 1,234 of about 20,000 messages', percent: 6, reason: null, canRetry: false });
  });

  it('shows "Importing messages…" before the first page has landed', () => {
    expect(importProgressView(channel(SyncStatus.ONGOING, MessageChannelSyncStage.MESSAGE_LIST_FETCH_ONGOING), NOW)).toMatchObject({ text: 'Importing messages…', percent: null });
  });

  it('shows the count and the last sync once synced', () => {
    const view = importProgressView(
      channel(SyncStatus.ACTIVE, MessageChannelSyncStage.MESSAGE_LIST_FETCH_PENDING, {
        syncedAt: '2026-03-10T11:57:00.000Z',
        importProgress: progress({ importedCount: 20000, estimatedTotal: 20000 }),
      }),
      NOW,
    );
    expect(view).toMatchObject({ kind: 'SYNCED', text: 'Synced · 20,000 messages · last synced 3 minutes ago', canRetry: false });
  });

  it('shows the reason in plain words and offers Retry when the sync failed', () => {
    const reason = 'Outlook cannot serve this mailbox through Microsoft Graph.';
    const view = importProgressView(
      channel(SyncStatus.FAILED_UNKNOWN, MessageChannelSyncStage.FAILED, { importProgress: progress({ importedCount: 30, lastErrorCode: 'MailboxNotEnabledForRESTAPI', lastErrorMessage: reason }) }),
      NOW,
    );
    expect(view).toEqual({ kind: 'FAILED', text: 'Sync failed', percent: null, reason, canRetry: true });
  });

  it('has a fallback reason when the server gave none', () => {
    expect(importProgressView(channel(SyncStatus.FAILED_UNKNOWN, MessageChannelSyncStage.FAILED), NOW).reason).toBe('The last sync stopped on an unexpected error.');
  });

  it('asks to reconnect, not to retry, when permissions are missing', () => {
    const view = importProgressView(channel(SyncStatus.FAILED_INSUFFICIENT_PERMISSIONS, MessageChannelSyncStage.FAILED), NOW);
    expect(view).toMatchObject({ kind: 'RECONNECT_NEEDED', text: 'Sync failed', canRetry: false });
    expect(view.reason).toContain('Reconnect');
  });

  it('says the import is queued right after connecting or retrying', () => {
    expect(importProgressView(channel(SyncStatus.NOT_SYNCED, MessageChannelSyncStage.MESSAGE_LIST_FETCH_PENDING), NOW)).toMatchObject({ kind: 'QUEUED', text: 'Import queued, starting shortly…' });
    expect(
      importProgressView(channel(SyncStatus.NOT_SYNCED, MessageChannelSyncStage.MESSAGE_LIST_FETCH_PENDING, { syncedAt: '2026-03-10T11:00:00.000Z' }), NOW),
    ).toMatchObject({ kind: 'QUEUED', text: 'Sync queued, starting shortly…' });
  });

  it('says when sync is off', () => {
    expect(importProgressView(channel(SyncStatus.NOT_SYNCED, MessageChannelSyncStage.MESSAGE_LIST_FETCH_PENDING, { isSyncEnabled: false }), NOW)).toMatchObject({
      kind: 'OFF',
      text: 'Sync is off for this account',
    });
  });
});

describe('polling', () => {
  const account = (
    messageChannel: ReturnType<typeof channel> | null,
    calendarSyncStatus: SyncStatus | null = null,
    calendarSyncStage: CalendarChannelSyncStage = CalendarChannelSyncStage.CALENDAR_EVENTS_IMPORT_ONGOING,
  ) => ({
    messageChannel,
    calendarChannel: calendarSyncStatus ? { syncStatus: calendarSyncStatus, syncStage: calendarSyncStage, isSyncEnabled: true } : null,
  });

  it('polls while a channel imports or waits in the queue', () => {
    expect(needsSyncPolling([account(channel(SyncStatus.ONGOING, MessageChannelSyncStage.MESSAGE_LIST_FETCH_ONGOING))])).toBe(true);
    expect(needsSyncPolling([account(channel(SyncStatus.NOT_SYNCED, MessageChannelSyncStage.MESSAGE_LIST_FETCH_PENDING))])).toBe(true);
    expect(needsSyncPolling([account(null, SyncStatus.ONGOING)])).toBe(true);
    // A calendar put back in the queue by Retry: Settings follows it until its pass is over.
    expect(needsSyncPolling([account(null, SyncStatus.NOT_SYNCED, CalendarChannelSyncStage.CALENDAR_EVENT_LIST_FETCH_PENDING)])).toBe(true);
    expect(needsSyncPolling([account(null, SyncStatus.FAILED_UNKNOWN, CalendarChannelSyncStage.FAILED)])).toBe(false);
  });

  it('stops once none is', () => {
    expect(needsSyncPolling([])).toBe(false);
    expect(needsSyncPolling([account(channel(SyncStatus.ACTIVE, MessageChannelSyncStage.MESSAGE_LIST_FETCH_PENDING), SyncStatus.ACTIVE)])).toBe(false);
    expect(needsSyncPolling([account(channel(SyncStatus.FAILED_UNKNOWN, MessageChannelSyncStage.FAILED))])).toBe(false);
    expect(needsSyncPolling([account(channel(SyncStatus.NOT_SYNCED, MessageChannelSyncStage.MESSAGE_LIST_FETCH_PENDING, { isSyncEnabled: false }))])).toBe(false);
  });

  it('counts a channel as queued only when enabled, not synced and pending', () => {
    expect(isQueued(channel(SyncStatus.NOT_SYNCED, MessageChannelSyncStage.MESSAGE_LIST_FETCH_SCHEDULED))).toBe(true);
    expect(isQueued(channel(SyncStatus.NOT_SYNCED, MessageChannelSyncStage.PENDING_CONFIGURATION))).toBe(false);
  });
});

describe('formatCount', () => {
  it('groups thousands', () => {
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatCount(-3)).toBe('0');
  });
});
