import { useRecoilCallback } from 'recoil';
import { UPDATE_CALENDAR_CHANNEL_MUTATION, UPDATE_MESSAGE_CHANNEL_MUTATION } from '../../graphql/microsoft-account.documents';
import type {
  CalendarChannelSettings,
  MessageChannelSettings,
  MicrosoftAccount,
  MicrosoftCalendarChannel,
  MicrosoftMessageChannel,
} from '../../graphql/microsoft-account.types';
import type { FrontHost } from '../../plugin-front/plugin-front.types';
import { microsoftAccountsState } from '../../state/microsoft-accounts.state';
import { channelSaveState } from '../../state/saving-channel.state';

type ChannelKey = 'messageChannel' | 'calendarChannel';

const replaceChannel = (accounts: MicrosoftAccount[] | null, key: ChannelKey, channel: MicrosoftMessageChannel | MicrosoftCalendarChannel) =>
  (accounts ?? []).map((account) => (account[key]?.id === channel.id ? { ...account, [key]: { ...account[key], ...channel } } : account));

/** Saves a channel's settings: shown at once, sent to the server, rolled back if it refuses. Visibility applies when a tab is read, import settings from the next sync. */
export function useChannelSettings(host: FrontHost) {
  const save = useRecoilCallback(
    ({ set, snapshot }) =>
      async (key: ChannelKey, channelId: string, input: MessageChannelSettings | CalendarChannelSettings) => {
        const before = await snapshot.getPromise(microsoftAccountsState);
        const current = before?.flatMap((account) => account[key] ?? []).find((channel) => channel.id === channelId);
        if (current) set(microsoftAccountsState, replaceChannel(before, key, { ...current, ...input } as MicrosoftMessageChannel));
        set(channelSaveState(channelId), 'saving');
        try {
          const saved =
            key === 'messageChannel'
              ? (await host.graphql<{ updateMicrosoftMessageChannelSettings: MicrosoftMessageChannel }>(UPDATE_MESSAGE_CHANNEL_MUTATION, { id: channelId, input }))
                  .updateMicrosoftMessageChannelSettings
              : (await host.graphql<{ updateMicrosoftCalendarChannelSettings: MicrosoftCalendarChannel }>(UPDATE_CALENDAR_CHANNEL_MUTATION, { id: channelId, input }))
                  .updateMicrosoftCalendarChannelSettings;
          set(microsoftAccountsState, (accounts) => replaceChannel(accounts, key, saved));
          set(channelSaveState(channelId), 'saved');
        } catch {
          set(microsoftAccountsState, before);
          set(channelSaveState(channelId), 'failed');
        }
      },
    [host],
  );

  return {
    saveMessageChannel: (channelId: string, input: MessageChannelSettings) => save('messageChannel', channelId, input),
    saveCalendarChannel: (channelId: string, input: CalendarChannelSettings) => save('calendarChannel', channelId, input),
  };
}
