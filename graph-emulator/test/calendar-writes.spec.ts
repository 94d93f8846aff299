import { calendarClient } from './support/calendar-client.js';
import { MEGAN, useTestEmulator } from './support/emulator-suite.js';
import type { Json, MailClient } from './support/mail-client.js';

const ALEX = 'alex.wilber@contoso.com';
const WINDOW = 'startDateTime=2026-03-01T00:00:00Z&endDateTime=2026-04-30T00:00:00Z';

const weekly = (extra: Json = {}) => ({
  subject: 'Weekly 1:1',
  start: { dateTime: '2026-03-02T09:00:00', timeZone: 'Eastern Standard Time' },
  end: { dateTime: '2026-03-02T09:30:00', timeZone: 'Eastern Standard Time' },
  recurrence: { pattern: { type: 'weekly', interval: 1, daysOfWeek: ['monday'] }, range: { type: 'numbered', startDate: '2026-03-02', numberOfOccurrences: 6 } },
  ...extra,
});

describe('calendar: writes', () => {
  const t = useTestEmulator({}, { resetEachTest: true });
  let c: MailClient;
  beforeEach(async () => {
    c = await calendarClient(t);
  });

  const instances = async (id: string, headers: Record<string, string> = {}) =>
    (await c.graph(`/me/events/${id}/instances?${WINDOW}`, { headers })).body.value as Json[];

  it('creates with Outlook defaults, once per transactionId, and answers in the Prefer zone', async () => {
    const body = {
      subject: 'Customer call', transactionId: 'txn-1',
      body: { contentType: 'html', content: '<p>Agenda</p>' },
      start: { dateTime: '2026-03-10T14:00:00', timeZone: 'Europe/Paris' }, end: { dateTime: '2026-03-10T15:00:00', timeZone: 'Europe/Paris' },
      location: { displayName: 'Room 1' },
    };
    const first = await c.graph('/me/events', { method: 'POST', body, headers: { Prefer: 'outlook.timezone="Pacific Standard Time"' } });
    expect(first.status).toBe(201);
    expect(first.headers.get('preference-applied')).toBe('outlook.timezone="Pacific Standard Time"');
    expect(first.body).toMatchObject({
      type: 'singleInstance', transactionId: 'txn-1', isOrganizer: true, showAs: 'busy', sensitivity: 'normal', importance: 'normal',
      reminderMinutesBeforeStart: 15, responseStatus: { response: 'organizer', time: '0001-01-01T00:00:00Z' }, onlineMeetingProvider: 'unknown',
      onlineMeeting: null, isOnlineMeeting: false, originalStartTimeZone: 'Europe/Paris', isCancelled: false,
      start: { dateTime: '2026-03-10T06:00:00.0000000', timeZone: 'Pacific Standard Time' },
      organizer: { emailAddress: { name: 'Megan Bowen', address: MEGAN } }, location: { displayName: 'Room 1' },
    });
    expect(first.body.iCalUId).toMatch(/^040000008200E00074C5B7101A82E008/);
    const retry = await c.graph('/me/events', { method: 'POST', body });
    expect(retry.status).toBe(201);
    expect(retry.body.id).toBe(first.body.id);
    expect((await c.graph('/me/events')).body.value).toHaveLength(1);
    const utc = await c.graph(`/me/events/${first.body.id}`);
    expect(utc.body.start).toEqual({ dateTime: '2026-03-10T13:00:00.0000000', timeZone: 'UTC' });
    expect(utc.headers.get('preference-applied')).toBeNull();
    const text = await c.graph(`/me/events/${first.body.id}?$select=body,subject`, { headers: { Prefer: 'outlook.body-content-type="text"' } });
    expect(text.body).toEqual(expect.objectContaining({ subject: 'Customer call', body: { contentType: 'text', content: 'Agenda' } }));
    expect(text.body.start).toBeUndefined();
  });

  it('fills a Teams join URL for work accounts', async () => {
    const made = await c.graph('/me/events', { method: 'POST', body: { ...weekly(), recurrence: undefined, isOnlineMeeting: true, onlineMeetingProvider: 'teamsForBusiness' } });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ isOnlineMeeting: true, onlineMeetingProvider: 'teamsForBusiness' });
    expect(made.body.onlineMeeting.joinUrl).toMatch(/^https:\/\/teams\.microsoft\.com\/l\/meetup-join\//);
  });

  it('refuses a stale changeKey with 412 and takes the current one', async () => {
    const made = (await c.graph('/me/events', { method: 'POST', body: { ...weekly(), recurrence: undefined } })).body;
    const moved = await c.graph(`/me/events/${made.id}`, { method: 'PATCH', body: { subject: 'Renamed' }, headers: { 'If-Match': made['@odata.etag'] } });
    expect(moved.status).toBe(200);
    expect(moved.body.changeKey).not.toBe(made.changeKey);
    expect(Date.parse(moved.body.lastModifiedDateTime)).toBeGreaterThanOrEqual(Date.parse(made.lastModifiedDateTime));
    const stale = await c.graph(`/me/events/${made.id}`, { method: 'PATCH', body: { subject: 'Lost' }, headers: { 'If-Match': made['@odata.etag'] } });
    expect(stale.status).toBe(412);
    expect((await c.graph(`/me/events/${made.id}`)).body.subject).toBe('Renamed');
    expect((await c.graph(`/me/events/${made.id}`, { method: 'PATCH', body: { transactionId: 'new' } })).status).toBe(400);
    expect((await c.graph(`/me/events/${made.id}`, { method: 'DELETE', headers: { 'If-Match': made['@odata.etag'] } })).status).toBe(412);
    expect((await c.graph(`/me/events/${made.id}`, { method: 'DELETE', headers: { 'If-Match': moved.body['@odata.etag'] } })).status).toBe(204);
  });

  it('makes an exception from a PATCHed occurrence, cancels a deleted one, and keeps exceptions the new pattern still has', async () => {
    const master = (await c.graph('/me/events', { method: 'POST', body: weekly() })).body;
    const list = await instances(master.id);
    expect(list).toHaveLength(6);
    // Second occurrence moved by an hour: an exception; the third deleted: cancelled.
    const moved = await c.graph(`/me/events/${list[1]!.id}`, {
      method: 'PATCH',
      body: { subject: 'Moved 1:1', start: { dateTime: '2026-03-09T10:00:00', timeZone: 'Eastern Standard Time' }, end: { dateTime: '2026-03-09T10:30:00', timeZone: 'Eastern Standard Time' } },
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ type: 'exception', id: list[1]!.id, seriesMasterId: master.id, subject: 'Moved 1:1', start: { dateTime: '2026-03-09T14:00:00.0000000' } });
    expect((await c.graph(`/me/events/${list[2]!.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await c.graph(`/me/events/${list[2]!.id}`)).status).toBe(404);
    const after = await instances(master.id);
    expect(after.map((instance) => [instance.type, instance.start.dateTime])).toEqual([
      ['occurrence', '2026-03-02T14:00:00.0000000'],
      ['exception', '2026-03-09T14:00:00.0000000'],
      ['occurrence', '2026-03-23T13:00:00.0000000'],
      ['occurrence', '2026-03-30T13:00:00.0000000'],
      ['occurrence', '2026-04-06T13:00:00.0000000'],
    ]);
    // Moving an occurrence onto the next one's day is refused.
    const crossing = await c.graph(`/me/events/${after[2]!.id}`, {
      method: 'PATCH',
      body: { start: { dateTime: '2026-03-30T08:00:00', timeZone: 'Eastern Standard Time' }, end: { dateTime: '2026-03-30T08:30:00', timeZone: 'Eastern Standard Time' } },
    });
    expect(crossing.status).toBe(400);
    expect(crossing.body.error.code).toBe('ErrorOccurrenceCrossingBoundary');
    // The series gets a new subject and more occurrences: the exception and the cancellation stay.
    const series = await c.graph(`/me/events/${master.id}`, {
      method: 'PATCH',
      body: { subject: 'Weekly sync', recurrence: { ...weekly().recurrence, range: { type: 'numbered', startDate: '2026-03-02', numberOfOccurrences: 8 } } },
    });
    expect(series.status).toBe(200);
    const regenerated = await instances(master.id);
    expect(regenerated).toHaveLength(7);
    expect(regenerated.map((instance) => instance.subject)).toEqual(['Weekly sync', 'Moved 1:1', 'Weekly sync', 'Weekly sync', 'Weekly sync', 'Weekly sync', 'Weekly sync']);
    // A pattern that no longer has the exception's day drops it (Tuesdays instead of Mondays).
    await c.graph(`/me/events/${master.id}`, {
      method: 'PATCH',
      body: {
        start: { dateTime: '2026-03-03T09:00:00', timeZone: 'Eastern Standard Time' }, end: { dateTime: '2026-03-03T09:30:00', timeZone: 'Eastern Standard Time' },
        recurrence: { pattern: { type: 'weekly', interval: 1, daysOfWeek: ['tuesday'] }, range: { type: 'numbered', startDate: '2026-03-03', numberOfOccurrences: 3 } },
      },
    });
    expect((await instances(master.id)).map((instance) => [instance.type, instance.start.dateTime])).toEqual([
      ['occurrence', '2026-03-03T14:00:00.0000000'],
      ['occurrence', '2026-03-10T13:00:00.0000000'],
      ['occurrence', '2026-03-17T13:00:00.0000000'],
    ]);
  });

  it('invites attendees who are users, takes their responses back to the organizer, and cancels their copies', async () => {
    const alex = await calendarClient(t, ALEX);
    const made = (await c.graph('/me/events', {
      method: 'POST',
      body: { ...weekly(), attendees: [{ type: 'required', emailAddress: { name: 'Alex Wilber', address: ALEX } }, { type: 'optional', emailAddress: { address: 'someone@example.com' } }] },
    })).body;
    expect(made.attendees[0]).toMatchObject({ type: 'required', status: { response: 'none', time: '0001-01-01T00:00:00Z' } });
    const copies = (await alex.graph('/me/events')).body.value as Json[];
    expect(copies).toHaveLength(1);
    const copy = copies[0]!;
    expect(copy).toMatchObject({ iCalUId: made.iCalUId, isOrganizer: false, subject: 'Weekly 1:1', type: 'seriesMaster', responseStatus: { response: 'notResponded' }, organizer: { emailAddress: { address: MEGAN } } });
    expect(copy.id).not.toBe(made.id);
    expect((await alex.graph(`/me/events/${copy.id}/cancel`, { method: 'POST', body: {} })).status).toBe(400);
    expect((await c.graph(`/me/events/${made.id}/accept`, { method: 'POST', body: {} })).status).toBe(400);

    expect((await alex.graph(`/me/events/${copy.id}/tentativelyAccept`, { method: 'POST', body: { comment: 'maybe' } })).status).toBe(202);
    expect((await alex.graph(`/me/events/${copy.id}`)).body.responseStatus.response).toBe('tentativelyAccepted');
    expect((await c.graph(`/me/events/${made.id}`)).body.attendees[0].status.response).toBe('tentativelyAccepted');
    expect((await alex.graph(`/me/events/${copy.id}/accept`, { method: 'POST', body: { sendResponse: false } })).status).toBe(202);
    expect((await c.graph(`/me/events/${made.id}`)).body.attendees[0].status.response).toBe('tentativelyAccepted');

    // The organizer's change reaches the copy; a cancelled occurrence is gone from both.
    await c.graph(`/me/events/${made.id}`, { method: 'PATCH', body: { subject: 'Weekly 1:1 (new room)' } });
    expect((await alex.graph(`/me/events/${copy.id}`)).body.subject).toBe('Weekly 1:1 (new room)');
    const occurrences = (await c.graph(`/me/events/${made.id}/instances?${WINDOW}`)).body.value as Json[];
    await c.graph(`/me/events/${occurrences[0]!.id}/cancel`, { method: 'POST', body: { comment: 'off' } });
    expect((await alex.graph(`/me/events/${copy.id}/instances?${WINDOW}`)).body.value).toHaveLength(5);

    // Cancelling the meeting marks the attendee's copy cancelled.
    expect((await c.graph(`/me/events/${made.id}/cancel`, { method: 'POST', body: {} })).status).toBe(202);
    expect((await c.graph(`/me/events/${made.id}`)).status).toBe(404);
    expect((await alex.graph(`/me/events/${copy.id}`)).body.isCancelled).toBe(true);
  });

  it('holds invitations from outside organizers (isOrganizer false) and refuses windows it would not expand', async () => {
    const invitation = await c.admin(`/mailboxes/${MEGAN}/events`, 'POST', { ...weekly(), recurrence: undefined, organizer: { emailAddress: { name: 'Katie Jordan', address: 'katie@northwindtraders.com' } } });
    expect(invitation.body).toMatchObject({ isOrganizer: false, organizer: { emailAddress: { address: 'katie@northwindtraders.com' } }, responseStatus: { response: 'notResponded' } });
    expect((await c.graph(`/me/events/${invitation.body.id}/cancel`, { method: 'POST', body: {} })).status).toBe(400);
    expect((await c.graph(`/me/events/${invitation.body.id}/accept`, { method: 'POST', body: { comment: 'See you' } })).status).toBe(202);
    expect((await c.graph(`/me/events/${invitation.body.id}`)).body.responseStatus.response).toBe('accepted');
    const daily = (await c.graph('/me/events', { method: 'POST', body: { ...weekly(), recurrence: { pattern: { type: 'daily', interval: 1 }, range: { type: 'noEnd', startDate: '2026-03-02' } } } })).body;
    const huge = await c.graph(`/me/events/${daily.id}/instances?startDateTime=2026-01-01T00:00:00Z&endDateTime=2200-01-01T00:00:00Z`);
    expect(huge.status).toBe(501);
  });

  it('lets Outlook (the admin API) edit and delete events, occurrences included', async () => {
    const master = (await c.admin(`/mailboxes/${MEGAN}/events`, 'POST', weekly())).body;
    expect(master.type).toBe('seriesMaster');
    const list = await instances(master.id);
    const edited = await c.admin(`/mailboxes/${MEGAN}/events/${list[0]!.id}`, 'PATCH', { subject: 'Edited in Outlook' });
    expect(edited.status).toBe(200);
    expect(edited.body.type).toBe('exception');
    expect((await c.admin(`/mailboxes/${MEGAN}/events/${list[1]!.id}`, 'DELETE')).status).toBe(204);
    expect((await instances(master.id)).map((instance) => instance.subject)).toEqual(['Edited in Outlook', 'Weekly 1:1', 'Weekly 1:1', 'Weekly 1:1', 'Weekly 1:1']);
    const bad = await c.admin(`/mailboxes/${MEGAN}/events`, 'POST', { ...weekly(), recurrence: { pattern: { type: 'hourly' }, range: { type: 'noEnd', startDate: '2026-03-02' } } });
    expect(bad.status).toBe(400);
    expect((await c.admin(`/mailboxes/${MEGAN}/events/${master.id}`, 'DELETE')).status).toBe(204);
    expect((await c.graph('/me/events')).body.value).toHaveLength(0);
  });
});
