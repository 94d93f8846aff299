import { SyncChannelKind, SyncRunAction, SyncRunOutcome, SyncRunTrigger } from '@m365/shared-types';
import type { MicrosoftCalendarChannel, MicrosoftMessageChannel } from '../graphql/microsoft-account.types';
import type { MicrosoftSyncRun } from '../graphql/sync-run.types';
import { formatCount } from './import-progress';

/** One line of the sync log as the member reads it. */
export interface SyncRunView {
  id: string;
  outcome: SyncRunOutcome;
  tone: 'green' | 'red' | 'amber' | 'gray' | 'blue';
  /** "First import", "3 scheduled checks", "New mail notification"… */
  title: string;
  /** "Succeeded", "Failed", "Partly done", "Interrupted", "Running…" */
  outcomeText: string;
  /** "Today, 10:04 AM", or "Today, 10:04 – 10:58 AM" for an entry of several runs. */
  when: string;
  /** "took 1.2 s", "3 runs, 2.4 s in all" */
  duration: string;
  /** "120 messages imported · 3 updated · 1 deleted · 7 folders", or "Nothing new · 7 folders" */
  changes: string;
  /** Folders read again from the start, in words; null when none. */
  restarted: string | null;
  /** What went wrong, in plain words; null when nothing did. */
  problem: string | null;
  /** What the member can do about it; null when nothing is needed. */
  action: string | null;
}

const ROUTINE_TITLES: Partial<Record<SyncRunTrigger, [string, string]>> = {
  [SyncRunTrigger.PERIODIC]: ['Scheduled check', 'scheduled checks'],
  [SyncRunTrigger.PUSH]: ['New mail notification', 'notification passes'],
};
const TITLES: Record<SyncRunTrigger, string> = {
  [SyncRunTrigger.FIRST_IMPORT]: 'First import',
  [SyncRunTrigger.PERIODIC]: 'Scheduled check',
  [SyncRunTrigger.PUSH]: 'New mail notification',
  [SyncRunTrigger.RETRY]: 'Automatic retry',
  [SyncRunTrigger.MANUAL]: 'Retry you asked for',
  [SyncRunTrigger.RESYNC]: 'Catch-up Microsoft asked for',
};
/** A notification's pass, named for what changed in Microsoft 365. */
const PUSH_TITLES: Record<SyncChannelKind, string> = {
  [SyncChannelKind.MESSAGE]: 'New mail notification',
  [SyncChannelKind.CALENDAR]: 'Calendar change notification',
  [SyncChannelKind.CONTACTS]: 'Contacts change notification',
  [SyncChannelKind.TODO]: 'To Do change notification',
};
/** What a permission failure asks the member to keep ticked, per channel. */
const PERMISSION_ACTIONS: Record<SyncChannelKind, string> = {
  [SyncChannelKind.MESSAGE]: 'Grant the mail permission: Reconnect the account and keep Mail.ReadWrite ticked on Microsoft’s consent page.',
  [SyncChannelKind.CALENDAR]: 'Grant the calendar permission: enable the calendar for this account and keep Calendars.ReadWrite ticked on Microsoft’s consent page.',
  [SyncChannelKind.CONTACTS]: 'Grant the contacts permission: enable contacts for this account and keep Contacts.ReadWrite ticked on Microsoft’s consent page.',
  [SyncChannelKind.TODO]: 'Grant the To Do permission: enable Microsoft To Do for this account and keep Tasks.ReadWrite ticked on Microsoft’s consent page.',
};
const OUTCOMES: Record<SyncRunOutcome, [string, SyncRunView['tone']]> = {
  [SyncRunOutcome.RUNNING]: ['Running…', 'blue'],
  [SyncRunOutcome.SUCCEEDED]: ['Succeeded', 'green'],
  [SyncRunOutcome.PARTIAL]: ['Partly done', 'amber'],
  [SyncRunOutcome.FAILED]: ['Failed', 'red'],
  [SyncRunOutcome.INTERRUPTED]: ['Interrupted', 'gray'],
};

function title(run: MicrosoftSyncRun): string {
  const routine = ROUTINE_TITLES[run.trigger];
  if (routine && run.passes > 1) return `${formatCount(run.passes)} ${routine[1]}`;
  if (run.trigger === SyncRunTrigger.PUSH) return PUSH_TITLES[run.channelKind];
  return TITLES[run.trigger];
}

const time = (iso: string, timeZone?: string) => new Date(iso).toLocaleTimeString('en-US', { hour: 'numeric', minute: '2-digit', timeZone });
const dayKey = (date: Date, timeZone?: string) => date.toLocaleDateString('en-US', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone });

/** "Today", "Yesterday", else "Mar 3" (or "Mar 3, 2025" in another year), in the member's time zone unless one is given. */
export function dayLabel(iso: string, now: Date, timeZone?: string): string {
  const date = new Date(iso);
  if (dayKey(date, timeZone) === dayKey(now, timeZone)) return 'Today';
  if (dayKey(date, timeZone) === dayKey(new Date(now.getTime() - 24 * 60 * 60 * 1000), timeZone)) return 'Yesterday';
  const sameYear = date.toLocaleDateString('en-US', { year: 'numeric', timeZone }) === now.toLocaleDateString('en-US', { year: 'numeric', timeZone });
  return date.toLocaleDateString('en-US', { month: 'short', day: 'numeric', year: sameYear ? undefined : 'numeric', timeZone });
}

/** "1.2 s", "850 ms", "2 min 5 s", "1 h 3 min" */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 60) return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

function when(run: MicrosoftSyncRun, now: Date, timeZone?: string): string {
  const day = dayLabel(run.startedAt, now, timeZone);
  const start = time(run.startedAt, timeZone);
  if (run.passes > 1 && run.finishedAt && time(run.finishedAt, timeZone) !== start) return `${day}, ${start} – ${time(run.finishedAt, timeZone)}`;
  return `${day}, ${start}`;
}

function duration(run: MicrosoftSyncRun): string {
  if (run.outcome === SyncRunOutcome.RUNNING) return 'running';
  if (run.passes > 1) return `${formatCount(run.passes)} runs, ${formatDuration(run.durationMs)} in all`;
  return `took ${formatDuration(run.durationMs)}`;
}

const NOUNS: Record<SyncChannelKind, [string, string]> = {
  [SyncChannelKind.MESSAGE]: ['message', 'messages'],
  [SyncChannelKind.CALENDAR]: ['event', 'events'],
  [SyncChannelKind.CONTACTS]: ['contact', 'contacts'],
  [SyncChannelKind.TODO]: ['task', 'tasks'],
};

function changes(run: MicrosoftSyncRun): string {
  // Contacts and To Do tasks are linked to CRM records, not imported; deleted on Microsoft's side, they only unlink.
  const links = run.channelKind === SyncChannelKind.CONTACTS || run.channelKind === SyncChannelKind.TODO;
  const noun = NOUNS[run.channelKind];
  const folders = run.channelKind === SyncChannelKind.CALENDAR ? ['calendar', 'calendars'] : ['folder', 'folders'];
  const parts: string[] = [];
  if (run.created > 0) parts.push(`${formatCount(run.created)} ${run.created === 1 ? noun[0] : noun[1]} ${links ? 'linked' : 'imported'}`);
  if (run.updated > 0) parts.push(`${formatCount(run.updated)} updated`);
  if (run.deleted > 0) parts.push(`${formatCount(run.deleted)} ${links ? 'unlinked' : 'deleted'}`);
  if (parts.length === 0) parts.push(run.outcome === SyncRunOutcome.RUNNING ? 'Nothing saved yet' : 'Nothing new');
  if (run.foldersSynced > 0) parts.push(`${formatCount(run.foldersSynced)} ${run.foldersSynced === 1 ? folders[0] : folders[1]}`);
  return parts.join(' · ');
}

function restarted(run: MicrosoftSyncRun): string | null {
  const names = [...new Set(run.foldersRestarted)];
  if (names.length === 0) return null;
  return `Microsoft asked for a fresh start of ${names.join(', ')}: read again from the beginning, without duplicates.`;
}

/** "at 10:42 AM" while ahead, "— it has tried again since" once past. */
function retryTime(retryAt: string | null, now: Date, timeZone?: string): string {
  if (!retryAt) return 'shortly';
  return new Date(retryAt).getTime() > now.getTime() ? `at ${time(retryAt, timeZone)}` : `(it has tried again since ${time(retryAt, timeZone)})`;
}

/** What to do about a failed run, in the member's words. */
export function syncRunActionText(action: SyncRunAction | null, retryAt: string | null, now: Date = new Date(), timeZone?: string, channelKind?: SyncChannelKind): string | null {
  switch (action) {
    case SyncRunAction.RECONNECT:
      return 'Reconnect the account: Microsoft wants you to sign in again.';
    case SyncRunAction.GRANT_PERMISSION:
      return PERMISSION_ACTIONS[channelKind ?? SyncChannelKind.MESSAGE];
    case SyncRunAction.WAIT_FOR_THROTTLING:
      return `Nothing to do: Microsoft is throttling this mailbox; the sync resumes by itself ${retryTime(retryAt, now, timeZone)}.`;
    case SyncRunAction.WAIT_FOR_RETRY:
      return `Nothing to do: the sync tries again by itself ${retryTime(retryAt, now, timeZone)}.`;
    case SyncRunAction.CHECK_MAILBOX:
      return 'Ask your Microsoft 365 administrator to check this mailbox (it may be disabled, being moved, or not in Exchange Online), then press Retry.';
    case SyncRunAction.PRESS_RETRY:
      return 'It failed several times in a row and stopped trying: press Retry once the problem is over.';
    default:
      return null;
  }
}

/** A sync log entry in plain words. */
export function syncRunView(run: MicrosoftSyncRun, now: Date = new Date(), timeZone?: string): SyncRunView {
  const [outcomeText, tone] = OUTCOMES[run.outcome];
  return {
    id: run.id,
    outcome: run.outcome,
    tone,
    title: title(run),
    outcomeText,
    when: when(run, now, timeZone),
    duration: duration(run),
    changes: changes(run),
    restarted: restarted(run),
    problem: run.errorMessage,
    action: syncRunActionText(run.action, run.retryAt, now, timeZone, run.channelKind),
  };
}

type KeyedChannel = Pick<MicrosoftMessageChannel | MicrosoftCalendarChannel, 'syncStatus' | 'syncStage' | 'syncedAt' | 'importProgress' | 'push'>;

/** Moves whenever a run of the channel (mail or calendar) may have started, progressed or ended: an open sync log reloads on it. */
export function channelSyncKey(channel: KeyedChannel): string {
  const progress = channel.importProgress;
  return [channel.syncStatus, channel.syncStage, channel.syncedAt, progress?.importedCount, progress?.lastErrorAt, channel.push?.lastNotificationAt].join('|');
}
