/** Which of an account's channels a sync run walked. */
export enum SyncChannelKind {
  MESSAGE = 'MESSAGE',
  CALENDAR = 'CALENDAR',
  CONTACTS = 'CONTACTS',
  /** One Microsoft To Do list that holds synced tasks (`microsoftTodoList`). */
  TODO = 'TODO',
}

/** What started a sync run. */
export enum SyncRunTrigger {
  /** A channel's first full pass, and any pass that continues it until it has succeeded once. */
  FIRST_IMPORT = 'FIRST_IMPORT',
  /** The every-5-minutes safety net (or the only way in while push is off). */
  PERIODIC = 'PERIODIC',
  /** A quick pass asked for by Microsoft's change notifications. */
  PUSH = 'PUSH',
  /** Started by the CRM itself after a failure (throttling, an outage). */
  RETRY = 'RETRY',
  /** The member pressed Retry. */
  MANUAL = 'MANUAL',
  /** Microsoft said notifications were missed or the subscription was removed. */
  RESYNC = 'RESYNC',
}

export enum SyncRunOutcome {
  RUNNING = 'RUNNING',
  SUCCEEDED = 'SUCCEEDED',
  /** Failed after saving some changes: what was saved stays, the next run continues from there. */
  PARTIAL = 'PARTIAL',
  FAILED = 'FAILED',
  /** Its process stopped (a restart, a crash) before it finished. */
  INTERRUPTED = 'INTERRUPTED',
}

/** What the member should do about a failed run. */
export enum SyncRunAction {
  RECONNECT = 'RECONNECT',
  GRANT_PERMISSION = 'GRANT_PERMISSION',
  /** Microsoft is throttling the mailbox: nothing to do, it resumes by itself at `retryAt`. */
  WAIT_FOR_THROTTLING = 'WAIT_FOR_THROTTLING',
  /** A passing failure (Microsoft or the network): nothing to do, it retries by itself at `retryAt`. */
  WAIT_FOR_RETRY = 'WAIT_FOR_RETRY',
  /** Outlook cannot serve the mailbox (disabled, being moved, not in Exchange Online): an administrator's matter. */
  CHECK_MAILBOX = 'CHECK_MAILBOX',
  /** It failed too many times in a row and stopped trying until the member presses Retry. */
  PRESS_RETRY = 'PRESS_RETRY',
}
