import { CalendarChannelSyncStage, MessageChannelSyncStage, SyncStatus } from '@m365/shared-types';
import type { MicrosoftAccount, MicrosoftCalendarChannel, MicrosoftMessageChannel } from '../graphql/microsoft-account.types';

export type AccountStatusKind = 'RECONNECT_NEEDED' | 'SYNC_FAILED' | 'SETUP_INCOMPLETE' | 'IMPORTING' | 'NOT_SYNCED' | 'SYNCED';

export interface AccountStatus {
  kind: AccountStatusKind;
  /** The badge text, as Twenty's Settings shows it. */
  label: string;
  tone: 'green' | 'blue' | 'gray' | 'red' | 'orange';
  /** What is going on, e.g. "Emails: importing messages · Calendar: synced". */
  detail: string | null;
}

const LABELS: Record<AccountStatusKind, Pick<AccountStatus, 'label' | 'tone'>> = {
  RECONNECT_NEEDED: { label: 'Reconnect needed', tone: 'orange' },
  SYNC_FAILED: { label: 'Sync failed', tone: 'red' },
  SETUP_INCOMPLETE: { label: 'Setup incomplete', tone: 'gray' },
  IMPORTING: { label: 'Importing', tone: 'blue' },
  NOT_SYNCED: { label: 'Not synced', tone: 'gray' },
  SYNCED: { label: 'Synced', tone: 'green' },
};

type Channel = Pick<MicrosoftMessageChannel | MicrosoftCalendarChannel, 'isSyncEnabled' | 'syncStatus' | 'syncStage'>;

/** The parts of an account its status depends on. */
export interface AccountSyncState extends Pick<MicrosoftAccount, 'authFailedAt' | 'needsReconnect'> {
  messageChannel: Channel | null;
  calendarChannel: Channel | null;
}

/** One channel's state, without the account-level credential check. */
export function channelStatusKind(channel: Channel): AccountStatusKind {
  if (channel.syncStatus === SyncStatus.FAILED_INSUFFICIENT_PERMISSIONS) return 'RECONNECT_NEEDED';
  if (channel.syncStatus === SyncStatus.FAILED_UNKNOWN || channel.syncStage === MessageChannelSyncStage.FAILED) return 'SYNC_FAILED';
  if (!channel.isSyncEnabled) return 'NOT_SYNCED';
  if (channel.syncStage === MessageChannelSyncStage.PENDING_CONFIGURATION) return 'SETUP_INCOMPLETE';
  if (channel.syncStatus === SyncStatus.ONGOING) return 'IMPORTING';
  if (channel.syncStatus === SyncStatus.ACTIVE) return 'SYNCED';
  return 'NOT_SYNCED';
}

/** One channel's badge, for its own settings section. */
export function channelStatus(channel: Channel): AccountStatus {
  const kind = channelStatusKind(channel);
  return { kind, ...LABELS[kind], detail: channelStageText(channel) };
}

// The first kind in this list that any channel has decides the account's badge: problems first, then work under
// way; a channel that merely has not synced yet does not hide another one that has.
const SEVERITY: AccountStatusKind[] = ['RECONNECT_NEEDED', 'SYNC_FAILED', 'SETUP_INCOMPLETE', 'IMPORTING', 'SYNCED', 'NOT_SYNCED'];

/** The account's badge across its mail and calendar channels; failed credentials (authFailedAt) win over everything. */
export function accountStatus(account: AccountSyncState): AccountStatus {
  const channels = [
    { name: 'Emails', channel: account.messageChannel },
    { name: 'Calendar', channel: account.calendarChannel },
  ].filter((each): each is { name: string; channel: Channel } => each.channel !== null);
  const detail = channels.length > 0 ? channels.map(({ name, channel }) => `${name}: ${channelStageText(channel)}`).join(' · ') : null;

  if (account.authFailedAt || account.needsReconnect) return { kind: 'RECONNECT_NEEDED', ...LABELS.RECONNECT_NEEDED, detail };
  const enabled = channels.filter(({ channel }) => channel.isSyncEnabled || channelStatusKind(channel) !== 'NOT_SYNCED');
  if (enabled.length === 0) return { kind: 'NOT_SYNCED', ...LABELS.NOT_SYNCED, detail };
  const kinds = enabled.map(({ channel }) => channelStatusKind(channel));
  const kind = SEVERITY.find((candidate) => kinds.includes(candidate)) ?? 'NOT_SYNCED';
  return { kind, ...LABELS[kind], detail };
}

/** Where a channel is in Twenty's sync stages, in words: the "progress" of Importing. */
export function channelStageText(channel: Channel): string {
  const kind = channelStatusKind(channel);
  if (kind !== 'IMPORTING') return LABELS[kind].label.toLowerCase();
  switch (channel.syncStage) {
    case MessageChannelSyncStage.MESSAGE_LIST_FETCH_PENDING:
    case MessageChannelSyncStage.MESSAGE_LIST_FETCH_SCHEDULED:
    case MessageChannelSyncStage.MESSAGE_LIST_FETCH_ONGOING:
    case CalendarChannelSyncStage.CALENDAR_EVENT_LIST_FETCH_PENDING:
    case CalendarChannelSyncStage.CALENDAR_EVENT_LIST_FETCH_SCHEDULED:
    case CalendarChannelSyncStage.CALENDAR_EVENT_LIST_FETCH_ONGOING:
      return 'listing changes (step 1 of 2)';
    case MessageChannelSyncStage.MESSAGES_IMPORT_PENDING:
    case MessageChannelSyncStage.MESSAGES_IMPORT_SCHEDULED:
    case MessageChannelSyncStage.MESSAGES_IMPORT_ONGOING:
      return 'importing messages (step 2 of 2)';
    case CalendarChannelSyncStage.CALENDAR_EVENTS_IMPORT_PENDING:
    case CalendarChannelSyncStage.CALENDAR_EVENTS_IMPORT_SCHEDULED:
    case CalendarChannelSyncStage.CALENDAR_EVENTS_IMPORT_ONGOING:
      return 'importing events (step 2 of 2)';
    default:
      return 'importing';
  }
}
