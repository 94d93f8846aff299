export interface ConnectError {
  code: string;
  title: string;
  /** What Microsoft or the server said, shown under the plain-words title. */
  detail: string | null;
}

const TITLES: Record<string, string> = {
  consent_cancelled: 'You cancelled the Microsoft sign-in, so no account was connected.',
  consent_failed: 'Microsoft could not complete the sign-in. Try connecting again.',
  admin_approval_required:
    'Your organisation lets only its administrators approve apps. Ask your Microsoft 365 administrator to grant consent for the CRM, then connect again.',
  app_credentials_refused:
    "Microsoft refused the CRM's app credentials, so no account can be connected. An administrator of the CRM needs to check its Microsoft app settings (the client secret may be wrong, rotated or expired).",
  token_exchange_failed: 'Microsoft signed you in, but the CRM could not get access to the account. Try connecting again.',
  profile_unavailable: 'Microsoft did not share the account profile, so the account could not be connected.',
  account_owned_by_another_member: 'This Microsoft account is already connected by another member of the workspace.',
  other_account_signed_in: 'You signed in to Microsoft with a different account than the one you were enabling the feature on; nothing changed.',
};

const FALLBACK_TITLE = 'Connecting the Microsoft account failed.';

/** Reads `microsoftError` / `microsoftErrorMessage` from the callback's redirect query; null when there is none. */
export function connectErrorFromQuery(query: URLSearchParams): ConnectError | null {
  const code = query.get('microsoftError');
  if (!code) return null;
  const detail = query.get('microsoftErrorMessage')?.trim() || null;
  return { code, title: TITLES[code] ?? FALLBACK_TITLE, detail };
}

/** The query with the callback's parameters taken out, so a reload does not show the message again. */
export function withoutCallbackParams(query: URLSearchParams): URLSearchParams {
  const rest = new URLSearchParams(query);
  for (const key of ['microsoftError', 'microsoftErrorMessage', 'connectedAccountId']) rest.delete(key);
  return rest;
}
