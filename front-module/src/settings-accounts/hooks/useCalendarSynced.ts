import { useRecoilCallback } from 'recoil';
import { SET_CALENDAR_SYNCED_MUTATION } from '../../graphql/microsoft-account.documents';
import type { MicrosoftAccount, MicrosoftCalendar } from '../../graphql/microsoft-account.types';
import type { FrontHost } from '../../plugin-front/plugin-front.types';
import { calendarToggleErrorState, pendingCalendarSyncedState } from '../../state/calendar-sync.state';
import { microsoftAccountsState } from '../../state/microsoft-accounts.state';

const updateCalendar = (accounts: MicrosoftAccount[] | null, channelId: string, calendarId: string, change: Partial<MicrosoftCalendar>) =>
  (accounts ?? []).map((account) =>
    account.calendarChannel?.id === channelId
      ? {
          ...account,
          calendarChannel: {
            ...account.calendarChannel,
            calendars: account.calendarChannel.calendars.map((calendar) => (calendar.id === calendarId ? { ...calendar, ...change } : calendar)),
          },
        }
      : account,
  );

/** A calendar's checkbox: flipped at once, sent to the server (which syncs it in or out next), flipped back if it refuses. */
export function useCalendarSynced(host: FrontHost) {
  return useRecoilCallback(
    ({ set }) =>
      async (calendarChannelId: string, calendar: MicrosoftCalendar, isSynced: boolean) => {
        set(calendarToggleErrorState(calendarChannelId), null);
        set(pendingCalendarSyncedState(calendar.id), isSynced);
        set(microsoftAccountsState, (accounts) => updateCalendar(accounts, calendarChannelId, calendar.id, { isSynced }));
        try {
          const { setMicrosoftCalendarSynced: saved } = await host.graphql<{ setMicrosoftCalendarSynced: MicrosoftCalendar }>(SET_CALENDAR_SYNCED_MUTATION, {
            calendarChannelId,
            calendarId: calendar.id,
            isSynced,
          });
          set(microsoftAccountsState, (accounts) => updateCalendar(accounts, calendarChannelId, calendar.id, saved));
        } catch (cause) {
          set(microsoftAccountsState, (accounts) => updateCalendar(accounts, calendarChannelId, calendar.id, { isSynced: calendar.isSynced }));
          const reason = cause instanceof Error ? cause.message : String(cause);
          set(calendarToggleErrorState(calendarChannelId), `Could not ${isSynced ? 'include' : 'leave out'} “${calendar.name}”: ${reason}`);
        } finally {
          set(pendingCalendarSyncedState(calendar.id), null);
        }
      },
    [host],
  );
}
