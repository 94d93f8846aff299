export enum MicrosoftGraphErrorKind {
  THROTTLED = 'THROTTLED',
  TEMPORARY = 'TEMPORARY',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  SYNC_STATE_GONE = 'SYNC_STATE_GONE',
  INSUFFICIENT_PERMISSIONS = 'INSUFFICIENT_PERMISSIONS',
  MAILBOX_UNAVAILABLE = 'MAILBOX_UNAVAILABLE',
  NOT_FOUND = 'NOT_FOUND',
  /** Not Graph's doing: our database or code failed. Retried with backoff like TEMPORARY, reported as what it is. */
  INTERNAL = 'INTERNAL',
  UNKNOWN = 'UNKNOWN',
}

/** Every Graph failure, typed once at the driver boundary; sync code reacts to `kind`, never to raw statuses. */
export class MicrosoftGraphException extends Error {
  constructor(
    readonly kind: MicrosoftGraphErrorKind,
    message: string,
    readonly status: number | null,
    readonly graphCode: string | null,
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
  }
}
