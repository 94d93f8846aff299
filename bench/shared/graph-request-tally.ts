// Counts the Graph requests the CRM process sends, by what they ask for, from the outside of the plugin (its HTTP
// transport wrapped): the emulator's counter says how many, this says where they went. `$batch` items count one each,
// as Outlook's limits count them.
import type { MicrosoftHttpTransport } from '@m365/server-module';

/** `GET /me/calendars/{id}/calendarView/delta?$skiptoken=…` → `GET calendarView/delta (next page)`; contacts likewise. */
export function requestKind(method: string, url: string): string {
  const path = decodeURIComponent(url.replace(/^https?:\/\/[^/]+/, '').replace(/^\/(v1\.0|beta)/, ''));
  const [route = '', query = ''] = path.split('?');
  const m = method.toUpperCase();
  if (/\/calendarView\/delta/i.test(route)) return `${m} calendarView/delta (${/\$(skip|delta)token=/i.test(query) ? 'next page' : 'first page'})`;
  if (/\/calendarView$/i.test(route)) return `${m} calendarView`;
  if (/\/events\/[^/]+\/instances$/i.test(route)) return `${m} events/{id}/instances`;
  if (/\/events\/[^/]+$/i.test(route)) return `${m} events/{id}`;
  if (/\/events$/i.test(route)) return `${m} events`;
  if (/\/calendars$/i.test(route)) return `${m} calendars`;
  if (/\/contacts\/delta/i.test(route)) return `${m} contacts/delta (${/\$(skip|delta)token=/i.test(query) ? 'next page' : 'first page'})`;
  if (/\/childFolders$/i.test(route)) return `${m} contactFolders/{id}/childFolders`;
  if (/\/contactFolders$/i.test(route)) return `${m} contactFolders`;
  if (/\/contacts\/[^/]+$/i.test(route)) return `${m} contacts/{id}`;
  if (/\/subscriptions/i.test(route)) return `${m} subscriptions`;
  return `${m} ${route.replace(/\/[A-Za-z0-9_=-]{20,}/g, '/{id}')}`;
}

export class GraphRequestTally {
  byKind: Record<string, number> = {};

  constructor(private readonly graphBaseUrl: string) {}

  attach(transport: MicrosoftHttpTransport): void {
    const original = transport.fetch.bind(transport);
    transport.fetch = (async (input: Parameters<MicrosoftHttpTransport['fetch']>[0], init: Parameters<MicrosoftHttpTransport['fetch']>[1] = {}) => {
      const url = String(input);
      if (url.startsWith(this.graphBaseUrl)) {
        if (new URL(url).pathname.endsWith('/$batch') && typeof init.body === 'string') {
          const sent = JSON.parse(init.body) as { requests: Array<{ method?: string; url: string }> };
          for (const item of sent.requests) this.count(`$batch item: ${requestKind(item.method ?? 'GET', item.url)}`);
        } else {
          this.count(requestKind(init.method ?? 'GET', url));
        }
      }
      return original(input, init);
    }) as MicrosoftHttpTransport['fetch'];
  }

  reset(): void {
    this.byKind = {};
  }

  private count(kind: string): void {
    this.byKind[kind] = (this.byKind[kind] ?? 0) + 1;
  }
}
