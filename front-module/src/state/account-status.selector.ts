import { selectorFamily } from 'recoil';
import { accountStatus, type AccountStatus } from '../accounts/account-sync-status';
import { microsoftAccountsState } from './microsoft-accounts.state';

export const accountStatusSelector = selectorFamily<AccountStatus | null, string>({
  key: 'm365/accountStatus',
  get:
    (accountId) =>
    ({ get }) => {
      const account = get(microsoftAccountsState)?.find((each) => each.id === accountId);
      return account ? accountStatus(account) : null;
    },
});
