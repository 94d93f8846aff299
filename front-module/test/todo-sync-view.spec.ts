import { todoSyncView } from '../src/todo/todo-sync-view';

const megan = { connectedAccountId: 'a1', handle: 'megan@contoso.test', granted: true, reason: null };
const personal = { connectedAccountId: 'a2', handle: 'megan@outlook.test', granted: false, reason: 'The account has not granted Tasks.ReadWrite; enable the feature in Settings → Accounts' };
const sync = (extra: Record<string, unknown> = {}) => ({
  taskId: 't', synced: false, syncedByAnotherMember: false, connectedAccountId: null, listId: null, listName: null, todoTaskId: null, state: null,
  pendingWrite: false, lastError: null, accounts: [megan, personal], ...extra,
});

describe('todoSyncView', () => {
  it('offers the accounts that granted Tasks.ReadWrite and says why the others cannot', () => {
    expect(todoSyncView(sync())).toEqual({ kind: 'OFF', accounts: [megan], notes: [`megan@outlook.test: ${personal.reason}`] });
  });

  it('with no account granting it, says why; with no account at all, where to connect one', () => {
    expect(todoSyncView(sync({ accounts: [personal] }))).toEqual({ kind: 'NOT_GRANTED', text: `To Do sync is off: ${personal.reason}` });
    expect(todoSyncView(sync({ accounts: [] })).kind).toBe('NO_ACCOUNT');
  });

  it('synced: the list, a write on its way, the last write error; synced by a teammate: only that', () => {
    expect(todoSyncView(sync({ synced: true, listName: 'Errands', pendingWrite: true }))).toEqual({ kind: 'SYNCED', text: 'In Microsoft To Do · Errands · saving…' });
    expect(todoSyncView(sync({ synced: true, listName: 'Tasks', lastError: 'Not written to Microsoft To Do: throttled' }))).toEqual({ kind: 'SYNCED', text: 'In Microsoft To Do · Tasks · Not written to Microsoft To Do: throttled' });
    expect(todoSyncView(sync({ synced: true, syncedByAnotherMember: true }))).toEqual({ kind: 'SYNCED_BY_ANOTHER_MEMBER', text: 'Synced to Microsoft To Do by another member' });
  });
});
