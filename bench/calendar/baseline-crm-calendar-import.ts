// The CRM's own Microsoft calendar driver's access pattern, as a small client against the same emulator: a delta
// walk that it reads for ids only, then one GET per event id for its content. Twenty walks the beta
// `/me/calendar/events/delta` (ids, type, start, end; series not expanded); the emulator serves v1.0 only, so the
// ids come here from each calendar's calendarView delta over the same window as ours (occurrence ids, since the
// figure is per imported occurrence), at the same page size. It writes nothing: only its requests are counted.
import type { AccountGraphClient } from '../../server-module/src/graph/account-graph-client.js';

interface DeltaPage {
  value: Array<{ id: string; '@removed'?: unknown }>;
  '@odata.nextLink'?: string;
  '@odata.deltaLink'?: string;
}

/** The concurrency Outlook allows an app per mailbox; the plugin's mailbox gate holds it too. */
const IN_FLIGHT = 4;

export async function baselineCalendarImport(graph: AccountGraphClient, calendarIds: string[], window: { start: Date; end: Date }, pageSize: number): Promise<number> {
  const range = `startDateTime=${encodeURIComponent(window.start.toISOString())}&endDateTime=${encodeURIComponent(window.end.toISOString())}`;
  const ids: string[] = [];
  for (const calendarId of calendarIds) {
    let link: string | undefined = `/me/calendars/${encodeURIComponent(calendarId)}/calendarView/delta?${range}`;
    while (link) {
      const current: string = link;
      const page: DeltaPage = await graph.request((client) => client.api(current).header('Prefer', `odata.maxpagesize=${pageSize}`).get());
      for (const item of page.value) if (!item['@removed']) ids.push(item.id);
      link = page['@odata.nextLink'];
    }
  }
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < ids.length; index = next++) {
      const id = ids[index]!;
      await graph.request((client) => client.api(`/me/events/${encodeURIComponent(id)}`).header('Prefer', 'outlook.timezone="UTC"').get());
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  return ids.length;
}
