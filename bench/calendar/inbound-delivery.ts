// How an Outlook edit reaches the CRM during the inbound stage, and the job traffic the worker lets through.
//
// 'push' (the figures): the plugin's `/me/events` subscription, made through its own subscription job after the
// import; the emulator posts each change to the dev host's webhook (plain http to loopback, which the emulator child
// allows as bench/push does; Microsoft requires https), the plugin queues its calendar push job and that job runs the
// quick pass. The bench only waits for the CRM to show the edit, and counts the quick passes the plugin ran.
// 'pass' (BENCH_CALENDAR_INBOUND=pass, debugging): the bench runs the calendar pass itself after each edit.
import type { DevHost } from '@m365/dev-host';
import { CalendarSyncService, SubscriptionJobs } from '@m365/server-module';
import { CALENDAR_OUTBOUND_JOB } from '../../server-module/src/calendar/outbound/calendar-outbound.jobs.js';
import { SUBSCRIPTION_CREATE_JOB, SUBSCRIPTION_LIFECYCLE_JOB } from '../../server-module/src/subscriptions/subscription.constants.js';
import { CALENDAR_SUBSCRIPTION } from '../../server-module/src/subscriptions/subscription-kinds.js';
import type { JobGate } from '../shared/job-gate.js';
import { subscriptionActive } from '../shared/push-settled.js';

export type InboundVia = 'pass' | 'push';

export interface InboundDelivery {
  via: InboundVia;
  afterOutlookEdit(): Promise<void>;
  /** Quick passes the plugin's push job ran so far. */
  pushPasses(): number;
}

const SUBSCRIBED_WITHIN_MS = 30_000;

/** The plugin's full calendar pass (the job system's pass; after the import it walks each calendar's delta from its cursor). */
export async function runCalendarPass(sync: CalendarSyncService, workspaceId: string, calendarChannelId: string): Promise<void> {
  for (let attempt = 0; attempt < 400; attempt += 1) {
    const outcome = await sync.syncChannel(workspaceId, calendarChannelId);
    if (outcome === 'synced') return;
    if (outcome !== 'busy') throw new Error(`the calendar pass ended '${outcome}'`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('the calendar channel stayed busy');
}

/**
 * Jobs the dev host may run once the import and baseline are over (they are timed and counted alone): push
 * (subscription create and lifecycle, calendar push) and outbound writes. Mail imports and the cron's full calendar
 * passes stay off throughout, so that every inbound delivery is push's.
 */
export const CALENDAR_BENCH_JOBS = [SUBSCRIPTION_CREATE_JOB.name, SUBSCRIPTION_LIFECYCLE_JOB.name, CALENDAR_SUBSCRIPTION.pushJob.name, CALENDAR_OUTBOUND_JOB.name];

export async function inboundDelivery(host: DevHost, gate: JobGate, ids: { workspaceId: string; connectedAccountId: string; calendarChannelId: string }): Promise<InboundDelivery> {
  const sync = host.app.get(CalendarSyncService);
  if (process.env.BENCH_CALENDAR_INBOUND === 'pass') {
    gate.openForPushAndOutbound();
    return { via: 'pass', afterOutlookEdit: () => runCalendarPass(sync, ids.workspaceId, ids.calendarChannelId), pushPasses: () => 0 };
  }
  // Counts the plugin's quick passes from the outside (as bench/push does for mail); it changes no behaviour.
  let quick = 0;
  const original = sync.syncChannel.bind(sync);
  sync.syncChannel = (async (workspaceId: string, calendarChannelId: string, options?: { mode?: string }) => {
    if (options?.mode === 'quick') quick += 1;
    return original(workspaceId, calendarChannelId, options as never);
  }) as typeof sync.syncChannel;

  gate.openForPushAndOutbound();
  await host.app.get(SubscriptionJobs).requestSubscription({ workspaceId: ids.workspaceId, connectedAccountId: ids.connectedAccountId, channelId: ids.calendarChannelId, kind: 'calendar' });
  await subscriptionActive(host, ids.calendarChannelId, 'calendar', SUBSCRIBED_WITHIN_MS);
  return { via: 'push', afterOutlookEdit: async () => undefined, pushPasses: () => quick };
}
