import type { EntityManager } from 'typeorm';
import type { CalendarEventImportRecordsPort } from '@m365/shared-types';
import type { AccountGraphClient } from '../graph/account-graph-client.js';
import { MicrosoftGraphErrorKind, MicrosoftGraphException } from '../graph/microsoft-graph.exception.js';
import { isImportable, toImportedEvent, type GraphEvent } from './graph-event.mapper.js';
import type { MicrosoftCalendarRecord, MicrosoftCalendarRepository } from './microsoft-calendar.repository.js';
import type { CalendarEchoFilter } from './outbound/calendar-echo.filter.js';

interface DeltaPage {
  value: GraphEvent[];
  '@odata.nextLink'?: string;
  '@odata.deltaLink'?: string;
}

export type RestartReason = 'sync-state-gone' | 'window-changed' | 'calendar-gone';

export interface SyncWindow {
  start: Date;
  end: Date;
}

export interface CalendarImportContext {
  graph: AccountGraphClient;
  records: CalendarEventImportRecordsPort;
  calendars: MicrosoftCalendarRepository;
  workspaceId: string;
  calendarChannelId: string;
  ownHandles: Set<string>;
  pageSize: number;
  /** The window this calendar is walked over (see chooseSyncWindow). */
  windowFor: (calendar: MicrosoftCalendarRecord) => SyncWindow;
  onPage: (result: { created: number; updated: number; deleted: number }) => Promise<void>;
  /** Called when the calendar's events were all detached: to be walked again (a 410, a new window), or for good (404). */
  onRestart: (reason: RestartReason) => void;
  /** The plugin's own writes coming back are skipped (not on walks from the start, which re-attach every event). */
  echoes?: CalendarEchoFilter;
}

/**
 * The first link of a calendar's calendarView delta over the window. The window goes in the first request only; the
 * links that follow carry it. v1.0 documents the route for the primary calendar
 * (https://learn.microsoft.com/graph/api/event-delta); other calendars use the same route under /me/calendars/{id}.
 */
export function initialCalendarDeltaLink(calendar: Pick<MicrosoftCalendarRecord, 'externalId' | 'isDefaultCalendar'>, window: SyncWindow): string {
  const range = `startDateTime=${encodeURIComponent(window.start.toISOString())}&endDateTime=${encodeURIComponent(window.end.toISOString())}`;
  return calendar.isDefaultCalendar ? `/me/calendarView/delta?${range}` : `/me/calendars/${encodeURIComponent(calendar.externalId)}/calendarView/delta?${range}`;
}

/** Times in UTC (start/end become instants without guessing), text bodies, ids that survive moves. */
const READ_PREFER = 'outlook.timezone="UTC", outlook.body-content-type="text", IdType="ImmutableId"';
const deltaPreferHeader = (pageSize: number) => `odata.maxpagesize=${pageSize}, outlook.timezone="UTC", outlook.body-content-type="text", IdType="ImmutableId"`;

const sameWindow = (calendar: MicrosoftCalendarRecord, window: SyncWindow) =>
  calendar.windowStart !== null && calendar.windowEnd !== null &&
  new Date(calendar.windowStart).getTime() === window.start.getTime() && new Date(calendar.windowEnd).getTime() === window.end.getTime();

const DAY_MS = 24 * 60 * 60 * 1000;
/** A calendar's window moves forward this often; in between, its cursor's window stays as it was opened. */
export const WINDOW_SLIDES_EVERY_DAYS = 30;

/**
 * The window to walk a calendar over: the one its cursor was opened with while that is recent enough (a delta
 * cursor is bound to its window), else [today - pastDays, today + futureDays) in whole UTC days.
 */
export function chooseSyncWindow(calendar: Pick<MicrosoftCalendarRecord, 'windowStart' | 'windowEnd'>, span: { pastDays: number; futureDays: number }, now = new Date()): SyncWindow {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const fresh = { start: new Date(today - span.pastDays * DAY_MS), end: new Date(today + span.futureDays * DAY_MS) };
  if (!calendar.windowStart || !calendar.windowEnd) return fresh;
  const stored = { start: new Date(calendar.windowStart), end: new Date(calendar.windowEnd) };
  const sameSpan = stored.end.getTime() - stored.start.getTime() === fresh.end.getTime() - fresh.start.getTime();
  const behind = fresh.end.getTime() - stored.end.getTime();
  return sameSpan && behind >= 0 && behind < WINDOW_SLIDES_EVERY_DAYS * DAY_MS ? stored : fresh;
}

/**
 * Walks one calendar's calendarView delta from its cursor to a fresh deltaLink, writing each page and its next
 * cursor in one transaction: a crash resumes after the last written page. A 410 / syncStateNotFound restarts this
 * calendar alone, once: its events are detached, the walk re-attaches those still there and the pass's sweep drops
 * the rest. A cursor opened for another window (the window slid, or the configuration changed) restarts it too; a
 * 404 (the calendar was deleted meanwhile) detaches its events for the sweep and ends its walk.
 */
export async function importCalendarDelta(context: CalendarImportContext, calendar: MicrosoftCalendarRecord): Promise<void> {
  const window = context.windowFor(calendar);
  let link = calendar.syncCursor;
  let restarted = false;
  const restart = async (reason: RestartReason) => {
    restarted = true;
    await context.records.restartCalendar(context.workspaceId, context.calendarChannelId, calendar.externalId);
    await context.calendars.saveCursor(calendar.id, null, null);
    context.onRestart(reason);
    link = null;
  };
  if (link && !sameWindow(calendar, window)) await restart('window-changed');

  for (;;) {
    const requested = link ?? initialCalendarDeltaLink(calendar, window);
    const readAt = context.echoes ? await context.echoes.readStarted() : null;
    let page: DeltaPage;
    try {
      page = await context.graph.request((client) => client.api(requested).header('Prefer', deltaPreferHeader(context.pageSize)).get());
    } catch (error) {
      if (error instanceof MicrosoftGraphException && error.kind === MicrosoftGraphErrorKind.SYNC_STATE_GONE && !restarted) {
        await restart('sync-state-gone');
        continue;
      }
      // Deleted (or unshared) in Outlook since the pass listed it: its events leave with it, the other calendars go on.
      if (error instanceof MicrosoftGraphException && error.kind === MicrosoftGraphErrorKind.NOT_FOUND) {
        await restart('calendar-gone');
        return;
      }
      throw error;
    }
    const next = page['@odata.nextLink'] ?? page['@odata.deltaLink'];
    if (!next) throw new MicrosoftGraphException(MicrosoftGraphErrorKind.UNKNOWN, 'calendarView delta page without nextLink or deltaLink', 200, null);
    const removed = page.value.filter((item) => !isImportable(item)).filter((item) => item.type !== 'seriesMaster').map((item) => item.id);
    const importable = page.value.filter(isImportable);
    const checksEchoes = calendar.syncCursor !== null && !restarted;
    const events = importable.map((item) => toImportedEvent(item, calendar.externalId, context.ownHandles));
    let echoed = new Set<string>();
    let overtaken = new Set<string>();
    const result = await context.records.saveEventsPage({
      workspaceId: context.workspaceId,
      calendarChannelId: context.calendarChannelId,
      calendarExternalId: calendar.externalId,
      events,
      removedExternalIds: removed,
      // Once the page holds its events' locks: a write to Outlook holding one has recorded its changeKey by then.
      withheld: context.echoes ? async (transaction, listed) => {
        const manager = transaction as EntityManager;
        const ids = new Set(listed.map((event) => event.externalId));
        const items = importable.filter((item) => ids.has(item.id));
        if (checksEchoes) echoed = await context.echoes!.echoedIds(context.calendarChannelId, items, manager);
        overtaken = await context.echoes!.overtaken(context.calendarChannelId, items.filter((item) => !echoed.has(item.id)), readAt!, manager);
        const deleted = await context.echoes!.deletedInCrm(context.calendarChannelId, listed, manager);
        return new Set([...echoed, ...overtaken, ...deleted]);
      } : undefined,
      checkpoint: async (transaction) => {
        await context.calendars.saveCursor(calendar.id, next, window, transaction as EntityManager);
        await context.echoes?.recordSeen(context.calendarChannelId, importable.filter((item) => !echoed.has(item.id) && !overtaken.has(item.id)), transaction as EntityManager);
      },
    });
    if (overtaken.size > 0) await rereadOvertaken(context, calendar, [...overtaken]);
    await context.onPage(result);
    if (!page['@odata.nextLink']) return;
    link = next;
  }
}

/**
 * Events a page carried from before one of the plugin's writes overtook it: read again one by one, and saved with
 * the same echo checks (what the write put there is an echo; an Outlook edit since then is applied).
 */
async function rereadOvertaken(context: CalendarImportContext, calendar: MicrosoftCalendarRecord, ids: string[]): Promise<void> {
  const fetched: GraphEvent[] = [];
  const gone: string[] = [];
  for (const id of ids) {
    try {
      fetched.push(await context.graph.request((client) => client.api(`/me/events/${encodeURIComponent(id)}`).header('Prefer', READ_PREFER).get()));
    } catch (error) {
      if (!(error instanceof MicrosoftGraphException && error.kind === MicrosoftGraphErrorKind.NOT_FOUND)) throw error;
      gone.push(id);
    }
  }
  const importable = fetched.filter(isImportable);
  let echoed = new Set<string>();
  const result = await context.records.saveEventsPage({
    workspaceId: context.workspaceId,
    calendarChannelId: context.calendarChannelId,
    calendarExternalId: calendar.externalId,
    events: importable.map((item) => toImportedEvent(item, calendar.externalId, context.ownHandles)),
    removedExternalIds: [...gone, ...fetched.filter((item) => !isImportable(item)).map((item) => item.id)],
    withheld: async (transaction, listed) => {
      const manager = transaction as EntityManager;
      const ids = new Set(listed.map((event) => event.externalId));
      echoed = await context.echoes!.echoedIds(context.calendarChannelId, importable.filter((item) => ids.has(item.id)), manager);
      return new Set([...echoed, ...(await context.echoes!.deletedInCrm(context.calendarChannelId, listed, manager))]);
    },
    checkpoint: async (transaction) => context.echoes!.recordSeen(context.calendarChannelId, importable.filter((item) => !echoed.has(item.id)), transaction as EntityManager),
  });
  await context.onPage(result);
}
