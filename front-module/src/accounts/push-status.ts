import type { MicrosoftMessageChannel, MicrosoftPush } from '../graphql/microsoft-account.types';
import { formatRelativeTime } from './import-progress';

export type PushViewKind = 'LIVE' | 'STARTING' | 'OFF' | 'SYNC_OFF';

/** The "Real-time" line Settings → Accounts shows for a message channel. */
export interface PushStatusView {
  kind: PushViewKind;
  /** "Real-time: live", "Real-time: starting…", "Real-time: off — checking every 5 minutes". */
  text: string;
  tone: 'green' | 'blue' | 'gray';
  /** The hover text: renewal date and last notification while live, what it means otherwise. */
  tooltip: string;
  /** Why push is off, in plain words; null when there is nothing to explain. */
  reason: string | null;
}

type PushChannel = Pick<MicrosoftMessageChannel, 'isSyncEnabled' | 'push'>;

/** What a channel's push carries: the mailbox's new mail, the calendar's changes, or the contacts'. */
export type PushSubject = 'mail' | 'calendar' | 'contacts';

const WORDS: Record<PushSubject, { syncOff: string; sends: string; asking: string; checks: string }> = {
  mail: { syncOff: 'Email sync is off for this account.', sends: 'sends new mail to the CRM as it arrives', asking: 'send new mail as it arrives', checks: 'checks for new mail' },
  calendar: { syncOff: 'Calendar sync is off for this account.', sends: 'sends calendar changes to the CRM as they happen', asking: 'send calendar changes as they happen', checks: 'checks the calendar' },
  contacts: { syncOff: 'Contacts sync is off for this account.', sends: 'sends contact changes to the CRM as they happen', asking: 'send contact changes as they happen', checks: 'checks the contacts' },
};

/** "Mar 17, 2026, 10:00 AM" (the member's time zone unless one is given, as tests do). */
export function formatDateTimeShort(iso: string, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return date.toLocaleString('en-US', { month: 'short', day: 'numeric', year: 'numeric', hour: 'numeric', minute: '2-digit', timeZone });
}

// What Graph (or the transport) answered when subscribing failed, as the server stores it ("Code: message"),
// matched on its code or wording, first match wins.
const ERROR_WORDS: Array<{ test: RegExp; words: string }> = [
  // The server's own failure, not Microsoft's (graph-error.classifier's INTERNAL kind).
  { test: /^Internal error:/i, words: 'The CRM hit an unexpected error while setting up notifications; it will try again.' },
  {
    test: /ValidationError|validation request failed/i,
    words: 'Microsoft could not confirm the CRM’s notification address, so it cannot send new mail as it arrives.',
  },
  { test: /Maximum number of subscriptions/i, words: 'This mailbox already has as many notification subscriptions as Microsoft allows.' },
  {
    test: /NeedsReconnect|InvalidAuthenticationToken|Unauthorized|\b401\b|reconnect/i,
    words: 'Microsoft no longer accepts the account’s sign-in. Reconnect the account to turn real-time back on.',
  },
  { test: /Access is denied|AccessDenied|Forbidden|ErrorAccessDenied|\b403\b/i, words: 'Microsoft refused to send notifications for this mailbox (access denied).' },
  { test: /TooManyRequests|throttl|\b429\b/i, words: 'Microsoft is limiting requests for now; the CRM will try again.' },
  { test: /^Network:|ECONNREFUSED|ETIMEDOUT|ENOTFOUND|socket hang up|fetch failed/i, words: 'The CRM could not reach Microsoft; it will try again.' },
  {
    test: /ServiceUnavailable|InternalServerError|GatewayTimeout|BadGateway|\b50[0234]\b|temporar/i,
    words: 'Microsoft had a temporary problem; the CRM will try again.',
  },
  { test: /MailboxNotEnabledForRESTAPI|MailboxNotSupportedForRESTAPI|ErrorNonExistentMailbox|ErrorAccountDisabled/i, words: 'Outlook cannot serve this mailbox right now.' },
  { test: /subscriptionRemoved|ResourceNotFound|expired/i, words: 'Microsoft ended the subscription; the CRM will set up a new one.' },
];

const MAX_DETAIL = 160;

/** A stored subscription error in plain words: a known cause, else what Microsoft said without its code. */
export function pushErrorInWords(lastError: string | null | undefined): string | null {
  const raw = lastError?.trim();
  if (!raw) return null;
  const known = ERROR_WORDS.find(({ test }) => test.test(raw));
  if (known) return known.words;
  const withoutCode = raw.replace(/^[A-Za-z_][\w.]*:\s*/, '').trim() || raw;
  const detail = withoutCode.length > MAX_DETAIL ? `${withoutCode.slice(0, MAX_DETAIL - 1).trimEnd()}…` : withoutCode;
  return `Microsoft could not set up notifications: ${detail}`;
}

/** The channel's push state as the member reads it, from `push { status expiresAt lastNotificationAt lastError unavailableReason }`. */
export function pushStatusView(channel: PushChannel, now: Date = new Date(), timeZone?: string, subject: PushSubject = 'mail'): PushStatusView {
  const push = channel.push;
  const words = WORDS[subject];
  if (!channel.isSyncEnabled) {
    return { kind: 'SYNC_OFF', text: 'Real-time: off', tone: 'gray', tooltip: words.syncOff, reason: null };
  }
  switch (push?.status) {
    case 'LIVE': {
      const lines = [`Microsoft ${words.sends}.`];
      if (push.expiresAt) lines.push(`Renews by ${formatDateTimeShort(push.expiresAt, timeZone)}.`);
      lines.push(push.lastNotificationAt ? `Last notification ${formatRelativeTime(push.lastNotificationAt, now)}.` : 'No notification received yet.');
      return { kind: 'LIVE', text: 'Real-time: live', tone: 'green', tooltip: lines.join('\n'), reason: null };
    }
    case 'STARTING':
      return { kind: 'STARTING', text: 'Real-time: starting…', tone: 'blue', tooltip: `Asking Microsoft to ${words.asking}.`, reason: null };
    default:
      if (push?.unavailableReason) {
        return {
          kind: 'OFF',
          text: 'Real-time: off — checking every 5 minutes',
          tone: 'gray',
          tooltip: `Microsoft sends notifications only to a public https address; the CRM ${words.checks} every 5 minutes instead.`,
          reason: push.unavailableReason,
        };
      }
      return {
        kind: 'OFF',
        text: 'Real-time: off — checking every 5 minutes',
        tone: 'gray',
        tooltip: `Microsoft is not sending notifications for this mailbox; the CRM ${words.checks} every 5 minutes instead.`,
        reason: pushErrorInWords(push?.lastError),
      };
  }
}

/** Whether nothing about the channel's push has happened yet: no subscription attempt recorded (e.g. right after connecting). */
export function pushNotStartedYet(push: MicrosoftPush | null | undefined): boolean {
  return !push || (push.status === 'OFF' && !push.unavailableReason && !push.expiresAt && !push.lastError && !push.lastNotificationAt);
}

type PollAccount = { messageChannel: PushChannel | null; calendarChannel?: PushChannel | null };

/**
 * Settings → Accounts refreshes while some channel's push is STARTING; and, during a short grace period after the
 * page opened (the subscription is made by a background job just after connecting), while a channel has not started yet.
 */
export function needsPushPolling(accounts: ReadonlyArray<PollAccount>, withinGracePeriod = false): boolean {
  return accounts.some(({ messageChannel, calendarChannel }) =>
    [messageChannel, calendarChannel].some((channel) => {
      if (!channel?.isSyncEnabled) return false;
      if (channel.push?.status === 'STARTING') return true;
      return withinGracePeriod && pushNotStartedYet(channel.push);
    }),
  );
}
