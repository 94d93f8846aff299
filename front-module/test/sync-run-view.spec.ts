import { SyncChannelKind, SyncRunAction, SyncRunOutcome, SyncRunTrigger } from '@m365/shared-types';
import { dayLabel, formatDuration, channelSyncKey, syncRunActionText, syncRunView } from '../src/accounts/sync-run-view';
import type { MicrosoftSyncRun } from '../src/graphql/sync-run.types';

const NOW = new Date('2026-03-10T12:00:00.000Z');
const UTC = 'UTC';
const run = (overrides: Partial<MicrosoftSyncRun> = {}): MicrosoftSyncRun => ({
  id: 'r1',
  channelKind: SyncChannelKind.MESSAGE,
  trigger: SyncRunTrigger.FIRST_IMPORT,
  outcome: SyncRunOutcome.SUCCEEDED,
  startedAt: '2026-03-10T10:04:00.000Z',
  finishedAt: '2026-03-10T10:04:01.200Z',
  passes: 1,
  durationMs: 1200,
  created: 1234,
  updated: 0,
  deleted: 0,
  foldersSynced: 7,
  foldersRestarted: [],
  errorCode: null,
  errorMessage: null,
  action: null,
  retryAt: null,
  ...overrides,
});

describe('syncRunView', () => {
  it('says what a successful first import did, when and how long it took', () => {
    expect(syncRunView(run(), NOW, UTC)).toMatchObject({
      title: 'First import',
      outcomeText: 'Succeeded',
      tone: 'green',
      when: 'Today, 10:04 AM',
      duration: 'took 1.2 s',
      changes: '1,234 messages imported · 7 folders',
      problem: null,
      action: null,
      restarted: null,
    });
  });

  it('shows an entry of several routine runs as a span of time with their number', () => {
    const view = syncRunView(run({ trigger: SyncRunTrigger.PUSH, passes: 12, created: 14, updated: 2, deleted: 1, durationMs: 3400, finishedAt: '2026-03-10T10:58:00.000Z' }), NOW, UTC);
    expect(view).toMatchObject({ title: '12 notification passes', when: 'Today, 10:04 AM – 10:58 AM', duration: '12 runs, 3.4 s in all', changes: '14 messages imported · 2 updated · 1 deleted · 7 folders' });
    expect(syncRunView(run({ trigger: SyncRunTrigger.PERIODIC, passes: 1, created: 1 }), NOW, UTC).title).toBe('Scheduled check');
  });

  it('says a failure, what happened in plain words and what to do about it', () => {
    const throttled = syncRunView(
      run({ trigger: SyncRunTrigger.PERIODIC, outcome: SyncRunOutcome.FAILED, created: 0, errorMessage: 'Microsoft asked us to slow down.', action: SyncRunAction.WAIT_FOR_THROTTLING, retryAt: '2026-03-10T12:02:00.000Z' }),
      NOW,
      UTC,
    );
    expect(throttled).toMatchObject({ outcomeText: 'Failed', tone: 'red', changes: 'Nothing new · 7 folders', problem: 'Microsoft asked us to slow down.' });
    expect(throttled.action).toBe('Nothing to do: Microsoft is throttling this mailbox; the sync resumes by itself at 12:02 PM.');
    expect(syncRunView(run({ outcome: SyncRunOutcome.PARTIAL, created: 40, action: SyncRunAction.RECONNECT }), NOW, UTC)).toMatchObject({ outcomeText: 'Partly done', tone: 'amber' });
  });

  it('names folders read again from the start, and words calendar runs as events', () => {
    expect(syncRunView(run({ foldersRestarted: ['Inbox', 'Inbox', 'Archive'] }), NOW, UTC).restarted).toBe('Microsoft asked for a fresh start of Inbox, Archive: read again from the beginning, without duplicates.');
    expect(syncRunView(run({ channelKind: SyncChannelKind.CALENDAR, created: 1, foldersSynced: 1 }), NOW, UTC).changes).toBe('1 event imported · 1 calendar');
  });

  it('words To Do runs as tasks linked, updated and unlinked, with no folders, and their push pass and permission as To Do\'s', () => {
    const todo = (overrides: Partial<MicrosoftSyncRun>) => syncRunView(run({ channelKind: SyncChannelKind.TODO, foldersSynced: 0, ...overrides }), NOW, UTC);
    expect(todo({ created: 1, updated: 2, deleted: 1 }).changes).toBe('1 task linked · 2 updated · 1 unlinked');
    expect(todo({ created: 0 }).changes).toBe('Nothing new');
    expect(todo({ trigger: SyncRunTrigger.PUSH, created: 0, updated: 1 }).title).toBe('To Do change notification');
    expect(todo({ outcome: SyncRunOutcome.FAILED, created: 0, action: SyncRunAction.GRANT_PERMISSION }).action).toMatch(/Tasks\.ReadWrite ticked/);
  });

  it.each([
    [SyncChannelKind.MESSAGE, 'New mail notification', /Mail\.ReadWrite ticked/],
    [SyncChannelKind.CALENDAR, 'Calendar change notification', /Calendars\.ReadWrite ticked/],
    [SyncChannelKind.CONTACTS, 'Contacts change notification', /Contacts\.ReadWrite ticked/],
  ])('names a %s push pass and its missing permission for what that channel syncs', (channelKind, pushTitle, permission) => {
    expect(syncRunView(run({ channelKind, trigger: SyncRunTrigger.PUSH }), NOW, UTC).title).toBe(pushTitle);
    expect(syncRunView(run({ channelKind, outcome: SyncRunOutcome.FAILED, created: 0, action: SyncRunAction.GRANT_PERMISSION }), NOW, UTC).action).toMatch(permission);
  });

  it('shows a running and an interrupted run for what they are', () => {
    expect(syncRunView(run({ outcome: SyncRunOutcome.RUNNING, created: 0, finishedAt: null }), NOW, UTC)).toMatchObject({ outcomeText: 'Running…', duration: 'running', changes: 'Nothing saved yet · 7 folders' });
    expect(syncRunView(run({ outcome: SyncRunOutcome.INTERRUPTED, errorMessage: 'The CRM stopped during this run.' }), NOW, UTC)).toMatchObject({ outcomeText: 'Interrupted', tone: 'gray', action: null });
  });
});

describe('syncRunActionText', () => {
  it.each([
    [SyncRunAction.RECONNECT, /^Reconnect the account/],
    [SyncRunAction.GRANT_PERMISSION, /Reconnect the account and keep Mail\.ReadWrite ticked/],
    [SyncRunAction.WAIT_FOR_RETRY, /^Nothing to do: the sync tries again by itself at 12:05 PM\.$/],
    [SyncRunAction.CHECK_MAILBOX, /administrator.*then press Retry/],
    [SyncRunAction.PRESS_RETRY, /press Retry once the problem is over/],
  ])('%s', (action, words) => {
    expect(syncRunActionText(action, '2026-03-10T12:05:00.000Z', NOW, UTC)).toMatch(words);
  });

  it('says a retry time that has passed, and nothing without an action', () => {
    expect(syncRunActionText(SyncRunAction.WAIT_FOR_RETRY, '2026-03-10T11:00:00.000Z', NOW, UTC)).toBe('Nothing to do: the sync tries again by itself (it has tried again since 11:00 AM).');
    expect(syncRunActionText(null, null, NOW)).toBeNull();
  });
});

describe('formatting', () => {
  it('formats durations and days', () => {
    expect([850, 1234, 12_600, 125_000, 3_780_000].map(formatDuration)).toEqual(['850 ms', '1.2 s', '13 s', '2 min 5 s', '1 h 3 min']);
    expect(dayLabel('2026-03-09T23:00:00.000Z', NOW, UTC)).toBe('Yesterday');
    expect(dayLabel('2026-03-03T10:00:00.000Z', NOW, UTC)).toBe('Mar 3');
    expect(dayLabel('2025-12-30T10:00:00.000Z', NOW, UTC)).toBe('Dec 30, 2025');
  });

  it('moves the refresh key when a run may have started or ended, not otherwise', () => {
    const channel = { syncStatus: 'ACTIVE', syncStage: 'MESSAGE_LIST_FETCH_PENDING', syncedAt: '2026-03-10T11:00:00.000Z', importProgress: null, push: null } as never;
    expect(channelSyncKey(channel)).toBe(channelSyncKey({ ...(channel as object) } as never));
    expect(channelSyncKey(channel)).not.toBe(channelSyncKey({ ...(channel as object), syncedAt: '2026-03-10T11:05:00.000Z' } as never));
  });
});
