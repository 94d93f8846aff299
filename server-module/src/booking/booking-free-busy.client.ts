import { Inject, Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { AccountGraphClient } from '../graph/account-graph-client.js';
import { GraphClientFactory } from '../graph/graph-client.factory.js';
import { MicrosoftTokenService } from '../tokens/microsoft-token.service.js';
import type { TimeInterval } from '../scheduling/free-slots.util.js';

interface ViewEvent {
  start?: { dateTime: string; timeZone?: string };
  end?: { dateTime: string; timeZone?: string };
  showAs?: string;
  isAllDay?: boolean;
  isCancelled?: boolean;
}

/** Outlook's showAs values that leave the time free; every other one (busy, tentative, oof, unknown) blocks a slot. */
const FREE = new Set(['free', 'workingElsewhere']);
const PIECE_MS = 16 * 86_400_000;

/**
 * The busy times of some of an account's calendars, from `GET /me/calendars/{id}/calendarView` (occurrences of
 * recurring series expanded by Outlook; user-list-calendarview.md). Only start, end, showAs and isAllDay are asked
 * for: no subject or attendee ever reaches booking. All-day events are whole days in the page's zone.
 */
@Injectable()
export class BookingFreeBusyClient {
  constructor(
    @Inject(GraphClientFactory) private readonly graphFactory: GraphClientFactory,
    @Inject(MicrosoftTokenService) private readonly tokens: MicrosoftTokenService,
  ) {}

  async busy(workspaceId: string, connectedAccountId: string, calendarExternalIds: string[], start: Date, end: Date, pageZone: string): Promise<TimeInterval[]> {
    const graph = new AccountGraphClient(this.graphFactory, this.tokens, workspaceId, connectedAccountId);
    // A long window is asked in pieces of 16 days at once (the mailbox gate keeps 4 in flight) rather than page after
    // page; an event across two pieces comes twice, which changes nothing for free/busy.
    const pieces: Array<[Date, Date]> = [];
    for (let from = start.getTime(); from < end.getTime(); from += PIECE_MS) pieces.push([new Date(from), new Date(Math.min(from + PIECE_MS, end.getTime()))]);
    const lists = await Promise.all(calendarExternalIds.flatMap((id) => pieces.map(([from, until]) => this.calendarBusy(graph, id, from, until, pageZone))));
    return lists.flat().sort((a, b) => a.start.getTime() - b.start.getTime());
  }

  private async calendarBusy(graph: AccountGraphClient, calendarId: string, start: Date, end: Date, pageZone: string): Promise<TimeInterval[]> {
    const busy: TimeInterval[] = [];
    let link: string | undefined =
      `/me/calendars/${encodeURIComponent(calendarId)}/calendarView?startDateTime=${encodeURIComponent(start.toISOString())}` +
      `&endDateTime=${encodeURIComponent(end.toISOString())}&$select=start,end,showAs,isAllDay,isCancelled&$top=1000`;
    while (link) {
      const url: string = link;
      const page = (await graph.request((client) => client.api(url).header('Prefer', 'outlook.timezone="UTC"').get())) as { value: ViewEvent[]; '@odata.nextLink'?: string };
      for (const event of page.value) {
        if (event.isCancelled || FREE.has(event.showAs ?? 'busy') || !event.start || !event.end) continue;
        busy.push(event.isAllDay ? wholeDays(event.start.dateTime, event.end.dateTime, pageZone) : { start: utc(event.start.dateTime), end: utc(event.end.dateTime) });
      }
      link = page['@odata.nextLink'];
    }
    return busy;
  }
}

/** Graph's UTC `dateTime` ("2026-03-02T09:00:00.0000000"): to the second, which is all a calendar holds. */
const utc = (dateTime: string) => new Date(`${dateTime.slice(0, 19)}Z`);

/** An all-day event's dates are floating: they are the member's days, so midnight to midnight in the page's zone. */
function wholeDays(start: string, end: string, zone: string): TimeInterval {
  return { start: DateTime.fromISO(start.slice(0, 10), { zone }).toJSDate(), end: DateTime.fromISO(end.slice(0, 10), { zone }).toJSDate() };
}
