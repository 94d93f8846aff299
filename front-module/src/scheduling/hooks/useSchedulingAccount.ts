import { useEffect, useState } from 'react';
import type { FrontHost } from '../../plugin-front/plugin-front.types';
import { SCHEDULING_ACCOUNTS_QUERY } from '../scheduling.documents';
import type { SchedulingAccount } from '../scheduling.types';

/** The member's Microsoft account for scheduling: the first one with the calendar granted, else the first; null while loading or when none. */
export function useSchedulingAccount(host: FrontHost): { account: SchedulingAccount | null; loaded: boolean } {
  const [accounts, setAccounts] = useState<SchedulingAccount[] | null>(null);
  useEffect(() => {
    let live = true;
    host
      .graphql<{ microsoftAccounts: SchedulingAccount[] }>(SCHEDULING_ACCOUNTS_QUERY)
      .then((data) => live && setAccounts(data.microsoftAccounts))
      .catch(() => live && setAccounts([]));
    return () => {
      live = false;
    };
  }, [host]);
  const account = accounts?.find((candidate) => calendarGranted(candidate)) ?? accounts?.[0] ?? null;
  return { account, loaded: accounts !== null };
}

export const calendarGranted = (account: SchedulingAccount) => account.features.some((feature) => feature.feature === 'CALENDAR' && feature.granted);

export function calendarMissingReason(account: SchedulingAccount): string | null {
  const calendar = account.features.find((feature) => feature.feature === 'CALENDAR');
  return calendar && !calendar.granted ? `The account has not granted ${calendar.missingScopes.join(', ')}; enable the calendar in Settings → Accounts` : null;
}
