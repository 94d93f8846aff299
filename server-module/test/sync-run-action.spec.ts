import { SyncRunAction } from '@m365/shared-types';
import { MicrosoftGraphErrorKind as Kind } from '../src/graph/microsoft-graph.exception.js';
import { syncRunAction } from '../src/sync-log/sync-run-action.util.js';

describe('syncRunAction: what the member can do about a failed run', () => {
  it.each([
    [Kind.UNAUTHENTICATED, SyncRunAction.RECONNECT],
    [Kind.INSUFFICIENT_PERMISSIONS, SyncRunAction.GRANT_PERMISSION],
    [Kind.MAILBOX_UNAVAILABLE, SyncRunAction.CHECK_MAILBOX],
    [Kind.THROTTLED, SyncRunAction.WAIT_FOR_THROTTLING],
    [Kind.TEMPORARY, SyncRunAction.WAIT_FOR_RETRY],
    [Kind.INTERNAL, SyncRunAction.WAIT_FOR_RETRY],
    [Kind.UNKNOWN, SyncRunAction.WAIT_FOR_RETRY],
  ])('%s → %s', (kind, action) => {
    expect(syncRunAction(kind, false)).toBe(action);
  });

  it('asks for Retry once the retries gave up, but never instead of a reconnect or a permission', () => {
    expect(syncRunAction(Kind.THROTTLED, true)).toBe(SyncRunAction.PRESS_RETRY);
    expect(syncRunAction(Kind.TEMPORARY, true)).toBe(SyncRunAction.PRESS_RETRY);
    expect(syncRunAction(Kind.UNAUTHENTICATED, true)).toBe(SyncRunAction.RECONNECT);
    expect(syncRunAction(Kind.INSUFFICIENT_PERMISSIONS, true)).toBe(SyncRunAction.GRANT_PERMISSION);
  });
});
