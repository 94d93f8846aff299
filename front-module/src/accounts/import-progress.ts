import { CalendarChannelSyncStage, MessageChannelSyncStage, SyncStatus } from '@m365/shared-types';
import type { MicrosoftCalendarChannel, MicrosoftMessageChannel } from '../graphql/microsoft-account.types';
import { channelStatusKind } from './account-sync-status';

export type ImportProgressKind = 'IMPORTING' | 'QUEUED' | 'SYNCED' | 'FAILED' | 'RECONNECT_NEEDED' | 'OFF';

/** The line Settings → Accounts shows under a message channel's title. */
export interface ImportProgressView {
  kind: ImportProgressKind;
  /** e.g. "Importing 1,234 of about 20,000 messages", "Synced · 20,000 messages · last synced 3 minutes ago". */
  text: string;
  /** 0–100 for a bar while importing with a known total; null when the total is unknown (or not importing). */
  percent: number | null;
  /** Why the last pass failed, in plain words; null unless it failed. */
  reason: string | null;
  /** Whether a "Retry" button makes sense (a failure that is not about credentials or permissions). */
  canRetry: boolean;
}

type ProgressChannel = Pick<MicrosoftMessageChannel | MicrosoftCalendarChannel, 'isSyncEnabled' | 'syncStatus' | 'syncStage' | 'syncedAt' | 'importProgress'>;

const NUMBER = new Intl.NumberFormat('en-US');

/** "1,234" */
export function formatCount(count: number): string {
  return NUMBER.format(Math.max(0, Math.round(count)));
}

/** How one kind of channel counts what it imports and says what went wrong, for the line under its title. */
export interface ImportWording {
  one: string;
  many: string;
  /** The stages of a channel waiting for a worker to start its pass. */
  queuedStages: readonly string[];
  /** Said when Microsoft no longer lets the CRM read the account, if the pass left no message of its own. */
  reconnectReason: string;
  /** Whether a failed pass offers "Retry" in this line. */
  retryable: boolean;
}

export const MAIL_WORDING: ImportWording = {
  one: 'message',
  many: 'messages',
  queuedStages: [MessageChannelSyncStage.MESSAGE_LIST_FETCH_PENDING, MessageChannelSyncStage.MESSAGE_LIST_FETCH_SCHEDULED],
  reconnectReason: 'Microsoft no longer lets the CRM read this mailbox. Reconnect the account to grant access again.',
  retryable: true,
};

export const CALENDAR_WORDING: ImportWording = {
  one: 'event',
  many: 'events',
  queuedStages: [CalendarChannelSyncStage.CALENDAR_EVENT_LIST_FETCH_PENDING, CalendarChannelSyncStage.CALENDAR_EVENT_LIST_FETCH_SCHEDULED],
  reconnectReason: 'Microsoft no longer lets the CRM read this calendar. Reconnect the account to grant access again.',
  retryable: true,
};

const counted = (count: number, wording: ImportWording) => `${formatCount(count)} ${count === 1 ? wording.one : wording.many}`;

/** "Importing 1,234 of about 20,000 messages"; without a total, "Importing 1,234 messages"; before the first page, "Importing messages…". */
export function importingText(importedCount: number, estimatedTotal: number | null, wording: ImportWording = MAIL_WORDING): string {
  if (estimatedTotal !== null && estimatedTotal > 0) {
    return `Importing ${formatCount(importedCount)} of about ${formatCount(Math.max(estimatedTotal, importedCount))} ${wording.many}`;
  }
  return importedCount > 0 ? `Importing ${counted(importedCount, wording)}` : `Importing ${wording.many}…`;
}

/** How full the progress bar is, 0–100, or null when there is no total to measure against. */
export function importPercent(importedCount: number, estimatedTotal: number | null): number | null {
  if (estimatedTotal === null || estimatedTotal <= 0) return null;
  return Math.min(100, Math.max(0, Math.round((importedCount / estimatedTotal) * 100)));
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const plural = (count: number, unit: string) => `${count} ${unit}${count === 1 ? '' : 's'} ago`;

/** "just now", "5 minutes ago", "2 hours ago", "3 days ago", else "on Mar 3, 2026". A time ahead of the clock reads "just now". */
export function formatRelativeTime(iso: string, now: Date = new Date()): string {
  const then = new Date(iso);
  const elapsed = now.getTime() - then.getTime();
  if (Number.isNaN(elapsed)) return '';
  if (elapsed < 45_000) return 'just now';
  if (elapsed < HOUR) return plural(Math.max(1, Math.round(elapsed / MINUTE)), 'minute');
  if (elapsed < DAY) return plural(Math.floor(elapsed / HOUR), 'hour');
  if (elapsed < 7 * DAY) return plural(Math.floor(elapsed / DAY), 'day');
  return `on ${then.toLocaleDateString('en-US', { month: 'short', day: 'numeric', year: 'numeric' })}`;
}

/** Waiting for a worker to start its pass: right after connecting, or after Retry put a failed channel back in the queue. */
export function isQueued(channel: Pick<ProgressChannel, 'isSyncEnabled' | 'syncStatus' | 'syncStage'>, wording: ImportWording = MAIL_WORDING): boolean {
  return channel.isSyncEnabled && channel.syncStatus === SyncStatus.NOT_SYNCED && wording.queuedStages.includes(channel.syncStage);
}

/** What a channel's import looks like to the member, from its status, stage, last sync and progress. */
export function channelImportView(channel: ProgressChannel, wording: ImportWording, now: Date = new Date()): ImportProgressView {
  const progress = channel.importProgress;
  const imported = progress?.importedCount ?? 0;
  const total = progress?.estimatedTotal ?? null;
  const base = { percent: null, reason: null, canRetry: false };

  switch (channelStatusKind(channel)) {
    case 'RECONNECT_NEEDED':
      return { ...base, kind: 'RECONNECT_NEEDED', text: 'Sync failed', reason: progress?.lastErrorMessage || wording.reconnectReason };
    case 'SYNC_FAILED':
      return { ...base, kind: 'FAILED', text: 'Sync failed', reason: progress?.lastErrorMessage || 'The last sync stopped on an unexpected error.', canRetry: wording.retryable };
    case 'IMPORTING':
      return { ...base, kind: 'IMPORTING', text: importingText(imported, total, wording), percent: importPercent(imported, total) };
    case 'SYNCED': {
      const parts = ['Synced', counted(imported, wording)];
      if (channel.syncedAt) parts.push(`last synced ${formatRelativeTime(channel.syncedAt, now)}`);
      return { ...base, kind: 'SYNCED', text: parts.join(' · ') };
    }
    default:
      if (isQueued(channel, wording)) return { ...base, kind: 'QUEUED', text: channel.syncedAt ? 'Sync queued, starting shortly…' : 'Import queued, starting shortly…' };
      return { ...base, kind: 'OFF', text: channel.isSyncEnabled ? 'Not synced yet' : 'Sync is off for this account' };
  }
}

/** A message channel's import, counted in messages. */
export function importProgressView(channel: ProgressChannel, now: Date = new Date()): ImportProgressView {
  return channelImportView(channel, MAIL_WORDING, now);
}

/** A calendar channel's import, counted in events. */
export function calendarImportProgressView(channel: ProgressChannel, now: Date = new Date()): ImportProgressView {
  return channelImportView(channel, CALENDAR_WORDING, now);
}

type PollChannel = Pick<ProgressChannel, 'isSyncEnabled' | 'syncStatus' | 'syncStage'>;

/** Settings → Accounts refreshes every ~2 s while a channel is importing or waiting in the queue, and stops once none is. */
export function needsSyncPolling(accounts: ReadonlyArray<{ messageChannel: PollChannel | null; calendarChannel: PollChannel | null }>): boolean {
  const busy = (channel: PollChannel | null, wording: ImportWording) => channel !== null && (channel.syncStatus === SyncStatus.ONGOING || isQueued(channel, wording));
  return accounts.some(({ messageChannel, calendarChannel }) => busy(messageChannel, MAIL_WORDING) || busy(calendarChannel, CALENDAR_WORDING));
}
