import { connectErrorFromQuery, withoutCallbackParams } from '../src/accounts/connect-error-message';

describe('connectErrorFromQuery', () => {
  it('puts a cancelled consent in plain words and keeps what Microsoft said', () => {
    const query = new URLSearchParams({ microsoftError: 'consent_cancelled', microsoftErrorMessage: 'The Microsoft sign-in was cancelled: user said no' });
    expect(connectErrorFromQuery(query)).toEqual({
      code: 'consent_cancelled',
      title: 'You cancelled the Microsoft sign-in, so no account was connected.',
      detail: 'The Microsoft sign-in was cancelled: user said no',
    });
  });

  it('has words for each callback failure and a fallback for unknown codes', () => {
    const codes = ['consent_failed', 'token_exchange_failed', 'profile_unavailable', 'account_owned_by_another_member', 'admin_approval_required', 'app_credentials_refused'];
    const titles = codes.map((code) => connectErrorFromQuery(new URLSearchParams({ microsoftError: code }))!.title);
    for (const title of titles) expect(title).not.toMatch(/_|^Connecting the Microsoft account failed\.$/);
    expect(new Set(titles).size).toBe(codes.length);
    expect(titles[4]).toMatch(/administrator/);
    expect(titles[5]).toMatch(/client secret/);
    expect(connectErrorFromQuery(new URLSearchParams({ microsoftError: 'new_code' }))).toMatchObject({ title: 'Connecting the Microsoft account failed.', detail: null });
  });

  it('is null without an error', () => {
    expect(connectErrorFromQuery(new URLSearchParams({ connectedAccountId: 'x' }))).toBeNull();
  });
});

describe('withoutCallbackParams', () => {
  it('removes only the callback parameters', () => {
    const query = new URLSearchParams({ microsoftError: 'consent_failed', microsoftErrorMessage: 'm', connectedAccountId: 'a', tab: 'emails' });
    expect(withoutCallbackParams(query).toString()).toBe('tab=emails');
  });
});
