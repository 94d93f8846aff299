import { calendarClient } from './support/calendar-client.js';
import { useTestEmulator } from './support/emulator-suite.js';
import type { Json, MailClient } from './support/mail-client.js';

interface Case {
  name: string;
  start: string;
  end: string;
  timeZone: string;
  recurrence: Json;
  window: [string, string];
  /** The occurrences' starts, as UTC instants. */
  expected: string[];
  isAllDay?: boolean;
}

const utc = (list: string[]) => list.map((value) => `${value}:00.0000000`);

// Each pattern type and range type, with DST changes in New York, Berlin and Sydney, 30-minute-offset zones
// (India, Adelaide), a Windows zone name, and a month day that shorter months do not have.
const CASES: Case[] = [
  {
    name: 'daily every 2 days, numbered, across the US spring change (New York)',
    start: '2026-03-06T09:00:00', end: '2026-03-06T09:30:00', timeZone: 'America/New_York',
    recurrence: { pattern: { type: 'daily', interval: 2 }, range: { type: 'numbered', startDate: '2026-03-06', numberOfOccurrences: 5 } },
    window: ['2026-03-01T00:00:00Z', '2026-04-01T00:00:00Z'],
    expected: utc(['2026-03-06T14:00', '2026-03-08T13:00', '2026-03-10T13:00', '2026-03-12T13:00', '2026-03-14T13:00']),
  },
  {
    name: 'weekly on Monday and Wednesday, endDate, across the EU spring change (Berlin)',
    start: '2026-03-23T09:00:00', end: '2026-03-23T10:00:00', timeZone: 'Europe/Berlin',
    recurrence: { pattern: { type: 'weekly', interval: 1, daysOfWeek: ['monday', 'wednesday'], firstDayOfWeek: 'monday' }, range: { type: 'endDate', startDate: '2026-03-23', endDate: '2026-04-01' } },
    window: ['2026-03-01T00:00:00Z', '2026-05-01T00:00:00Z'],
    expected: utc(['2026-03-23T08:00', '2026-03-25T08:00', '2026-03-30T07:00', '2026-04-01T07:00']),
  },
  {
    name: 'weekly, noEnd, across the US autumn change, in a Windows zone name',
    start: '2026-10-26T09:00:00', end: '2026-10-26T09:15:00', timeZone: 'Eastern Standard Time',
    recurrence: { pattern: { type: 'weekly', interval: 1, daysOfWeek: ['Monday'] }, range: { type: 'noEnd', startDate: '2026-10-26' } },
    window: ['2026-10-01T00:00:00Z', '2026-11-17T00:00:00Z'],
    expected: utc(['2026-10-26T13:00', '2026-11-02T14:00', '2026-11-09T14:00', '2026-11-16T14:00']),
  },
  {
    name: 'absoluteMonthly on day 31 (last day of shorter months), numbered, across the Sydney autumn change',
    start: '2026-01-31T10:00:00', end: '2026-01-31T11:00:00', timeZone: 'Australia/Sydney',
    recurrence: { pattern: { type: 'absoluteMonthly', interval: 1, dayOfMonth: 31 }, range: { type: 'numbered', startDate: '2026-01-31', numberOfOccurrences: 4 } },
    window: ['2026-01-01T00:00:00Z', '2026-12-31T00:00:00Z'],
    expected: utc(['2026-01-30T23:00', '2026-02-27T23:00', '2026-03-30T23:00', '2026-04-30T00:00']),
  },
  {
    name: 'relativeMonthly on the last Friday, noEnd, India (UTC+05:30, Windows name)',
    start: '2026-01-30T15:00:00', end: '2026-01-30T15:30:00', timeZone: 'India Standard Time',
    recurrence: { pattern: { type: 'relativeMonthly', interval: 1, daysOfWeek: ['friday'], index: 'last' }, range: { type: 'noEnd', startDate: '2026-01-30' } },
    window: ['2026-01-01T00:00:00Z', '2026-05-01T00:00:00Z'],
    expected: utc(['2026-01-30T09:30', '2026-02-27T09:30', '2026-03-27T09:30', '2026-04-24T09:30']),
  },
  {
    name: 'absoluteYearly on 15 March, endDate, Adelaide (UTC+10:30 in summer)',
    start: '2026-03-15T09:00:00', end: '2026-03-15T10:00:00', timeZone: 'Australia/Adelaide',
    recurrence: { pattern: { type: 'absoluteYearly', interval: 1, month: 3, dayOfMonth: 15 }, range: { type: 'endDate', startDate: '2026-03-15', endDate: '2028-12-31' } },
    window: ['2026-01-01T00:00:00Z', '2030-01-01T00:00:00Z'],
    expected: utc(['2026-03-14T22:30', '2027-03-14T22:30', '2028-03-14T22:30']),
  },
  {
    name: 'relativeYearly on the first Monday of September, numbered (New York)',
    start: '2026-09-07T10:00:00', end: '2026-09-07T11:00:00', timeZone: 'America/New_York',
    recurrence: { pattern: { type: 'relativeYearly', interval: 1, month: 9, daysOfWeek: ['monday'], index: 'first' }, range: { type: 'numbered', startDate: '2026-09-07', numberOfOccurrences: 3 } },
    window: ['2026-01-01T00:00:00Z', '2030-01-01T00:00:00Z'],
    expected: utc(['2026-09-07T14:00', '2027-09-06T14:00', '2028-09-04T14:00']),
  },
  {
    name: 'daily, endDate, across the Sydney autumn change',
    start: '2026-04-04T09:00:00', end: '2026-04-04T10:00:00', timeZone: 'AUS Eastern Standard Time',
    recurrence: { pattern: { type: 'daily', interval: 1 }, range: { type: 'endDate', startDate: '2026-04-04', endDate: '2026-04-06' } },
    window: ['2026-04-01T00:00:00Z', '2026-04-30T00:00:00Z'],
    expected: utc(['2026-04-03T22:00', '2026-04-04T23:00', '2026-04-05T23:00']),
  },
];

async function series(c: MailClient, item: Case): Promise<Json> {
  const made = await c.graph('/me/events', {
    method: 'POST',
    body: {
      subject: item.name,
      start: { dateTime: item.start, timeZone: item.timeZone },
      end: { dateTime: item.end, timeZone: item.timeZone },
      ...(item.isAllDay ? { isAllDay: true } : {}),
      recurrence: item.recurrence,
    },
  });
  expect(made.status).toBe(201);
  expect(made.body).toMatchObject({ type: 'seriesMaster', originalStartTimeZone: item.timeZone });
  return made.body;
}

describe('calendar: recurrence', () => {
  const t = useTestEmulator();
  let c: MailClient;
  beforeAll(async () => {
    c = await calendarClient(t);
  });

  it.each(CASES)('$name', async (item) => {
    const master = await series(c, item);
    const [from, until] = item.window;
    const instances = await c.graph(`/me/events/${master.id}/instances?startDateTime=${from}&endDateTime=${until}&$top=100`);
    expect(instances.status).toBe(200);
    expect(instances.body.value.map((instance: Json) => instance.start.dateTime)).toEqual(item.expected);
    for (const instance of instances.body.value) {
      expect(instance).toMatchObject({ type: 'occurrence', seriesMasterId: master.id, recurrence: null });
      expect(instance.start.timeZone).toBe('UTC');
      expect(instance.iCalUId).not.toBe(master.iCalUId);
    }
    // In the series' own zone every occurrence keeps its wall-clock time.
    const local = await c.graph(`/me/events/${master.id}/instances?startDateTime=${from}&endDateTime=${until}&$top=100`, { headers: { Prefer: `outlook.timezone="${item.timeZone}"` } });
    expect(local.headers.get('preference-applied')).toBe(`outlook.timezone="${item.timeZone}"`);
    const wall = `${item.start.slice(11)}.0000000`;
    expect(local.body.value.every((instance: Json) => instance.start.dateTime.endsWith(wall) && instance.start.timeZone === item.timeZone)).toBe(true);
    // calendarView has the occurrences and not the master; /events has the master and not the occurrences.
    const view = await c.graph(`/me/calendarView?startDateTime=${from}&endDateTime=${until}&$top=1000&$filter=seriesMasterId eq '${master.id}'`);
    expect(view.body.value.map((instance: Json) => instance.id)).toEqual(instances.body.value.map((instance: Json) => instance.id));
    const events = await c.graph(`/me/events?$filter=${encodeURIComponent(`subject eq '${item.name}'`)}`);
    expect(events.body.value.map((event: Json) => event.id)).toEqual([master.id]);
    expect((await c.graph(`/me/events/${instances.body.value[1].id}`)).body).toMatchObject({ type: 'occurrence', start: instances.body.value[1].start });
  });

  it('keeps an all-day series on its dates across DST, whatever zone the client reads it in', async () => {
    const master = await series(c, {
      name: 'all-day weekly', start: '2026-03-27T00:00:00', end: '2026-03-28T00:00:00', timeZone: 'W. Europe Standard Time', isAllDay: true,
      recurrence: { pattern: { type: 'weekly', interval: 1, daysOfWeek: ['friday'] }, range: { type: 'numbered', startDate: '2026-03-27', numberOfOccurrences: 3 } },
      window: ['', ''], expected: [],
    });
    for (const zone of ['UTC', 'Pacific Standard Time', 'Asia/Tokyo']) {
      const list = await c.graph(`/me/events/${master.id}/instances?startDateTime=2026-03-20T00:00:00Z&endDateTime=2026-04-20T00:00:00Z`, { headers: { Prefer: `outlook.timezone="${zone}"` } });
      expect(list.body.value.map((instance: Json) => [instance.start.dateTime, instance.end.dateTime, instance.isAllDay])).toEqual([
        ['2026-03-27T00:00:00.0000000', '2026-03-28T00:00:00.0000000', true],
        ['2026-04-03T00:00:00.0000000', '2026-04-04T00:00:00.0000000', true],
        ['2026-04-10T00:00:00.0000000', '2026-04-11T00:00:00.0000000', true],
      ]);
    }
  });

  it('answers the documented 400s', async () => {
    const base = { subject: 'bad', start: { dateTime: '2026-03-02T09:00:00', timeZone: 'UTC' }, end: { dateTime: '2026-03-02T10:00:00', timeZone: 'UTC' } };
    const wrongStartDate = await c.graph('/me/events', { method: 'POST', body: { ...base, recurrence: { pattern: { type: 'daily', interval: 1 }, range: { type: 'noEnd', startDate: '2026-03-03' } } } });
    expect(wrongStartDate.status).toBe(400);
    const noDays = await c.graph('/me/events', { method: 'POST', body: { ...base, recurrence: { pattern: { type: 'weekly', interval: 1 }, range: { type: 'noEnd', startDate: '2026-03-02' } } } });
    expect(noDays.status).toBe(400);
    const badDay = await c.graph('/me/events', { method: 'POST', body: { ...base, recurrence: { pattern: { type: 'weekly', interval: 1, daysOfWeek: ['funday'] }, range: { type: 'noEnd', startDate: '2026-03-02' } } } });
    expect(badDay.status).toBe(400);
    const notMidnight = await c.graph('/me/events', { method: 'POST', body: { ...base, isAllDay: true } });
    expect(notMidnight.status).toBe(400);
    expect(notMidnight.body.error.code).toBe('ErrorPropertyValidationFailure');
    const twoZones = await c.graph('/me/events', { method: 'POST', body: { subject: 'x', isAllDay: true, start: { dateTime: '2026-03-02T00:00:00', timeZone: 'UTC' }, end: { dateTime: '2026-03-03T00:00:00', timeZone: 'Europe/Berlin' } } });
    expect(twoZones.status).toBe(400);
    const zone = await c.graph('/me/events', { method: 'POST', body: { ...base, start: { dateTime: '2026-03-02T09:00:00', timeZone: 'Mars/Olympus' } } });
    expect(zone.status).toBe(400);
    expect(zone.body.error.code).toBe('TimeZoneNotSupportedException');
    const unknown = await c.graph('/me/events', { method: 'POST', body: { ...base, colour: 'red' } });
    expect(unknown.status).toBe(400);
    const view = await c.graph('/me/calendarView?startDateTime=2026-03-01T00:00:00Z');
    expect(view.status).toBe(400);
    expect(view.body.error.code).toBe('ErrorInvalidParameter');
    expect((await c.graph('/me/calendarView?startDateTime=2026-03-01&endDateTime=2026-03-02&$search=x')).status).toBe(400);
    expect((await c.graph('/me/calendarView?startDateTime=2026-03-01&endDateTime=2026-03-02&$expand=attachments')).status).toBe(501);
  });
});
