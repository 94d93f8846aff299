import type { AccountGraphClient } from '../graph/account-graph-client.js';
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
