import { GraphClientFactory, MicrosoftTokenService } from '@m365/server-module';
import { connectMailbox, eventually, startTestHost, TestHttpClient, type TestHost } from '../../test-support/index.js';
import { AccountGraphClient } from '../src/graph/account-graph-client.js';
import { chooseSyncWindow } from '../src/calendar/calendar-view-delta.importer.js';
import { DEFAULT_CALENDAR_WINDOW } from '../src/calendar/calendar-sync.constants.js';

const USER = 'megan.bowen@contoso.com';

interface Case {
  name: string;
  zone: string;
  start: string;
  end: string;
  isAllDay?: boolean;
  pattern: Record<string, unknown>;
  range: Record<string, unknown>;
}

// Each pattern type with each range type, in zones with DST changes on both hemispheres, a 30-minute offset, Windows
// and IANA names, and all-day series across DST. Dates are within the default window (a year back, two ahead).
const CASES: Case[] = [
  { name: 'daily, numbered, New York across the March switch', zone: 'Eastern Standard Time', start: '2027-03-10T08:30:00', end: '2027-03-10T09:00:00', pattern: { type: 'daily', interval: 1 }, range: { type: 'numbered', startDate: '2027-03-10', numberOfOccurrences: 10 } },
  { name: 'every other day, end date, Berlin across the autumn switch', zone: 'W. Europe Standard Time', start: '2027-10-25T18:00:00', end: '2027-10-25T19:00:00', pattern: { type: 'daily', interval: 2 }, range: { type: 'endDate', startDate: '2027-10-25', endDate: '2027-11-08' } },
  { name: 'weekly on three days, no end, Sydney across April', zone: 'AUS Eastern Standard Time', start: '2027-03-29T09:00:00', end: '2027-03-29T09:15:00', pattern: { type: 'weekly', interval: 1, daysOfWeek: ['monday', 'wednesday', 'friday'], firstDayOfWeek: 'monday' }, range: { type: 'noEnd', startDate: '2027-03-29' } },
  { name: 'every two weeks, end date, India (+5:30)', zone: 'India Standard Time', start: '2027-01-04T10:00:00', end: '2027-01-04T11:00:00', pattern: { type: 'weekly', interval: 2, daysOfWeek: ['monday'] }, range: { type: 'endDate', startDate: '2027-01-04', endDate: '2027-04-30' } },
  { name: 'monthly on the 31st, numbered, IANA Los Angeles', zone: 'America/Los_Angeles', start: '2027-01-31T16:00:00', end: '2027-01-31T17:00:00', pattern: { type: 'absoluteMonthly', interval: 1, dayOfMonth: 31 }, range: { type: 'numbered', startDate: '2027-01-31', numberOfOccurrences: 8 } },
  { name: 'monthly on the last Friday, no end, Berlin', zone: 'W. Europe Standard Time', start: '2027-01-29T15:00:00', end: '2027-01-29T16:00:00', pattern: { type: 'relativeMonthly', interval: 1, daysOfWeek: ['friday'], index: 'last' }, range: { type: 'noEnd', startDate: '2027-01-29' } },
  { name: 'yearly on 1 July, no end, UTC', zone: 'UTC', start: '2026-07-01T12:00:00', end: '2026-07-01T13:00:00', pattern: { type: 'absoluteYearly', interval: 1, dayOfMonth: 1, month: 7 }, range: { type: 'noEnd', startDate: '2026-07-01' } },
  { name: 'yearly on the first Monday of September, numbered, New York', zone: 'Eastern Standard Time', start: '2027-09-06T09:00:00', end: '2027-09-06T17:00:00', pattern: { type: 'relativeYearly', interval: 1, daysOfWeek: ['monday'], index: 'first', month: 9 }, range: { type: 'numbered', startDate: '2027-09-06', numberOfOccurrences: 3 } },
  { name: 'all-day weekly across the Berlin spring switch', zone: 'W. Europe Standard Time', isAllDay: true, start: '2027-03-22T00:00:00', end: '2027-03-23T00:00:00', pattern: { type: 'weekly', interval: 1, daysOfWeek: ['monday'] }, range: { type: 'numbered', startDate: '2027-03-22', numberOfOccurrences: 4 } },
  { name: 'all-day monthly, Sydney', zone: 'AUS Eastern Standard Time', isAllDay: true, start: '2027-01-15T00:00:00', end: '2027-01-16T00:00:00', pattern: { type: 'absoluteMonthly', interval: 1, dayOfMonth: 15 }, range: { type: 'endDate', startDate: '2027-01-15', endDate: '2027-06-30' } },
];

interface ViewItem {
  id: string;
  seriesMasterId: string | null;
  start: { dateTime: string };
  end: { dateTime: string };
}

describe('Recurring meetings in the CRM, occurrence by occurrence as Outlook expands them', () => {
  let host: TestHost;
  let admin: TestHttpClient;
  let graph: AccountGraphClient;
  let calendarChannelId: string;
  const masters = new Map<string, string>();

  beforeAll(async () => {
    host = await startTestHost();
    admin = new TestHttpClient(host.emulator!.baseUrl, host.emulator!.caCertPem);
    for (const each of CASES) {
      const response = await admin.request('POST', `/_admin/mailboxes/${USER}/events`, {
        body: { subject: each.name, isAllDay: each.isAllDay ?? false, start: { dateTime: each.start, timeZone: each.zone }, end: { dateTime: each.end, timeZone: each.zone }, recurrence: { pattern: each.pattern, range: { ...each.range, recurrenceTimeZone: each.zone } } },
      });
      if (response.status !== 201) throw new Error(`${each.name}: ${response.status} ${response.text}`);
      masters.set(each.name, response.json<{ id: string }>().id);
    }
    const mailbox = await connectMailbox(host, host.client, USER, USER);
    [{ id: calendarChannelId }] = await host.dataSource.query(`SELECT "id" FROM "calendarChannel" WHERE "connectedAccountId" = $1`, [mailbox.connectedAccountId]);
    await eventually(async () => {
      const [row] = await host.dataSource.query(`SELECT "syncStatus", "syncStage" FROM "calendarChannel" WHERE "id" = $1`, [calendarChannelId]);
      return row.syncStatus === 'ACTIVE' && row.syncStage === 'CALENDAR_EVENT_LIST_FETCH_PENDING';
    }, 60_000, 'first calendar import');
    graph = new AccountGraphClient(host.app.get(GraphClientFactory), host.app.get(MicrosoftTokenService), mailbox.workspaceId, mailbox.connectedAccountId);
  });

  afterAll(async () => {
    await admin?.close();
    await host?.close();
  });

  it.each(CASES.map((each) => [each.name, each] as const))('%s', async (name, each) => {
    const window = chooseSyncWindow({ windowStart: null, windowEnd: null }, DEFAULT_CALENDAR_WINDOW);
    const masterId = masters.get(name)!;
    const page: { value: ViewItem[] } = await graph.request((client) =>
      client.api(`/me/events/${masterId}/instances?startDateTime=${window.start.toISOString()}&endDateTime=${window.end.toISOString()}&$top=1000`).header('Prefer', 'outlook.timezone="UTC"').get(),
    );
    const expected = page.value
      .map((item) => ({ id: item.id, startsAt: `${item.start.dateTime.slice(0, 23)}Z`, endsAt: `${item.end.dateTime.slice(0, 23)}Z` }))
      .map((item) => ({ ...item, startsAt: new Date(item.startsAt).toISOString(), endsAt: new Date(item.endsAt).toISOString() }))
      .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
    const rows: Array<{ id: string; startsAt: Date; endsAt: Date; isFullDay: boolean; timeZone: string }> = await host.dataSource.query(
      `SELECT a."eventExternalId" AS id, e."startsAt", e."endsAt", e."isFullDay", e."timeZone" FROM "calendarChannelEventAssociation" a JOIN "calendarEvent" e ON e."id" = a."calendarEventId"
       WHERE a."calendarChannelId" = $1 AND a."recurringEventExternalId" = $2 ORDER BY e."startsAt"`,
      [calendarChannelId, masterId],
    );
    expect(expected.length).toBeGreaterThan(1);
    if (each.isAllDay) {
      // All-day occurrences keep their dates: midnight of each date in the CRM, whatever instant Outlook's UTC view names.
      expect(rows.every((row) => row.isFullDay && row.startsAt.toISOString().endsWith('T00:00:00.000Z'))).toBe(true);
      expect(rows.map((row) => row.id)).toEqual(expected.map((item) => item.id));
      const localDates = rows.map((row) => row.startsAt.toISOString().slice(0, 10));
      expect(localDates[0]).toBe(each.start.slice(0, 10));
      expect(new Set(localDates).size).toBe(rows.length);
    } else {
      expect(rows.map((row) => ({ id: row.id, startsAt: row.startsAt.toISOString(), endsAt: row.endsAt.toISOString() }))).toEqual(expected);
    }
    expect(new Set(rows.map((row) => row.timeZone)).size).toBe(1);
  });
});
