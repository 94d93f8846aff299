import type { EmulatorStore } from '../store/emulator-store.js';
import type { EventContent } from '../store/calendar/calendar-records.js';
import { expand, type EventInstance } from './event-instances.js';
import { parseWall, wallToInstant } from './time-zones.js';

export type FreeBusyStatus = 'free' | 'tentative' | 'busy' | 'oof' | 'workingElsewhere';

/** One busy block of a mailbox's default calendar, in epoch ms. */
export interface BusyBlock {
  startMs: number;
  endMs: number;
  status: Exclude<FreeBusyStatus, 'free'>;
  content: EventContent;
}

const DAY = 86_400_000;
// availabilityView's digits (resources/scheduleinformation.md); which one wins where blocks overlap is not
// documented: the emulator shows the strongest, out of office over busy over tentative over working elsewhere.
const DIGIT: Record<FreeBusyStatus, string> = { free: '0', tentative: '1', busy: '2', oof: '3', workingElsewhere: '4' };
const RANK: Record<FreeBusyStatus, number> = { free: 0, workingElsewhere: 1, tentative: 2, busy: 3, oof: 4 };

/**
 * An instance's time as free/busy counts it. An all-day event covers its dates as midnight to midnight in `dayZone`
 * (the zone the request's window is written in: field reports show Graph answering all-day items at midnight of
 * the requested zone), whatever zone it was created in.
 */
function blockTimes(instance: EventInstance, dayZone: string): { startMs: number; endMs: number } {
  if (!instance.content.isAllDay) return { startMs: instance.startMs, endMs: instance.endMs };
  const startDate = parseWall(instance.content.start.dateTime.slice(0, 10) + 'T00:00:00')!;
  const endDate = parseWall(instance.content.end.dateTime.slice(0, 10) + 'T00:00:00')!;
  return { startMs: wallToInstant(startDate, dayZone), endMs: wallToInstant(Math.max(endDate, startDate + DAY), dayZone) };
}

/**
 * How a block counts: its showAs, except that a meeting the user was invited to and has not answered, or answered
 * tentatively, counts as tentative where it shows busy (Outlook places an invitation on the invitee's calendar as
 * tentative; the emulator's copies keep the organizer's showAs, so free/busy reads the response instead).
 */
function statusOf(instance: EventInstance): BusyBlock['status'] {
  const { showAs, responseStatus } = instance.content;
  const unanswered = !instance.record.isOrganizer && ['none', 'notResponded', 'tentativelyAccepted'].includes(responseStatus.response);
  return showAs === 'busy' && unanswered ? 'tentative' : (showAs as BusyBlock['status']);
}

/**
 * The busy blocks of the user's default calendar overlapping `[from, until)`: singles, occurrences and exceptions
 * (series expanded, cancelled occurrences and cancelled meetings left out), events shown as free (or unknown) left
 * out, by start.
 */
export function busyBlocks(store: EmulatorStore, userId: string, from: number, until: number, dayZone: string): BusyBlock[] {
  const calendar = store.calendar.defaultCalendar(userId);
  const blocks: BusyBlock[] = [];
  for (const record of store.calendar.listEvents(userId, calendar.id)) {
    // A day on either side: an all-day event's dates are read in `dayZone`, not in the zone it was stored with.
    for (const instance of expand(record, from - DAY, until + DAY)) {
      const { content } = instance;
      if (content.isCancelled || content.showAs === 'free' || content.showAs === 'unknown') continue;
      const { startMs, endMs } = blockTimes(instance, dayZone);
      if (!(startMs < until && endMs > from)) continue;
      blocks.push({ startMs, endMs, status: statusOf(instance), content });
    }
  }
  return blocks.sort((a, b) => a.startMs - b.startMs || a.endMs - b.endMs);
}

/** The merged view: one digit per `intervalMinutes` slot from `from` (the last slot may run past `until`). */
export function availabilityView(blocks: BusyBlock[], from: number, until: number, intervalMinutes: number): string {
  const slot = intervalMinutes * 60_000;
  const slots = Math.max(0, Math.ceil((until - from) / slot));
  const view: FreeBusyStatus[] = new Array(slots).fill('free');
  for (const block of blocks) {
    const first = Math.max(0, Math.floor((block.startMs - from) / slot));
    const last = Math.min(slots - 1, Math.ceil((block.endMs - from) / slot) - 1);
    for (let index = first; index <= last; index += 1) {
      if (RANK[block.status] > RANK[view[index]!]) view[index] = block.status;
    }
  }
  return view.map((status) => DIGIT[status]).join('');
}
