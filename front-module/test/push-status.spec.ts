import { formatDateTimeShort, needsPushPolling, pushErrorInWords, pushNotStartedYet, pushStatusView } from '../src/accounts/push-status';
import type { MicrosoftPush } from '../src/graphql/microsoft-account.types';

const NOW = new Date('2026-03-10T12:00:00.000Z');
const push = (overrides: Partial<MicrosoftPush> = {}): MicrosoftPush => ({ status: 'OFF', expiresAt: null, lastNotificationAt: null, lastError: null, unavailableReason: null, ...overrides });
const channel = (p: MicrosoftPush | null, isSyncEnabled = true) => ({ isSyncEnabled, push: p });

describe('pushStatusView', () => {
  it('live: green, with the renewal date and the last notification in the tooltip', () => {
    const view = pushStatusView(channel(push({ status: 'LIVE', expiresAt: '2026-03-17T11:00:00.000Z', lastNotificationAt: '2026-03-10T11:55:00.000Z' })), NOW, 'UTC');
    expect(view).toMatchObject({ kind: 'LIVE', text: 'Real-time: live', tone: 'green', reason: null });
    expect(view.tooltip).toContain('Renews by Mar 17, 2026, 11:00 AM.');
    expect(view.tooltip).toContain('Last notification 5 minutes ago.');
  });

  it('live without a notification yet says so', () => {
    const view = pushStatusView(channel(push({ status: 'LIVE', expiresAt: '2026-03-17T11:00:00.000Z' })), NOW, 'UTC');
    expect(view.tooltip).toContain('No notification received yet.');
  });

  it('starting', () => {
    expect(pushStatusView(channel(push({ status: 'STARTING' })), NOW)).toMatchObject({ kind: 'STARTING', text: 'Real-time: starting…', tone: 'blue', reason: null });
  });

  it('off: checking every 5 minutes, with the reason in plain words when there is one', () => {
    expect(pushStatusView(channel(push()), NOW)).toMatchObject({ kind: 'OFF', text: 'Real-time: off — checking every 5 minutes', tone: 'gray', reason: null });
    const failed = pushStatusView(
      channel(push({ lastError: 'ValidationError: Subscription validation request failed. Notification endpoint must respond with 200 OK to validation request.' })),
      NOW,
    );
    expect(failed.text).toBe('Real-time: off — checking every 5 minutes');
    expect(failed.reason).toBe('Microsoft could not confirm the CRM’s notification address, so it cannot send new mail as it arrives.');
  });

  it("off because the server has no https webhook URL: the server's reason, whatever the last error", () => {
    const reason = 'Real-time needs a public https URL (MICROSOFT_WEBHOOK_BASE_URL)';
    const view = pushStatusView(channel(push({ unavailableReason: reason, lastError: 'ValidationError: whatever' })), NOW);
    expect(view).toMatchObject({ kind: 'OFF', text: 'Real-time: off — checking every 5 minutes', tone: 'gray', reason });
    expect(view.tooltip).toMatch(/https/);
    // Nothing will start: no polling for it.
    expect(pushNotStartedYet(push({ unavailableReason: reason }))).toBe(false);
    expect(needsPushPolling([{ messageChannel: channel(push({ unavailableReason: reason })) }], true)).toBe(false);
  });

  it('a channel without push data reads as off', () => {
    expect(pushStatusView(channel(null), NOW).kind).toBe('OFF');
  });

  it('a channel whose sync is off says only "off"', () => {
    expect(pushStatusView(channel(push({ status: 'LIVE' }), false), NOW)).toMatchObject({ kind: 'SYNC_OFF', text: 'Real-time: off', reason: null });
  });

  it("speaks of the calendar's changes for a calendar channel", () => {
    const live = pushStatusView(channel(push({ status: 'LIVE', expiresAt: '2026-03-17T11:00:00.000Z' })), NOW, 'UTC', 'calendar');
    expect(live).toMatchObject({ kind: 'LIVE', text: 'Real-time: live' });
    expect(live.tooltip).toContain('Microsoft sends calendar changes to the CRM as they happen.');
    expect(live.tooltip).not.toMatch(/mail/);
    expect(pushStatusView(channel(push()), NOW, undefined, 'calendar').tooltip).toContain('the CRM checks the calendar every 5 minutes instead');
    expect(pushStatusView(channel(push(), false), NOW, undefined, 'calendar').tooltip).toBe('Calendar sync is off for this account.');
  });
});

describe('pushErrorInWords', () => {
  it('has words for the failures Graph and the transport report', () => {
    expect(pushErrorInWords('ExtensionError: Operation: Create; Exception: [Status Code: Forbidden; Reason: Access is denied. Check credentials and try again.]')).toMatch(/access denied/);
    expect(pushErrorInWords('ExtensionError: Operation: Create; Exception: [Status Code: Forbidden; Reason: Maximum number of subscriptions has been reached]')).toMatch(/as many notification subscriptions/);
    expect(pushErrorInWords('NeedsReconnect: The Microsoft account needs to be reconnected')).toMatch(/Reconnect the account/);
    expect(pushErrorInWords('Network: connect ECONNREFUSED 127.0.0.1:443')).toBe('The CRM could not reach Microsoft; it will try again.');
    expect(pushErrorInWords('ServiceUnavailable: try later')).toMatch(/temporary problem/);
    expect(pushErrorInWords('TooManyRequests: slow down')).toMatch(/limiting requests/);
    expect(pushErrorInWords('Internal error: Cannot read properties of undefined (reading "id")')).toBe(
      'The CRM hit an unexpected error while setting up notifications; it will try again.',
    );
  });

  it('otherwise keeps what Microsoft said without its code, shortened', () => {
    expect(pushErrorInWords('InvalidRequest: expirationDateTime is a required property for subscription creation.')).toBe(
      'Microsoft could not set up notifications: expirationDateTime is a required property for subscription creation.',
    );
    const long = pushErrorInWords(`Weird: ${'x'.repeat(400)}`)!;
    expect(long.length).toBeLessThan(220);
    expect(long.endsWith('…')).toBe(true);
  });

  it('is null without an error', () => {
    expect(pushErrorInWords(null)).toBeNull();
    expect(pushErrorInWords('  ')).toBeNull();
  });
});

describe('needsPushPolling', () => {
  it("polls while a calendar channel's push is starting, or has not started within the grace period", () => {
    const mail = channel(push({ status: 'LIVE', expiresAt: '2026-03-17T11:00:00.000Z' }));
    expect(needsPushPolling([{ messageChannel: mail, calendarChannel: channel(push({ status: 'STARTING' })) }])).toBe(true);
    expect(needsPushPolling([{ messageChannel: mail, calendarChannel: channel(push()) }], true)).toBe(true);
    expect(needsPushPolling([{ messageChannel: mail, calendarChannel: channel(push()) }], false)).toBe(false);
    expect(needsPushPolling([{ messageChannel: mail, calendarChannel: channel(push({ status: 'STARTING' }), false) }])).toBe(false);
  });

  const account = (p: MicrosoftPush | null, isSyncEnabled = true) => ({ messageChannel: channel(p, isSyncEnabled) });

  it('polls while some channel is starting', () => {
    expect(needsPushPolling([account(push({ status: 'LIVE', expiresAt: '2026-03-17T11:00:00.000Z' })), account(push({ status: 'STARTING' }))])).toBe(true);
    expect(needsPushPolling([account(push({ status: 'LIVE', expiresAt: '2026-03-17T11:00:00.000Z' }))])).toBe(false);
    expect(needsPushPolling([{ messageChannel: null }])).toBe(false);
  });

  it('during the grace period, also while a channel has not started subscribing yet; never for a failure', () => {
    expect(needsPushPolling([account(push())], true)).toBe(true);
    expect(needsPushPolling([account(push())], false)).toBe(false);
    expect(needsPushPolling([account(push({ lastError: 'ValidationError: x' }))], true)).toBe(false);
    expect(needsPushPolling([account(push(), false)], true)).toBe(false);
  });

  it('pushNotStartedYet: OFF with no trace of a subscription', () => {
    expect(pushNotStartedYet(null)).toBe(true);
    expect(pushNotStartedYet(push())).toBe(true);
    expect(pushNotStartedYet(push({ expiresAt: '2026-03-01T00:00:00.000Z' }))).toBe(false);
    expect(pushNotStartedYet(push({ status: 'STARTING' }))).toBe(false);
  });
});

describe('formatDateTimeShort', () => {
  it('formats in the given time zone, and is empty for garbage', () => {
    expect(formatDateTimeShort('2026-03-17T23:30:00.000Z', 'UTC')).toBe('Mar 17, 2026, 11:30 PM');
    expect(formatDateTimeShort('nope')).toBe('');
  });
});
