// After the run: the CRM's events against Outlook's calendarView (the emulator, as the user sees it), instance by
// instance — the same ids, each at the same instants with the same title, nothing missing, nothing twice.
import type { DataSource } from 'typeorm';
import type { AccountGraphClient } from '../../server-module/src/graph/account-graph-client.js';
import type { CheckFigures } from './calendar-messages.js';

interface ViewItem {
  id: string;
  subject: string | null;
  start: { dateTime: string };
  end: { dateTime: string };
}

interface Instance {
  id: string;
  title: string;
  startsAt: string;
  endsAt: string;
}

const utc = (dateTime: string) => new Date(`${dateTime.slice(0, 23)}Z`).toISOString();

async function outlookView(graph: AccountGraphClient, calendarId: string, window: { start: Date; end: Date }): Promise<Instance[]> {
  const items: Instance[] = [];
  let link: string | undefined = `/me/calendars/${encodeURIComponent(calendarId)}/calendarView?startDateTime=${window.start.toISOString()}&endDateTime=${window.end.toISOString()}&$top=1000&$select=id,subject,start,end`;
  while (link) {
    const current: string = link;
    const page: { value: ViewItem[]; '@odata.nextLink'?: string } = await graph.request((client) => client.api(current).header('Prefer', 'outlook.timezone="UTC"').get());
    items.push(...page.value.map((item) => ({ id: item.id, title: item.subject ?? '', startsAt: utc(item.start.dateTime), endsAt: utc(item.end.dateTime) })));
    link = page['@odata.nextLink'];
  }
  return items;
}

export async function compareWithOutlook(graph: AccountGraphClient, dataSource: DataSource, calendarChannelId: string, calendarIds: string[], window: { start: Date; end: Date }): Promise<CheckFigures> {
  const outlook = (await Promise.all(calendarIds.map((id) => outlookView(graph, id, window)))).flat();
  const rows: Array<{ id: string; title: string | null; startsAt: Date; endsAt: Date; iCalUid: string | null; calendarEventId: string }> = await dataSource.query(
    `SELECT a."eventExternalId" AS "id", e."title", e."startsAt", e."endsAt", e."iCalUid", a."calendarEventId" FROM "calendarChannelEventAssociation" a
     JOIN "calendarEvent" e ON e."id" = a."calendarEventId" WHERE a."calendarChannelId" = $1 AND a."calendarExternalId" IS NOT NULL`,
    [calendarChannelId],
  );
  const crm = new Map<string, Instance>();
  let duplicated = 0;
  for (const row of rows) {
    if (crm.has(row.id)) duplicated += 1;
    crm.set(row.id, { id: row.id, title: row.title ?? '', startsAt: row.startsAt.toISOString(), endsAt: row.endsAt.toISOString() });
  }
  // One Outlook instance is one calendarEvent: two rows with its iCalUId are a duplicate.
  const uids = rows.filter((row) => row.iCalUid).map((row) => `${row.iCalUid}|${row.calendarEventId}`);
  const rowsPerUid = new Map<string, number>();
  for (const key of new Set(uids)) rowsPerUid.set(key.split('|')[0]!, (rowsPerUid.get(key.split('|')[0]!) ?? 0) + 1);
  for (const count of rowsPerUid.values()) duplicated += count - 1;

  const examples: string[] = [];
  const inOutlook = new Set<string>();
  let lost = 0;
  let mismatched = 0;
  for (const instance of outlook) {
    if (inOutlook.has(instance.id)) continue;
    inOutlook.add(instance.id);
    const mine = crm.get(instance.id);
    if (!mine) {
      lost += 1;
      if (examples.length < 5) examples.push(`lost ${instance.id} "${instance.title}" ${instance.startsAt}`);
    } else if (mine.startsAt !== instance.startsAt || mine.endsAt !== instance.endsAt || mine.title !== instance.title) {
      mismatched += 1;
      if (examples.length < 5) examples.push(`mismatched ${instance.id}: Outlook "${instance.title}" ${instance.startsAt}–${instance.endsAt}, CRM "${mine.title}" ${mine.startsAt}–${mine.endsAt}`);
    }
  }
  const stale = [...crm.keys()].filter((id) => !inOutlook.has(id)).length;
  return { outlookInstances: inOutlook.size, crmRows: rows.length, lost, duplicated, stale, mismatched, examples };
}
