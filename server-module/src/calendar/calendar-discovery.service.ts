import type { AccountGraphClient } from '../graph/account-graph-client.js';
import { runBatch } from '../graph/graph-batch.runner.js';
import type { MicrosoftCalendarInput } from './microsoft-calendar.repository.js';

interface GraphCalendar {
  id: string;
  name: string;
  color?: string | null;
  hexColor?: string | null;
  isDefaultCalendar?: boolean;
  canEdit?: boolean;
  owner?: { name?: string | null; address?: string | null } | null;
}

interface GraphPage<T> {
  value: T[];
  '@odata.nextLink'?: string;
}

/**
 * Every calendar of the account (`GET /me/calendars`, paged): its own and those shared with it. A calendar is the
 * account's own when its owner is one of the account's addresses, or it is the default calendar.
 * https://learn.microsoft.com/graph/api/user-list-calendars
 */
export async function discoverCalendars(graph: AccountGraphClient, ownHandles: Set<string>): Promise<MicrosoftCalendarInput[]> {
  const calendars: GraphCalendar[] = [];
  let link: string | undefined = '/me/calendars?$top=100';
  while (link) {
    const current: string = link;
    const page: GraphPage<GraphCalendar> = await graph.request((client) => client.api(current).get());
    calendars.push(...page.value);
    link = page['@odata.nextLink'];
  }
  return calendars.map((calendar) => {
    const owner = calendar.owner?.address?.toLowerCase() ?? null;
    return {
      externalId: calendar.id,
      name: calendar.name,
      color: calendar.color ?? null,
      hexColor: calendar.hexColor || null,
      ownerAddress: owner,
      isDefaultCalendar: calendar.isDefaultCalendar === true,
      canEdit: calendar.canEdit === true,
      isOwn: calendar.isDefaultCalendar === true || owner === null || ownHandles.has(owner),
    };
  });
}

/**
 * How many events the calendars hold over their windows, for the first import's progress in Settings: one `$batch`
 * of `calendarView?$count=true&$top=1`. Only an estimate: a calendar that does not answer counts 0.
 */
export async function estimateCalendarEvents<T extends { id: string; externalId: string }>(
  graph: AccountGraphClient,
  calendars: T[],
  windowFor: (calendar: T) => { start: Date; end: Date },
): Promise<number> {
  if (calendars.length === 0) return 0;
  const results = await runBatch(
    graph,
    calendars.map((calendar) => {
      const window = windowFor(calendar);
      const range = `startDateTime=${encodeURIComponent(window.start.toISOString())}&endDateTime=${encodeURIComponent(window.end.toISOString())}`;
      return { id: calendar.id, url: `/me/calendars/${encodeURIComponent(calendar.externalId)}/calendarView?${range}&$count=true&$top=1&$select=id` };
    }),
  ).catch(() => new Map<string, { status: number; body: unknown }>());
  let total = 0;
  for (const calendar of calendars) {
    const result = results.get(calendar.id);
    const count = result?.status === 200 ? Number((result.body as { '@odata.count'?: unknown })['@odata.count']) : NaN;
    if (Number.isFinite(count) && count > 0) total += count;
  }
  return total;
}
