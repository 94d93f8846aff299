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
    for (const code of ['consent_failed', 'token_exchange_failed', 'profile_unavailable', 'account_owned_by_another_member']) {
      expect(connectErrorFromQuery(new URLSearchParams({ microsoftError: code }))!.title).not.toMatch(/_/);
    }
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
