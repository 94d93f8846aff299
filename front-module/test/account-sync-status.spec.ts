import { CalendarChannelSyncStage, MessageChannelSyncStage, SyncStatus } from '@m365/shared-types';
import { accountStatus, channelStageText, channelStatus } from '../src/accounts/account-sync-status';

const mail = (syncStatus: SyncStatus, syncStage: MessageChannelSyncStage, isSyncEnabled = true) => ({ syncStatus, syncStage, isSyncEnabled });
const calendar = (syncStatus: SyncStatus, syncStage: CalendarChannelSyncStage, isSyncEnabled = true) => ({ syncStatus, syncStage, isSyncEnabled });
const account = (overrides: Partial<Parameters<typeof accountStatus>[0]> = {}) =>
  ({
    authFailedAt: null,
    needsReconnect: false,
    messageChannel: mail(SyncStatus.ACTIVE, MessageChannelSyncStage.MESSAGE_LIST_FETCH_PENDING),
    calendarChannel: calendar(SyncStatus.ACTIVE, CalendarChannelSyncStage.CALENDAR_EVENT_LIST_FETCH_PENDING),
    ...overrides,
  }) as Parameters<typeof accountStatus>[0];

describe('accountStatus', () => {
  it('is Synced when both channels are active', () => {
    expect(accountStatus(account())).toMatchObject({ kind: 'SYNCED', label: 'Synced', tone: 'green' });
  });

  it('is Reconnect needed when the credentials failed, whatever the channels say', () => {
    expect(accountStatus(account({ authFailedAt: '2026-01-01T00:00:00.000Z' }))).toMatchObject({ kind: 'RECONNECT_NEEDED', label: 'Reconnect needed' });
    expect(accountStatus(account({ needsReconnect: true }))).toMatchObject({ kind: 'RECONNECT_NEEDED' });
  });

  it('asks to reconnect when a channel lacks permissions', () => {
    const status = accountStatus(account({ calendarChannel: calendar(SyncStatus.FAILED_INSUFFICIENT_PERMISSIONS, CalendarChannelSyncStage.FAILED) }));
    expect(status.kind).toBe('RECONNECT_NEEDED');
  });

  it('is Sync failed when one channel failed for another reason', () => {
    const status = accountStatus(account({ messageChannel: mail(SyncStatus.FAILED_UNKNOWN, MessageChannelSyncStage.FAILED) }));
    expect(status).toMatchObject({ kind: 'SYNC_FAILED', label: 'Sync failed', tone: 'red' });
  });

  it('is Importing with the stage as progress while a channel imports', () => {
    const status = accountStatus(account({ messageChannel: mail(SyncStatus.ONGOING, MessageChannelSyncStage.MESSAGES_IMPORT_ONGOING) }));
    expect(status).toMatchObject({ kind: 'IMPORTING', label: 'Importing' });
    expect(status.detail).toBe('Emails: importing messages (step 2 of 2) · Calendar: synced');
  });

  it('is Setup incomplete while a channel waits for configuration', () => {
    const status = accountStatus(account({ calendarChannel: calendar(SyncStatus.NOT_SYNCED, CalendarChannelSyncStage.PENDING_CONFIGURATION) }));
    expect(status.kind).toBe('SETUP_INCOMPLETE');
  });

  it('is Not synced before the first sync and when no channel syncs', () => {
    const neverSynced = account({
      messageChannel: mail(SyncStatus.NOT_SYNCED, MessageChannelSyncStage.MESSAGE_LIST_FETCH_PENDING),
      calendarChannel: calendar(SyncStatus.NOT_SYNCED, CalendarChannelSyncStage.CALENDAR_EVENT_LIST_FETCH_PENDING),
    });
    expect(accountStatus(neverSynced).kind).toBe('NOT_SYNCED');
    expect(accountStatus(account({ messageChannel: null, calendarChannel: null }))).toMatchObject({ kind: 'NOT_SYNCED', detail: null });
    const disabled = account({
      messageChannel: mail(SyncStatus.ACTIVE, MessageChannelSyncStage.MESSAGE_LIST_FETCH_PENDING, false),
      calendarChannel: calendar(SyncStatus.ACTIVE, CalendarChannelSyncStage.CALENDAR_EVENT_LIST_FETCH_PENDING, false),
    });
    expect(accountStatus(disabled).kind).toBe('NOT_SYNCED');
  });

  it('is Synced when mail is synced and the calendar has not synced yet', () => {
    const status = accountStatus(account({ calendarChannel: calendar(SyncStatus.NOT_SYNCED, CalendarChannelSyncStage.CALENDAR_EVENT_LIST_FETCH_PENDING) }));
    expect(status).toMatchObject({ kind: 'SYNCED', detail: 'Emails: synced · Calendar: not synced' });
  });

  it('ignores a switched-off channel when the other one is synced', () => {
    const status = accountStatus(account({ calendarChannel: calendar(SyncStatus.NOT_SYNCED, CalendarChannelSyncStage.CALENDAR_EVENT_LIST_FETCH_PENDING, false) }));
    expect(status.kind).toBe('SYNCED');
  });

  it('covers an account with only a mail channel', () => {
    expect(accountStatus(account({ calendarChannel: null })).kind).toBe('SYNCED');
  });
});

describe('channelStageText', () => {
  it('names the calendar stages', () => {
    expect(channelStageText(calendar(SyncStatus.ONGOING, CalendarChannelSyncStage.CALENDAR_EVENT_LIST_FETCH_ONGOING))).toBe('listing changes (step 1 of 2)');
    expect(channelStageText(calendar(SyncStatus.ONGOING, CalendarChannelSyncStage.CALENDAR_EVENTS_IMPORT_SCHEDULED))).toBe('importing events (step 2 of 2)');
  });
});

describe('channelStatus', () => {
  it('gives a channel its own badge', () => {
    expect(channelStatus(mail(SyncStatus.ACTIVE, MessageChannelSyncStage.MESSAGE_LIST_FETCH_PENDING))).toMatchObject({ kind: 'SYNCED', label: 'Synced' });
    expect(channelStatus(calendar(SyncStatus.NOT_SYNCED, CalendarChannelSyncStage.CALENDAR_EVENT_LIST_FETCH_PENDING, false))).toMatchObject({ label: 'Not synced' });
  });
});
