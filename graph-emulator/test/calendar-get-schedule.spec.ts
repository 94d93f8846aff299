import { calendarClient } from './support/calendar-client.js';
import { MEGAN, useTestEmulator } from './support/emulator-suite.js';
import type { Json, MailClient } from './support/mail-client.js';
import { tokenWithScopes } from './support/scoped-token.js';
import { mailClient } from './support/mail-client.js';

const ALEX = 'alex.wilber@contoso.com';
const LEE = 'lee.gu@fabrikam.com';
const PACIFIC = 'Pacific Standard Time';
const at = (dateTime: string, timeZone = PACIFIC) => ({ dateTime, timeZone });
const PREFER_PACIFIC = { Prefer: `outlook.timezone="${PACIFIC}"` };

/** Alex's 4 March 2026 (Pacific): a cancelled stand-up occurrence, busy, tentative, out of office, and a free block. */
const ALEX_DAY: Json[] = [
  {
    subject: 'Stand-up', start: at('2026-03-03T09:00:00'), end: at('2026-03-03T09:30:00'),
    recurrence: { pattern: { type: 'daily', interval: 1 }, range: { type: 'numbered', startDate: '2026-03-03', numberOfOccurrences: 3 } },
    occurrenceEdits: [{ occurrence: 1, cancel: true }],
  },
  { subject: 'Lunch with Lee', location: { displayName: "Harry's Bar" }, start: at('2026-03-04T10:00:00'), end: at('2026-03-04T11:00:00') },
  { subject: 'Maybe', showAs: 'tentative', start: at('2026-03-04T12:00:00'), end: at('2026-03-04T13:00:00') },
  { subject: 'Dentist', showAs: 'oof', sensitivity: 'private', start: at('2026-03-04T15:00:00'), end: at('2026-03-04T16:00:00') },
  { subject: 'Reading time', showAs: 'free', start: at('2026-03-04T16:00:00'), end: at('2026-03-04T17:00:00') },
];

const DAY_REQUEST = (schedules: string[], interval: unknown = 60) => ({
  schedules, startTime: at('2026-03-04T09:00:00'), endTime: at('2026-03-04T18:00:00'), availabilityViewInterval: interval,
});

describe('calendar: getSchedule', () => {
  const t = useTestEmulator({}, { resetEachTest: true });
  let c: MailClient;
  const schedule = (body: unknown, headers: Record<string, string> = {}, client = c, path = '/me/calendar/getSchedule') =>
    client.graph(path, { method: 'POST', body, headers });

  beforeEach(async () => {
    c = await calendarClient(t);
    expect((await c.admin(`/mailboxes/${ALEX}/events`, 'POST', { events: ALEX_DAY })).status).toBe(201);
  });

  it("answers each address with its merged view, items in the Prefer zone and working hours, and only free/busy of another's calendar", async () => {
    const answer = await schedule(DAY_REQUEST([ALEX]), PREFER_PACIFIC);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('preference-applied')).toBe(`outlook.timezone="${PACIFIC}"`);
    expect(answer.body['@odata.context']).toMatch(/\$metadata#Collection\(microsoft\.graph\.scheduleInformation\)$/);
    const [alex] = answer.body.value as Json[];
    // 09 cancelled occurrence · 10 busy · 11 · 12 tentative · 13 · 14 · 15 oof · 16 free event · 17
    expect(alex).toEqual({
      scheduleId: ALEX,
      availabilityView: '020100300',
      scheduleItems: [
        { status: 'busy', start: at('2026-03-04T10:00:00.0000000'), end: at('2026-03-04T11:00:00.0000000') },
        { status: 'tentative', start: at('2026-03-04T12:00:00.0000000'), end: at('2026-03-04T13:00:00.0000000') },
        { status: 'oof', start: at('2026-03-04T15:00:00.0000000'), end: at('2026-03-04T16:00:00.0000000') },
      ],
      workingHours: {
        daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday'], startTime: '09:30:00.0000000', endTime: '18:00:00.0000000',
        timeZone: { name: 'Eastern Standard Time' },
      },
    });
  });

  it('shows subject and location to the owner and, when the owner shares titles, to colleagues; never of a private event', async () => {
    expect((await c.admin(`/mailboxes/${ALEX}/mailbox-settings`, 'PUT', { freeBusySharing: 'limitedDetails' })).status).toBe(200);
    const [alex] = (await schedule(DAY_REQUEST([ALEX]))).body.value as Json[];
    expect(alex.scheduleItems[0]).toEqual({
      isPrivate: false, status: 'busy', subject: 'Lunch with Lee', location: "Harry's Bar",
      start: { dateTime: '2026-03-04T18:00:00.0000000', timeZone: 'UTC' }, end: { dateTime: '2026-03-04T19:00:00.0000000', timeZone: 'UTC' },
    });
    expect(alex.scheduleItems[2]).toEqual({ status: 'oof', start: expect.any(Object), end: expect.any(Object) });
    await c.graph('/me/events', { method: 'POST', body: { subject: 'Pipeline review', start: at('2026-03-04T11:00:00'), end: at('2026-03-04T11:30:00') } });
    const [megan] = (await schedule(DAY_REQUEST([MEGAN], 30), PREFER_PACIFIC)).body.value as Json[];
    expect(megan.availabilityView).toBe('000020000000000000');
    expect(megan.scheduleItems).toEqual([{ isPrivate: false, status: 'busy', subject: 'Pipeline review', location: '', start: at('2026-03-04T11:00:00.0000000'), end: at('2026-03-04T11:30:00.0000000') }]);
    expect(megan.workingHours).toMatchObject({ startTime: '08:00:00.0000000', endTime: '17:00:00.0000000', timeZone: { name: PACIFIC } });
  });

  it('answers an address outside the tenant or unknown with an error item, keeping the order asked', async () => {
    const answer = await schedule(DAY_REQUEST([LEE, ALEX, 'nobody@contoso.com']), {}, c, `/users/${MEGAN}/calendar/getSchedule`);
    expect(answer.status).toBe(200);
    const value = answer.body.value as Json[];
    expect(value.map((item) => item.scheduleId)).toEqual([LEE, ALEX, 'nobody@contoso.com']);
    for (const missing of [value[0]!, value[2]!]) {
      expect(missing).toEqual({ scheduleId: missing.scheduleId, error: { message: expect.stringContaining(missing.scheduleId), responseCode: expect.any(String) } });
    }
    expect(value[1]!.availabilityView).toBe('020100300');
  });

  it("counts an invitation not answered, or answered tentatively, as tentative, and an accepted one as busy", async () => {
    const meeting = await c.graph('/me/events', {
      method: 'POST',
      body: {
        subject: 'Pricing', start: at('2026-03-04T13:00:00'), end: at('2026-03-04T14:00:00'),
        attendees: [{ type: 'required', emailAddress: { name: 'Alex Wilber', address: ALEX } }],
      },
    });
    expect(meeting.status).toBe(201);
    const view = async () => ((await schedule(DAY_REQUEST([ALEX, MEGAN]))).body.value as Json[]).map((item) => item.availabilityView);
    // 13:00 is the fifth hour of the window; Megan organises it, so it is busy for her.
    expect(await view()).toEqual(['020110300', '000020000']);
    const alex = await calendarClient(t, ALEX);
    const copy = ((await alex.graph('/me/events')).body.value as Json[]).find((event) => event.subject === 'Pricing')!;
    expect((await alex.graph(`/me/events/${copy.id}/tentativelyAccept`, { method: 'POST', body: {} })).status).toBe(202);
    expect((await view())[0]).toBe('020110300');
    expect((await alex.graph(`/me/events/${copy.id}/accept`, { method: 'POST', body: {} })).status).toBe(202);
    expect((await view())[0]).toBe('020120300');
  });

  it('expands series, covers the whole day for all-day events in the asked zone, and defaults to 30-minute slots', async () => {
    await c.admin(`/mailboxes/${ALEX}/events`, 'POST', {
      subject: 'Offsite', isAllDay: true, start: at('2026-03-10T00:00:00', 'UTC'), end: at('2026-03-11T00:00:00', 'UTC'),
    });
    const day = { schedules: [ALEX], startTime: at('2026-03-10T00:00:00'), endTime: at('2026-03-11T00:00:00') };
    const [offsite] = (await schedule({ ...day, availabilityViewInterval: 1440 })).body.value as Json[];
    expect(offsite.availabilityView).toBe('2');
    // Midnight to midnight Pacific (daylight saving time since 8 March), answered in UTC.
    expect(offsite.scheduleItems).toEqual([{ status: 'busy', start: at('2026-03-10T07:00:00.0000000', 'UTC'), end: at('2026-03-11T07:00:00.0000000', 'UTC') }]);
    const [halfHours] = (await schedule(day)).body.value as Json[];
    expect(halfHours.availabilityView).toBe('2'.repeat(48));

    const [week] = (await schedule({ schedules: [ALEX], startTime: at('2026-03-03T09:00:00'), endTime: at('2026-03-05T09:30:00'), availabilityViewInterval: 30 }, PREFER_PACIFIC)).body.value as Json[];
    const standUps = (week.scheduleItems as Json[]).filter((item) => item.start.dateTime.endsWith('T09:00:00.0000000'));
    expect(standUps.map((item) => item.start.dateTime.slice(0, 10))).toEqual(['2026-03-03', '2026-03-05']);
    expect(week.availabilityView.startsWith('2')).toBe(true);
    expect(week.availabilityView.endsWith('2')).toBe(true);
    expect(week.availabilityView).toHaveLength(97);
  });

  it("refuses Graph's bad requests with its codes", async () => {
    const refused = async (body: unknown, code: string) => {
      const answer = await schedule(body);
      expect({ code: answer.body.error?.code, status: answer.status }).toEqual({ code, status: 400 });
    };
    await refused(DAY_REQUEST(Array.from({ length: 21 }, (_, n) => `user${n}@contoso.com`)), 'ErrorInvalidParameter');
    await refused(DAY_REQUEST([ALEX], 4), 'ErrorInvalidMergedFreeBusyInterval');
    await refused(DAY_REQUEST([ALEX], 1441), 'ErrorInvalidMergedFreeBusyInterval');
    await refused(DAY_REQUEST([ALEX], 600), 'ErrorInvalidMergedFreeBusyInterval');
    await refused({ ...DAY_REQUEST([ALEX]), endTime: at('2026-03-04T08:00:00') }, 'ErrorInvalidTimeInterval');
    await refused({ ...DAY_REQUEST([ALEX]), endTime: at('2026-05-06T09:00:00') }, 'ErrorTimeIntervalTooBig');
    await refused({ ...DAY_REQUEST([ALEX]), startTime: at('2026-03-04T09:00:00', 'Mars/Olympus') }, 'TimeZoneNotSupportedException');
    await refused({ ...DAY_REQUEST([ALEX]), schedule: [ALEX] }, 'RequestBodyRead');
    const interval = await schedule({ ...DAY_REQUEST([ALEX]), availabilityViewInterval: '15' });
    expect(interval.body.value[0].availabilityView).toHaveLength(36);
    expect((await schedule({ ...DAY_REQUEST([ALEX]), endTime: at('2026-05-03T09:00:00') })).status).toBe(200);
    const select = await c.graph('/me/calendar/getSchedule?$select=scheduleId', { method: 'POST', body: DAY_REQUEST([ALEX]) });
    expect(select.status).toBe(400);
  });

  it('needs a calendar permission, and is not offered to personal accounts', async () => {
    const mailOnly = mailClient(t, await tokenWithScopes(t, ['User.Read', 'Mail.Read']));
    expect((await schedule(DAY_REQUEST([ALEX]), {}, mailOnly)).body.error.code).toBe('ErrorAccessDenied');
    const basic = mailClient(t, await tokenWithScopes(t, ['User.Read', 'Calendars.ReadBasic']));
    expect((await schedule(DAY_REQUEST([ALEX]), {}, basic)).status).toBe(200);
    const personal = await calendarClient(t, 'demo.user@outlook.com');
    const refused = await schedule(DAY_REQUEST(['demo.user@outlook.com']), {}, personal);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('ErrorAccessDenied');
  });
});
