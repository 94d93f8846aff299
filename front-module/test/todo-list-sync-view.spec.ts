import { todoListSyncBadge, todoListSyncKey, todoListSyncView } from '../src/accounts/todo-list-sync-view';

const NOW = new Date('2026-03-10T12:00:00.000Z');
const list = (extra: Record<string, unknown> = {}) => ({ syncStatus: 'SYNCED' as const, syncedAt: '2026-03-10T11:58:00.000Z', syncedTaskCount: 3, lastErrorMessage: null, ...extra });

describe('todoListSyncView', () => {
  it('counts the synced tasks and says when the list last synced', () => {
    expect(todoListSyncView(list(), NOW)).toEqual({ kind: 'SYNCED', text: 'Synced · 3 tasks · last synced 2 minutes ago', reason: null });
    expect(todoListSyncView(list({ syncedTaskCount: 1 }), NOW).text).toBe('Synced · 1 task · last synced 2 minutes ago');
  });

  it('a list whose first pass has not run yet is queued; a failed one says why, with its last success if it had one', () => {
    expect(todoListSyncView(list({ syncStatus: 'NOT_SYNCED', syncedAt: null, syncedTaskCount: 1 }), NOW)).toEqual({ kind: 'QUEUED', text: '1 task · first sync starting shortly…', reason: null });
    const failed = todoListSyncView(list({ syncStatus: 'FAILED', lastErrorMessage: 'Microsoft had a temporary problem' }), NOW);
    expect(failed).toEqual({ kind: 'FAILED', text: 'Sync failed · 3 tasks · last synced 2 minutes ago', reason: 'Microsoft had a temporary problem' });
    expect(todoListSyncView(list({ syncStatus: 'FAILED', syncedAt: null, lastErrorMessage: null }), NOW)).toMatchObject({ text: 'Sync failed · 3 tasks', reason: expect.stringMatching(/tries again every 5 minutes/) });
    expect(todoListSyncBadge(failed)).toEqual({ kind: 'SYNC_FAILED', label: 'Sync failed', tone: 'red', detail: 'Microsoft had a temporary problem' });
    expect(todoListSyncBadge(todoListSyncView(list(), NOW))).toMatchObject({ kind: 'SYNCED', tone: 'green', detail: null });
  });
});

describe('todoListSyncKey', () => {
  it('moves when a pass ends (a new sync time, a failure, a recovery), not otherwise', () => {
    const key = todoListSyncKey(list());
    expect(todoListSyncKey(list({ syncedTaskCount: 9 }))).toBe(key);
    expect(todoListSyncKey(list({ syncedAt: '2026-03-10T11:59:00.000Z' }))).not.toBe(key);
    expect(todoListSyncKey(list({ syncStatus: 'FAILED', lastErrorMessage: 'x' }))).not.toBe(key);
  });
});
