import { seedDemoCalendars } from '../src/seed/demo-calendar.js';
import { calendarClient } from './support/calendar-client.js';
import { startTestEmulator } from './support/emulator-harness.js';
import { MEGAN, useTestEmulator } from './support/emulator-suite.js';
import type { MailClient } from './support/mail-client.js';

describe('calendar: calendars', () => {
  const t = useTestEmulator({}, { resetEachTest: true });
  let c: MailClient;
  beforeEach(async () => {
    c = await calendarClient(t);
  });

  it('lists the default calendar first, a second own calendar and one shared with the user (read-only)', async () => {
    expect((await c.admin(`/mailboxes/${MEGAN}/calendars`, 'POST', { name: 'Projects', color: 'lightGreen', hexColor: '#7fba00' })).status).toBe(201);
    const shared = await c.admin(`/mailboxes/${MEGAN}/calendars`, 'POST', { name: 'Team', sharedBy: { name: 'Alex Wilber', address: 'alex.wilber@contoso.com' } });
    expect(shared.status).toBe(201);
    const list = await c.graph('/me/calendars');
    expect(list.status).toBe(200);
    expect(list.body.value.map((calendar: { name: string }) => calendar.name)).toEqual(['Calendar', 'Projects', 'Team']);
    const [main, projects, team] = list.body.value;
    expect(main).toMatchObject({
      name: 'Calendar', color: 'auto', hexColor: '', isDefaultCalendar: true, canEdit: true, canShare: true, isRemovable: false,
      allowedOnlineMeetingProviders: ['teamsForBusiness'], defaultOnlineMeetingProvider: 'teamsForBusiness',
      owner: { name: 'Megan Bowen', address: 'megan.bowen@contoso.com' },
    });
    expect(projects).toMatchObject({ color: 'lightGreen', hexColor: '#7fba00', isDefaultCalendar: false, canEdit: true, isRemovable: true });
    expect(team).toMatchObject({ canEdit: false, canShare: false, owner: { address: 'alex.wilber@contoso.com' } });
    expect((await c.graph('/me/calendar')).body.id).toBe(main.id);
    expect((await c.graph(`/me/calendars/${projects.id}?$select=name`)).body).toEqual(expect.objectContaining({ id: projects.id, name: 'Projects' }));
    expect((await c.graph(`/users/${MEGAN}/calendars?$filter=canEdit eq false`)).body.value.map((calendar: { name: string }) => calendar.name)).toEqual(['Team']);
    expect((await c.graph('/me/calendars/nope')).status).toBe(404);

    // A calendar the user cannot edit refuses writes; Outlook (the admin API) can still fill it.
    const write = await c.graph(`/me/calendars/${team.id}/events`, { method: 'POST', body: { subject: 'x', start: { dateTime: '2026-01-05T09:00:00', timeZone: 'UTC' }, end: { dateTime: '2026-01-05T10:00:00', timeZone: 'UTC' } } });
    expect(write.status).toBe(403);
    expect((await c.admin(`/mailboxes/${MEGAN}/events`, 'POST', { calendarId: team.id, subject: 'Team sync', start: { dateTime: '2026-01-05T09:00:00', timeZone: 'UTC' }, end: { dateTime: '2026-01-05T10:00:00', timeZone: 'UTC' } })).status).toBe(201);
    expect((await c.graph(`/me/calendars/${team.id}/events`)).body.value).toHaveLength(1);
    // /me/events is the default calendar's; an event of another calendar is still found by id there.
    expect((await c.graph('/me/events')).body.value).toHaveLength(0);
    const teamEvent = (await c.graph(`/me/calendars/${team.id}/events`)).body.value[0];
    expect((await c.graph(`/me/events/${teamEvent.id}`)).body.subject).toBe('Team sync');
    expect((await c.graph(`/me/calendar/events/${teamEvent.id}`)).status).toBe(404);
  });

  it('the owner of a shared calendar takes back the right to edit it, and gives it again (admin PATCH)', async () => {
    const team = (await c.admin(`/mailboxes/${MEGAN}/calendars`, 'POST', { name: 'Team', sharedBy: { name: 'Alex Wilber', address: 'alex.wilber@contoso.com' }, canEdit: true })).body;
    const event = { subject: 'Team sync', start: { dateTime: '2026-01-05T09:00:00', timeZone: 'UTC' }, end: { dateTime: '2026-01-05T10:00:00', timeZone: 'UTC' } };
    const made = await c.graph(`/me/calendars/${team.id}/events`, { method: 'POST', body: event });
    expect(made.status).toBe(201);
    const revoked = await c.admin(`/mailboxes/${MEGAN}/calendars/${team.id}`, 'PATCH', { canEdit: false });
    expect(revoked).toMatchObject({ status: 200, body: { id: team.id, canEdit: false } });
    expect(revoked.body.changeKey).not.toBe(team.changeKey);
    expect((await c.graph(`/me/calendars/${team.id}`)).body.canEdit).toBe(false);
    const refused = await c.graph(`/me/events/${made.body.id}`, { method: 'PATCH', body: { subject: 'Mine now' } });
    expect(refused).toMatchObject({ status: 403, body: { error: { code: 'ErrorAccessDenied' } } });
    expect((await c.graph(`/me/events/${made.body.id}`)).body.subject).toBe('Team sync');
    expect((await c.admin(`/mailboxes/${MEGAN}/calendars/${team.id}`, 'PATCH', { canEdit: true })).body.canEdit).toBe(true);
    expect((await c.graph(`/me/events/${made.body.id}`, { method: 'PATCH', body: { subject: 'Team sync (moved)' } })).status).toBe(200);
    expect((await c.admin(`/mailboxes/${MEGAN}/calendars/${team.id}`, 'PATCH', { canEdit: 'no' })).status).toBe(400);
    expect((await c.admin(`/mailboxes/${MEGAN}/calendars/nope`, 'PATCH', { canEdit: false })).status).toBe(404);
  });

  it('creates a calendar, refuses a duplicate name, and says 501 for what it lacks', async () => {
    const made = await c.graph('/me/calendars', { method: 'POST', body: { name: 'Volunteering', color: 'lightTeal' } });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ name: 'Volunteering', color: 'lightTeal', isDefaultCalendar: false, canEdit: true });
    const again = await c.graph('/me/calendars', { method: 'POST', body: { name: 'volunteering' } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ErrorFolderExists');
    expect((await c.graph('/me/calendars', { method: 'POST', body: { name: 'x', color: 'purple' } })).status).toBe(400);
    for (const path of ['/me/calendarGroups', `/me/calendars/${made.body.id}/events/x/attachments`, '/me/outlook/supportedTimeZones']) {
      const answer = await c.graph(path);
      expect(answer.status).toBe(501);
      expect(answer.body.error.code).toBe('NotImplemented');
    }
    expect((await c.graph('/me/calendar/getSchedule', { method: 'POST', body: {} })).body.error.code).toBe('RequestBodyRead');
  });

  it('the whole demo tenant seeded: a meeting between two demo users is in each calendar once (one organiser, one invitation)', async () => {
    seedDemoCalendars(t.emulator.store, { today: '2026-03-16T12:00:00Z' });
    for (const user of ['megan.bowen@contoso.com', 'alex.wilber@contoso.com']) {
      const client = await calendarClient(t, user);
      const view = (await client.graph('/me/calendarView?startDateTime=2026-03-16T00:00:00Z&endDateTime=2026-03-23T00:00:00Z&$top=100')).body.value as Array<{ subject: string; start: { dateTime: string } }>;
      const oneOnOnes = view.filter((event) => event.subject.startsWith('1:1'));
      expect(oneOnOnes).toHaveLength(1);
      const starts = view.map((event) => `${event.start.dateTime}|${event.subject.split(' ')[0]}`);
      expect(new Set(starts).size).toBe(starts.length);
    }
  });

  it('seeds a demo calendar and many events at once through the admin API', async () => {
    const seeded = await c.admin(`/mailboxes/${MEGAN}/calendar-seed`, 'POST', { kind: 'demo', today: '2026-03-16T12:00:00Z' });
    expect(seeded.status).toBe(201);
    expect(seeded.body).toMatchObject({ calendars: 2, events: 15 });
    const calendars = (await c.graph('/me/calendars')).body.value;
    expect(calendars.map((calendar: { name: string; canEdit: boolean }) => [calendar.name, calendar.canEdit])).toEqual([['Calendar', true], ['Team', false]]);
    const view = (await c.graph('/me/calendarView?startDateTime=2026-02-23T00:00:00Z&endDateTime=2026-03-09T00:00:00Z&$top=100')).body.value;
    expect(view.filter((event: { subject: string }) => event.subject === 'Team stand-up')).toHaveLength(10);
    const oneOnOnes = view.filter((event: { subject: string }) => event.subject.startsWith('1:1'));
    expect(oneOnOnes.map((event: { type: string }) => event.type)).toEqual(['exception']);
    const alex = await calendarClient(t, 'alex.wilber@contoso.com');
    expect((await alex.graph('/me/events')).body.value.map((event: { subject: string }) => event.subject)).toEqual(expect.arrayContaining(['Team stand-up']));

    const bulk = await c.admin(`/mailboxes/${MEGAN}/events`, 'POST', { events: [
      { subject: 'A', start: { dateTime: '2026-05-01T09:00:00', timeZone: 'UTC' }, end: { dateTime: '2026-05-01T10:00:00', timeZone: 'UTC' } },
      { subject: 'B', start: { dateTime: '2026-05-02T09:00:00', timeZone: 'UTC' }, end: { dateTime: '2026-05-02T10:00:00', timeZone: 'UTC' } },
    ] });
    expect(bulk.status).toBe(201);
    expect(bulk.body.events).toHaveLength(2);
    const bad = await c.admin(`/mailboxes/${MEGAN}/events`, 'POST', { events: [{ subject: 'C', start: { dateTime: '2026-05-02T09:00:00', timeZone: 'Nowhere' }, end: { dateTime: '2026-05-02T10:00:00', timeZone: 'UTC' } }] });
    expect(bad).toMatchObject({ status: 400, body: { code: 'TimeZoneNotSupportedException', index: 0, made: 0 } });
  });

  it('seeds a series with exceptions and cancelled occurrences in one bulk call (occurrenceEdits)', async () => {
    const weekly = {
      subject: 'Weekly', start: { dateTime: '2026-06-01T09:00:00', timeZone: 'W. Europe Standard Time' }, end: { dateTime: '2026-06-01T09:30:00', timeZone: 'W. Europe Standard Time' },
      recurrence: { pattern: { type: 'weekly', interval: 1, daysOfWeek: ['monday', 'thursday'] }, range: { type: 'numbered', startDate: '2026-06-01', numberOfOccurrences: 6 } },
      occurrenceEdits: [{ occurrence: 1, patch: { subject: 'Moved' } }, { occurrence: 2, cancel: true }, { occurrence: 4, cancel: true }],
    };
    const bulk = await c.admin(`/mailboxes/${MEGAN}/events`, 'POST', { events: [weekly] });
    expect(bulk.status).toBe(201);
    const instances = await c.graph(`/me/events/${bulk.body.events[0].id}/instances?startDateTime=2026-05-01T00:00:00Z&endDateTime=2026-08-01T00:00:00Z`);
    expect(instances.body.value.map((event: { subject: string; type: string }) => `${event.type} ${event.subject}`)).toEqual(['occurrence Weekly', 'exception Moved', 'occurrence Weekly', 'occurrence Weekly']);
    const beyond = await c.admin(`/mailboxes/${MEGAN}/events`, 'POST', { events: [{ ...weekly, occurrenceEdits: [{ occurrence: 6, cancel: true }] }] });
    expect(beyond.status).toBe(400);
    expect(beyond.body.error).toMatch(/no occurrence 6/);
  });

  it('has no online meeting provider for a personal account', async () => {
    const personal = await calendarClient(t, 'demo.user@outlook.com');
    const calendar = await personal.graph('/me/calendar');
    expect(calendar.status).toBe(200);
    expect(calendar.body).toMatchObject({ allowedOnlineMeetingProviders: [], defaultOnlineMeetingProvider: 'unknown', owner: { address: 'demo.user@outlook.com' } });
    const event = await personal.graph('/me/events', { method: 'POST', body: { subject: 'Call', isOnlineMeeting: true, onlineMeetingProvider: 'teamsForBusiness', start: { dateTime: '2026-01-05T09:00:00', timeZone: 'UTC' }, end: { dateTime: '2026-01-05T10:00:00', timeZone: 'UTC' } } });
    expect(event.status).toBe(201);
    expect(event.body).toMatchObject({ isOnlineMeeting: false, onlineMeetingProvider: 'unknown', onlineMeeting: null });
  });

  it('needs a calendar scope: Mail.ReadWrite alone is 403, Calendars.Read cannot write', async () => {
    const mailOnly = await calendarClient(t, MEGAN, 'https://graph.microsoft.com/User.Read https://graph.microsoft.com/Mail.ReadWrite openid profile offline_access');
    expect((await mailOnly.graph('/me/calendars')).status).toBe(403);
    const reader = await calendarClient(t, MEGAN, 'https://graph.microsoft.com/User.Read https://graph.microsoft.com/Calendars.Read openid profile offline_access');
    expect((await reader.graph('/me/calendars')).status).toBe(200);
    const post = await reader.graph('/me/events', { method: 'POST', body: { subject: 'x', start: { dateTime: '2026-01-05T09:00:00', timeZone: 'UTC' }, end: { dateTime: '2026-01-05T10:00:00', timeZone: 'UTC' } } });
    expect(post.status).toBe(403);
    expect(post.body.error.code).toBe('ErrorAccessDenied');
    expect((await c.graph('/users/alex.wilber@contoso.com/calendars')).status).toBe(403);
  });

  it('fills the demo work accounts\' calendars at start and again on reset (demoCalendar)', async () => {
    const demo = await startTestEmulator({ demoCalendar: { today: '2026-03-16T12:00:00Z' } });
    try {
      const store = demo.emulator.store;
      const megan = store.findUser(MEGAN)!;
      const alex = store.findUser('alex.wilber@contoso.com')!;
      const personal = store.findUser('demo.user@outlook.com')!;
      const count = (userId: string) => store.calendar.listCalendars(userId).reduce((sum, calendar) => sum + store.calendar.listEvents(userId, calendar.id).length, 0);
      const before = [count(megan.id), count(alex.id), count(personal.id)];
      expect(before[0]).toBeGreaterThan(10);
      expect(store.calendar.listEvents(alex.id).some((event) => event.subject === 'Team stand-up' && !event.isOrganizer)).toBe(true);
      expect(before[2]).toBe(0);
      store.reset();
      expect([count(megan.id), count(alex.id), count(personal.id)]).toEqual(before);
    } finally {
      await demo.close();
    }
  });
});
