export enum MicrosoftConnectErrorCode {
  CONSENT_CANCELLED = 'consent_cancelled',
  CONSENT_FAILED = 'consent_failed',
  /** The tenant lets only administrators consent (AADSTS90094, AADSTS65001). */
  ADMIN_APPROVAL_REQUIRED = 'admin_approval_required',
  /** Microsoft refused the CRM's own app credentials: a wrong, rotated or expired client secret, an unknown client. */
  APP_CREDENTIALS_REFUSED = 'app_credentials_refused',
  TOKEN_EXCHANGE_FAILED = 'token_exchange_failed',
  PROFILE_UNAVAILABLE = 'profile_unavailable',
  ACCOUNT_OWNED_BY_ANOTHER_MEMBER = 'account_owned_by_another_member',
  /** "Enable" on one account came back signed in as another. */
  OTHER_ACCOUNT_SIGNED_IN = 'other_account_signed_in',
}

/** A connect attempt that failed after a valid state: the browser goes back to Settings → Accounts with this reason. */
export class MicrosoftConnectException extends Error {
  constructor(readonly code: MicrosoftConnectErrorCode, message: string) {
    super(message);
  }
}
