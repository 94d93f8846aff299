export enum MicrosoftConnectErrorCode {
  CONSENT_CANCELLED = 'consent_cancelled',
  CONSENT_FAILED = 'consent_failed',
  TOKEN_EXCHANGE_FAILED = 'token_exchange_failed',
  PROFILE_UNAVAILABLE = 'profile_unavailable',
  ACCOUNT_OWNED_BY_ANOTHER_MEMBER = 'account_owned_by_another_member',
}

/** A connect attempt that failed after a valid state: the browser goes back to Settings → Accounts with this reason. */
export class MicrosoftConnectException extends Error {
  constructor(readonly code: MicrosoftConnectErrorCode, message: string) {
    super(message);
  }
}
