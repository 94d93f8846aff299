import { calendarClient } from './support/calendar-client.js';
import { MEGAN, useTestEmulator } from './support/emulator-suite.js';
import { deltaRound, type Json, type MailClient } from './support/mail-client.js';

const WINDOW = 'startDateTime=2026-03-01T00:00:00Z&endDateTime=2026-04-01T00:00:00Z';
const at = (day: string, hour: string) => ({ dateTime: `2026-${day}T${hour}:00:00`, timeZone: 'UTC' });

describe('calendar: calendarView delta', () => {
  const t = useTestEmulator({}, { resetEachTest: true });
  let c: MailClient;
  beforeEach(async () => {
    c = await calendarClient(t);
  });

  const create = async (body: Json) => (await c.admin(`/mailboxes/${MEGAN}/events`, 'POST', body)).body;

  it('pages events that start at the same time without skipping or repeating any', async () => {
    const made = await c.admin(`/mailboxes/${MEGAN}/events`, 'POST', { events: Array.from({ length: 40 }, (_, index) => ({ subject: `Same time ${index}`, start: at('03-05', '10'), end: at('03-05', '11') })) });
    expect(made.status).toBe(201);
    const round = await deltaRound(c, `/me/calendarView/delta?${WINDOW}`, { Prefer: 'odata.maxpagesize=3' });
    const ids = round.items.map((item) => item.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(made.body.events.map((event: { id: string }) => event.id).sort());
  });

  it('walks the window in pages of odata.maxpagesize, expanded, then reports changes, removals and out-of-window moves', async () => {
    const single = await create({ subject: 'Single', start: at('03-05', '10'), end: at('03-05', '11') });
    const outside = await create({ subject: 'Outside', start: at('05-05', '10'), end: at('05-05', '11') });
    const series = await create({
      subject: 'Daily', start: at('03-10', '09'), end: at('03-10', '10'),
      recurrence: { pattern: { type: 'daily', interval: 1 }, range: { type: 'numbered', startDate: '2026-03-10', numberOfOccurrences: 4 } },
    });
    const prefer = { Prefer: 'odata.maxpagesize=2' };
    const first = await deltaRound(c, `/me/calendarView/delta?${WINDOW}`, prefer);
    expect(first.pages.length).toBe(3);
    expect(first.pages.every((page) => page.value.length <= 2)).toBe(true);
    expect(first.pages[0]!['@odata.nextLink']).toMatch(/\/me\/calendarView\/delta\?\$skiptoken=/);
    expect(first.deltaLink).toMatch(/\/me\/calendarView\/delta\?\$deltatoken=/);
    expect(first.items.map((item) => item.subject)).toEqual(['Single', 'Daily', 'Daily', 'Daily', 'Daily']);
    expect(first.items.map((item) => item.type)).toEqual(['singleInstance', 'occurrence', 'occurrence', 'occurrence', 'occurrence']);
    expect(first.items.every((item) => item['@odata.type'] === '#microsoft.graph.event')).toBe(true);
    expect(first.items.find((item) => item.id === series.id)).toBeUndefined();

    // Nothing changed: an empty round.
    const quiet = await deltaRound(c, first.deltaLink);
    expect(quiet.items).toEqual([]);

    // An occurrence edited, one cancelled, the single moved out of the window, an event outside it changed.
    const occurrences = first.items.filter((item) => item.type === 'occurrence');
    await c.admin(`/mailboxes/${MEGAN}/events/${occurrences[0]!.id}`, 'PATCH', { subject: 'Daily (moved)', start: at('03-10', '12'), end: at('03-10', '13') });
    await c.admin(`/mailboxes/${MEGAN}/events/${occurrences[1]!.id}`, 'DELETE');
    await c.admin(`/mailboxes/${MEGAN}/events/${single.id}`, 'PATCH', { start: at('04-05', '10'), end: at('04-05', '11') });
    await c.admin(`/mailboxes/${MEGAN}/events/${outside.id}`, 'PATCH', { subject: 'Still outside' });
    const fresh = await create({ subject: 'New', start: at('03-20', '10'), end: at('03-20', '11') });
    const second = await deltaRound(c, quiet.deltaLink, prefer);
    const removed = second.items.filter((item) => item['@removed']).map((item) => item.id);
    const upserts = second.items.filter((item) => !item['@removed']);
    expect(removed).toEqual(expect.arrayContaining([occurrences[1]!.id, single.id, outside.id]));
    expect(second.items.filter((item) => item['@removed']).every((item) => item['@removed'].reason === 'deleted')).toBe(true);
    expect(upserts.find((item) => item.id === occurrences[0]!.id)).toMatchObject({ type: 'exception', subject: 'Daily (moved)' });
    expect(upserts.find((item) => item.id === fresh.id)).toMatchObject({ subject: 'New', type: 'singleInstance' });
    expect(upserts.find((item) => item.id === occurrences[1]!.id)).toBeUndefined();

    // A deleted series removes every occurrence it had in the window.
    await c.admin(`/mailboxes/${MEGAN}/events/${series.id}`, 'DELETE');
    const third = await deltaRound(c, second.deltaLink);
    expect(third.items.map((item) => item.id).sort()).toEqual([occurrences[0]!.id, occurrences[2]!.id, occurrences[3]!.id].sort());
    expect(third.items.every((item) => item['@removed'])).toBe(true);
  });

  it('may replay items (the replayRate knob), and a round still ends with every item', async () => {
    for (const day of ['03-02', '03-03', '03-04', '03-05', '03-06', '03-07']) await create({ subject: `On ${day}`, start: at(day, '10'), end: at(day, '11') });
    expect((await c.admin('/mail-settings', 'PUT', { delta: { replayRate: 1 } })).status).toBe(200);
    try {
      const round = await deltaRound(c, `/me/calendarView/delta?${WINDOW}`, { Prefer: 'odata.maxpagesize=3' });
      const ids = round.items.map((item) => item.id);
      expect(new Set(ids).size).toBe(6);
      expect(ids.length).toBeGreaterThan(6);
    } finally {
      await c.admin('/mail-settings', 'PUT', { delta: { replayRate: 0 } });
    }
  });

  it('serves another calendar on its own route and writes times in the Prefer zone', async () => {
    const other = (await c.admin(`/mailboxes/${MEGAN}/calendars`, 'POST', { name: 'Projects' })).body;
    await create({ subject: 'Default', start: at('03-05', '10'), end: at('03-05', '11') });
    await create({ calendarId: other.id, subject: 'Project', start: at('03-06', '10'), end: at('03-06', '11') });
    const primary = await deltaRound(c, `/me/calendarView/delta?${WINDOW}`);
    expect(primary.items.map((item) => item.subject)).toEqual(['Default']);
    const projects = await deltaRound(c, `/me/calendars/${other.id}/calendarView/delta?${WINDOW}`, { Prefer: 'outlook.timezone="Tokyo Standard Time"' });
    expect(projects.items.map((item) => [item.subject, item.start])).toEqual([['Project', { dateTime: '2026-03-06T19:00:00.0000000', timeZone: 'Tokyo Standard Time' }]]);
    expect(projects.deltaLink).toContain(`/me/calendars/${other.id}/calendarView/delta?$deltatoken=`);
    // A token is for its own calendar only.
    const token = new URL(primary.deltaLink).searchParams.get('$deltatoken');
    expect((await c.graph(`/me/calendars/${other.id}/calendarView/delta?$deltatoken=${token}`)).status).toBe(400);
  });

  it('refuses what calendarView delta does not take and answers 410 syncStateNotFound once invalidated', async () => {
    expect((await c.graph('/me/calendarView/delta?startDateTime=2026-03-01T00:00:00Z')).status).toBe(400);
    const select = await c.graph(`/me/calendarView/delta?${WINDOW}&$select=subject`);
    expect(select.status).toBe(400);
    expect(select.body.error.code).toBe('ErrorInvalidUrlQuery');
    expect((await c.graph(`/me/calendarView/delta?${WINDOW}&$filter=${encodeURIComponent("subject eq 'x'")}`)).status).toBe(400);
    expect((await c.graph('/me/calendarView/delta?$deltatoken=forged.token')).status).toBe(400);
    const round = await deltaRound(c, `/me/calendarView/delta?${WINDOW}`);
    const invalidated = await c.admin('/calendar/delta/invalidate', 'POST', { user: MEGAN });
    expect(invalidated.status).toBe(200);
    const gone = await c.graph(round.deltaLink);
    expect(gone.status).toBe(410);
    expect(gone.body.error.code).toBe('syncStateNotFound');
    const restart = gone.headers.get('location')!;
    expect(restart).toContain('/me/calendarView/delta?startDateTime=2026-03-01T00%3A00%3A00Z');
    expect(restart).toMatch(/\$deltatoken=$/);
    expect((await c.graph(restart.replace(/&\$deltatoken=$/, ''))).status).toBe(200);
  });

  it("invalidates one calendar's delta tokens only, when the admin API names it", async () => {
    const projects = (await c.admin(`/mailboxes/${MEGAN}/calendars`, 'POST', { name: 'Projects' })).body;
    await create({ calendarId: projects.id, subject: 'Kickoff', start: at('03-05', '10'), end: at('03-05', '11') });
    const main = await deltaRound(c, `/me/calendarView/delta?${WINDOW}`);
    const other = await deltaRound(c, `/me/calendars/${projects.id}/calendarView/delta?${WINDOW}`);
    expect(other.items.map((item) => item.subject)).toEqual(['Kickoff']);
    expect((await c.admin('/calendar/delta/invalidate', 'POST', { user: MEGAN, calendar: 'no-such-calendar' })).status).toBe(404);
    const invalidated = await c.admin('/calendar/delta/invalidate', 'POST', { user: MEGAN, calendar: projects.id });
    expect(invalidated.status).toBe(200);
    const gone = await c.graph(other.deltaLink);
    expect(gone.status).toBe(410);
    expect(gone.body.error.code).toBe('syncStateNotFound');
    expect(gone.headers.get('location')).toContain(`/me/calendars/${projects.id}/calendarView/delta?startDateTime=`);
    expect((await c.graph(main.deltaLink)).status).toBe(200);
    // A fresh walk of the invalidated calendar gets tokens that work again.
    const again = await deltaRound(c, `/me/calendars/${projects.id}/calendarView/delta?${WINDOW}`);
    expect((await c.graph(again.deltaLink)).status).toBe(200);
  });
});
