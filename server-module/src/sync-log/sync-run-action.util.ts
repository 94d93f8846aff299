import { SyncRunAction } from '@m365/shared-types';
import { MicrosoftGraphErrorKind as Kind } from '../graph/microsoft-graph.exception.js';

/**
 * What the member can do about a failed run, from the failure's kind: only credentials, permissions and a mailbox
 * Outlook cannot serve need them; the rest retries by itself until it has failed too often in a row.
 */
export function syncRunAction(kind: Kind, gaveUp: boolean): SyncRunAction {
  switch (kind) {
    case Kind.UNAUTHENTICATED:
      return SyncRunAction.RECONNECT;
    case Kind.INSUFFICIENT_PERMISSIONS:
      return SyncRunAction.GRANT_PERMISSION;
    case Kind.MAILBOX_UNAVAILABLE:
      return SyncRunAction.CHECK_MAILBOX;
    default:
      if (gaveUp) return SyncRunAction.PRESS_RETRY;
      return kind === Kind.THROTTLED ? SyncRunAction.WAIT_FOR_THROTTLING : SyncRunAction.WAIT_FOR_RETRY;
  }
}
